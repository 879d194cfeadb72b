"""A city's plan typed into Excel: rows that match no project, two projects of one name, and
file references that cannot be read are each reported where they are, never silently used."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner
from test_batch import fill_workbook

from docgen import inputs
from docgen.cli import main
from docgen.errors import InputError
from docgen.project import load_raw


def workbook(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(main, ["init", "--xlsx", str(path)]).exit_code == 0
    fill_workbook(path, names)
    return path


def add_row(path: Path, sheet_name: str, values: dict[str, object]) -> int:
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    headers = [c.value for c in sheet[1]]
    row = sheet.max_row + 1
    for header, value in values.items():
        sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    book.save(path)
    return row


def errors(path: Path) -> dict[str, str]:
    found = {}
    for item in inputs.items([path]):
        try:
            item.read()
        except InputError as exc:
            found[exc.location.describe()] = exc.message
    return found


def test_a_cost_row_of_no_project_is_reported_with_the_closest_name(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["甲项目", "乙项目"])
    row = add_row(path, "投资构成", {"项目名称": "甲项木", "费用名称": "硬件", "金额（万元）": 10})
    found = errors(path)
    message = found[f"plan.xlsx 工作表「投资构成」 第{row}行"]
    assert "「甲项木」在「项目」工作表中没有" in message and "最接近的是「甲项目」" in message


def test_two_projects_of_one_name_are_both_reported(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["甲项目", "甲项目", "乙项目"])
    found = errors(path)
    assert (
        "也叫「甲项目」" in found["plan.xlsx 工作表「项目」 第3行"]
        and "第4行" in found["plan.xlsx 工作表「项目」 第3行"]
    )
    assert "第3行" in found["plan.xlsx 工作表「项目」 第4行"]
    assert not [place for place in found if "第5行" in place]  # 乙项目 is fine


def test_file_references_are_reported_together_and_where_they_are(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["甲项目"])
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=headers.index("（一）项目提出的背景和依据") + 1, value="文件：缺少一.txt")
    sheet.cell(row=3, column=headers.index("（一）建设目标") + 1, value="文件：缺少二.txt")
    book.save(path)
    (message,) = errors(path).values()
    assert "缺少一.txt" in message and "缺少二.txt" in message

    (tmp_path / "second").mkdir()
    path2 = workbook(tmp_path / "second", ["乙项目"])
    row = add_row(path2, "需求分析报告", {"项目名称": "乙项目", "（二）建设规模和内容": "文件：不存在.txt"})
    found = errors(path2)
    assert list(found) == [f"plan.xlsx 工作表「需求分析报告」 第{row}行"]  # its own sheet and row


def test_an_error_in_a_cost_row_names_the_cost_sheet_and_its_row(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["甲项目"])
    row = add_row(path, "投资构成", {"项目名称": "甲项目", "费用名称": "软件", "费用类别": "软件费", "金额（万元）": 5})
    (item,) = list(inputs.items([path]))
    project = load_raw(item.read())
    placed = [item.place(f) for f in project.findings if f.code == "DG-TYPE"]
    assert placed and all(f.file == "plan.xlsx 工作表「投资构成」" and f.line == row for f in placed), placed


def test_a_plain_workbooks_columns_are_read_by_the_offices_words(tmp_path: Path) -> None:
    from docgen import api

    book = openpyxl.Workbook()
    book.active.append(["序号", "项目名称", "总投资（万元）", "建设地点", "负责人"])
    book.active.append([1, "某平台项目", 480, "大武口区", "张卫东"])
    path = tmp_path / "计划.xlsx"
    book.save(path)
    ((_where, data, error),) = api.workbook_projects(path)
    assert error is None and data is not None
    assert data["project"]["investment"]["total"] == 480
    assert data["project"]["location"] == "大武口区" and data["project"]["leader"]["name"] == "张卫东"
    uses = {use.header: use for _sheet, use in api.workbook_headers(path)}
    assert uses["总投资（万元）"].target == "项目预计总投资（万元）" and not uses["总投资（万元）"].exact
    assert uses["项目名称"].exact and uses["序号"].target is None and uses["序号"].nearest is None
