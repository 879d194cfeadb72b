# ruff: noqa: E501  (table rows and markup read best on one line)
"""附件1/附件2 as city offices re-type them, and reports with their habits, made by producers
docgen does not use itself: pandoc (Markdown), the npm ``docx`` library (JavaScript),
LibreOffice (HTML), python-docx with WPS's habits, and an encrypted file (msoffcrypto-tool).

Each filled form is filled from the ``typed`` values of its entry in ``manifest.yaml`` (amounts
in 万元, ISO dates): the layout writes them its own way (in 元, as check boxes, as labels of
their own …), and ``tests/test_corpus.py`` checks that ``extract`` gives back exactly ``typed``.

Tools for making (not for testing — the .docx files are committed): ``pandoc`` (Debian),
``node`` with the npm package ``docx`` (``npm install docx`` in a folder named by
``CORPUS_NODE_MODULES``, default ``~/.cache/docgen-corpus/node_modules``), LibreOffice,
and ``msoffcrypto-tool`` (PyPI).
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

import docx
import yaml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).resolve().parent
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))
W_NS = nsdecls("w")


def typed(name: str) -> dict[str, Any]:
    """The values typed into a form: its manifest entry's ``typed`` (dotted data paths)."""
    entry = next(d for d in MANIFEST["documents"] if d["file"] == name)
    return entry["extract"]["typed"]


def day(iso: str) -> str:
    year, month, dd = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{dd}日"


def yuan(wan: Any) -> str:
    """An amount in 万元 written in 元 with thousands separators, as finance offices write it."""
    return f"{int(Decimal(str(wan)) * 10000):,}"


BASIS = "1．《石嘴山市政务信息化项目管理办法》\n2．《石嘴山市数字政府建设三年行动方案》"
MATERIALS = "1．项目初步设计（含建设必要性和可行性论证）\n2．项目需求分析报告\n3．石嘴山市政务信息化项目申报表\n4．网络安全和密码保护审查表"
PREPARATION = "已完成需求调研，建设方案已通过专家论证。"


# ---------------------------------------------------------------- pandoc (Markdown)


