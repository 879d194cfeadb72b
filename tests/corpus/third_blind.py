# ruff: noqa: E501  (table rows and markup read best on one line)
"""The third blind corpus: 31 documents (21 filled 附件1, 6 附件2, 4 reports) with habits neither earlier
blind set has, written — verdicts and all, in ``manifest.yaml`` under ``blind: third`` — after the reader
had been fixed against the second set, and before it was run on these: labels typed with spaces between
their characters and a trailing colon, each character its own bold run; soft line breaks (Shift+Enter)
inside labels and values; empty spacer columns; value cells of several paragraphs (with 盖章/签字
prompts); 「约」「合计：」, 「￥860.00万元」 and a breakdown under the total; dates with their weekday, dates
filled into the printed blanks with spaces, a date range joined by an ASCII hyphen; a signature and stamp
area under the table; WPS paragraphs with 制表位 tabs and no colon; the whole form in a text box; a
web system's required-field stars; the sources nested with a 合计 column; 附件2 results ticked in a
separate column, in brackets, after tabs, or split into one table per review; reports on custom heading
styles, ASCII-punctuated numbers in 黑体, a heading broken by a soft line break.

Run from the repository root:  .venv/bin/python tests/corpus/third_blind.py [NAME.docx …]
Tools for making (not for testing — the .docx files are committed): LibreOffice, pandoc.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blind_forms import (
    APP_TITLE,
    SEC_TITLE,
    Filled,
    Grid,
    Label,
    Nested,
    day,
    docx_grid,
    filled,
    fodt,
    fodt_p,
    fodt_table,
    form_document,
    html_page,
    html_table,
    make,
    minimal_package,
    new_document,
    official_application,
    official_security,
    pandoc,
    para,
    parts,
    report_blocks,
    rtf,
    rtf_p,
    rtf_table,
    wan,
    wml_p,
    wml_table,
    x,
)
from blind_forms import convert as lo_convert
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from make_corpus import append_xml, ns

S = "project.investment.sources."
KEYS = ("national", "autonomous_region", "municipal", "social")
WIDTHS = [1900, 950, 950, 950, 950, 950, 950, 950, 950]
WPS_FONT = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>'
# Marks in a cell's text, turned into Word's own markup by finish(): a label in bold, one run per
# character (§ before the text), a soft line break (⏎), a tab (\t).
BOLD, BREAK = "§", "⏎"


def finish(element: Any, fonts: str = "") -> None:
    """Rewrite every run whose text carries a mark: one run per character in bold, w:br, w:tab;
    with ``fonts``, every run gets those font settings (WPS's 字体 with its eastAsia hint)."""
    for run in list(element.iter(qn("w:r"))):
        text = "".join(t.text or "" for t in run.findall(qn("w:t")))
        if not any(mark in text for mark in (BOLD, BREAK, "\t")):
            if fonts:
                run.get_or_add_rPr().insert(0, parse_xml(fonts.replace("<w:rFonts", f"<w:rFonts {nsdecls('w')}", 1)))
            continue
        if text.startswith(BOLD):
            new = [
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr>{fonts}<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">{x(ch)}</w:t></w:r>'
                )
                for ch in text[1:]
            ]
        else:
            inner = []
            for n, line in enumerate(text.split(BREAK)):
                if n:
                    inner.append("<w:br/>")
                for m, piece in enumerate(line.split("\t")):
                    if m:
                        inner.append("<w:tab/>")
                    if piece:
                        inner.append(f'<w:t xml:space="preserve">{x(piece)}</w:t>')
            one = parse_xml(f"<w:r {nsdecls('w')}><w:rPr>{fonts}</w:rPr>{''.join(inner)}</w:r>")
            old = run.find(qn("w:rPr"))
            if old is not None:
                for child in old:
                    one[0].append(copy.deepcopy(child))
            new = [one]
        for piece in new:
            run.addprevious(piece)
        run.getparent().remove(run)


def grid_map(grid: Grid, change: Callable[[str], str]) -> Grid:
    return [[cell if cell in ("<", "^") or not isinstance(cell, str) else change(cell) for cell in row] for row in grid]


