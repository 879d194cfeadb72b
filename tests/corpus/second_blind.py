# ruff: noqa: E501  (table rows and markup read best on one line)
"""The second blind corpus: 30 documents (21 filled 附件1, 5 附件2, 4 reports) with habits the first
blind set (blind_forms.py) does not have, written — verdicts and all, in ``manifest.yaml`` under
``blind: second`` — after the reader had been fixed against the first set, and before it was run on
these: forms with no table at all (「项目名称：…」 paragraphs under the form's title), every label in one
row over every value (a spreadsheet row), labels merged down the label column with sub-labels beside
them, a form broken between the sources' names and their amounts, amounts in 元 to the 分
(8,600,000.50) and as finance writes them (「人民币伍佰贰拾万元整（¥5,200,000.00）」), 「1,280.5万元」,
计划资金来源 as one sentence naming only some sources, dates as 2027.03.01, 2027/9/30 and
「二〇二七年三月至二〇二七年十二月」, cell- and row-level content controls, drop-down and date-picker
controls, a header line in a text box, and producers not used before: LibreOffice from .doc (Word 97)
and from a real .odt, the npm ``docx`` library's headings.

Run from the repository root:  .venv/bin/python tests/corpus/second_blind.py [NAME.docx …]
Tools for making (not for testing — the .docx files are committed): LibreOffice, pandoc, node with
the npm package ``docx`` (see office_forms.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from decimal import Decimal
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
    fodt,
    fodt_h,
    fodt_p,
    form_document,
    html_page,
    html_table,
    make,
    minimal_package,
    new_document,
    official_application,
    official_security,
    page_break,
    para,
    parts,
    regions,
    report_blocks,
    rtf,
    rtf_p,
    rtf_table,
    wan,
    wml_p,
    wml_table,
    x,
    yuan,
)
from blind_forms import convert as lo_convert
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from make_corpus import append_xml, text_box
from office_forms import c, docx_js, node_modules, soffice

S = "project.investment.sources."
SOURCES = (
    ("国家资金", "national"),
    ("自治区资金", "autonomous_region"),
    ("市级资金", "municipal"),
    ("社会资金", "social"),
)
WML_WIDTHS = [1900, 950, 950, 950, 950, 950, 950, 950, 950]


def through(text: str, suffix: str, middle: str, target: Path) -> None:
    """Written as ``suffix``, saved by LibreOffice as ``middle`` (.doc, .odt), then as .docx."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"form{suffix}"
        source.write_text(text, encoding="utf-8")
        second = soffice(source, middle)
        source.unlink()
        shutil.move(str(soffice(second, "docx:MS Word 2007 XML")), target)


def grid_js(rows: Grid) -> list[list[dict[str, Any]]]:
    """A grid as the npm docx library's rows: a cell per region, colSpan/rowSpan."""
    found, _ = regions(rows)
    out: list[list[dict[str, Any]]] = [[] for _ in rows]
    for region in sorted(found, key=lambda r: (r.row, r.col)):
        out[region.row].append(c(str(region.spec), region.width, region.height))
    return out


def js_form(v: Filled, title: str, grid: Grid, path: Path) -> None:
    """A form by the npm docx library: its annex mark, title, header line and table."""
    mark = "附件1" if title == APP_TITLE else "附件2"
    docx_js(
        [{"paragraph": mark}, {"paragraph": title, "center": True}, {"paragraph": header(v)}, {"rows": grid_js(grid)}],
        path,
    )


def rtf_form(v: Filled, grid: Grid, path: Path) -> None:
    """附件1 written as RTF (Word's table rows, \\clvmgf/\\clvmrg) and opened by LibreOffice."""
    body = rtf_p("附件1") + rtf_p(APP_TITLE, bold=True, size=36, center=True) + rtf_p(header(v))
    lo_convert(rtf(body + rtf_table(grid, WML_WIDTHS) + rtf_p("")), ".rtf", path, encoding="ascii")