def pandoc(markdown: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "form.md"
        source.write_text(markdown, encoding="utf-8")
        subprocess.run(["pandoc", str(source), "-f", "markdown", "-t", "docx", "-o", str(path)], check=True)


def form_pandoc_two_columns_in_yuan(path: Path) -> None:
    """Markdown through pandoc: a two-column table (栏目 | 填写内容) under its own header row, amounts
    in 元 (「总投资（元）」, sources 「其中：国家资金」 with no unit of their own), 起始时间 and 完成时间 as
    labels of their own, the phone grouped by spaces, the header line with a 申报日期 label."""
    v = typed(path.name)
    rows = [
        ("项目建设单位", v["project.owner_unit"]),
        ("项目负责人", v["project.leader.name"]),
        ("联系电话", v["project.leader.phone"]),
        ("项目名称", v["project.name"]),
        ("项目类别", v["project.category"]),
        ("参与建设单位", "无"),
        ("项目建设地址", "石嘴山市大武口区"),
        ("项目建设依据", "《石嘴山市政务信息化项目管理办法》；《石嘴山市数字政府建设三年行动方案》"),
        ("起始时间", day(v["project.schedule.start"])),
        ("完成时间", day(v["project.schedule.end"])),
        ("项目准备情况", PREPARATION),
        ("总投资（元）", yuan(v["project.investment.total"])),
        ("本年度预计投入（元）", yuan(v["project.investment.this_year"])),
        ("其中：国家资金", yuan(v["project.investment.sources.national"])),
        ("其中：自治区资金", yuan(v["project.investment.sources.autonomous_region"])),
        ("其中：市级资金", yuan(v["project.investment.sources.municipal"])),
        ("其中：社会资金", yuan(v["project.investment.sources.social"])),
        ("申报材料", "项目初步设计（含建设必要性和可行性论证）；项目需求分析报告；网络安全和密码保护审查表"),
        ("备注", ""),
    ]
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    markdown = f"""附件1

# 石嘴山市政务信息化项目申报表

项目申报单位：{v["declaration.applicant"]}　　　　申报日期：{day(v["declaration.date"])}

| 栏目 | 填写内容 |
|------|----------|
{table}
"""
    pandoc(markdown, path)


def report_pandoc_heading_tables(path: Path) -> None:
    """Markdown through pandoc: the outline's second-level titles as the row titles of two-column
    tables (title | text) under each first-level heading; 五 as a one-cell table holding its
    heading and its text; the 附件 list at the end."""
    from docgen.outline import REPORT_OUTLINE

    parts, rows = ["# 石嘴山市一网统管平台需求分析报告\n"], []
    for index, heading in enumerate(REPORT_OUTLINE):
        if heading.level == 1:
            if rows:
                parts.append("| 章节 | 内容 |\n|---|---|\n" + "\n".join(rows) + "\n")
                rows = []
            following = REPORT_OUTLINE[index + 1] if index + 1 < len(REPORT_OUTLINE) else None
            if following is not None and following.level == 2:
                parts.append(f"## {heading.number}{heading.title}\n")
            else:  # 五: one cell, the heading and its text
                parts.append(
                    f"| {heading.number}{heading.title} |\n|---|\n"
                    f"| 项目总投资450万元，其中自治区资金150万元、市级资金300万元。 |\n"
                )
        elif heading.level == 2:
            rows.append(f"| {heading.number}{heading.title} | 本节写明{heading.title}的情况，共计三项。 |")
    parts.append("附件：1．《石嘴山市政务信息化项目管理办法》 2．《需求调研报告》\n")
    pandoc("\n".join(parts), path)


# ---------------------------------------------------------------- the npm docx library


NODE_SCRIPT = r"""
const fs = require("fs");
const d = require("docx");
const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const none = {style: d.BorderStyle.NONE, size: 0, color: "FFFFFF"};
const noBorders = {top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none};
function runs(text) {
  const out = [];
  for (const piece of text.split(/(\[x\]|\[ \])/)) {
    if (piece === "[x]") out.push(new d.CheckBox({checked: true}));
    else if (piece === "[ ]") out.push(new d.CheckBox({checked: false}));
    else if (piece) out.push(new d.TextRun({text: piece, font: {eastAsia: "仿宋"}}));
  }
  return out;
}
function cell(c) {
  const lines = String(c.text).split("\n");
  return new d.TableCell({
    children: lines.map(line => new d.Paragraph({children: runs(line)})),
    columnSpan: c.colSpan || 1,
    rowSpan: c.rowSpan || 1,
  });
}
function table(t) {
  return new d.Table({
    rows: t.rows.map(row => new d.TableRow({children: row.map(cell)})),
    borders: t.borderless ? noBorders : undefined,
    width: {size: 9000, type: d.WidthType.DXA},
  });
}
const children = [];
for (const block of spec.blocks) {
  if (block.paragraph !== undefined) children.push(new d.Paragraph({children: runs(block.paragraph), alignment: block.center ? d.AlignmentType.CENTER : undefined}));
  else children.push(table(block));
}
const doc = new d.Document({sections: [{children}]});
d.Packer.toBuffer(doc).then(buffer => fs.writeFileSync(process.argv[3], buffer));
"""


def node_modules() -> Path:
    folder = Path(os.environ.get("CORPUS_NODE_MODULES", Path.home() / ".cache" / "docgen-corpus" / "node_modules"))
    if not (folder / "docx").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(folder.parent), "docx@9"], check=True)
    return folder