def plan(v: Filled, write: Callable[[str], str] = day, gap: str = "    ") -> str:
    return f"起始时间：{write(v['project.schedule.start'])}{gap}完成时间：{write(v['project.schedule.end'])}"


def save(d: Any, path: Path, fonts: str = "") -> None:
    finish(d.element.body, fonts)
    d.save(path)


LABELS = {
    "项目建设单位", "项目负责人", "联系电话", "参与建设单位", "项目名称", "项目类别", "项目建设地址", "项目建设依据",
    "项目计划时间", "项目准备情况", "项目预计\n总投资（万元）", "本年度预计\n投入（万元）", "计划资金来源", "申报材料", "备注",
}  # fmt: skip


# ---------------------------------------------------------------- 附件1, sound


def a01_spaced_bold_labels(path: Path) -> None:
    def spaced(cell: str) -> str:
        if cell not in LABELS:
            return cell
        if "\n" in cell:
            return BOLD + cell.replace("\n", "　") + "："
        return BOLD + " ".join(cell) + "："

    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, grid_map(official_application(v), spaced))
    save(d, path)


def a02_soft_breaks(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, plan=plan(v, gap=BREAK))
    soft = {
        "项目建设单位": f"项目{BREAK}建设单位",
        "项目预计\n总投资（万元）": f"项目预计{BREAK}总投资{BREAK}（万元）",
        "本年度预计\n投入（万元）": f"本年度预计{BREAK}投入（万元）",
        "计划资金来源": f"计划资金{BREAK}来源",
        v.text("project.name"): f"石嘴山市惠农区智慧社区{BREAK}综合服务平台建设项目",
    }
    d = form_document(v)
    docx_grid(d, grid_map(grid, lambda c: soft.get(c, c)))
    save(d, path)


def spacer_grid(v: Filled, leader: str | None = None) -> Grid:
    name = v.text("project.leader.name") if leader is None else leader
    return [
        ["项目建设单位", "", v.text("project.owner_unit"), "项目负责人", "", name],
        ["^", "^", "^", "联系电话", "", v.text("project.leader.phone")],
        ["项目名称", "", v.text("project.name"), "项目类别", "", v.text("project.category")],
        ["参与建设单位", "", v.participating, "<", "<", "<"],
        ["项目建设地址", "", v.location, "<", "<", "<"],
        ["项目建设依据", "", v.basis, "<", "<", "<"],
        ["项目计划时间", "", plan(v), "<", "<", "<"],
        ["项目准备情况", "", v.preparation, "<", "<", "<"],
        [
            "项目预计总投资（万元）",
            "",
            wan(v["project.investment.total"]),
            "本年度预计投入（万元）",
            "",
            wan(v["project.investment.this_year"]),
        ],
        ["计划资金来源（万元）", "", "国家资金", "自治区资金", "市级资金", "社会资金"],
        ["^", "", *(wan(v[S + k]) for k in KEYS)],
        ["申报材料", "", v.materials, "<", "<", "<"],
        ["备注", "", "", "<", "<", "<"],
    ]