def header(v: Filled) -> str:
    return f"项目申报单位：{v.text('declaration.applicant')}　　　　　　{day(v['declaration.date'])}"


def materials_line(v: Filled) -> str:
    return "；".join(line.split(".", 1)[1] for line in v.materials.split("\n"))


# ---------------------------------------------------------------- 附件1


def a01_one_row_of_labels(path: Path) -> None:
    """Every label in the first row(s) of one wide table, every value in the row under it."""
    v = filled(path.name)
    labels = [
        "项目名称",
        "项目类别",
        "项目建设单位",
        "项目负责人",
        "联系电话",
        "参与建设单位",
        "项目建设地址",
        "项目建设依据",
        "起始时间",
        "完成时间",
        "项目准备情况",
        "项目预计总投资（万元）",
        "本年度预计投入（万元）",
    ]
    values = [
        v.text("project.name"),
        v.text("project.category"),
        v.text("project.owner_unit"),
        v.text("project.leader.name"),
        v.text("project.leader.phone"),
        v.participating,
        v.location,
        v.basis,
        day(v["project.schedule.start"]),
        day(v["project.schedule.end"]),
        v.preparation,
        wan(v["project.investment.total"]),
        wan(v["project.investment.this_year"]),
    ]
    rows: Grid = [
        [*labels, "计划资金来源（万元）", "<", "<", "<", "申报材料", "备注"],
        ["^"] * len(labels) + [name for name, _ in SOURCES] + ["^", "^"],
        values + [wan(v[S + key]) for _, key in SOURCES] + [v.materials, v.remarks],
    ]
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2><p>申报单位：{x(v.text('declaration.applicant'))}　　　　日期：{x(day(v['declaration.date']))}</p>"
    lo_convert(html_page(APP_TITLE, body + html_table(rows)), ".html", path)


def a02_yuan_to_the_fen(path: Path) -> None:
    """Amounts in 元 with 分 under 「（元）」 labels and a band 「计划资金来源（元）」."""
    v = filled(path.name)
    grid = official_application(v, lambda k: yuan(v[k]))
    grid[8][0], grid[8][4] = "项目预计\n总投资（元）", "本年度预计\n投入（元）"
    grid[9][0] = "计划资金来源（元）"
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


def a03_wan_with_separators(path: Path) -> None:
    """npm docx: 「1,280.5万元」「800万」「—」 under labels without a unit."""
    v = filled(path.name)
    written = {
        "project.investment.total": "1,280.5万元",
        "project.investment.this_year": "800万",
        S + "national": "—",
        S + "autonomous_region": "480.5万元",
        S + "municipal": "800万元",
        S + "social": "—",
    }
    assert Decimal(str(v["project.investment.total"])) == Decimal("1280.5") and Decimal(str(v[S + "municipal"])) == 800
    grid = official_application(v, lambda k: written[k])
    grid[8][0], grid[8][4] = "项目预计总投资", "本年度预计投入"
    js_form(v, APP_TITLE, grid, path)


def sources_sentence(sentence: str, title: str = "计划资金来源（万元）") -> Callable[[Path], None]:
    def make_(path: Path) -> None:
        v = filled(path.name)
        grid = official_application(v, lambda k: wan(v[k]))
        grid[9] = [title, sentence, "<", "<", "<", "<", "<", "<", "<"]
        del grid[10]
        d = form_document(v)
        docx_grid(d, grid)
        d.save(path)

    return make_


def a05_rtf_sources_sentence(path: Path) -> None:
    """RTF: 「自治区资金200万元，市级资金150万元。」 in the 计划资金来源 cell."""
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k]))
    grid[9] = ["计划资金来源", "自治区资金200万元，市级资金150万元。", "<", "<", "<", "<", "<", "<", "<"]
    del grid[10]
    rtf_form(v, grid, path)