def docx_js(blocks: list[dict[str, Any]], path: Path) -> None:
    """A document written by the npm ``docx`` library from paragraphs and tables (cells with
    colSpan/rowSpan; 「[x]」「[ ]」 become Word check-box content controls)."""
    with tempfile.TemporaryDirectory() as work:
        script, spec = Path(work) / "make.js", Path(work) / "spec.json"
        script.write_text(NODE_SCRIPT, encoding="utf-8")
        spec.write_text(json.dumps({"blocks": blocks}, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, NODE_PATH=str(node_modules()))
        subprocess.run(["node", str(script), str(spec), str(path)], check=True, env=env)


def c(text: str, col: int = 1, row: int = 1) -> dict[str, Any]:
    return {"text": text, "colSpan": col, "rowSpan": row}


def form_docx_js_merged_and_check_boxes(path: Path) -> None:
    """The npm docx library: the header line in a borderless table above the form (unit with its
    盖章 prompt | the date alone); merged cells (rowSpan/colSpan) on a six-column grid; 项目类别 as
    Word check-box content controls; 项目计划时间 spanning two rows with 起始时间/完成时间 as labels;
    the amounts under a band 「投资情况（单位：万元）」 with labels that carry no unit."""
    v = typed(path.name)
    boxes = "  ".join(
        f"[{'x' if option == v['project.category'] else ' '}] {option}" for option in ("工程类", "货物类", "服务类")
    )
    s = "project.investment.sources."
    header = {
        "borderless": True,
        "rows": [[c(f"项目申报单位（盖章）：{v['declaration.applicant']}"), c(day(v["declaration.date"]))]],
    }
    form = {
        "rows": [
            [
                c("项目建设单位", row=2),
                c(v["project.owner_unit"], 2, 2),
                c("项目负责人"),
                c(v["project.leader.name"], 2),
            ],
            [c("联系电话"), c(v["project.leader.phone"], 2)],
            [c("项目名称"), c(v["project.name"], 5)],
            [c("项目类别"), c(boxes, 5)],
            [c("参与建设单位"), c("石嘴山市自然资源局、石嘴山市数据局", 5)],
            [c("项目建设地址"), c("石嘴山市大武口区世纪大道", 5)],
            [c("项目建设依据"), c(BASIS, 5)],
            [c("项目计划时间", row=2), c("起始时间"), c(day(v["project.schedule.start"]), 4)],
            [c("完成时间"), c(day(v["project.schedule.end"]), 4)],
            [c("项目准备情况"), c(PREPARATION, 5)],
            [c("投资情况（单位：万元）", 6)],
            [
                c("项目预计总投资"),
                c(str(v["project.investment.total"]), 2),
                c("本年度预计投入"),
                c(str(v["project.investment.this_year"]), 2),
            ],
            [c("计划资金来源", row=2), c("国家资金"), c("自治区资金"), c("市级资金", 2), c("社会资金")],
            [
                c(str(v[s + "national"])),
                c(str(v[s + "autonomous_region"])),
                c(str(v[s + "municipal"]), 2),
                c(str(v[s + "social"])),
            ],
            [c("申报材料"), c(MATERIALS, 5)],
            [c("备注"), c("无", 5)],
        ]
    }
    docx_js(
        [{"paragraph": "附件1"}, {"paragraph": "石嘴山市政务信息化项目申报表", "center": True}, header, form],
        path,
    )


def security_docx_js_header_in_table(path: Path) -> None:
    """The npm docx library, 附件2: the header line as the first row of the form table (label |
    value | label | value); each review as three rows beside its label (审查结果 / 审查单位 /
    审查日期), the result ticked with check boxes; the phone grouped by spaces."""
    v = typed(path.name)
    r = "review."

    def review(label: str, key: str) -> list[list[dict[str, Any]]]:
        ticks = "  ".join(f"[{'x' if word == v[r + key + '.result'] else ' '}]{word}" for word in ("符合", "不符合"))
        return [
            [c(label, row=3), c("审查结果"), c(ticks, 2)],
            [c("审查单位"), c(v[r + key + ".unit"], 2)],
            [c("审查日期"), c(day(v[r + key + ".date"]), 2)],
        ]

    form = {
        "rows": [
            [c("项目申报单位"), c(v["declaration.applicant"]), c("申报日期"), c(day(v["declaration.date"]))],
            [c("项目建设单位", row=2), c(v["project.owner_unit"], row=2), c("项目负责人"), c(v["project.leader.name"])],
            [c("联系电话"), c(v["project.leader.phone"])],
            [c("项目名称"), c(v["project.name"]), c("项目类别"), c(v["project.category"])],
            [c("项目建设内容"), c(v["security.construction_content"], 3)],
            [c("网络安全保护基本情况"), c(v["security.network_security.summary"], 3)],
            *review("网络安全审查", "network_security"),
            [c("密码保护应用基本情况"), c(v["security.cryptography.summary"], 3)],
            *review("密码保护审查", "cryptography"),
        ]
    }
    docx_js(
        [{"paragraph": "附件2"}, {"paragraph": "石嘴山市政务信息化项目网络安全和密码保护审查表", "center": True}, form],
        path,
    )


# ---------------------------------------------------------------- LibreOffice from a web page


def form_html_nested_sources(path: Path) -> None:
    """A web page (an online form's export) converted by LibreOffice: rowspan/colspan, the four
    sources as a small table nested in the 计划资金来源 value cell, 「起始时间：…　完成时间：…」 in one
    cell, 「项目总投资（万元）」, and the header's date on a paragraph of its own under the unit."""
    v = typed(path.name)
    s = "project.investment.sources."
    nested = (
        "<table border='1'><tr><td>国家资金</td><td>自治区资金</td><td>市级资金</td><td>社会资金</td></tr>"
        f"<tr><td>{v[s + 'national']}</td><td>{v[s + 'autonomous_region']}</td><td>{v[s + 'municipal']}</td><td>{v[s + 'social']}</td></tr></table>"
    )
    html = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>申报表</title></head><body>
<p>附件1</p><h2 style="text-align:center">石嘴山市政务信息化项目申报表</h2>
<p>项目申报单位：{v["declaration.applicant"]}</p>
<p style="text-align:right">{day(v["declaration.date"])}</p>
<table border="1">
<tr><td rowspan="2">项目建设单位</td><td rowspan="2">{v["project.owner_unit"]}</td><td>项目负责人</td><td>{v["project.leader.name"]}</td></tr>
<tr><td>联系电话</td><td>{v["project.leader.phone"]}</td></tr>
<tr><td>项目名称</td><td>{v["project.name"]}</td><td>项目类别</td><td>{v["project.category"]}</td></tr>
<tr><td>参与建设单位</td><td colspan="3">无</td></tr>
<tr><td>项目建设地址</td><td colspan="3">石嘴山市惠农区</td></tr>
<tr><td>项目建设依据</td><td colspan="3">《石嘴山市政务信息化项目管理办法》</td></tr>
<tr><td>项目计划时间</td><td colspan="3">起始时间：{day(v["project.schedule.start"])}　　完成时间：{day(v["project.schedule.end"])}</td></tr>
<tr><td>项目准备情况</td><td colspan="3">{PREPARATION}</td></tr>
<tr><td>项目总投资（万元）</td><td>{v["project.investment.total"]}</td><td>本年度投入（万元）</td><td>{v["project.investment.this_year"]}</td></tr>
<tr><td>计划资金来源</td><td colspan="3">{nested}</td></tr>
<tr><td>申报材料</td><td colspan="3">项目初步设计（含建设必要性和可行性论证）；项目需求分析报告</td></tr>
<tr><td>备注</td><td colspan="3"></td></tr>
</table></body></html>"""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "form.html"
        source.write_text(html, encoding="utf-8")
        soffice_docx(source, path)


def soffice(source: Path, target_format: str) -> Path:
    """LibreOffice converts ``source`` to ``target_format`` (「docx:MS Word 2007 XML」「doc:MS Word 97」
    「odt」) beside it; the path of what it wrote."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
    return source.with_suffix("." + target_format.split(":")[0])


def soffice_docx(source: Path, target: Path) -> None:
    shutil.move(str(soffice(source, "docx:MS Word 2007 XML")), target)


# ---------------------------------------------------------------- python-docx with WPS's habits


def standard_rows(v: dict[str, Any], **changes: str) -> list[list[str]]:
    s = "project.investment.sources."
    values = {
        "category": v.get("project.category", "服务类"),
        "location": "石嘴山市平罗县",
        "basis": BASIS,
        "schedule": f"起始时间：{day(v['project.schedule.start'])}\n完成时间：{day(v['project.schedule.end'])}"
        if "project.schedule.start" in v
        else "",
        "preparation": PREPARATION,
    } | changes
    return [
        ["项目建设单位", v["project.owner_unit"], "项目负责人", v["project.leader.name"]],
        ["", "", "联系电话", v["project.leader.phone"]],
        ["参与建设单位", "无"],
        ["项目名称", v["project.name"], "项目类别", values["category"]],
        ["项目建设地址", values["location"]],
        ["项目建设依据", values["basis"]],
        ["项目计划时间", values["schedule"]],
        ["项目准备情况", values["preparation"]],
        [
            "项目预计总投资（万元）",
            str(v.get("project.investment.total", "")),
            "本年度预计投入（万元）",
            str(v.get("project.investment.this_year", "")),
        ],
        ["计划资金来源", "国家资金", "自治区资金", "市级资金", "社会资金"],
        ["", *(str(v.get(s + k, "")) for k in ("national", "autonomous_region", "municipal", "social"))],
        ["申报材料", MATERIALS],
        ["备注", ""],
    ]


def python_docx_form(path: Path, header: str, rows: list[list[str]]) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("附件1")
    document.add_paragraph("石嘴山市政务信息化项目申报表").alignment = 1
    document.add_paragraph(header)
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            table.cell(r, col).text = text
        if len(row) < columns:
            table.cell(r, len(row) - 1).merge(table.cell(r, columns - 1))
    document.save(path)
    return document


def form_wps_symbol_ticks(path: Path) -> None:
    """WPS habits: 项目类别 ticked with Wingdings 2 characters typed in a symbol-font run (「R」 draws
    ☑, 「£」 draws □), the phone grouped by spaces, the amounts with 万元 typed after them."""
    v = typed(path.name)
    rows = standard_rows(v, category="CATEGORY")
    s = "project.investment.sources."
    rows[8][1] += "万元"
    rows[10][1:] = [f"{v[s + k]}万元" for k in ("national", "autonomous_region", "municipal", "social")]
    document = python_docx_form(path, f"项目申报单位：{v['declaration.applicant']}\t{day(v['declaration.date'])}", rows)
    table = document.tables[0]
    for tc in table._tbl.iter(qn("w:tc")):
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))) != "CATEGORY":
            continue
        p = tc.find(qn("w:p"))
        runs = []
        for option in ("工程类", "货物类", "服务类"):
            mark = "R" if option == v["project.category"] else "£"
            runs.append(
                f'<w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr><w:t>{mark}</w:t></w:r>'
            )
            runs.append(f'<w:r><w:t xml:space="preserve">{option}　</w:t></w:r>')
        p.addprevious(parse_xml(f"<w:p {W_NS}>{''.join(runs)}</w:p>"))
        tc.remove(p)
    document.save(path)