def a03_spacer_columns(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    table = docx_grid(d, spacer_grid(v))
    for n, column in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        column.set(qn("w:w"), "120" if n in (1, 4) else "2200")
    save(d, path)


def a04_many_paragraphs(path: Path) -> None:
    v = filled(
        path.name,
        basis="1.《石嘴山市政务信息化项目管理办法》\n2.《石嘴山市教育信息化2.0行动计划》\n3.《宁夏回族自治区智慧校园建设指南》",
        preparation="1.已完成全区22所学校的需求调研；\n2.建设方案已通过区教育局专家论证；\n3.项目已列入2027年区级政务信息化项目计划。",
    )
    grid = official_application(v)
    grid[0][1] = v.text("project.owner_unit") + "\n（盖章）"
    grid[0][6] = v.text("project.leader.name") + "\n（签字）"
    body = (
        wml_p("附件1")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(grid, WIDTHS)
        + "<w:p/>"
    )
    minimal_package(path, body)


def a05_hedged_amounts(path: Path) -> None:
    v = filled(path.name)
    written = {
        "project.investment.total": "合计：860.00万元",
        "project.investment.this_year": "约500万元",
        S + "national": "—",
        S + "autonomous_region": "300.00",
        S + "municipal": "560.00",
        S + "social": "—",
    }
    grid = official_application(v, lambda k: written[k])
    grid[9][0] = "计划资金来源（万元）"
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2><p>项目申报单位：{x(v.text('declaration.applicant'))}　　　　　　{day(v['declaration.date'])}</p>"
    lo_convert(html_page(APP_TITLE, body + html_table(grid)), ".html", path)


def weekday(iso: str | None, long: bool = True) -> str:
    import datetime as dt

    names = "一二三四五六日"
    n = dt.date.fromisoformat(str(iso)).weekday()
    return f"{day(iso)}（{'星期' if long else '周'}{names[n]}）"


def a06_weekdays(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v, date_text=weekday(v["declaration.date"]))
    docx_grid(d, official_application(v, plan=plan(v, lambda iso: weekday(iso, long=False))))
    save(d, path)


def blanks(iso: str | None) -> str:
    y, m, dd = parts(iso)
    return f" {y} 年 {m} 月 {dd} 日"


def a07_filled_blanks(path: Path) -> None:
    v = filled(path.name)
    body = (
        rtf_p("附件1")
        + rtf_p(APP_TITLE, bold=True, size=36, center=True)
        + rtf_p(f"项目申报单位：{v.text('declaration.applicant')}")
        + rtf_p(blanks(v["declaration.date"]))
    )
    grid = official_application(v, plan=plan(v, blanks))
    lo_convert(rtf(body + rtf_table(grid, WIDTHS) + rtf_p("")), ".rtf", path, encoding="ascii")


def a08_stamp_area(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, official_application(v))
    para(d, "")
    para(d, "填表人：李娜　　　　联系电话：13895201111")
    para(d, "单位负责人（签字）：　　　　　　　　　　单位（盖章）")
    para(d, "　　　　　　　　　　　　　　　　　　　　" + day(v["declaration.date"]))
    save(d, path)


def a09_wps_tabs(path: Path) -> None:
    v = filled(path.name)
    d = new_document()
    para(d, "附件1")
    para(d, APP_TITLE, bold=True, size=20, center=True)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}\t\t{day(v['declaration.date'])}")
    sources = "　".join(
        f"{name} {wan(v[S + k])}万元"
        for name, k in zip(("国家资金", "自治区资金", "市级资金", "社会资金"), KEYS, strict=True)
    )
    for label, value in (
        ("项目建设单位", v.text("project.owner_unit")),
        ("项目负责人", v.text("project.leader.name")),
        ("联系电话", v.text("project.leader.phone")),
        ("项目名称", v.text("project.name")),
        ("项目类别", v.text("project.category")),
        ("参与建设单位", "无"),
        ("项目建设地址", v.location),
        ("项目建设依据", v.basis.replace("\n", "；")),
        ("项目计划时间", f"{day(v['project.schedule.start'])}至{day(v['project.schedule.end'])}"),
        ("项目准备情况", v.preparation),
        ("项目预计总投资", f"{wan(v['project.investment.total'])}万元"),
        ("本年度预计投入", f"{wan(v['project.investment.this_year'])}万元"),
        ("计划资金来源", sources),
        ("申报材料", v.materials.replace("\n", "；")),
    ):
        p = para(d, f"{label}\t\t{value}")
        p._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:tabs {nsdecls("w")}><w:tab w:val="left" w:pos="1680"/><w:tab w:val="left" w:pos="2520"/></w:tabs>'
            )
        )
    save(d, path, fonts=WPS_FONT)