def a06_blank_source_cell(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: "" if v[k] is None else wan(v[k]))
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


def paragraph_lines(v: Filled) -> list[tuple[str, str]]:
    return [
        ("项目建设单位", v.text("project.owner_unit")),
        ("项目负责人", v.text("project.leader.name")),
        ("联系电话", v.text("project.leader.phone")),
        ("参与建设单位", v.participating),
        ("项目名称", v.text("project.name")),
        ("项目类别", v.text("project.category")),
        ("项目建设地址", v.location),
        ("项目建设依据", v.basis.replace("\n", "；")),
        ("项目计划时间", f"{day(v['project.schedule.start'])}至{day(v['project.schedule.end'])}"),
        ("项目准备情况", v.preparation),
        ("项目预计总投资（万元）", wan(v["project.investment.total"])),
        ("本年度预计投入（万元）", wan(v["project.investment.this_year"])),
    ]


def a07_paragraphs_only(path: Path) -> None:
    """No table: a paragraph per field under the title."""
    v = filled(path.name)
    d = new_document()
    para(d, "附件1")
    para(d, APP_TITLE, bold=True, size=20, center=True)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    para(d, f"申报日期：{day(v['declaration.date'])}")
    for label, value in paragraph_lines(v):
        para(d, f"{label}：{value}")
    para(d, "计划资金来源：" + "，".join(f"{name}{wan(v[S + key])}万元" for name, key in SOURCES))
    para(d, f"申报材料：{materials_line(v)}")
    para(d, "备注：无")
    d.save(path)


def a08_pandoc_paragraphs(path: Path) -> None:
    """pandoc, no table: 「**项目名称：**…」 paragraphs; 联系电话 with nothing after it."""
    v = filled(path.name)
    lines = [f"**{label}：**{value}" for label, value in paragraph_lines(v)]
    lines += [f"**{name}（万元）：**{wan(v[S + key])}" for name, key in SOURCES]
    lines += [f"**申报材料：**{materials_line(v)}", "**备注：**"]
    markdown = (
        f"附件1\n\n# {APP_TITLE}\n\n项目申报单位：{v.text('declaration.applicant')}　　申报日期：{day(v['declaration.date'])}\n\n"
        + "\n\n".join(lines)
        + "\n"
    )
    from blind_forms import pandoc

    pandoc(markdown, path)


def month_cn(iso: str) -> str:
    year, month, _ = parts(iso)
    digits = "〇一二三四五六七八九"
    return (
        "".join(digits[int(ch)] for ch in str(year))
        + "年"
        + ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"][month]
        + "月"
    )


def a09_odt_months_in_chinese(path: Path) -> None:
    """A real .odt through LibreOffice: the plan as months in Chinese numerals; the header date 2026.11.05."""
    v = filled(path.name)
    y, m, dd = parts(v["declaration.date"])
    grid = official_application(
        v, lambda k: wan(v[k]), plan=f"{month_cn(v['project.schedule.start'])}至{month_cn(v['project.schedule.end'])}"
    )
    from blind_forms import fodt_table

    body = (
        fodt_p("附件1")
        + fodt_p(APP_TITLE, "Title")
        + fodt_p(f"项目申报单位：{v.text('declaration.applicant')}　　　　{y}.{m:02d}.{dd:02d}")
        + fodt_table(grid, "申报表")
        + fodt_p("")
    )
    through(fodt(body), ".fodt", "odt", path)


def a10_raw_dots_and_slashes(path: Path) -> None:
    """Raw WordprocessingML: 起始时间 2027.03.01 and 完成时间 2027/9/30 on one row; the header date 2026/12/1."""
    v = filled(path.name)
    sy, sm, sd = parts(v["project.schedule.start"])
    ey, em, ed = parts(v["project.schedule.end"])
    hy, hm, hd = parts(v["declaration.date"])
    grid = official_application(v, lambda k: wan(v[k]))
    grid[6] = ["起始时间", f"{sy}.{sm:02d}.{sd:02d}", "<", "<", "完成时间", "<", f"{ey}/{em}/{ed}", "<", "<"]
    body = (
        wml_p("附件1")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>', rpr="<w:rPr><w:b/></w:rPr>")
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{hy}/{hm}/{hd}")
        + wml_table(grid, WML_WIDTHS)
        + "<w:p/>"
    )
    minimal_package(path, body)