def form_placeholders(path: Path) -> None:
    """A form whose writer left words that say nothing: 项目建设地址 「同上」, 项目建设依据 「详见附件」
    (the form lists no such 附件), 项目准备情况 「待定」 — each is empty, as in a data file."""
    v = typed(path.name)
    rows = standard_rows(v, location="同上", basis="详见附件", preparation="待定")
    python_docx_form(path, f"项目申报单位：{v['declaration.applicant']}    {day(v['declaration.date'])}", rows)


def form_schedule_unplaced(path: Path) -> None:
    """项目计划时间 written as a duration (「2027年内完成，建设周期12个月」): no date can be placed, so
    extract lists it as unread (exit 1) and check says what was written."""
    v = typed(path.name)
    rows = standard_rows(v, schedule="2027年内完成，建设周期12个月")
    python_docx_form(path, f"项目申报单位：{v['declaration.applicant']}    {day(v['declaration.date'])}", rows)


def form_unitless_large_amounts(path: Path) -> None:
    """A form whose labels lost their unit (「项目预计总投资」) and whose amounts are in 元 written bare
    (8600000): nothing says the unit, so extract does not guess 万元 — the amounts are listed."""
    v = typed(path.name)
    rows = standard_rows(v)
    rows[8] = ["项目预计总投资", "8600000", "本年度预计投入", "5000000"]
    python_docx_form(path, f"项目申报单位：{v['declaration.applicant']}    {day(v['declaration.date'])}", rows)