def a10_table_in_text_box(path: Path) -> None:
    v = filled(path.name)
    d = new_document()
    para(d, "附件1")
    para(d, APP_TITLE, bold=True, size=20, center=True)
    inner = (
        "<w:txbxContent>"
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t{day(v['declaration.date'])}")
        + wml_table(official_application(v), WIDTHS)
        + "<w:p/></w:txbxContent>"
    )
    append_xml(
        d,
        f'<w:p {ns("w", "wp", "a", "mc", "wps", "v", "o", "w10", "r")}><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5760000" cy="7200000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="9" name="文本框 9"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5760000" cy="7200000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="_x0000_s1033" type="#_x0000_t202" style="position:absolute;width:453.5pt;height:567pt">'
        f"<v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    )
    d.save(path)


def a11_fodt_colons(path: Path) -> None:
    v = filled(path.name)
    rows: Grid = [
        ["项目建设单位：", v.text("project.owner_unit"), "项目负责人：", v.text("project.leader.name")],
        ["^", "^", "联系电话：", v.text("project.leader.phone")],
        ["项目名称：", v.text("project.name"), "项目类别：", v.text("project.category")],
        ["参与建设单位：", v.participating, "<", "<"],
        ["项目建设地址：", v.location, "<", "<"],
        ["项目建设依据：", v.basis, "<", "<"],
        ["项目计划时间：", plan(v, gap="　　"), "<", "<"],
        ["项目准备情况：", v.preparation, "<", "<"],
        [
            "项目预计总投资（万元）：",
            wan(v["project.investment.total"]),
            "本年度预计投入（万元）：",
            wan(v["project.investment.this_year"]),
        ],
        ["计划资金来源（万元）：", "国家资金：", wan(v[S + "national"]), "<"],
        ["^", "自治区资金：", wan(v[S + "autonomous_region"]), "<"],
        ["^", "市级资金：", wan(v[S + "municipal"]), "<"],
        ["^", "社会资金：", wan(v[S + "social"]), "<"],
        ["申报材料：", v.materials, "<", "<"],
        ["备注：", "", "<", "<"],
    ]
    body = (
        fodt_p("附件1")
        + fodt_p(APP_TITLE, "Title")
        + fodt_p(f"项目申报单位：{v.text('declaration.applicant')}　　　　　　{day(v['declaration.date'])}")
        + fodt_table(rows, "申报表")
    )
    lo_convert(fodt(body), ".fodt", path)


def a13_yen_and_wan(path: Path) -> None:
    v = filled(path.name)
    written = {
        "project.investment.total": "￥860.00万元",
        "project.investment.this_year": "¥500.00 万元",
    } | {S + k: f"{wan(v[S + k], 2)} 万元" for k in KEYS}
    d = form_document(v)
    docx_grid(d, official_application(v, lambda k: written[k]))
    save(d, path)


def nested_sources(v: Filled, total_column: str) -> Grid:
    grid = official_application(v)
    grid[9] = [
        "计划资金来源（万元）",
        Nested(
            [["国家资金", "自治区资金", "市级资金", "社会资金", "合计"], [*(wan(v[S + k]) for k in KEYS), total_column]]
        ),
        *["<"] * 7,
    ]
    del grid[10]
    return grid


def a14_nested_with_total(path: Path) -> None:
    v = filled(path.name)
    body = (
        wml_p("附件1")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(nested_sources(v, wan(v["project.investment.total"])), WIDTHS)
        + "<w:p/>"
    )
    minimal_package(path, body)


def a15_breakdown_under_total(path: Path) -> None:
    v = filled(path.name)

    def amount(key: str) -> str:
        if key == "project.investment.total":
            return "560万元\n（其中：软件开发320万元，硬件购置240万元）"
        return wan(v[key])

    d = form_document(v)
    docx_grid(d, official_application(v, amount))
    save(d, path)


def a16_web_stars(path: Path) -> None:
    v = filled(path.name)
    L = Label
    rows: Grid = [
        [L("*申报单位："), v.text("declaration.applicant"), L("*申报日期："), v.text("declaration.date")],
        [L("*项目建设单位："), v.text("project.owner_unit"), L("*项目负责人："), v.text("project.leader.name")],
        [L("*联系电话："), v.text("project.leader.phone"), L("*项目类别："), v.text("project.category")],
        [L("*项目名称："), v.text("project.name"), "<", "<"],
        [L("参与建设单位："), v.participating, "<", "<"],
        [L("*项目建设地址："), v.location, "<", "<"],
        [L("*项目建设依据："), v.basis, "<", "<"],
        [L("*起始时间："), v.text("project.schedule.start"), L("*完成时间："), v.text("project.schedule.end")],
        [L("*项目准备情况："), v.preparation, "<", "<"],
        [
            L("*项目预计总投资（万元）："),
            wan(v["project.investment.total"]),
            L("*本年度预计投入（万元）："),
            wan(v["project.investment.this_year"]),
        ],
        [L("*国家资金（万元）："), wan(v[S + "national"]), L("*自治区资金（万元）："), wan(v[S + "autonomous_region"])],
        [L("*市级资金（万元）："), wan(v[S + "municipal"]), L("*社会资金（万元）："), wan(v[S + "social"])],
        [L("*申报材料："), v.materials, "<", "<"],
        [L("备注："), "", "<", "<"],
    ]
    body = f"<p>附件1</p><h2 style='text-align:center'>{x(APP_TITLE)}</h2>"
    lo_convert(html_page(APP_TITLE, body + html_table(rows, header_labels=True)), ".html", path)


def a18_hyphen_range(path: Path) -> None:
    v = filled(path.name)

    def dotted(iso: str | None) -> str:
        y, m, dd = parts(iso)
        return f"{y}.{m:02d}.{dd:02d}"

    d = form_document(v)
    docx_grid(
        d, official_application(v, plan=f"{dotted(v['project.schedule.start'])}-{dotted(v['project.schedule.end'])}")
    )
    save(d, path)


# ---------------------------------------------------------------- 附件1, defects


def d19_year_only(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v, date_text="2026年　　月　　日")
    docx_grid(d, official_application(v))
    save(d, path)


def d20_two_ticked(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v)
    grid[3][6] = "☑工程类　□货物类　☑服务类"
    body = (
        wml_p("附件1")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(grid, WIDTHS)
        + "<w:p/>"
    )
    minimal_package(path, body)


def d21_nothing_yet(path: Path) -> None:
    v = filled(path.name, preparation="暂无。")
    d = form_document(v)
    docx_grid(d, official_application(v))
    save(d, path)


def d22_about_over_total(path: Path) -> None:
    v = filled(path.name)

    def amount(key: str) -> str:
        return {"project.investment.total": "约300万元", "project.investment.this_year": "320万元"}.get(key) or wan(
            v[key]
        )

    body = (
        rtf_p("附件1")
        + rtf_p(APP_TITLE, bold=True, size=36, center=True)
        + rtf_p(f"项目申报单位：{v.text('declaration.applicant')}　　　　　　{day(v['declaration.date'])}")
    )
    lo_convert(
        rtf(body + rtf_table(official_application(v, amount), WIDTHS) + rtf_p("")), ".rtf", path, encoding="ascii"
    )


def d23_total_cell_disagrees(path: Path) -> None:
    v = filled(path.name)
    owner, name, phone = (v.text(k) for k in ("project.owner_unit", "project.leader.name", "project.leader.phone"))
    rows: Grid = [
        ["项目建设单位", owner, "<", "项目负责人", name, "<"],
        ["^", "^", "^", "联系电话", phone, "<"],
        ["项目名称", v.text("project.name"), "<", "项目类别", v.text("project.category"), "<"],
        ["参与建设单位", v.participating, "<", "<", "<", "<"],
        ["项目建设地址", v.location, "<", "<", "<", "<"],
        ["项目建设依据", v.basis, "<", "<", "<", "<"],
        ["项目计划时间", plan(v), "<", "<", "<", "<"],
        ["项目准备情况", v.preparation, "<", "<", "<", "<"],
        [
            "项目预计总投资（万元）",
            wan(v["project.investment.total"]),
            "<",
            "本年度预计投入（万元）",
            wan(v["project.investment.this_year"]),
            "<",
        ],
        ["计划资金来源（万元）", "国家资金", "自治区资金", "市级资金", "社会资金", "合计"],
        ["^", *(wan(v[S + k]) for k in KEYS), "800"],
        ["申报材料", v.materials, "<", "<", "<", "<"],
        ["备注", "", "<", "<", "<", "<"],
    ]
    d = form_document(v)
    docx_grid(d, rows)
    save(d, path)


# ---------------------------------------------------------------- 附件2


def s24_tick_column(path: Path) -> None:
    v = filled(path.name)
    grid = [row for n, row in enumerate(official_security(v)) if n not in (5, 7)]
    d = form_document(v, number=2)
    docx_grid(d, grid)
    para(d, "审查意见（由审查单位填写）", bold=True)
    rows: Grid = [["审查事项", "符合", "不符合", "审查单位", "审查日期"]]
    for label, part in (("网络安全审查", "network_security"), ("密码保护审查", "cryptography")):
        ok = v[f"review.{part}.result"] == "符合"
        rows.append(
            [label, "√" if ok else "", "" if ok else "√", v.text(f"review.{part}.unit"), day(v[f"review.{part}.date"])]
        )
    docx_grid(d, rows)
    save(d, path)


def review_text(v: Filled, part: str, result: str, date: str | None = None, sep: str = "") -> str:
    return f"审查结果：{sep}{result}\n审查单位：{sep}{v.text(f'review.{part}.unit')}\n{date or day(v[f'review.{part}.date'])}"


def s25_brackets(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    for row, part in ((5, "network_security"), (7, "cryptography")):
        grid[row][1] = review_text(v, part, "符合（√）　不符合（　）")
    body = (
        wml_p("附件2")
        + wml_p(SEC_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="36"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(grid, [1900, 2400, 1900, 2400])
        + "<w:p/>"
    )
    minimal_package(path, body)


def s26_one_table_per_review(path: Path) -> None:
    v = filled(path.name)
    basic = [row for n, row in enumerate(official_security(v)) if n < 4]
    out = [
        f"<p>附件2</p><h2 style='text-align:center'>{x(SEC_TITLE)}</h2><p>项目申报单位：{x(v.text('declaration.applicant'))}　　　　{day(v['declaration.date'])}</p>",
        html_table(basic),
    ]
    for heading, summary_label, summary, part in (
        ("一、网络安全", "网络安全保护基本情况", v.network, "network_security"),
        ("二、密码保护", "密码保护应用基本情况", v.crypto, "cryptography"),
    ):
        rows: Grid = [
            [summary_label, summary],
            ["审查结果", v.text(f"review.{part}.result")],
            ["审查单位", v.text(f"review.{part}.unit")],
            ["审查日期", day(v[f"review.{part}.date"])],
        ]
        out += [f"<p><b>{heading}</b></p>", html_table(rows)]
    lo_convert(html_page(SEC_TITLE, "".join(out)), ".html", path)


def s27_tabs_and_weekday(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    for row, part in ((5, "network_security"), (7, "cryptography")):
        grid[row][1] = review_text(v, part, "符合", weekday(v[f"review.{part}.date"]), sep="\t")
    d = form_document(v, number=2)
    docx_grid(d, grid)
    save(d, path, fonts=WPS_FONT)


def s28_basically(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = review_text(v, "network_security", "符合")
    grid[7][1] = review_text(v, "cryptography", "基本符合")
    d = form_document(v, number=2)
    docx_grid(d, grid)
    save(d, path)


def s29_both_ticked(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = review_text(v, "network_security", "☑符合　☑不符合")
    grid[7][1] = review_text(v, "cryptography", "☑符合　□不符合")
    body = (
        wml_p("附件2")
        + wml_p(SEC_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="36"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(grid, [1900, 2400, 1900, 2400])
        + "<w:p/>"
    )
    minimal_package(path, body)


# ---------------------------------------------------------------- 附件3


def r30_custom_styles(path: Path) -> None:
    d = new_document()
    styles = d.styles
    for name, level, size in (("一级标题", 0, 16), ("二级标题", 1, 15)):
        style = styles.add_style(name, 1)
        style.base_style = styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(size)
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))
    for b in report_blocks("石嘴山市惠农区智慧社区综合服务平台建设项目", "石嘴山市惠农区民政局"):
        if b.kind == "title":
            para(d, b.text, bold=True, size=22, center=True)
        elif b.kind == "h1":
            d.add_paragraph(b.number + b.text, style="一级标题")
        elif b.kind == "h2":
            d.add_paragraph(b.number + b.text, style="二级标题")
        else:
            para(d, b.text)
    d.save(path)


def r31_ascii_numbers_heiti(path: Path) -> None:
    d = new_document()
    for b in report_blocks("平罗县数字农业综合服务平台建设项目", "平罗县农业农村局"):
        if b.kind in ("h1", "h2"):
            number = f"{b.number[0]}." if b.kind == "h1" else f"({b.number[1]})"
            p = d.add_paragraph()
            run = p.add_run(number + b.text)
            run.font.size = Pt(16)
            run._r.get_or_add_rPr().append(
                parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/>')
            )
        else:
            para(d, b.text, bold=b.kind == "title", size=22 if b.kind == "title" else None, center=b.kind == "title")
    d.save(path)


def r32_soft_break_heading_missing(path: Path) -> None:
    d = new_document()
    for b in report_blocks("石嘴山市医保智能监管系统建设项目", "石嘴山市医疗保障局", skip={(3, 0)}):
        if b.kind == "title":
            para(d, b.text, bold=True, size=22, center=True)
        elif b.kind in ("h1", "h2"):
            text = b.number + b.text
            if b.text.startswith("现有信息系统装备"):
                text = text.replace("及存在", f"及{BREAK}存在")
            d.add_heading(text, level=1 if b.kind == "h1" else 2)
        else:
            para(d, b.text)
    save(d, path)


def r33_see_attachment(path: Path) -> None:
    lines = []
    for b in report_blocks(
        "石嘴山市生态环境监测大数据平台建设项目",
        "石嘴山市生态环境局",
        content={(4, None): "详见附件2。"},
        appendix=False,
    ):
        if b.kind == "title":
            lines.append(f"**{b.text}**\n")
        elif b.kind == "h1":
            lines.append(f"# {b.number}{b.text}\n")
        elif b.kind == "h2":
            lines.append(f"## {b.number}{b.text}\n")
        else:
            lines.append(b.text + "\n")
    lines.append("附件：1.《石嘴山市生态环境监测站点分布表》\n")
    pandoc("\n".join(lines), path)


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-标签字间空格尾冒号逐字加粗.docx": a01_spaced_bold_labels,
    "申报表-标签内软回车.docx": a02_soft_breaks,
    "申报表-空白间隔列.docx": a03_spacer_columns,
    "申报表-值格多段.docx": a04_many_paragraphs,
    "申报表-约数与合计金额.docx": a05_hedged_amounts,
    "申报表-日期带星期.docx": a06_weekdays,
    "申报表-年月日空白处填写.docx": a07_filled_blanks,
    "申报表-表尾签章区.docx": a08_stamp_area,
    "申报表-WPS制表位段落.docx": a09_wps_tabs,
    "申报表-文本框中的表格.docx": a10_table_in_text_box,
    "申报表-fodt合并单元格带冒号.docx": a11_fodt_colons,
    "申报表-人民币符号万元两位小数.docx": a13_yen_and_wan,
    "申报表-嵌套资金来源带合计列.docx": a14_nested_with_total,
    "申报表-总投资格内含构成说明.docx": a15_breakdown_under_total,
    "申报表-日期区间短横线.docx": a18_hyphen_range,
    "申报表-网页必填星号.docx": a16_web_stars,
    "申报表-日期只填了年.docx": d19_year_only,
    "申报表-类别勾了两个.docx": d20_two_ticked,
    "申报表-准备情况暂无.docx": d21_nothing_yet,
    "申报表-约数本年度超总投资.docx": d22_about_over_total,
    "申报表-合计列与总投资不符.docx": d23_total_cell_disagrees,
    "审查表-对勾单独一栏.docx": s24_tick_column,
    "审查表-括号内打勾.docx": s25_brackets,
    "审查表-两项审查各成一表.docx": s26_one_table_per_review,
    "审查表-制表位与星期.docx": s27_tabs_and_weekday,
    "审查表-基本符合.docx": s28_basically,
    "审查表-符合不符合都勾.docx": s29_both_ticked,
    "报告-自定义标题样式.docx": r30_custom_styles,
    "报告-半角编号黑体.docx": r31_ascii_numbers_heiti,
    "报告-标题软回车缺一节.docx": r32_soft_break_heading_missing,
    "报告-投资一节只写详见附件.docx": r33_see_attachment,
}


if __name__ == "__main__":
    make(MAKERS)