SDT_NS = nsdecls("w")


def sdt_around(element: Any, alias: str) -> None:
    """Wrap ``element`` (a w:tc or w:tr) in a content control of the same level."""
    sdt = parse_xml(
        f'<w:sdt {SDT_NS}><w:sdtPr><w:alias w:val="{x(alias)}"/><w:tag w:val="{x(alias)}"/></w:sdtPr><w:sdtContent/></w:sdt>'
    )
    element.addprevious(sdt)
    sdt[1].append(element)


def inline_sdt(alias: str, text: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="{x(alias)}"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">{x(text)}</w:t></w:r></w:sdtContent></w:sdt>'


def a11_content_controls(path: Path) -> None:
    """Value cells wrapped in cell-level content controls; the sources' amounts row in a row-level one."""
    v = filled(path.name)
    d = form_document(v, header=False)
    append_xml(
        d,
        f'<w:p {SDT_NS}><w:r><w:t xml:space="preserve">项目申报单位：</w:t></w:r>{inline_sdt("申报单位", v.text("declaration.applicant"))}<w:r><w:t xml:space="preserve">　　　　申报日期：</w:t></w:r>{inline_sdt("申报日期", day(v["declaration.date"]))}</w:p>',
    )
    grid = official_application(v, lambda k: wan(v[k]))
    table = docx_grid(d, grid)
    rows = table._tbl.findall(qn("w:tr"))
    for row_no, tr in enumerate(rows):
        if row_no == 10:
            continue
        for col_no, tc in enumerate(tr.findall(qn("w:tc"))):
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if col_no % 2 == 1 and text and row_no != 9:
                sdt_around(tc, f"值{row_no}-{col_no}")
    sdt_around(rows[10], "资金来源")
    d.save(path)


def a12_header_in_text_box(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v, header=False)
    append_xml(d, text_box(header(v), 7))
    docx_grid(d, official_application(v, lambda k: wan(v[k])))
    d.save(path)


def a13_groups_with_sub_labels(path: Path) -> None:
    """Group labels merged down the label column, sub-labels beside them (HTML rowspans)."""
    v = filled(path.name)
    rows: Grid = [
        ["项目建设单位", "<", v.text("project.owner_unit")],
        ["项目负责人", "姓名", v.text("project.leader.name")],
        ["^", "联系电话", v.text("project.leader.phone")],
        ["参与建设单位", "<", v.participating],
        ["项目名称", "<", v.text("project.name")],
        ["项目类别", "<", v.text("project.category")],
        ["项目建设地址", "<", v.location],
        ["项目建设依据", "<", v.basis],
        ["项目计划时间", "开始", day(v["project.schedule.start"])],
        ["^", "结束", day(v["project.schedule.end"])],
        ["项目准备情况", "<", v.preparation],
        ["项目投资（万元）", "总投资", wan(v["project.investment.total"])],
        ["^", "本年度投入", wan(v["project.investment.this_year"])],
        *[["^", name, wan(v[S + key])] for name, key in SOURCES],
        ["申报材料", "<", v.materials],
        ["备注", "<", v.remarks],
    ]
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2><p>项目申报单位：{x(v.text('declaration.applicant'))}</p><p style='text-align:right'>{x(day(v['declaration.date']))}</p>"
    lo_convert(html_page(APP_TITLE, body + html_table(rows)), ".html", path)


def a14_break_in_the_sources(path: Path) -> None:
    """Two tables: the sources' names end the first, their amounts open the second (a page break between)."""
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k]))
    d = form_document(v)
    docx_grid(d, grid[:10])
    page_break(d)
    amounts = grid[10][:]
    amounts[0] = ""
    docx_grid(d, [amounts, *grid[11:]])
    d.save(path)


