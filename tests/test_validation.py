"""Validation: every problem at once, each with its Chinese label, data path and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CONTRACT, OUTER_CONTRACT, SAMPLES

import docgen
from docgen.errors import Finding, InputError, Severity

BASE = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")


def load_variant(tmp_path: Path, old: str, new: str, name: str = "p.yaml") -> docgen.LoadedProject:
    assert old in BASE, old
    path = tmp_path / name
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    return docgen.load(path)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


def test_the_contract_example_validates_with_no_findings() -> None:
    assert docgen.load(SAMPLES / "contract-example.yaml").findings == []
    assert docgen.load(CONTRACT).findings == []
    # the sample is the contract, byte for byte
    assert CONTRACT.read_bytes() == (SAMPLES / "contract-example.yaml").read_bytes()


def test_the_kept_contract_is_the_published_one() -> None:
    """The repository keeps its own copy of the public contract; beside a developer's checkout the
    published file is there too, and the two must not drift."""
    if not OUTER_CONTRACT.is_file():
        pytest.skip("no published contract beside this clone (a clean clone, as CI has it)")
    assert OUTER_CONTRACT.read_bytes() == CONTRACT.read_bytes()


def test_unknown_category_names_label_path_line_and_choices(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "category: 工程类 ", "category: 软件类 ")
    f = only(project.findings, "DG-TYPE")
    assert f.field == "project.category"
    assert f.label == "项目信息 › 项目类别"
    assert f.line == line_of(BASE, "category: 工程类 ")
    assert "「项目类别」" in f.message and "软件类" in f.message and "工程类、货物类、服务类" in f.message
    assert f.severity is Severity.ERROR


def test_negative_amount_is_refused(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "this_year: 500 ", "this_year: -1 ")
    f = only(project.findings, "DG-TYPE")
    assert (f.field, f.line) == ("project.investment.this_year", line_of(BASE, "this_year: 500"))
    assert f.message == "「本年度预计投入（万元）」不能小于 0"


def test_an_amount_to_the_fen_is_kept_and_finer_is_refused(tmp_path: Path) -> None:
    """万元 to the 分 (8,600,000.50 元 is 860.00005 万元) is an amount; a thousandth of a 分 is not."""
    kept = load_variant(tmp_path, "total: 860 ", "total: 860.00005 ")
    assert kept.data is not None and str(kept.data.project.investment.total) == "860.00005"
    assert not [f for f in kept.findings if f.field == "project.investment.total" and f.code == "DG-TYPE"]
    project = load_variant(tmp_path, "total: 860 ", "total: 860.0000001 ")
    f = only(project.findings, "DG-TYPE")
    assert f.field == "project.investment.total" and "6 位小数" in f.message


def test_text_where_a_date_is_due(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "start: 2027-03-01", "start: 明年三月")
    f = only(project.findings, "DG-TYPE")
    assert f.field == "project.schedule.start"
    assert f.label == "项目信息 › 项目计划时间 › 起始时间"
    assert "应为日期（如 2026-11-20）" in f.message and "明年三月" in f.message


def test_schedule_end_before_start(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "end: 2028-02-29", "end: 2027-01-31")
    f = only(project.findings, "DG-SCHEDULE")
    assert (f.field, f.label) == ("project.schedule.end", "项目信息 › 项目计划时间 › 完成时间")
    assert f.line == line_of(BASE, "end: 2028-02-29")
    assert "早于" in f.message


def test_this_year_above_total(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "this_year: 500 ", "this_year: 900 ")
    f = only(project.findings, "DG-THIS-YEAR")
    assert f.field == "project.investment.this_year"
    assert f.message == "「本年度预计投入（万元）」900 大于「项目预计总投资（万元）」860"


def test_sources_that_do_not_add_up_are_a_warning(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "municipal: 560 ", "municipal: 500 ")
    f = only(project.findings, "DG-SOURCES")
    assert f.severity is Severity.WARNING
    assert f.field == "project.investment.sources" and f.line == line_of(BASE, "sources:")
    assert "800" in f.message and "860" in f.message
    assert project.ok  # a warning does not block the build


def test_investment_items_that_do_not_add_up(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "category: 预备费, amount: 40}", "category: 预备费, amount: 41}")
    f = only(project.findings, "DG-ITEMS")
    assert f.severity is Severity.ERROR and "861" in f.message


@pytest.mark.parametrize(
    "phone",
    [
        "0952-2011234",
        "13800000000",
        "+86 13800000000",
        "0952-2011234转8001",
        "12345",
        "(0952)2011234",
        "0952-2011234、13800000000",
    ],
)
def test_plausible_phone_numbers_pass(tmp_path: Path, phone: str) -> None:
    project = load_variant(tmp_path, "phone: 0952-2011234 ", f'phone: "{phone}" ')
    assert [f for f in project.findings if f.code == "DG-PHONE"] == []


@pytest.mark.parametrize("phone", ["abc", "2011", "0952-12", "1380000000"])
def test_implausible_phone_numbers_warn(tmp_path: Path, phone: str) -> None:
    project = load_variant(tmp_path, "phone: 0952-2011234 ", f'phone: "{phone}" ')
    f = only(project.findings, "DG-PHONE")
    assert (f.field, f.line) == ("project.leader.phone", line_of(BASE, "phone: 0952-2011234"))
    assert f.label == "项目信息 › 项目负责人 › 联系电话"


def test_missing_report_section_is_reported(tmp_path: Path) -> None:
    text = BASE.replace("    function_performance: >-", "    function_performance_missing: >-", 1)
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    findings = docgen.load(path).findings
    f = only(findings, "DG-REQUIRED")
    assert f.field == "requirements_report.analysis.function_performance"
    assert f.label == "需求分析报告 › 三、需求分析 › （三）功能和性能需求分析"
    assert f.line == line_of(text, "  analysis:")
    assert only(findings, "DG-UNKNOWN-KEY").field == "requirements_report.analysis.function_performance_missing"


def test_empty_report_section_is_reported(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "  overview: >-", '  overview: "  "\n  overview_old: >-')
    assert only(project.findings, "DG-REQUIRED").field == "requirements_report.overview"


def test_missing_mandatory_field_of_a_person_names_the_person(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "    name: 王建国\n", "")
    f = only(project.findings, "DG-REQUIRED")
    assert f.field == "project.leader.name"
    assert f.message == "「项目负责人」的「姓名」不能为空"


def test_a_missing_value_an_article_requires_is_reported_once_with_its_article(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "    name: 李文\n", "")
    assert not [f for f in project.findings if f.code == "DG-REQUIRED"]
    f = only(project.findings, "SZS-23")
    assert (f.field, f.article) == ("project.responsible_person.name", "第二十三条")
    assert f.message.endswith("（第二十三条）")


def test_table_row_of_the_wrong_width(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "- [企业开办, 2.4, 300]", "- [企业开办, 2.4]")
    f = only(project.findings, "DG-TABLE")
    assert f.field == "requirements_report.analysis.business[1].table.rows[0]"
    assert f.line == line_of(BASE, "- [企业开办, 2.4, 300]")


def test_every_problem_is_reported_at_once() -> None:
    findings = docgen.load(SAMPLES / "broken-rules.yaml").findings
    codes = sorted(f.code for f in findings)
    assert codes == sorted(
        [
            "DG-APPENDIX",  # broken-rules.yaml has no report at all
            "DG-TYPE",
            "DG-REQUIRED",
            "DG-REQUIRED",
            "DG-REQUIRED",
            "DG-SCHEDULE",
            "DG-THIS-YEAR",
            "DG-SOURCES",
            "DG-PHONE",
            "DG-TABLE",
            "SZS-11.1",
            "SZS-13.2",
            "SZS-13.3",  # SZS-21 is quiet: the summary states 「按等级保护第二级建设」
            "SZS-23",
            "SZS-23",
        ]
    )
    assert all(f.line is not None and f.label for f in findings)


def test_no_english_validation_message_reaches_a_user() -> None:
    for f in docgen.load(SAMPLES / "broken-rules.yaml").findings:
        assert not any(word in f.message for word in ("Input should", "value_error", "Field required")), f


def test_json_input_is_read_with_decimal_amounts(tmp_path: Path) -> None:
    import json

    from docgen.sources.yaml_source import make_yaml

    data = make_yaml().load(BASE)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    project = docgen.load(path)
    assert project.findings == []
    assert str(project.data.requirements_report.analysis.business[1].table.rows[0][1]) == "2.4"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("project: [unclosed", "YAML 格式错误"),
        ("- just\n- a list\n", "顶层应为键值映射"),
        ("a: 1\na: 2\n", "重复的键"),
        ("a:\n\tb: 1\n", "不能用 Tab 键缩进"),
        ("a: b: c\n", "值中含冒号时请给整个值加引号"),
        ("d: 2026-02-30\n", "无效的值"),
        ("a: " + "[" * 5000, "嵌套层级超过"),
    ],
)
def test_unreadable_input_raises_a_chinese_input_error(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        docgen.load(path)
    assert needle in info.value.message and info.value.exit_code == 2


def test_gbk_encoded_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(BASE.encode("gb18030"))
    assert docgen.load(path).findings == []


def test_alias_bombs_are_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match="别名炸弹"):
        docgen.load(path)


def test_missing_image_file_is_reported(tmp_path: Path) -> None:
    text = (SAMPLES / "service-12345-om.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"  # images/ is not beside this copy
    path.write_text(text, encoding="utf-8")
    f = only(docgen.load(path).findings, "DG-IMAGE")
    assert f.field == "requirements_report.analysis.business[1].image.path"
    assert f.line == line_of(text, "path: images/12345-architecture.png")
    assert "images/12345-architecture.png" in f.message


def test_missing_declaration_date_is_a_warning(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "  date: 2026-11-20 ", "  date: null ")
    f = only(project.findings, "DG-DECL-DATE")
    assert f.severity is Severity.WARNING and f.field == "declaration.date" and project.ok


def test_partly_filled_review_is_a_warning(tmp_path: Path) -> None:
    project = load_variant(tmp_path, "result: null                 # 审查结果：符合 / 不符合", "result: 符合")
    f = only(project.findings, "DG-REVIEW")
    assert f.field == "review.network_security" and "网络安全审查" in f.message


def test_a_file_that_is_not_a_picture_is_reported_before_rendering(tmp_path: Path) -> None:
    text = (SAMPLES / "service-12345-om.yaml").read_text(encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "12345-architecture.png").write_text("not a picture", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    f = only(docgen.load(path).findings, "DG-IMAGE")
    assert "不是 PNG、JPEG、GIF 或 BMP 图片" in f.message