def report_placeholders(path: Path) -> None:
    """A report whose writer filled sections with words that say nothing — 「待定」「同上」「……」
    「详见附件3」 (only two attachments listed), 「无」 — and one section 「详见附件1」 that is listed."""
    from docgen.outline import REPORT_OUTLINE

    fillers = {3: "待定", 6: "同上", 7: "……", 12: "详见附件3", 13: "无", 4: "详见附件1"}
    document = docx.Document()
    document.add_paragraph("石嘴山市某平台需求分析报告", style="Title")
    for index, heading in enumerate(REPORT_OUTLINE):
        if heading.level == 0:
            continue
        document.add_heading(heading.number + heading.title, level=heading.level)
        following = REPORT_OUTLINE[index + 1] if index + 1 < len(REPORT_OUTLINE) else None
        if heading.level == 1 and following is not None and following.level == 2:
            continue
        document.add_paragraph(fillers.get(index, f"本节说明{heading.title}的情况。"))
    document.add_paragraph("附件：")
    document.add_paragraph("1．《需求调研报告》")
    document.add_paragraph("2．《石嘴山市政务信息化项目管理办法》")
    document.save(path)


def encrypted_form(path: Path) -> None:
    """A 申报表 saved with an opening password (Word's 用密码进行加密), made with msoffcrypto-tool."""
    import msoffcrypto  # generator-only dependency (PyPI msoffcrypto-tool)

    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "plain.docx"
        v = typed("申报表-pandoc两栏表金额为元.docx")
        python_docx_form(plain, f"项目申报单位：{v['declaration.applicant']}", standard_rows(v))
        with plain.open("rb") as source, path.open("wb") as target:
            office = msoffcrypto.OfficeFile(source)
            office.encrypt("123456", target)


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-pandoc两栏表金额为元.docx": form_pandoc_two_columns_in_yuan,
    "报告-pandoc表格中的标题.docx": report_pandoc_heading_tables,
    "申报表-docx库合并单元格与勾选框.docx": form_docx_js_merged_and_check_boxes,
    "审查表-docx库表头在表内审查结果分行.docx": security_docx_js_header_in_table,
    "申报表-网页嵌套资金来源表.docx": form_html_nested_sources,
    "申报表-WPS符号字体勾选.docx": form_wps_symbol_ticks,
    "申报表-占位文字.docx": form_placeholders,
    "申报表-计划时间无法确定.docx": form_schedule_unplaced,
    "申报表-金额未注单位.docx": form_unitless_large_amounts,
    "报告-占位文字不算内容.docx": report_placeholders,
    "申报表-有打开密码.docx": encrypted_form,
}