def a15_renminbi(path: Path) -> None:
    """npm docx: 「人民币伍佰贰拾万元整（¥5,200,000.00）」 and 「¥2,200,000.00」, labels without unit."""
    v = filled(path.name)
    capitals = {Decimal(520): "伍佰贰拾万元整", Decimal(300): "叁佰万元整"}

    def written(key: str) -> str:
        amount = Decimal(str(v[key]))
        figure = f"¥{amount * 10000:,.2f}"
        return (
            f"人民币{capitals[amount]}（{figure}）"
            if key in ("project.investment.total", "project.investment.this_year")
            else figure
        )

    grid = official_application(v, written)
    grid[8][0], grid[8][4] = "项目预计总投资", "本年度预计投入"
    js_form(v, APP_TITLE, grid, path)


def category_cell(text: Callable[[str, bool], str]) -> Callable[[Filled], str]:
    return lambda v: "　".join(text(name, name == v["project.category"]) for name in ("工程类", "货物类", "服务类"))


def a16_box_after_word(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k]))
    grid[3][6] = category_cell(lambda name, on: name + ("☑" if on else "☐"))(v)
    body = (
        wml_p("附件1")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>')
        + wml_p(header(v))
        + wml_table(grid, WML_WIDTHS)
        + "<w:p/>"
    )
    minimal_package(path, body)


def a17_nothing_ticked(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k]))
    grid[3][6] = "□工程类　□货物类　□服务类"
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2><p>{x(header(v))}</p>"
    lo_convert(html_page(APP_TITLE, body + html_table(grid)), ".html", path)


def a18_doc_yuan_not_adding_up(path: Path) -> None:
    """HTML → .doc → .docx: 「金额单位：元」 above the table; the sources do not add up to the total."""
    v = filled(path.name)
    grid = official_application(v, lambda k: yuan(v[k]))
    grid[8][0], grid[8][4] = "项目预计总投资", "本年度预计投入"
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2><p>{x(header(v))}</p><p style='text-align:right'>金额单位：元</p>"
    through(html_page(APP_TITLE, body + html_table(grid)), ".html", "doc:MS Word 97", path)


def pairs(v: Filled, amount: Callable[[str], str], unit: str = "（万元）") -> Grid:
    return [
        ["项目名称", v.text("project.name"), "项目类别", v.text("project.category")],
        ["项目建设单位", v.text("project.owner_unit"), "参与建设单位", v.participating],
        ["项目负责人", v.text("project.leader.name"), "联系电话", v.text("project.leader.phone")],
        ["项目建设地址", v.location, "<", "<"],
        ["项目建设依据", v.basis, "<", "<"],
        ["起始时间", day(v["project.schedule.start"]), "完成时间", day(v["project.schedule.end"])],
        ["项目准备情况", v.preparation, "<", "<"],
        [
            f"项目预计总投资{unit}",
            amount("project.investment.total"),
            f"本年度预计投入{unit}",
            amount("project.investment.this_year"),
        ],
        [f"国家资金{unit}", amount(S + "national"), f"自治区资金{unit}", amount(S + "autonomous_region")],
        [f"市级资金{unit}", amount(S + "municipal"), f"社会资金{unit}", amount(S + "social")],
        ["申报材料", v.materials, "<", "<"],
        ["备注", v.remarks or " ", "<", "<"],
    ]


def a19_short_phone(path: Path) -> None:
    v = filled(path.name)
    grid = pairs(v, lambda k: wan(v[k]))
    js_form(v, APP_TITLE, grid, path)


