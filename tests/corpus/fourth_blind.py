# ruff: noqa: E501  (table rows and markup read best on one line)
"""The fourth blind corpus: 32 documents (21 filled 附件1, 6 附件2, 4 reports and one document holding
two projects) with habits no earlier blind set has, written — verdicts and all, in ``manifest.yaml`` under
``blind: fourth`` — before docgen was run on them: forms copied out of a PDF into Word (every line a
paragraph, label and value parted by runs of spaces, long values wrapped onto lines of their own, a
cell's value broken into paragraphs); labels numbered as offices number them (「1. 」「一、」「（一）」)
or carrying footnote marks (「项目名称*」「计划资金来源②」); full-width digits; a landscape 2×N form
(label | value | label | value); a two-column form broken over two tables with its header row repeated
after 「续表」; 「万元（大写：…）」; printed underlines left as blanks or typed on; 【√】 and ●/○ marks;
「2027年3月—12月」; two projects in one document; 附件2 results written 「通过」「不通过」「同意」 and
a 审查结论 column; reports with 第一部分 chapters in bold paragraphs, copied from a PDF with its running
title and page numbers, numbered in full-width digits.

Run from the repository root:  .venv/bin/python tests/corpus/fourth_blind.py [NAME.docx …]
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from blind_forms import (
    APP_TITLE,
    CN,
    SEC_TITLE,
    Filled,
    Grid,
    day,
    docx_grid,
    filled,
    form_document,
    make,
    new_document,
    official_application,
    official_security,
    page_break,
    para,
    report_blocks,
    wan,
)
from docx.enum.section import WD_ORIENT
from third_blind import KEYS, S, grid_map, plan

SOURCE_NAMES = ("国家资金", "自治区资金", "市级资金", "社会资金")
PDF_GAP = "        "
FULL = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


def numbered(labels: Callable[[int, str], str]) -> Callable[[str], str]:
    """Prefix each printed label of the grid with its number as ``labels(n, label)`` writes it."""
    order = [
        "项目建设单位", "项目负责人", "联系电话", "参与建设单位", "项目名称", "项目类别", "项目建设地址", "项目建设依据",
        "项目计划时间", "项目准备情况", "项目预计\n总投资（万元）", "本年度预计\n投入（万元）", "计划资金来源", "申报材料", "备注",
    ]  # fmt: skip
    return lambda cell: labels(order.index(cell) + 1, cell) if cell in order else cell


def pdf_lines(v: Filled, title: str = APP_TITLE) -> list[str]:
    """附件1 as text copied out of a PDF: one line a paragraph, label and value parted by spaces."""
    sources = "    ".join(f"{name} {wan(v[S + k])}万元" for name, k in zip(SOURCE_NAMES, KEYS, strict=True))
    return [
        "附件1",
        title,
        f"项目申报单位：{v.text('declaration.applicant')}{PDF_GAP}{PDF_GAP}{day(v['declaration.date'])}",
        f"项目建设单位{PDF_GAP}{v.text('project.owner_unit')}",
        f"项目负责人{PDF_GAP}{v.text('project.leader.name')}{PDF_GAP}联系电话{PDF_GAP}{v.text('project.leader.phone')}",
        f"参与建设单位{PDF_GAP}{v.participating}",
        f"项目名称{PDF_GAP}{v.text('project.name')}",
        f"项目类别{PDF_GAP}{v.text('project.category')}",
        f"项目建设地址{PDF_GAP}{v.location}",
        f"项目建设依据{PDF_GAP}{v.basis.replace(chr(10), '；')}",
        f"项目计划时间{PDF_GAP}{day(v['project.schedule.start'])}至{day(v['project.schedule.end'])}",
        f"项目准备情况{PDF_GAP}{v.preparation}",
        f"项目预计总投资（万元）{PDF_GAP}{wan(v['project.investment.total'])}",
        f"本年度预计投入（万元）{PDF_GAP}{wan(v['project.investment.this_year'])}",
        f"计划资金来源{PDF_GAP}{sources}",
        f"申报材料{PDF_GAP}{v.materials.replace(chr(10), '；')}",
    ]


def lines_document(path: Path, lines: list[str]) -> None:
    d = new_document()
    for n, line in enumerate(lines):
        para(d, line, bold=n == 1, size=18 if n == 1 else None, center=n == 1)
    d.save(path)


# ---------------------------------------------------------------- 附件1, sound


def b01_pdf_spaces(path: Path) -> None:
    lines_document(path, pdf_lines(filled(path.name)))


def b02_pdf_wrapped(path: Path) -> None:
    v = filled(path.name)
    lines = pdf_lines(v)
    name = v.text("project.name")
    at = lines.index(f"项目名称{PDF_GAP}{name}")
    lines[at : at + 1] = [f"项目名称{PDF_GAP}{name[:14]}", f"{PDF_GAP}    {name[14:]}"]
    at = next(n for n, line in enumerate(lines) if line.startswith("项目准备情况"))
    lines[at : at + 1] = [lines[at][:30], f"{PDF_GAP}    {lines[at][30:]}"]
    lines_document(path, lines)


def b03_arabic_numbers(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, grid_map(official_application(v), numbered(lambda n, label: f"{n}. {label}")))
    d.save(path)


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def b04_chinese_numbers(path: Path) -> None:
    v = filled(path.name)
    grid = grid_map(official_application(v), numbered(lambda n, label: f"{cn(n)}、{label}"))
    grid[9] = [grid[9][0], *(f"（{CN[n // 2]}）{c}" if c not in ("<", "^") else c for n, c in enumerate(grid[9][1:]))]
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


def full_width(text: str) -> str:
    return text.translate(FULL)


def b05_full_width(path: Path, phone: str | None = None) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: full_width(wan(v[k])), plan=full_width(plan(v)))
    grid[0][6] = v.text("project.leader.name")
    grid[1][6] = full_width(v.text("project.leader.phone"))
    d = form_document(v, date_text=full_width(day(v["declaration.date"])))
    docx_grid(d, grid)
    d.save(path)


def b06_footnote_marks(path: Path) -> None:
    marks = {
        "项目名称": "项目名称*",
        "项目预计\n总投资（万元）": "项目预计\n总投资（万元）①",
        "计划资金来源": "计划资金来源②",
        "项目计划时间": "项目计划时间③",
    }
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, grid_map(official_application(v), lambda c: marks.get(c, c)))
    para(d, "注：*填写项目全称；①含工程费、设备费、预备费和其他费用；②按资金性质分别填写；③填写计划开工和竣工时间。")
    d.save(path)


def landscape(d: Any) -> None:
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def two_by_n(v: Filled) -> Grid:
    return [
        ["项目建设单位", v.text("project.owner_unit"), "项目名称", v.text("project.name")],
        ["项目负责人", v.text("project.leader.name"), "联系电话", v.text("project.leader.phone")],
        ["项目类别", v.text("project.category"), "参与建设单位", v.participating],
        ["项目建设地址", v.location, "项目建设依据", v.basis],
        ["起始时间", day(v["project.schedule.start"]), "完成时间", day(v["project.schedule.end"])],
        ["项目准备情况", v.preparation, "申报材料", v.materials],
        [
            "项目预计总投资（万元）",
            wan(v["project.investment.total"]),
            "本年度预计投入（万元）",
            wan(v["project.investment.this_year"]),
        ],
        ["国家资金（万元）", wan(v[S + "national"]), "自治区资金（万元）", wan(v[S + "autonomous_region"])],
        ["市级资金（万元）", wan(v[S + "municipal"]), "社会资金（万元）", wan(v[S + "social"])],
        ["备注", "", "<", "<"],
    ]


def b07_landscape(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    landscape(d)
    docx_grid(d, two_by_n(v))
    d.save(path)


def b08_continued_header(path: Path) -> None:
    v = filled(path.name)
    rows = [
        ["项目建设单位", v.text("project.owner_unit")],
        ["项目负责人", v.text("project.leader.name")],
        ["联系电话", v.text("project.leader.phone")],
        ["参与建设单位", v.participating],
        ["项目名称", v.text("project.name")],
        ["项目类别", v.text("project.category")],
        ["项目建设地址", v.location],
        ["项目建设依据", v.basis],
        ["项目计划时间", plan(v)],
        ["项目准备情况", v.preparation],
        ["项目预计总投资（万元）", wan(v["project.investment.total"])],
        ["本年度预计投入（万元）", wan(v["project.investment.this_year"])],
        *([f"{name}（万元）", wan(v[S + k])] for name, k in zip(SOURCE_NAMES, KEYS, strict=True)),
        ["申报材料", v.materials],
        ["备注", ""],
    ]
    head = ["栏　目", "填写内容"]
    d = form_document(v)
    docx_grid(d, [head, *rows[:10]])
    page_break(d)
    para(d, "续表")
    docx_grid(d, [head, *rows[10:]])
    d.save(path)


def b09_capitals(path: Path) -> None:
    v = filled(path.name)
    capitals = {"project.investment.total": "捌佰陆拾万元整", "project.investment.this_year": "伍佰万元整"}
    d = form_document(v)
    docx_grid(
        d, official_application(v, lambda k: f"{wan(v[k])}万元（大写：{capitals[k]}）" if k in capitals else wan(v[k]))
    )
    d.save(path)


def b10_underlines(path: Path) -> None:
    v = filled(path.name, participating="__________", remarks="＿＿＿＿＿＿")
    d = form_document(v)
    docx_grid(d, official_application(v))
    d.save(path)


def category_marked(path: Path, text: str) -> None:
    v = filled(path.name)
    grid = official_application(v)
    grid[3][6] = text
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


def b11_bracket_ticks(path: Path) -> None:
    category_marked(path, "【√】工程类　【　】货物类　【　】服务类")


def b12_radio_dots(path: Path) -> None:
    category_marked(path, "○工程类　●货物类　○服务类")


def b13_month_range_one_year(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, official_application(v, plan="2027年3月—12月"))
    d.save(path)


def b14_header_on_underline(path: Path) -> None:
    v = filled(path.name)
    d = new_document()
    para(d, "附件1")
    para(d, APP_TITLE, bold=True, size=20, center=True)
    para(d, f"项目申报单位：__{v.text('declaration.applicant')}__　　申报日期：2026 年 11 月 26 日")
    docx_grid(d, official_application(v))
    d.save(path)


def b15_name_in_two_paragraphs(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v)
    name = v.text("project.name")
    grid[3][1] = f"{name[:11]}\n{name[11:]}"
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


# ---------------------------------------------------------------- 附件1, faulty


def d16_two_projects(path: Path) -> None:
    d = new_document()
    for n, (unit, name, leader, phone, total) in enumerate(
        (
            ("石嘴山市林业和草原局", "石嘴山市林草资源监测平台建设项目", "贺兰", "0952-2015511", "300"),
            ("石嘴山市气象局", "石嘴山市智慧气象服务平台建设项目", "白杨", "0952-2016622", "260"),
        )
    ):
        if n:
            page_break(d)
        values = {
            "declaration.applicant": unit, "declaration.date": "2026-11-28", "project.owner_unit": unit,
            "project.leader.name": leader, "project.leader.phone": phone, "project.name": name, "project.category": "工程类",
            "project.schedule.start": "2027-03-01", "project.schedule.end": "2027-12-31",
            "project.investment.total": total, "project.investment.this_year": total,
            S + "national": "0", S + "autonomous_region": "100", S + "municipal": str(int(total) - 100), S + "social": "0",
        }  # fmt: skip
        v = Filled(values)
        para(d, "附件1")
        para(d, APP_TITLE, bold=True, size=20, center=True)
        para(d, f"项目申报单位：{unit}                    {day('2026-11-28')}")
        docx_grid(d, official_application(v))
    d.save(path)


def d17_required_underline(path: Path) -> None:
    v = filled(path.name, location="________________")
    d = form_document(v)
    docx_grid(d, official_application(v))
    d.save(path)


def d18_day_missing(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v, date_text="2026年11月　　日")
    docx_grid(d, official_application(v))
    d.save(path)


def d19_numbered_over_total(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, grid_map(official_application(v), numbered(lambda n, label: f"{n}.{label}")))
    d.save(path)


def d20_landscape_sources(path: Path) -> None:
    b07_landscape(path)


def d21_capitals_disagree(path: Path) -> None:
    v = filled(path.name)
    written = {"project.investment.total": "860万元（大写：捌佰伍拾万元整）", "project.investment.this_year": "500万元"}
    d = form_document(v)
    docx_grid(d, official_application(v, lambda k: written.get(k) or wan(v[k])))
    d.save(path)


def d22_full_width_short_phone(path: Path) -> None:
    b05_full_width(path)


# ---------------------------------------------------------------- 附件2


def review_lines(v: Filled, part: str, result: str) -> str:
    """A review block; ``result`` the words after 「审查结果：」, or a line of its own (「审查意见：同意」)."""
    head = result if "：" in result else f"审查结果：{result}"
    return f"{head}\n审查单位：{v.text(f'review.{part}.unit')}\n{day(v[f'review.{part}.date'])}"


def security_with(path: Path, network: str, crypto: str) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = review_lines(v, "network_security", network)
    grid[7][1] = review_lines(v, "cryptography", crypto)
    d = form_document(v, number=2)
    docx_grid(d, grid)
    d.save(path)


def s23_passed(path: Path) -> None:
    security_with(path, "通过", "通过")


def s24_not_passed(path: Path) -> None:
    security_with(path, "不通过", "通过")


def s25_agreed(path: Path) -> None:
    security_with(path, "符合", "审查意见：同意")


def s26_bracket_ticks(path: Path) -> None:
    security_with(path, "【√】符合　【　】不符合", "【√】符合　【　】不符合")


def s27_pdf_spaces(path: Path) -> None:
    v = filled(path.name)
    lines = [
        "附件2",
        SEC_TITLE,
        f"项目申报单位：{v.text('declaration.applicant')}{PDF_GAP}{PDF_GAP}{day(v['declaration.date'])}",
        f"项目建设单位{PDF_GAP}{v.text('project.owner_unit')}",
        f"项目负责人{PDF_GAP}{v.text('project.leader.name')}{PDF_GAP}联系电话{PDF_GAP}{v.text('project.leader.phone')}",
        f"项目名称{PDF_GAP}{v.text('project.name')}",
        f"项目类别{PDF_GAP}{v.text('project.category')}",
        f"项目建设内容{PDF_GAP}{v.content}",
        f"网络安全保护基本情况{PDF_GAP}{v.network}",
        "网络安全审查",
        *review_lines(v, "network_security", "符合").split("\n"),
        f"密码保护应用基本情况{PDF_GAP}{v.crypto}",
        "密码保护审查",
        *review_lines(v, "cryptography", "符合").split("\n"),
    ]
    lines_document(path, lines)


def s28_conclusion_column(path: Path) -> None:
    v = filled(path.name)
    grid = [row for n, row in enumerate(official_security(v)) if n not in (5, 7)]
    d = form_document(v, number=2)
    docx_grid(d, grid)
    para(d, "审查意见", bold=True)
    rows: Grid = [["审查项目", "审查结论", "审查单位", "审查日期"]]
    for label, part in (("网络安全审查", "network_security"), ("密码保护审查", "cryptography")):
        rows.append([label, "✓符合", v.text(f"review.{part}.unit"), day(v[f"review.{part}.date"])])
    docx_grid(d, rows)
    d.save(path)


# ---------------------------------------------------------------- 附件3


def bold_parts(path: Path, project: str, unit: str, skip: set[tuple[int, int | None]] = frozenset()) -> None:  # type: ignore[assignment]
    d = new_document()
    for b in report_blocks(project, unit, skip=skip):
        if b.kind == "h1":
            para(d, f"第{b.number[0]}部分　{b.text}", bold=True, size=16)
        elif b.kind == "h2":
            para(d, f"{b.number[1]}、{b.text}", bold=True)
        else:
            para(d, b.text, bold=b.kind == "title", size=22 if b.kind == "title" else None, center=b.kind == "title")
    d.save(path)


def r29_parts_bold(path: Path) -> None:
    bold_parts(path, "石嘴山市智慧停车管理平台建设项目", "石嘴山市公安局交通警察支队")


def r30_pdf_copy(path: Path) -> None:
    project, unit = "石嘴山市社会信用信息平台升级项目", "石嘴山市发展和改革委员会"
    d = new_document()
    page = 1
    for count, b in enumerate(report_blocks(project, unit), 1):
        if b.kind in ("h1", "h2"):
            para(d, b.number + b.text)
        elif b.kind == "title":
            para(d, b.text, center=True)
        else:
            text = b.text
            while text:  # the PDF's line ends: 28 characters a line
                para(d, text[:28])
                text = text[28:]
        if count % 9 == 0:
            para(d, f"— {page} —", center=True)
            para(d, f"{project}需求分析报告", center=True)
            page += 1
    d.save(path)


def r31_full_width_numbers(path: Path) -> None:
    d = new_document()
    chapter = 0
    for b in report_blocks("石嘴山市政务服务好差评系统建设项目", "石嘴山市政务服务管理局"):
        if b.kind == "h1":
            n = CN.index(b.number[0]) + 1
            para(d, full_width(f"{n}.") + b.text, bold=True, size=16)
            chapter = n
        elif b.kind == "h2":
            para(d, full_width(f"{chapter}.{CN.index(b.number[1]) + 1}") + "　" + b.text, bold=True)
        else:
            para(d, b.text, bold=b.kind == "title", size=22 if b.kind == "title" else None, center=b.kind == "title")
    d.save(path)


def r32_parts_missing_section(path: Path) -> None:
    bold_parts(path, "石嘴山市智慧环卫平台建设项目", "石嘴山市城市管理局", skip={(2, 2)})


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-PDF复制空格分隔.docx": b01_pdf_spaces,
    "申报表-PDF复制值折行.docx": b02_pdf_wrapped,
    "申报表-标签带阿拉伯编号.docx": b03_arabic_numbers,
    "申报表-标签带中文编号.docx": b04_chinese_numbers,
    "申报表-全角数字.docx": b05_full_width,
    "申报表-标签带脚注标记.docx": b06_footnote_marks,
    "申报表-横向两栏.docx": b07_landscape,
    "申报表-续表重复表头.docx": b08_continued_header,
    "申报表-金额带大写.docx": b09_capitals,
    "申报表-下划线空白.docx": b10_underlines,
    "申报表-方括号勾选类别.docx": b11_bracket_ticks,
    "申报表-圆点单选类别.docx": b12_radio_dots,
    "申报表-计划时间同年月份区间.docx": b13_month_range_one_year,
    "申报表-表头值写在下划线上.docx": b14_header_on_underline,
    "申报表-单元格内名称分两段.docx": b15_name_in_two_paragraphs,
    "申报表-一份文档两个项目.docx": d16_two_projects,
    "申报表-必填项只有下划线.docx": d17_required_underline,
    "申报表-申报日期缺日.docx": d18_day_missing,
    "申报表-编号标签本年度超总投资.docx": d19_numbered_over_total,
    "申报表-横向两栏资金来源不符.docx": d20_landscape_sources,
    "申报表-大写与小写不一致.docx": d21_capitals_disagree,
    "申报表-全角数字电话位数不够.docx": d22_full_width_short_phone,
    "审查表-审查结果写通过.docx": s23_passed,
    "审查表-审查结果写不通过.docx": s24_not_passed,
    "审查表-审查意见写同意.docx": s25_agreed,
    "审查表-方括号勾选结果.docx": s26_bracket_ticks,
    "审查表-PDF复制空格分隔.docx": s27_pdf_spaces,
    "审查表-审查结论栏打勾.docx": s28_conclusion_column,
    "报告-第一部分加粗段落.docx": r29_parts_bold,
    "报告-PDF复制带页眉页码.docx": r30_pdf_copy,
    "报告-全角数字编号.docx": r31_full_width_numbers,
    "报告-第一部分缺一节.docx": r32_parts_missing_section,
}


if __name__ == "__main__":
    make(MAKERS)
