"""The same value, the same answer, everywhere: one reading of what people type, for YAML,
JSON and JSON Lines and workbook rows alike, and a warning saying what was converted."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import SAMPLES

import docgen
from docgen.cli import main
from docgen.inputs import items
from docgen.project import load_raw
from docgen.sources import read

BASE = read(SAMPLES / "contract-example.yaml").data


def with_values(**changes: object) -> dict:  # type: ignore[type-arg]
    data = json.loads(json.dumps(BASE, default=str))
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split("__")
        for key in parents:
            node = node[key]
        node[last] = value
    return data


def yaml_text(value: str) -> str:
    return (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8").replace("total: 860 ", f"total: {value} ")


@pytest.mark.parametrize("typed", ["860", "８６０", "860万元", "860万", "860.0"])
def test_amounts_as_people_write_them(tmp_path: Path, typed: str) -> None:
    data = tmp_path / "p.yaml"
    data.write_text(yaml_text(f'"{typed}"'), encoding="utf-8")
    project = docgen.load(data)
    assert project.data.project.investment.total == Decimal(860)
    assert [f.code for f in project.findings if f.severity == "error"] == []
    notes = [f for f in project.findings if f.code == "DG-NORMALIZED"]
    if typed not in ("860", "860.0"):
        (note,) = notes
        assert note.message.startswith("「项目预计总投资（万元）」填写的「") and note.line is not None


def test_thousands_separators_in_data_files_and_the_workbook_read_the_same(tmp_path: Path) -> None:
    found = []
    for typed in ("1,200", "1，200"):
        data = with_values(project__investment__total=typed, project__investment__this_year="1200")
        found.append(docgen.load_data(data).data.project.investment.total)
    workbook = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(main, ["init", "--xlsx", str(workbook)]).exit_code == 0
    book = openpyxl.load_workbook(workbook)
    main_sheet, costs = book["项目"], book["投资构成"]
    labels = [c.value for c in main_sheet[1]]
    row = [None] * len(labels)
    row[labels.index("项目名称")] = "甲项目"
    row[labels.index("项目预计总投资（万元）")] = "1,200"
    main_sheet.cell(row=3, column=1)  # rows from the third on are projects
    for column, value in enumerate(row, start=1):
        main_sheet.cell(row=3, column=column, value=value)
    cost_labels = [c.value for c in costs[1]]
    cost = [None] * len(cost_labels)
    cost[0] = "甲项目"
    cost[cost_labels.index("金额（万元）")] = "1，200"
    for column, value in enumerate(cost, start=1):
        costs.cell(row=3, column=column, value=value)
    book.save(workbook)
    (item,) = list(items([workbook]))
    project = load_raw(item.read())
    assert project.data.project.investment.total == Decimal(1200)
    assert project.data.project.investment.items[0].amount == Decimal(1200)  # the same answer on both sheets
    assert found == [Decimal(1200), Decimal(1200)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("是", True), ("否", False), ("有", True), ("无", False), ("TRUE", True), ("√", True), ("×", False)],
)
def test_yes_and_no_in_chinese(typed: str, expected: bool) -> None:
    project = docgen.load_data(with_values(project__classified=typed))
    assert project.data.project.classified is expected


@pytest.mark.parametrize("typed", ["yes", "Y", "1", "on"])
def test_other_yes_words_are_refused_naming_the_accepted_ones(typed: str) -> None:
    (finding,) = [f for f in docgen.load_data(with_values(project__classified=typed)).findings if f.code == "DG-TYPE"]
    assert "应为 是 或 否" in finding.message and typed in finding.message


@pytest.mark.parametrize(
    ("typed", "expected"), [("是", True), ("√", True), ("否", False), ("×", False), ("Y", None), ("1", None)]
)
def test_yes_and_no_read_alike_in_a_file_a_workbook_cell_and_the_desk(
    typed: str, expected: bool | None, tmp_path: Path
) -> None:
    """One reading of 是/否 for every input: what a data file, a workbook cell and the desk's field do
    with the same words is the same (「Y」「1」 refused by each, naming the field)."""
    from openpyxl import load_workbook

    from docgen.fields import find
    from docgen.normalize import Unreadable, read_input
    from docgen.sources.workbook import read_rows
    from docgen.spreadsheet import layout, write_template

    in_file = docgen.load_data(with_values(project__classified=typed))
    book = tmp_path / "plan.xlsx"
    book.write_bytes(write_template(book))
    workbook = load_workbook(book)
    sheet = workbook["项目"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("项目名称") + 1, value="甲项目")
    sheet.cell(row=3, column=header.index("是否涉密") + 1, value=typed)
    workbook.save(book)
    (row,) = read_rows(book, layout())
    from_cell = load_raw(row.raw) if row.raw is not None else None
    node = find(("project", "classified"))
    assert node is not None
    if expected is None:
        assert any(f.code == "DG-TYPE" and f.field == "project.classified" for f in in_file.findings)
        assert from_cell is not None and any(
            f.code == "DG-TYPE" and f.field == "project.classified" for f in from_cell.findings
        )
        with pytest.raises(Unreadable, match="应为「是」或「否」"):
            read_input(node, typed)
    else:
        assert in_file.data.project.classified is expected
        assert from_cell is not None and from_cell.data.project.classified is expected
        assert read_input(node, typed) is expected


@pytest.mark.parametrize("typed", ["2026/11/20", "2026.11.20", "2026年11月20日"])
def test_dates_as_people_write_them(typed: str) -> None:
    project = docgen.load_data(with_values(declaration__date=typed))
    assert str(project.data.declaration.date) == "2026-11-20"
    assert any(f.code == "DG-NORMALIZED" and typed in f.message for f in project.findings)


def test_a_date_in_a_wrong_form_is_one_finding() -> None:
    findings = [f for f in docgen.load_data(with_values(declaration__date="11月20日")).findings]
    about = [f.code for f in findings if f.field == "declaration.date"]
    assert about == ["DG-TYPE"]  # not also 「申报日期」未填写


def test_phone_numbers_fold_width_and_a_lost_leading_zero_is_said() -> None:
    wide = docgen.load_data(with_values(project__leader__phone="０９５２－２０１１２３４"))
    assert wide.data.project.leader.phone == "0952-2011234"
    lost = docgen.load_data(with_values(project__leader__phone=9522011234))
    (note,) = [f for f in lost.findings if f.code == "DG-NORMALIZED"]
    assert "开头的 0" in note.message and "09522011234" in note.message


def test_surrounding_spaces_are_trimmed_without_a_word() -> None:
    project = docgen.load_data(with_values(project__name="  某平台建设项目\u3000"))
    assert project.data.project.name == "某平台建设项目"
    assert not [f for f in project.findings if f.field == "project.name"]


@pytest.mark.parametrize("phone", ["139 9520 1234", "0952 201 1234", "+86 139 9520 1234", "0952-201 1234"])
def test_phone_numbers_grouped_by_spaces_are_phone_numbers(phone: str) -> None:
    project = docgen.load_data(with_values(project__leader__phone=phone))
    assert [f for f in project.findings if f.code == "DG-PHONE"] == []


@pytest.mark.parametrize("written", ["待定", "待补充", "同上", "……", "（略）", "见上文", "详见附件", "无", "XXX"])
def test_a_mandatory_field_holding_only_a_placeholder_is_empty(written: str) -> None:
    project = docgen.load_data(with_values(project__preparation=written))
    (finding,) = [f for f in project.findings if f.field == "project.preparation"]
    assert finding.code == "DG-REQUIRED" and "「项目准备情况」" in finding.message
    assert written.strip("（）") in finding.message  # what was written is said


@pytest.mark.parametrize(
    ("text", "listed", "placeholder"),
    [
        ("详见附件2", ["附件1：《石嘴山市政务信息化项目管理办法》", "附件2：《需求调研报告》"], False),
        ("详见附件3", ["1．《石嘴山市政务信息化项目管理办法》", "2．《需求调研报告》"], True),
        ("详见附件《需求调研报告》", ["1．《石嘴山市政务信息化项目管理办法》", "2．《需求调研报告》"], False),
        ("详见附件《可行性研究报告》", ["1．《需求调研报告》"], True),
        ("详见附件", [], True),
        ("略有调整，见下表", [], False),
    ],
)
def test_see_the_appendix_says_something_only_when_that_appendix_is_listed(
    text: str, listed: list[str], placeholder: bool
) -> None:
    from docgen.normalize import is_placeholder

    assert is_placeholder(text, listed) is placeholder