def a20_rtf_end_blank(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k]))
    grid[6:7] = [
        ["项目计划时间", "起始时间", "<", day(v["project.schedule.start"]), "<", "<", "<", "<", "<"],
        ["^", "完成时间", "<", "", "<", "<", "<", "<", "<"],
    ]
    rtf_form(v, grid, path)


def a21_this_year_over_total(path: Path) -> None:
    v = filled(path.name)
    grid = pairs(v, lambda k: f"{wan(v[k])}万", unit="")
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


# ---------------------------------------------------------------- 附件2


def s22_paragraphs_only(path: Path) -> None:
    v = filled(path.name)
    d = new_document()
    para(d, "附件2")
    para(d, SEC_TITLE, bold=True, size=20, center=True)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}　　　　申报日期：{day(v['declaration.date'])}")
    for label, key in (
        ("项目建设单位", "project.owner_unit"),
        ("项目负责人", "project.leader.name"),
        ("联系电话", "project.leader.phone"),
        ("项目名称", "project.name"),
        ("项目类别", "project.category"),
    ):
        para(d, f"{label}：{v.text(key)}")
    para(d, f"项目建设内容：{v.content}")
    for summary_label, text, review_label, part in (
        ("网络安全保护基本情况", v.network, "网络安全审查", "network_security"),
        ("密码保护应用基本情况", v.crypto, "密码保护审查", "cryptography"),
    ):
        para(d, f"{summary_label}：{text}")
        para(d, review_label, bold=True)
        para(d, f"审查结果：{v.text(f'review.{part}.result')}")
        para(d, f"审查单位：{v.text(f'review.{part}.unit')}")
        para(d, f"审查日期：{day(v[f'review.{part}.date'])}")
    d.save(path)


def s23_drop_downs(path: Path) -> None:
    """Review results as drop-down content controls, dates as date pickers, units as plain-text controls."""
    v = filled(path.name)
    d = form_document(v, number=2)
    table = docx_grid(d, official_security(v))
    for row_no, part in ((5, "network_security"), (7, "cryptography")):
        cell = table.rows[row_no].cells[1]
        tc = cell._tc
        for p in tc.findall(qn("w:p")):
            tc.remove(p)
        result, unit, date = (v[f"review.{part}.{k}"] for k in ("result", "unit", "date"))
        choices = "".join(f'<w:listItem w:displayText="{t}" w:value="{t}"/>' for t in ("请选择", "符合", "不符合"))
        tc.append(
            parse_xml(
                f'<w:p {SDT_NS}><w:r><w:t xml:space="preserve">审查结果：</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="审查结果"/><w:dropDownList>{choices}</w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>{result}</w:t></w:r></w:sdtContent></w:sdt></w:p>'
            )
        )
        tc.append(
            parse_xml(
                f'<w:p {SDT_NS}><w:r><w:t xml:space="preserve">审查单位：</w:t></w:r>{inline_sdt("审查单位", unit)}</w:p>'
            )
        )
        tc.append(
            parse_xml(
                f'<w:p {SDT_NS}><w:r><w:t xml:space="preserve">审查日期：</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="审查日期"/><w:date w:fullDate="{date}T00:00:00Z"><w:dateFormat w:val="yyyy\'年\'M\'月\'d\'日\'"/><w:lid w:val="zh-CN"/><w:calendar w:val="gregorian"/></w:date></w:sdtPr><w:sdtContent><w:r><w:t>{day(date)}</w:t></w:r></w:sdtContent></w:sdt></w:p>'
            )
        )
    d.save(path)


def s24_one_row_of_labels(path: Path) -> None:
    v = filled(path.name)
    rows: Grid = [
        ["项目建设单位", "项目负责人", "联系电话", "项目名称", "项目类别"],
        [
            v.text("project.owner_unit"),
            v.text("project.leader.name"),
            v.text("project.leader.phone"),
            v.text("project.name"),
            v.text("project.category"),
        ],
        ["项目建设内容", v.content, "<", "<", "<"],
        ["网络安全保护基本情况", v.network, "<", "<", "<"],
        ["网络安全审查", "审查结果：\n审查单位：\n审查日期：", "<", "<", "<"],
        ["密码保护应用基本情况", v.crypto, "<", "<", "<"],
        ["密码保护审查", "审查结果：\n审查单位：\n审查日期：", "<", "<", "<"],
    ]
    body = f"<p>附件2</p><h2 style='text-align:center'>{x(SEC_TITLE)}</h2><p>{x(header(v))}</p>"
    lo_convert(html_page(SEC_TITLE, body + html_table(rows)), ".html", path)


def review_lines(v: Filled, part: str, seal: str, date: Callable[[str], str]) -> str:
    return f"审查结果：{v.text(f'review.{part}.result')}\n审查单位：{v.text(f'review.{part}.unit')}{seal}\n审查日期：{date(v[f'review.{part}.date'])}"


def slash(iso: str) -> str:
    y, m, dd = parts(iso)
    return f"{y}/{m}/{dd}"


def dots(iso: str) -> str:
    y, m, dd = parts(iso)
    return f"{y}.{m:02d}.{dd:02d}"


def s25_no_name(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = review_lines(v, "network_security", "（公章）", slash)
    grid[7][1] = review_lines(v, "cryptography", "（公章）", slash)
    js_form(v, SEC_TITLE, grid, path)


def s26_doc_dotted_dates(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = review_lines(v, "network_security", "", dots)
    grid[7][1] = review_lines(v, "cryptography", "", dots)
    body = f"<p>附件2</p><h2 style='text-align:center'>{x(SEC_TITLE)}</h2><p>{x(header(v))}</p>"
    through(html_page(SEC_TITLE, body + html_table(grid)), ".html", "doc:MS Word 97", path)


# ---------------------------------------------------------------- 附件3


REPORT_NODE = r"""
const fs = require("fs");
const d = require("docx");
const blocks = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const children = blocks.map(b => {
  if (b.kind === "title") return new d.Paragraph({children: [new d.TextRun({text: b.text, bold: true, size: 44})], alignment: d.AlignmentType.CENTER});
  if (b.kind === "h1") return new d.Paragraph({text: b.text, heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true});
  if (b.kind === "h2") return new d.Paragraph({text: b.text, heading: d.HeadingLevel.HEADING_2});
  return new d.Paragraph({children: [new d.TextRun(b.text)]});
});
const doc = new d.Document({sections: [{children}]});
d.Packer.toBuffer(doc).then(buffer => fs.writeFileSync(process.argv[3], buffer));
"""


def r27_docx_js_headings(path: Path) -> None:
    blocks = [
        {"kind": b.kind, "text": (b.number + b.text) if b.kind in ("h1", "h2") else b.text}
        for b in report_blocks("石嘴山市智慧工地监管平台建设项目", "石嘴山市住房和城乡建设局")
    ]
    with tempfile.TemporaryDirectory() as work:
        script, spec = Path(work) / "report.js", Path(work) / "blocks.json"
        script.write_text(REPORT_NODE, encoding="utf-8")
        spec.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            ["node", str(script), str(spec), str(path)], check=True, env=dict(os.environ, NODE_PATH=str(node_modules()))
        )


def r28_parts_and_page_header(path: Path) -> None:
    """第一部分…第五部分 over 一、二、 sections on heading styles; the name in the page header, a PAGE field below."""
    d = new_document()
    project = "石嘴山市全民健康信息平台升级项目"
    chapter = 0
    for b in report_blocks(project, "石嘴山市卫生健康委员会"):
        if b.kind == "title":
            para(d, b.text, bold=True, size=22, center=True)
        elif b.kind == "h1":
            d.add_heading(f"第{CN[chapter]}部分　{b.text}", level=1)
            chapter += 1
        elif b.kind == "h2":
            d.add_heading(b.number.strip("（）") + "、" + b.text, level=2)
        else:
            para(d, b.text)
    section = d.sections[0]
    section.header.paragraphs[0].text = f"{project}需求分析报告"
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:r {SDT_NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    footer._p.append(parse_xml(f'<w:r {SDT_NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    footer._p.append(parse_xml(f'<w:r {SDT_NS}><w:fldChar w:fldCharType="end"/></w:r>'))
    d.save(path)


def r29_odt_placeholders(path: Path) -> None:
    body = []
    for b in report_blocks(
        "石嘴山市智慧水务监管平台建设项目", "石嘴山市水务局", content={(1, 0): "待完善。", (2, 2): "（内容待补充）"}
    ):
        if b.kind == "title":
            body.append(fodt_p(b.text, "Title"))
        elif b.kind in ("h1", "h2"):
            body.append(fodt_h(b.number + b.text, 1 if b.kind == "h1" else 2))
        else:
            body.append(fodt_p(b.text))
    through(fodt("".join(body)), ".fodt", "odt", path)


def r30_doc_missing_section(path: Path) -> None:
    out = []
    for b in report_blocks("石嘴山市审计数据分析平台建设项目", "石嘴山市审计局", skip={(3, 1)}):
        tag = {"title": "h1", "h1": "h2", "h2": "h3"}.get(b.kind, "p")
        out.append(f"<{tag}>{x((b.number + b.text) if b.kind in ('h1', 'h2') else b.text)}</{tag}>")
    through(html_page("需求分析报告", "".join(out)), ".html", "doc:MS Word 97", path)


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-横排标签一行值一行.docx": a01_one_row_of_labels,
    "申报表-元到分.docx": a02_yuan_to_the_fen,
    "申报表-万字金额千分位.docx": a03_wan_with_separators,
    "申报表-资金来源一句只写市级.docx": sources_sentence("市级资金860万元"),
    "申报表-资金来源两项一句.docx": a05_rtf_sources_sentence,
    "申报表-资金来源有格留空.docx": a06_blank_source_cell,
    "申报表-段落式无表格.docx": a07_paragraphs_only,
    "申报表-段落式pandoc缺电话.docx": a08_pandoc_paragraphs,
    "申报表-中文数字年月区间.docx": a09_odt_months_in_chinese,
    "申报表-点号补零与斜杠日期.docx": a10_raw_dots_and_slashes,
    "申报表-内容控件单元格.docx": a11_content_controls,
    "申报表-文本框表头.docx": a12_header_in_text_box,
    "申报表-负责人纵向合并分项.docx": a13_groups_with_sub_labels,
    "申报表-分页断在资金来源.docx": a14_break_in_the_sources,
    "申报表-人民币大写并注小写.docx": a15_renminbi,
    "申报表-类别框在字后.docx": a16_box_after_word,
    "申报表-类别全未勾选.docx": a17_nothing_ticked,
    "申报表-元到分合计不符由doc转换.docx": a18_doc_yuan_not_adding_up,
    "申报表-电话少位.docx": a19_short_phone,
    "申报表-只写起始时间.docx": a20_rtf_end_blank,
    "申报表-本年度超总投资万字.docx": a21_this_year_over_total,
    "审查表-段落式无表格.docx": s22_paragraphs_only,
    "审查表-下拉与日期内容控件.docx": s23_drop_downs,
    "审查表-横排标签一行.docx": s24_one_row_of_labels,
    "审查表-项目名称空公章斜杠日期.docx": s25_no_name,
    "审查表-由doc转换点号日期.docx": s26_doc_dotted_dates,
    "报告-docx库标题样式.docx": r27_docx_js_headings,
    "报告-第一部分编号与页眉.docx": r28_parts_and_page_header,
    "报告-待完善占位ODT.docx": r29_odt_placeholders,
    "报告-缺一节由doc转换.docx": r30_doc_missing_section,
}


if __name__ == "__main__":
    make(MAKERS)
