# ruff: noqa: E501  (table rows, markup and Chinese sentences read best on one line)
"""The blind corpus: 附件1/附件2 filled in and 附件3 reports, written the way offices really write
them, by producers and in layouts that were not looked at while docgen's reader was written.

Every document here was written — and its verdict set down in ``manifest.yaml`` (entries with
``blind: true``) — before the reader in ``docgen/checking/`` was read: the verdict is what a careful
reviewer says of the document, not what docgen happened to say. ``benchmarks/corpus_score.py``
counts how many verdicts ``check`` and ``extract`` give right; ``tests/test_corpus.py`` holds them.

One description of a table, a grid of cells, is written by five producers, each its own way:

* python-docx (Word's own merges: ``w:gridSpan`` and ``w:vMerge``; nested tables);
* raw WordprocessingML in a minimal package (no styles part, no settings — what small
  generators write);
* LibreOffice from HTML (``rowspan``/``colspan``, ``<th>``, ``<caption>``), from a flat ODT
  (``number-columns-spanned``, covered cells) and from RTF (``\\clvmgf``/``\\clvmrg``, cells of
  different widths per row);
* pandoc from Markdown (pipe tables, headings).

In a grid, a cell is a string (paragraphs split by ``\\n``), ``"<"`` (the cell to the left spans
over this one), ``"^"`` (the cell above spans down over this one) or a ``Nested`` table.

The values typed into each filled form are its manifest entry's ``extract.typed`` (amounts in 万元,
ISO dates); each layout writes them its own way (元, check boxes, Chinese numerals …).

Tools for making (not for testing — the .docx files are committed): LibreOffice and pandoc.
Run from the repository root:  .venv/bin/python tests/corpus/blind_forms.py [NAME.docx …]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from office_forms import soffice_docx

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))

# ---------------------------------------------------------------- the values typed into a form


def typed(name: str) -> dict[str, Any]:
    entry = next(d for d in MANIFEST["documents"] if d["file"] == name)
    values: dict[str, Any] = dict(entry["extract"].get("typed", {}))
    return values


@dataclass
class Filled:
    """What an applicant typed, read from the manifest, with the texts no test compares."""

    values: dict[str, Any]
    location: str = "宁夏回族自治区石嘴山市大武口区朝阳西街69号"
    participating: str = "石嘴山市数据局"
    basis: str = "1.《石嘴山市政务信息化项目管理办法》\n2.《石嘴山市数字政府建设三年行动方案（2025—2027年）》"
    preparation: str = "已完成需求调研和技术方案论证，项目已列入2027年市级政务信息化项目计划。"
    materials: str = ""
    remarks: str = ""
    content: str = "建设统一受理、业务办理、数据共享三个子系统，依托自治区政务云部署。"
    network: str = "系统拟定为网络安全等级保护第二级，上线前完成定级备案和等级测评，依托政务云安全资源池实现边界防护、入侵检测和日志审计。"
    crypto: str = "按照GB/T 39786-2021第二级要求编制密码应用方案，采用SM2/SM3/SM4国产密码算法实现身份鉴别和传输加密，上线前完成密码应用安全性评估。"
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, attribute in (
            ("security.construction_content", "content"),
            ("security.network_security.summary", "network"),
            ("security.cryptography.summary", "crypto"),
        ):
            if (
                self.values.get(key) is not None
                and getattr(self, attribute) == type(self).__dataclass_fields__[attribute].default
            ):
                setattr(self, attribute, self.values[key])
        if not self.materials:
            big = Decimal(str(self.values.get("project.investment.total", 0) or 0)) >= 500
            listed = ["项目初步设计（含建设必要性和可行性论证）"] + (["项目需求分析报告"] if big else [])
            listed += ["石嘴山市政务信息化项目申报表", "网络安全和密码保护审查表"]
            self.materials = "\n".join(f"{n}.{m}" for n, m in enumerate(listed, 1))

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return "" if value is None else str(value)


def filled(name: str, **texts: Any) -> Filled:
    return Filled(typed(name), **texts)


def parts(iso: str | None) -> tuple[int, int, int]:
    assert iso is not None
    year, month, day = (int(p) for p in iso.split("-"))
    return year, month, day


def day(iso: str | None) -> str:
    if iso is None:
        return ""
    y, m, d = parts(iso)
    return f"{y}年{m}月{d}日"


def day_padded(iso: str | None) -> str:
    y, m, d = parts(iso)
    return f"{y}年{m:02d}月{d:02d}日"


def day_dot(iso: str | None) -> str:
    y, m, d = parts(iso)
    return f"{y}.{m}.{d}"


def day_slash(iso: str | None) -> str:
    y, m, d = parts(iso)
    return f"{y}/{m:02d}/{d:02d}"


_DIGITS = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def day_chinese(iso: str | None) -> str:
    """二〇二六年十一月五日, as the header date of an official letter is written."""
    y, m, d = parts(iso)
    return "".join(_DIGITS[int(c)] for c in str(y)) + f"年{_cn_small(m)}月{_cn_small(d)}日"


def wan(value: Any, places: int | None = None) -> str:
    amount = Decimal(str(value))
    if places is not None:
        return f"{amount:.{places}f}"
    return f"{amount.normalize():f}"


def yuan(value: Any) -> str:
    """万元 written in 元, with thousands separators and two decimals, as finance offices write it."""
    return f"{Decimal(str(value)) * 10000:,.2f}"


def zero_as_dash(text: str) -> str:
    return "—" if Decimal(text.replace(",", "")) == 0 else text


# ---------------------------------------------------------------- one description of a table


@dataclass
class Nested:
    rows: list[list[Any]]


Grid = list[list[Any]]


@dataclass(frozen=True)
class Region:
    row: int
    col: int
    width: int
    height: int
    spec: Any


def regions(rows: Grid) -> tuple[list[Region], dict[tuple[int, int], Region]]:
    """The merged regions of a grid (every cell that is not '<' or '^' starts one) and the owner of each cell."""
    height, width = len(rows), max(len(r) for r in rows)
    for r in rows:
        assert len(r) == width, r
    found: list[Region] = []
    owner: dict[tuple[int, int], Region] = {}
    for i, row in enumerate(rows):
        for j, spec in enumerate(row):
            if isinstance(spec, str) and spec in ("<", "^"):
                continue
            w = 1
            while j + w < width and row[j + w] == "<":
                w += 1
            h = 1
            while i + h < height and rows[i + h][j] == "^":
                h += 1
            region = Region(i, j, w, h, spec)
            found.append(region)
            for a in range(i, i + h):
                for b in range(j, j + w):
                    assert (a, b) not in owner, (a, b)
                    owner[(a, b)] = region
    assert len(owner) == height * width
    return found, owner


# ---------------------------------------------------------------- python-docx


def new_document() -> docx.document.Document:
    document = docx.Document()
    styles = document.styles
    rpr = styles["Normal"].element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    styles["Normal"].font.size = Pt(12)
    return document


def write_cell(cell: Any, spec: Any) -> None:
    if isinstance(spec, Nested):
        cell.paragraphs[0].text = ""
        docx_grid(cell, spec.rows)
        cell.add_paragraph()  # Word keeps a paragraph after a nested table
        return
    lines = str(spec).split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def docx_grid(container: Any, rows: Grid, style: str | None = "Table Grid") -> Any:
    """A table in python-docx: Word's merges (gridSpan, vMerge) made by Cell.merge."""
    found, _ = regions(rows)
    table = container.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        table.style = style
    for region in found:
        cell = table.cell(region.row, region.col)
        if region.width > 1 or region.height > 1:
            cell = cell.merge(table.cell(region.row + region.height - 1, region.col + region.width - 1))
        write_cell(cell, region.spec)
    return table


def no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    tbl_pr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        )
    )


def para(document: Any, text: str, bold: bool = False, size: float | None = None, center: bool = False) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = 1
    return paragraph


def page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# ---------------------------------------------------------------- raw WordprocessingML, a minimal package


def x(text: str) -> str:
    return escape(text, quote=False)


def wml_runs(text: str, rpr: str = "") -> str:
    """A run per line piece; ``\\t`` becomes w:tab."""
    out = []
    for piece_no, piece in enumerate(text.split("\t")):
        if piece_no:
            out.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if piece:
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{x(piece)}</w:t></w:r>')
    return "".join(out)


def wml_p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{wml_runs(text, rpr)}</w:p>"


def wml_table(rows: Grid, widths: list[int]) -> str:
    """A table as Word writes it: w:tblGrid, w:gridSpan for a horizontal span, w:vMerge restart/continue."""
    _, owner = regions(rows)
    out = [
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
        + "".join(
            f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for i in range(len(rows)):
        out.append("<w:tr>")
        j = 0
        while j < len(widths):
            region = owner[(i, j)]
            span = f'<w:gridSpan w:val="{region.width}"/>' if region.width > 1 else ""
            merge = ""
            if region.height > 1:
                merge = '<w:vMerge w:val="restart"/>' if region.row == i else "<w:vMerge/>"
            width = sum(widths[region.col : region.col + region.width])
            tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
            if region.row == i and not isinstance(region.spec, Nested):
                body = "".join(wml_p(line) for line in str(region.spec).split("\n"))
            elif region.row == i:
                inner = region.spec.rows
                body = wml_table(inner, [width // len(inner[0])] * len(inner[0])) + "<w:p/>"
            else:
                body = "<w:p/>"
            out.append(f"<w:tc>{tcpr}{body}</w:tc>")
            j += region.width
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def minimal_package(path: Path, body: str) -> None:
    """A .docx with only the parts a package needs: no styles, settings, fonts or numbering."""
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr("word/document.xml", document)


# ---------------------------------------------------------------- LibreOffice: HTML, flat ODT, RTF


def convert(text: str, suffix: str, target: Path, encoding: str = "utf-8") -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"form{suffix}"
        source.write_bytes(text.encode(encoding))
        soffice_docx(source, target)


def html_table(rows: Grid, header_labels: bool = False, caption: str = "") -> str:
    """rowspan/colspan; with ``header_labels`` a cell whose text is a label (ends a row's label
    column) is a <th>, as web editors write forms."""
    found, _ = regions(rows)
    by_row: dict[int, list[Region]] = {}
    for region in found:
        by_row.setdefault(region.row, []).append(region)
    out = ['<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">']
    if caption:
        out.append(f"<caption>{x(caption)}</caption>")
    for i in range(len(rows)):
        out.append("<tr>")
        for region in sorted(by_row.get(i, []), key=lambda r: r.col):
            span = (f' colspan="{region.width}"' if region.width > 1 else "") + (
                f' rowspan="{region.height}"' if region.height > 1 else ""
            )
            if isinstance(region.spec, Nested):
                inner = html_table(region.spec.rows)
                out.append(f"<td{span}>{inner}</td>")
                continue
            text = str(region.spec)
            tag = "th" if header_labels and isinstance(region.spec, Label) else "td"
            out.append(f"<{tag}{span}>{'<br/>'.join(x(t) for t in text.split(chr(10)))}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


class Label(str):
    """A cell text that is a label (a <th> in HTML)."""


def html_page(title: str, body: str) -> str:
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{x(title)}</title></head><body>{body}</body></html>'


def fodt_table(rows: Grid, name: str) -> str:
    """An ODF table: spans on the first cell, table:covered-table-cell for the cells it covers."""
    _, owner = regions(rows)
    width = len(rows[0])
    out = [
        f'<table:table table:name="{name}" table:style-name="T"><table:table-column table:number-columns-repeated="{width}"/>'
    ]
    for i in range(len(rows)):
        out.append("<table:table-row>")
        for j in range(width):
            region = owner[(i, j)]
            if (region.row, region.col) != (i, j):
                out.append("<table:covered-table-cell/>")
                continue
            span = (f' table:number-columns-spanned="{region.width}"' if region.width > 1 else "") + (
                f' table:number-rows-spanned="{region.height}"' if region.height > 1 else ""
            )
            paras = "".join(f'<text:p text:style-name="Cell">{x(t)}</text:p>' for t in str(region.spec).split("\n"))
            out.append(
                f'<table:table-cell table:style-name="C" office:value-type="string"{span}>{paras}</table:table-cell>'
            )
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def fodt(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        "<office:styles>"
        '<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name-asian="宋体" fo:font-size="12pt"/></style:style>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        "</office:styles><office:automatic-styles>"
        '<style:style style:name="T" style:family="table"><style:table-properties style:width="16cm" table:align="margins"/></style:style>'
        '<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>'
        '<style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard"/>'
        '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document>"
    )


def fodt_p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{x(text)}</text:p>'


def fodt_h(text: str, level: int) -> str:
    return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{x(text)}</text:h>'


def rtf_text(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif code < 128:
            out.append(ch)
        else:
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def rtf_table(rows: Grid, widths: list[int]) -> str:
    """Word's RTF: each row lists its cells (a horizontal span is one wider cell), vertical merges
    are \\clvmgf on the first cell and \\clvmrg on those below."""
    _, owner = regions(rows)
    out = []
    border = "\\clbrdrt\\brdrs\\brdrw10\\clbrdrl\\brdrs\\brdrw10\\clbrdrb\\brdrs\\brdrw10\\clbrdrr\\brdrs\\brdrw10"
    for i in range(len(rows)):
        defs, cells, right, j = [], [], 0, 0
        while j < len(widths):
            region = owner[(i, j)]
            merge = ""
            if region.height > 1:
                merge = "\\clvmgf" if region.row == i else "\\clvmrg"
            right += sum(widths[region.col : region.col + region.width])
            defs.append(f"{merge}\\clvertalc{border}\\cellx{right}")
            text = str(region.spec) if region.row == i else ""
            cells.append("\\pard\\intbl " + "\\par ".join(rtf_text(t) for t in text.split("\n")) + "\\cell")
            j += region.width
        out.append("\\trowd\\trgaph108\\trleft0" + "".join(defs) + " " + "".join(cells) + "\\row")
    return "".join(out) + "\\pard"


def rtf(body: str) -> str:
    return "{\\rtf1\\ansi\\ansicpg936\\deff0\\uc1{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs24 " + body + "}"


def rtf_p(text: str, bold: bool = False, size: int = 24, center: bool = False) -> str:
    align = "\\qc" if center else ""
    on, off = ("\\b", "\\b0") if bold else ("", "")
    return f"\\pard{align}\\fs{size}{on} {rtf_text(text)}{off}\\par "


# ---------------------------------------------------------------- pandoc


def pandoc(markdown: str, path: Path, source_format: str = "markdown") -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "source.txt"
        source.write_text(markdown, encoding="utf-8")
        subprocess.run(["pandoc", str(source), "-f", source_format, "-t", "docx", "-o", str(path)], check=True)


def pipe_table(rows: list[list[str]]) -> str:
    """A Markdown pipe table: its first row is the header row (pandoc makes it one)."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("\n", "；").replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(rows[0]), "|" + "---|" * len(rows[0])] + [line(r) for r in rows[1:]]) + "\n"


# ---------------------------------------------------------------- the forms' parts


APP_TITLE = "石嘴山市政务信息化项目申报表"
SEC_TITLE = "石嘴山市政务信息化项目网络安全和密码保护审查表"


def review_block(result: str | None, unit: str | None, date: str | None) -> str:
    """The printed block of 附件2: as printed when nobody reviewed, the reviewer's words when done."""
    if result is None and unit is None and date is None:
        return "审查结果：（符合/不符合）\n审查单位：\n20   年   月   日"
    return (
        f"审查结果：{result or '（符合/不符合）'}\n审查单位：{unit or ''}\n{day(date) if date else '20   年   月   日'}"
    )


def official_application(v: Filled, amount: Callable[[str], str] | None = None, plan: str | None = None) -> Grid:
    """附件1's printed grid (forms.md §1.2) on a 9-column grid: label | value area of 8 units."""
    a = amount or (lambda k: wan(v[k]))
    plan = (
        plan
        if plan is not None
        else f"起始时间：{day(v['project.schedule.start'])}    完成时间：{day(v['project.schedule.end'])}"
    )
    return [
        [
            "项目建设单位",
            v.text("project.owner_unit"),
            "<",
            "<",
            "项目负责人",
            "<",
            v.text("project.leader.name"),
            "<",
            "<",
        ],
        ["^", "^", "^", "^", "联系电话", "<", v.text("project.leader.phone"), "<", "<"],
        ["参与建设单位", v.participating, "<", "<", "<", "<", "<", "<", "<"],
        ["项目名称", v.text("project.name"), "<", "<", "项目类别", "<", v.text("project.category"), "<", "<"],
        ["项目建设地址", v.location, "<", "<", "<", "<", "<", "<", "<"],
        ["项目建设依据", v.basis, "<", "<", "<", "<", "<", "<", "<"],
        ["项目计划时间", plan, "<", "<", "<", "<", "<", "<", "<"],
        ["项目准备情况", v.preparation, "<", "<", "<", "<", "<", "<", "<"],
        [
            "项目预计\n总投资（万元）",
            a("project.investment.total"),
            "<",
            "<",
            "本年度预计\n投入（万元）",
            "<",
            a("project.investment.this_year"),
            "<",
            "<",
        ],
        ["计划资金来源", "国家资金", "<", "自治区资金", "<", "市级资金", "<", "社会资金", "<"],
        [
            "^",
            a("project.investment.sources.national"),
            "<",
            a("project.investment.sources.autonomous_region"),
            "<",
            a("project.investment.sources.municipal"),
            "<",
            a("project.investment.sources.social"),
            "<",
        ],
        ["申报材料", v.materials, "<", "<", "<", "<", "<", "<", "<"],
        ["备注", v.remarks, "<", "<", "<", "<", "<", "<", "<"],
    ]


def official_security(v: Filled) -> Grid:
    """附件2's printed grid (forms.md §2.2), the review blocks as the reviewer left them."""
    return [
        ["项目建设单位", v.text("project.owner_unit"), "项目负责人", v.text("project.leader.name")],
        ["^", "^", "联系电话", v.text("project.leader.phone")],
        ["项目名称", v.text("project.name"), "项目类别", v.text("project.category")],
        ["项目建设内容", v.content, "<", "<"],
        ["网络安全保护\n基本情况", v.network, "<", "<"],
        [
            "网络安全审查",
            review_block(
                v["review.network_security.result"],
                v["review.network_security.unit"],
                v["review.network_security.date"],
            ),
            "<",
            "<",
        ],
        ["密码保护应用\n基本情况", v.crypto, "<", "<"],
        [
            "密码保护审查",
            review_block(v["review.cryptography.result"], v["review.cryptography.unit"], v["review.cryptography.date"]),
            "<",
            "<",
        ],
    ]


def header_line(
    document: Any,
    v: Filled,
    unit_label: str = "项目申报单位：",
    date_text: str | None = None,
    gap: str = "                    ",
) -> None:
    para(
        document,
        f"{unit_label}{v.text('declaration.applicant')}{gap}{date_text if date_text is not None else day(v['declaration.date'])}",
    )


def form_document(v: Filled, number: int = 1, header: bool = True, **line: Any) -> Any:
    """A new document opening as the annex does: 「附件N」, the form's title, the header line (``line``:
    :func:`header_line`'s words)."""
    d = new_document()
    para(d, f"附件{number}")
    para(d, APP_TITLE if number == 1 else SEC_TITLE, bold=True, size=20, center=True)
    if header:
        header_line(d, v, **line)
    return d


def amounts_in_wan(v: Filled) -> Callable[[str], str]:
    return lambda key: wan(v[key])


# ---------------------------------------------------------------- 附件1, filled in


def f01_raw_official(path: Path) -> None:
    """The printed 附件1 filled in, written as raw WordprocessingML in a minimal package (no styles part):
    the header date at the end of the unit's line after tabs."""
    v = filled(path.name)
    body = (
        wml_p("附件1", rpr="<w:rPr><w:b/></w:rPr>")
        + wml_p(APP_TITLE, ppr='<w:jc w:val="center"/>', rpr='<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>')
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t\t{day(v['declaration.date'])}")
        + wml_table(official_application(v, amounts_in_wan(v)), [1900, 950, 950, 950, 950, 950, 950, 950, 950])
        + "<w:p/>"
    )
    minimal_package(path, body)


def f02_pairs_per_row(path: Path) -> None:
    """Two and three label/value pairs per row on an 8-column grid; the four sources as four pairs
    in one row under a band 「计划资金来源（万元）」; the title as 第十六条 names it; the header as
    「填报单位（盖章）：…　填报日期：…」."""
    v = filled(path.name)
    d = new_document()
    para(d, "附件1", bold=True)
    para(d, "石嘴山市政务信息化项目建设申报表", bold=True, size=20, center=True)
    para(d, f"填报单位（盖章）：{v.text('declaration.applicant')}　　　　填报日期：{day(v['declaration.date'])}")
    s = "project.investment.sources."
    docx_grid(
        d,
        [
            ["项目名称", v.text("project.name"), "<", "<", "<", "项目类别", v.text("project.category"), "<"],
            [
                "项目建设单位",
                v.text("project.owner_unit"),
                "<",
                "项目负责人",
                v.text("project.leader.name"),
                "联系电话",
                v.text("project.leader.phone"),
                "<",
            ],
            ["参与建设单位", v.participating, "<", "<", "<", "<", "<", "<"],
            ["项目建设地址", v.location, "<", "<", "<", "<", "<", "<"],
            ["项目建设依据", v.basis, "<", "<", "<", "<", "<", "<"],
            [
                "起始时间",
                day(v["project.schedule.start"]),
                "<",
                "完成时间",
                day(v["project.schedule.end"]),
                "项目准备情况",
                v.preparation,
                "<",
            ],
            [
                "项目预计总投资（万元）",
                wan(v["project.investment.total"]),
                "<",
                "<",
                "本年度预计投入（万元）",
                "<",
                wan(v["project.investment.this_year"]),
                "<",
            ],
            ["计划资金来源（万元）", "<", "<", "<", "<", "<", "<", "<"],
            [
                "国家资金",
                wan(v[s + "national"]),
                "自治区资金",
                wan(v[s + "autonomous_region"]),
                "市级资金",
                wan(v[s + "municipal"]),
                "社会资金",
                wan(v[s + "social"]),
            ],
            ["申报材料", v.materials, "<", "<", "<", "<", "<", "<"],
            ["备注", v.remarks, "<", "<", "<", "<", "<", "<"],
        ],
    )
    d.save(path)


def f03_labels_above_values(path: Path) -> None:
    """Labels in a header row with the values in the row below, as in a spreadsheet; a label
    spanning the whole width over its long value."""
    v = filled(path.name)
    s = "project.investment.sources."
    d = form_document(v, header=False)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    para(d, f"申报日期：{day(v['declaration.date'])}")
    docx_grid(
        d,
        [
            ["项目名称", "项目建设单位", "项目负责人", "联系电话"],
            [
                v.text("project.name"),
                v.text("project.owner_unit"),
                v.text("project.leader.name"),
                v.text("project.leader.phone"),
            ],
            ["项目类别", "项目建设地址", "<", "参与建设单位"],
            [v.text("project.category"), v.location, "<", v.participating],
            ["起始时间", "完成时间", "项目预计总投资（万元）", "本年度预计投入（万元）"],
            [
                day(v["project.schedule.start"]),
                day(v["project.schedule.end"]),
                wan(v["project.investment.total"]),
                wan(v["project.investment.this_year"]),
            ],
            ["国家资金（万元）", "自治区资金（万元）", "市级资金（万元）", "社会资金（万元）"],
            [wan(v[s + "national"]), wan(v[s + "autonomous_region"]), wan(v[s + "municipal"]), wan(v[s + "social"])],
            ["项目建设依据", "<", "<", "<"],
            [v.basis, "<", "<", "<"],
            ["项目准备情况", "<", "<", "<"],
            [v.preparation, "<", "<", "<"],
            ["申报材料", "<", "<", "<"],
            [v.materials, "<", "<", "<"],
            ["备注", "<", "<", "<"],
            [v.remarks, "<", "<", "<"],
        ],
    )
    d.save(path)


def f04_vertical_groups(path: Path) -> None:
    """Group labels merged down the first column (基本信息 / 建设计划 / 投资情况（万元） / 其他), the
    field labels in the second, values in the third; 「其中：国家资金」."""
    v = filled(path.name)
    s = "project.investment.sources."
    d = new_document()
    para(d, APP_TITLE, bold=True, size=20, center=True)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    para(d, f"申报日期：{day(v['declaration.date'])}")
    docx_grid(
        d,
        [
            ["基本信息", "项目名称", v.text("project.name")],
            ["^", "项目类别", v.text("project.category")],
            ["^", "项目建设单位", v.text("project.owner_unit")],
            ["^", "项目负责人", v.text("project.leader.name")],
            ["^", "联系电话", v.text("project.leader.phone")],
            ["^", "参与建设单位", v.participating],
            ["^", "项目建设地址", v.location],
            ["建设计划", "起始时间", day(v["project.schedule.start"])],
            ["^", "完成时间", day(v["project.schedule.end"])],
            ["投资情况（万元）", "项目预计总投资", wan(v["project.investment.total"])],
            ["^", "本年度预计投入", wan(v["project.investment.this_year"])],
            ["^", "其中：国家资金", wan(v[s + "national"])],
            ["^", "自治区资金", wan(v[s + "autonomous_region"])],
            ["^", "市级资金", wan(v[s + "municipal"])],
            ["^", "社会资金", wan(v[s + "social"])],
            ["其他", "项目建设依据", v.basis],
            ["^", "项目准备情况", v.preparation],
            ["^", "申报材料", v.materials],
            ["^", "备注", v.remarks],
        ],
    )
    d.save(path)


def f05_framed_nested_sources(path: Path) -> None:
    """An OA system's export: the whole form (marker, title, header, table) inside a one-cell frame
    table; the four sources as a small table nested in the 计划资金来源 value cell."""
    v = filled(path.name)
    s = "project.investment.sources."
    d = new_document()
    frame = d.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "附件1"
    cell.add_paragraph(APP_TITLE).alignment = 1
    cell.add_paragraph(f"项目申报单位：{v.text('declaration.applicant')}          {day(v['declaration.date'])}")
    grid = official_application(v, amounts_in_wan(v))
    nested = Nested(
        [
            ["国家资金", "自治区资金", "市级资金", "社会资金"],
            [wan(v[s + "national"]), wan(v[s + "autonomous_region"]), wan(v[s + "municipal"]), wan(v[s + "social"])],
        ]
    )
    grid[9] = ["计划资金来源（万元）", nested, "<", "<", "<", "<", "<", "<", "<"]
    del grid[10]
    docx_grid(cell, grid)
    cell.add_paragraph()
    d.save(path)


def f06_split_with_title_row(path: Path) -> None:
    """The form split over two tables (a 「续表」 between, on the next page); the title and the
    header line as the first rows of the first table."""
    v = filled(path.name)
    s = "project.investment.sources."
    d = new_document()
    para(d, "附件1")
    docx_grid(
        d,
        [
            [APP_TITLE, "<", "<", "<"],
            [f"项目申报单位：{v.text('declaration.applicant')}", "<", f"申报时间：{day(v['declaration.date'])}", "<"],
            ["项目建设单位", v.text("project.owner_unit"), "项目负责人", v.text("project.leader.name")],
            ["^", "^", "联系电话", v.text("project.leader.phone")],
            ["参与建设单位", v.participating, "<", "<"],
            ["项目名称", v.text("project.name"), "项目类别", v.text("project.category")],
            ["项目建设地址", v.location, "<", "<"],
            ["项目建设依据", v.basis, "<", "<"],
            [
                "项目计划时间",
                f"起始时间：{day(v['project.schedule.start'])}\n完成时间：{day(v['project.schedule.end'])}",
                "<",
                "<",
            ],
            ["项目准备情况", v.preparation, "<", "<"],
        ],
    )
    page_break(d)
    para(d, "（续表）")
    docx_grid(
        d,
        [
            [
                "项目预计总投资（万元）",
                wan(v["project.investment.total"]),
                "本年度预计投入（万元）",
                wan(v["project.investment.this_year"]),
                "<",
            ],
            ["计划资金来源（万元）", "国家资金", "自治区资金", "市级资金", "社会资金"],
            [
                "^",
                wan(v[s + "national"]),
                wan(v[s + "autonomous_region"]),
                wan(v[s + "municipal"]),
                wan(v[s + "social"]),
            ],
            ["申报材料", v.materials, "<", "<", "<"],
            ["备注", v.remarks, "<", "<", "<"],
        ],
    )
    d.save(path)


def f07_unit_caption_yuan(path: Path) -> None:
    """A right-aligned 「金额单位：元」 above the table; amount labels without a unit; amounts in 元
    with two decimals and thousands separators."""
    v = filled(path.name)
    d = form_document(v, header=False)
    para(d, f"项目申报单位（盖章）：{v.text('declaration.applicant')}            {day(v['declaration.date'])}")
    para(d, "金额单位：元").alignment = 2
    grid = official_application(v, lambda k: yuan(v[k]))
    grid[8][0], grid[8][4] = "项目预计总投资", "本年度预计投入"
    docx_grid(d, grid)
    d.save(path)


def f08_units_in_values(path: Path) -> None:
    """Each amount carries its own unit, not all the same: 「7,350,000元」 in a cell labelled （万元）,
    「400万元」, 「500万」, and 「—」 for none."""
    v = filled(path.name)
    s = "project.investment.sources."
    written = {
        "project.investment.total": "7,350,000元",
        "project.investment.this_year": "400万元",
        s + "national": "—",
        s + "autonomous_region": "2,350,000元",
        s + "municipal": "500万",
        s + "social": "—",
    }
    assert Decimal(str(v["project.investment.total"])) == 735 and Decimal(str(v[s + "autonomous_region"])) == 235
    d = form_document(v)
    docx_grid(d, official_application(v, lambda k: written[k]))
    d.save(path)


def f09_filled_squares(path: Path) -> None:
    """项目类别 as the three categories printed with boxes, the chosen one a filled square
    (「■工程类　□货物类　□服务类」, WPS templates' habit)."""
    v = filled(path.name)
    d = form_document(v)
    grid = official_application(v, amounts_in_wan(v))
    grid[3][6] = "　".join(("■" if c == v["project.category"] else "□") + c for c in ("工程类", "货物类", "服务类"))
    docx_grid(d, grid)
    d.save(path)


def f10_options_in_cells(path: Path) -> None:
    """项目类别 as three option cells, each with a bracket to tick: 「工程类（ ）」「货物类（√）」「服务类（ ）」."""
    v = filled(path.name)
    d = form_document(v)
    grid = official_application(v, amounts_in_wan(v))
    options = [f"{c}（{'√' if c == v['project.category'] else '  '}）" for c in ("工程类", "货物类", "服务类")]
    grid[3] = ["项目名称", v.text("project.name"), "<", "<", "<", "<", "<", "<", "<"]
    grid.insert(4, ["项目类别", options[0], "<", "<", options[1], "<", options[2], "<", "<"])
    docx_grid(d, grid)
    d.save(path)


def f11_dates_every_way(path: Path) -> None:
    """Dates as people write them: the header in Chinese numerals, 起始时间 with dots, 完成时间 with
    slashes and leading zeros; the phone with its area code in brackets."""
    v = filled(path.name)
    d = form_document(v, date_text=day_chinese(v["declaration.date"]))
    plan = f"起始时间：{day_dot(v['project.schedule.start'])}　　完成时间：{day_slash(v['project.schedule.end'])}"
    docx_grid(d, official_application(v, amounts_in_wan(v), plan=plan))
    d.save(path)


def f12_plan_in_months(path: Path) -> None:
    """项目计划时间 in months only, as a range with a dash: 「2027年1月—2027年12月」; the header
    date ISO-style."""
    v = filled(path.name)
    d = form_document(v, date_text=str(v["declaration.date"]))
    start, end = parts(v["project.schedule.start"]), parts(v["project.schedule.end"])
    plan = f"{start[0]}年{start[1]}月—{end[0]}年{end[1]}月"
    docx_grid(d, official_application(v, amounts_in_wan(v), plan=plan))
    d.save(path)


def f13_seal_and_signature_rows(path: Path) -> None:
    """Prompts everywhere: 「项目申报单位（盖章）：」, 「项目负责人（签字）」 as a label, and the
    office's own rows at the foot (申报单位意见 and 主管部门意见, each with 盖章 and a date line,
    the second left blank)."""
    v = filled(path.name)
    d = form_document(v, unit_label="项目申报单位（盖章）：", date_text=day_padded(v["declaration.date"]))
    grid = official_application(v, amounts_in_wan(v))
    grid[0][4] = "项目负责人（签字）"
    grid.append(
        ["申报单位意见", f"同意申报。\n（盖章）\n{day(v['declaration.date'])}", "<", "<", "<", "<", "<", "<", "<"]
    )
    grid.append(["主管部门意见", "（盖章）\n年    月    日", "<", "<", "<", "<", "<", "<", "<"])
    docx_grid(d, grid)
    d.save(path)


def f14_optional_left_empty(path: Path) -> None:
    """A sound form whose optional fields say nothing: 参与建设单位 「无」, 备注 empty; sources of
    none written 「0.00」."""
    v = filled(path.name, participating="无", remarks="")
    d = form_document(v)
    docx_grid(d, official_application(v, lambda k: wan(v[k], 2)))
    d.save(path)


def f15_placeholders(path: Path) -> None:
    """Words that say nothing: 项目建设依据 「详见附件」 (no 附件 listed), 项目准备情况 「同上」,
    联系电话 「待定」, 备注 「待补充」 (optional: nothing to say)."""
    v = filled(path.name, basis="详见附件", preparation="同上", remarks="待补充")
    v.values["project.leader.phone"] = "待定"
    d = form_document(v)
    docx_grid(d, official_application(v, amounts_in_wan(v)))
    d.save(path)


def f16_missing_and_inconsistent(path: Path) -> None:
    """项目建设地址 left empty, 本年度预计投入 larger than the total, the sources (with a 自筹资金
    row) not adding up."""
    v = filled(path.name, location="")
    s = "project.investment.sources."
    d = form_document(v)
    grid = official_application(v, amounts_in_wan(v))
    grid[9] = ["计划资金来源", "国家资金", "自治区资金", "<", "市级资金", "社会资金", "<", "自筹资金", "<"]
    grid[10] = [
        "^",
        wan(v[s + "national"]),
        wan(v[s + "autonomous_region"]),
        "<",
        wan(v[s + "municipal"]),
        wan(v[s + "social"]),
        "<",
        wan(v[s + "self_funded"]),
        "<",
    ]
    docx_grid(d, grid)
    d.save(path)


def f17_end_before_start(path: Path) -> None:
    """完成时间 before 起始时间 (the years swapped by a slip)."""
    v = filled(path.name)
    d = form_document(v)
    docx_grid(d, official_application(v, amounts_in_wan(v)))
    d.save(path)


def f18_unknown_category(path: Path) -> None:
    """项目类别 「软硬件集成类」: not one of 第十四条's classes."""
    v = filled(path.name)
    v.values["project.category"] = "软硬件集成类"
    d = form_document(v)
    docx_grid(d, official_application(v, amounts_in_wan(v)))
    d.save(path)


def f19_no_header_line(path: Path) -> None:
    """The office dropped the header line: no 项目申报单位 and no date anywhere."""
    v = filled(path.name)
    d = form_document(v, header=False)
    docx_grid(d, official_application(v, amounts_in_wan(v)))
    d.save(path)


def f20_numbered_rows_with_notes(path: Path) -> None:
    """序号 | 栏目 | 填写内容 | 填写说明: the notes column keeps the instructions (「填写单位全称」
    「工程类/货物类/服务类」「单位：万元」「格式：××××年××月××日」); the sources in one cell as a
    sentence."""
    v = filled(path.name)
    s = "project.investment.sources."
    sources = f"国家资金{wan(v[s + 'national'])}万元；自治区资金{wan(v[s + 'autonomous_region'])}万元；市级资金{wan(v[s + 'municipal'])}万元；社会资金{wan(v[s + 'social'])}万元"
    d = form_document(v, header=False)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    para(d, f"申报日期：{day(v['declaration.date'])}")
    rows: Grid = [["序号", "栏目", "填写内容", "填写说明"]]
    items = [
        ("项目名称", v.text("project.name"), "与立项文件一致"),
        ("项目类别", v.text("project.category"), "工程类/货物类/服务类"),
        ("项目建设单位", v.text("project.owner_unit"), "填写单位全称"),
        ("项目负责人", v.text("project.leader.name"), ""),
        ("联系电话", v.text("project.leader.phone"), "座机请加区号"),
        ("参与建设单位", v.participating, "没有的填“无”"),
        ("项目建设地址", v.location, ""),
        ("项目建设依据", v.basis, "列出文件名称及文号"),
        ("起始时间", day(v["project.schedule.start"]), "格式：××××年××月××日"),
        ("完成时间", day(v["project.schedule.end"]), "格式：××××年××月××日"),
        ("项目准备情况", v.preparation, ""),
        ("项目预计总投资", wan(v["project.investment.total"]), "单位：万元"),
        ("本年度预计投入", wan(v["project.investment.this_year"]), "单位：万元"),
        ("计划资金来源", sources, "分国家、自治区、市级、社会资金填写"),
        ("申报材料", v.materials, ""),
        ("备注", v.remarks, ""),
    ]
    rows += [[str(n), label, value, note] for n, (label, value, note) in enumerate(items, 1)]
    docx_grid(d, rows)
    d.save(path)


def f21_self_funded_column(path: Path) -> None:
    """A fifth source column 「单位自筹」 beside the four printed ones (county projects have one)."""
    v = filled(path.name)
    s = "project.investment.sources."
    d = form_document(v)
    grid = [[*row, "<", "<"] for row in official_application(v, amounts_in_wan(v))]  # 11 columns
    grid[9] = ["计划资金来源", "国家资金", "<", "自治区资金", "<", "市级资金", "<", "社会资金", "<", "单位自筹", "<"]
    grid[10] = ["^"] + [
        c for k in ("national", "autonomous_region", "municipal", "social", "self_funded") for c in (wan(v[s + k]), "<")
    ]
    wide = grid
    docx_grid(d, wide)
    d.save(path)


def f22_html_th(path: Path) -> None:
    """A web form saved as HTML and opened in LibreOffice: labels as <th>, rowspan for 项目建设单位 and
    项目计划时间 (起始时间/完成时间 beside it), a <caption>「单位：万元」 and labels without unit."""
    v = filled(path.name)
    s = "project.investment.sources."
    L = Label
    rows: Grid = [
        [L("项目建设单位"), v.text("project.owner_unit"), L("项目负责人"), v.text("project.leader.name"), "<"],
        ["^", "^", L("联系电话"), v.text("project.leader.phone"), "<"],
        [L("参与建设单位"), v.participating, "<", "<", "<"],
        [L("项目名称"), v.text("project.name"), L("项目类别"), v.text("project.category"), "<"],
        [L("项目建设地址"), v.location, "<", "<", "<"],
        [L("项目建设依据"), v.basis, "<", "<", "<"],
        [L("项目计划时间"), L("起始时间"), day(v["project.schedule.start"]), "<", "<"],
        ["^", L("完成时间"), day(v["project.schedule.end"]), "<", "<"],
        [L("项目准备情况"), v.preparation, "<", "<", "<"],
        [
            L("项目预计总投资"),
            wan(v["project.investment.total"]),
            L("本年度预计投入"),
            wan(v["project.investment.this_year"]),
            "<",
        ],
        [L("计划资金来源"), L("国家资金"), L("自治区资金"), L("市级资金"), L("社会资金")],
        ["^", wan(v[s + "national"]), wan(v[s + "autonomous_region"]), wan(v[s + "municipal"]), wan(v[s + "social"])],
        [L("申报材料"), v.materials, "<", "<", "<"],
        [L("备注"), v.remarks, "<", "<", "<"],
    ]
    body = (
        "<p><b>附件1</b></p>"
        f'<h2 style="text-align:center">{x(APP_TITLE)}</h2>'
        f"<p>项目申报单位：{x(v.text('declaration.applicant'))}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;申报日期：{day(v['declaration.date'])}</p>"
        + html_table(rows, header_labels=True, caption="单位：万元")
    )
    convert(html_page(APP_TITLE, body), ".html", path)


def f23_flat_odt(path: Path) -> None:
    """Written in LibreOffice (a flat ODT: spans and covered cells), saved as .docx; amounts with two decimals."""
    v = filled(path.name)
    grid = official_application(v, lambda k: wan(v[k], 2))
    body = (
        fodt_p("附件1")
        + fodt_p(APP_TITLE, "Title")
        + fodt_p(f"项目申报单位：{v.text('declaration.applicant')}　　　　　　{day(v['declaration.date'])}")
        + fodt_table(grid, "申报表")
        + fodt_p("")
    )
    convert(fodt(body), ".fodt", path)


def f24_rtf(path: Path) -> None:
    """An RTF form (cells of different widths per row, \\clvmgf/\\clvmrg) opened in LibreOffice and
    saved as .docx; 项目类别 written 「服务类（含运维类）」 as 第十四条 says it."""
    v = filled(path.name)
    grid = official_application(v, amounts_in_wan(v))
    grid[3][6] = "服务类（含运维类）"
    body = (
        rtf_p("附件1", bold=True)
        + rtf_p(APP_TITLE, bold=True, size=36, center=True)
        + rtf_p(f"项目申报单位：{v.text('declaration.applicant')}        {day(v['declaration.date'])}")
        + rtf_table(grid, [1900, 950, 950, 950, 950, 950, 950, 950, 950])
        + rtf_p("")
    )
    convert(rtf(body), ".rtf", path, encoding="ascii")


def f25_pandoc_two_pairs(path: Path) -> None:
    """Markdown through pandoc: a four-column pipe table of label/value pairs whose first pair is
    the header row; the header line in bold labels."""
    v = filled(path.name)
    s = "project.investment.sources."
    rows = [
        ["项目名称", v.text("project.name"), "项目类别", v.text("project.category")],
        ["项目建设单位", v.text("project.owner_unit"), "项目负责人", v.text("project.leader.name")],
        ["联系电话", v.text("project.leader.phone"), "参与建设单位", v.participating],
        ["项目建设地址", v.location, "项目建设依据", v.basis],
        ["起始时间", day(v["project.schedule.start"]), "完成时间", day(v["project.schedule.end"])],
        [
            "项目预计总投资（万元）",
            wan(v["project.investment.total"]),
            "本年度预计投入（万元）",
            wan(v["project.investment.this_year"]),
        ],
        ["国家资金（万元）", wan(v[s + "national"]), "自治区资金（万元）", wan(v[s + "autonomous_region"])],
        ["市级资金（万元）", wan(v[s + "municipal"]), "社会资金（万元）", wan(v[s + "social"])],
        ["项目准备情况", v.preparation, "申报材料", v.materials],
        ["备注", "", "", ""],
    ]
    markdown = (
        f"附件1\n\n**{APP_TITLE}**\n\n"
        f"**项目申报单位**：{v.text('declaration.applicant')}　　**申报日期**：{day(v['declaration.date'])}\n\n"
        + pipe_table(rows)
    )
    pandoc(markdown, path)


# ---------------------------------------------------------------- 附件2, filled in


def s01_official_before_review(path: Path) -> None:
    """附件2 as printed, filled by the applicant before review: the review blocks as printed."""
    v = filled(path.name)
    d = new_document()
    para(d, "附件2")
    para(d, "石嘴山市政务信息化项目网络安全", bold=True, size=20, center=True)
    para(d, "和密码保护审查表", bold=True, size=20, center=True)
    header_line(d, v)
    docx_grid(d, official_security(v))
    d.save(path)


def s02_raw_reviewed(path: Path) -> None:
    """附件2 after review, raw WordprocessingML: the reviewer's unit with its 盖章 prompt, one date in
    Chinese numerals."""
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = (
        f"审查结果：{v['review.network_security.result']}\n审查单位：{v['review.network_security.unit']}（盖章）\n{day(v['review.network_security.date'])}"
    )
    grid[7][1] = (
        f"审查结果：{v['review.cryptography.result']}\n审查单位：{v['review.cryptography.unit']}（盖章）\n{day_chinese(v['review.cryptography.date'])}"
    )
    body = (
        wml_p("附件2")
        + wml_p(SEC_TITLE, ppr='<w:jc w:val="center"/>', rpr="<w:rPr><w:b/></w:rPr>")
        + wml_p(f"项目申报单位：{v.text('declaration.applicant')}\t\t\t{day(v['declaration.date'])}")
        + wml_table(grid, [1900, 2600, 1600, 2600])
        + "<w:p/>"
    )
    minimal_package(path, body)


def s03_html_review_rows(path: Path) -> None:
    """A web form through LibreOffice: each review as three rows beside its label (rowspan 3): the
    result as 「■符合　□不符合」, the other review not yet done (□ □, blanks)."""
    v = filled(path.name)
    L = Label
    rows: Grid = [
        [L("项目建设单位"), v.text("project.owner_unit"), L("项目负责人"), v.text("project.leader.name")],
        ["^", "^", L("联系电话"), v.text("project.leader.phone")],
        [L("项目名称"), v.text("project.name"), L("项目类别"), v.text("project.category")],
        [L("项目建设内容"), v.content, "<", "<"],
        [L("网络安全保护基本情况"), v.network, "<", "<"],
        [L("网络安全审查"), L("审查结果"), "■符合　□不符合", "<"],
        ["^", L("审查单位"), v.text("review.network_security.unit"), "<"],
        ["^", L("审查日期"), day_dot(v["review.network_security.date"]), "<"],
        [L("密码保护应用基本情况"), v.crypto, "<", "<"],
        [L("密码保护审查"), L("审查结果"), "□符合　□不符合", "<"],
        ["^", L("审查单位"), "", "<"],
        ["^", L("审查日期"), "", "<"],
    ]
    assert v["review.network_security.result"] == "符合" and v["review.cryptography.result"] is None
    body = (
        "<p>附件2</p>"
        f'<h2 style="text-align:center">{x(SEC_TITLE)}</h2>'
        f"<p>项目申报单位：{x(v.text('declaration.applicant'))}</p><p>{day(v['declaration.date'])}</p>"
        + html_table(rows, header_labels=True)
    )
    convert(html_page(SEC_TITLE, body), ".html", path)


def s04_empty_and_see_annex(path: Path) -> None:
    """网络安全保护基本情况 left empty; 密码保护应用基本情况 「详见附件」 with no 附件 anywhere."""
    v = filled(path.name, network="", crypto="详见附件")
    d = form_document(v, 2)
    docx_grid(d, official_security(v))
    d.save(path)


def s05_result_only(path: Path) -> None:
    """A reviewer wrote only 「符合」 in the 网络安全审查 block (no unit, no date)."""
    v = filled(path.name)
    d = form_document(v, 2)
    grid = official_security(v)
    grid[5][1] = "审查结果：符合\n审查单位：\n20   年   月   日"
    docx_grid(d, grid)
    d.save(path)


def s06_two_tables(path: Path) -> None:
    """The applicant's part and the review as two tables; 「以下由审查单位填写」 between; the
    review table with its own header row (审查事项 | 审查结果 | 审查单位 | 审查日期)."""
    v = filled(path.name)
    d = form_document(v, 2)
    docx_grid(d, [*official_security(v)[:5], official_security(v)[6]])
    para(d, "以下由审查单位填写：")
    r = "review.network_security."
    c = "review.cryptography."
    docx_grid(
        d,
        [
            ["审查事项", "审查结果", "审查单位", "审查日期"],
            ["网络安全审查", v.text(r + "result"), v.text(r + "unit"), day(v[r + "date"])],
            ["密码保护审查", v.text(c + "result"), v.text(c + "unit"), day(v[c + "date"])],
        ],
    )
    d.save(path)


def s07_pandoc_two_columns(path: Path) -> None:
    """Markdown through pandoc: 栏目 | 内容 with the header row; each review in one cell as a sentence
    (「审查结果：符合；审查单位：…；审查日期：…」)."""
    v = filled(path.name)
    r = "review.network_security."
    c = "review.cryptography."
    rows = [
        ["栏目", "内容"],
        ["项目申报单位", v.text("declaration.applicant")],
        ["申报日期", day(v["declaration.date"])],
        ["项目名称", v.text("project.name")],
        ["项目类别", v.text("project.category")],
        ["项目建设单位", v.text("project.owner_unit")],
        ["项目负责人", v.text("project.leader.name")],
        ["联系电话", v.text("project.leader.phone")],
        ["项目建设内容", v.content],
        ["网络安全保护基本情况", v.network],
        ["网络安全审查", f"审查结果：{v[r + 'result']}；审查单位：{v[r + 'unit']}；审查日期：{day(v[r + 'date'])}"],
        ["密码保护应用基本情况", v.crypto],
        ["密码保护审查", f"审查结果：{v[c + 'result']}；审查单位：{v[c + 'unit']}；审查日期：{day(v[c + 'date'])}"],
    ]
    pandoc(f"附件2\n\n**{SEC_TITLE}**\n\n" + pipe_table(rows), path)


# ---------------------------------------------------------------- 附件3 reports

OUTLINE: list[tuple[str, list[str]]] = [
    ("项目基本信息", ["项目名称", "项目建设单位概况和负责人、项目责任人", "项目建设相关依据文件", "项目概况"]),
    (
        "项目建设的必要性",
        ["项目提出的背景和依据", "现有信息系统装备和信息化应用状况及存在问题和差距", "项目建设的意义和必要性"],
    ),
    (
        "需求分析",
        [
            "业务功能、业务流程、业务量分析",
            "运行环境需求分析（政务网络、公共云平台、大数据服务平台等基础资源）",
            "功能和性能需求分析",
            "政务信息共享开放需求分析",
        ],
    ),
    ("项目建设需求", ["建设目标", "建设规模和内容"]),
    ("项目投资估算及资金筹措", []),
]
CN = "一二三四五六七八九十"
APPENDIX = [
    "《政务信息系统定义和范围》（GB/T 40692-2021）",
    "《信息安全技术 信息系统密码应用基本要求》（GB/T 39786-2021）",
]


def section_text(project: str, unit: str, chapter: int, section: int | None) -> str:
    """A sentence an applicant would write in this section."""
    texts = {
        (0, 0): f"{project}。",
        (
            0,
            1,
        ): f"{unit}是项目建设单位，内设综合科、业务科和信息科。项目负责人由分管副局长担任，项目责任人为信息科科长。",
        (0, 2): "《石嘴山市政务信息化项目管理办法》；《石嘴山市数字政府建设三年行动方案（2025—2027年）》。",
        (0, 3): "项目建设期12个月，建设统一受理、业务办理和数据共享三个子系统，依托自治区政务云部署。",
        (1, 0): "落实自治区数字政府建设部署，推进政务服务“一网通办”，提升业务协同水平。",
        (1, 1): "现有业务系统建于2016年，各科室系统独立运行，数据重复录入，无法与自治区平台对接。",
        (1, 2): "项目建成后业务办理时限预计压缩40%，群众办事“最多跑一次”比例提高到95%以上。",
        (2, 0): "业务涵盖受理、审核、办结、归档四个环节，年办件量约6.5万件，高峰日办件约600件。",
        (2, 1): "部署于自治区政务云，申请4台8核32G云主机、5TB存储，接入电子政务外网和市级大数据平台。",
        (2, 2): "系统支持300个并发用户，页面响应时间不超过3秒，全年可用性不低于99.9%。",
        (2, 3): "向市级大数据平台全量汇聚业务数据，调用自治区人口库、法人库和电子证照库。",
        (3, 0): "2027年底前建成并上线运行，实现业务全流程网上办理。",
        (3, 1): "新建三个子系统，改造2个既有系统接口，建设数据共享接口20个。",
        (4, -1): "项目总投资按工程费、设备费、预备费和其他费用估算，资金由市级财政预算安排。",
    }
    return texts[(chapter, -1 if section is None else section)]


@dataclass
class Block:
    kind: str  # "title", "h1", "h2", "text", "appendix"
    text: str
    number: str = ""


def report_blocks(
    project: str,
    unit: str,
    *,
    skip: set[tuple[int, int | None]] = frozenset(),  # type: ignore[assignment]
    empty: set[tuple[int, int | None]] = frozenset(),  # type: ignore[assignment]
    content: dict[tuple[int, int | None], str] | None = None,
    titles: dict[tuple[int, int | None], str] | None = None,
    order: list[int] | None = None,
    appendix: bool = True,
) -> list[Block]:
    """The report as blocks, the outline in ``order``; sections skipped (heading and text),
    headings with no text, other text, other titles."""
    content = content or {}
    titles = titles or {}
    out = [Block("title", f"{project}需求分析报告")]
    for chapter in order or list(range(len(OUTLINE))):
        title, sections = OUTLINE[chapter]
        if (chapter, None) in skip:
            continue
        out.append(Block("h1", titles.get((chapter, None), title), f"{CN[chapter]}、"))
        if not sections and (chapter, None) not in empty:
            out.append(Block("text", content.get((chapter, None), section_text(project, unit, chapter, None))))
        for n, sub in enumerate(sections):
            if (chapter, n) in skip:
                continue
            out.append(Block("h2", titles.get((chapter, n), sub), f"（{CN[n]}）"))
            if (chapter, n) not in empty:
                out.append(Block("text", content.get((chapter, n), section_text(project, unit, chapter, n))))
    if appendix:
        out.append(Block("appendix", "附件：" + "；".join(f"{i}.{a}" for i, a in enumerate(APPENDIX, 1))))
    return out


REPORT_P = ("石嘴山市不动产登记“一窗受理”平台建设项目", "石嘴山市自然资源局")


def r01_numbered_plain_paragraphs(path: Path) -> None:
    """Headings typed as plain paragraphs: 「一、」「（一）」 in Normal style, not bold, no outline level."""
    d = new_document()
    for b in report_blocks("石嘴山市人社一体化经办平台建设项目", "石嘴山市人力资源和社会保障局"):
        if b.kind == "title":
            para(d, b.text, size=18, center=True)
        else:
            para(d, b.number + b.text)
    d.save(path)


def r02_bold_only(path: Path) -> None:
    """Headings in bold only, no numbers and no styles; first level larger."""
    d = new_document()
    for b in report_blocks(*REPORT_P):
        if b.kind == "title":
            para(d, b.text, bold=True, size=22, center=True)
        elif b.kind == "h1":
            para(d, b.text, bold=True, size=16)
        elif b.kind == "h2":
            para(d, b.text, bold=True)
        else:
            para(d, b.text)
    d.save(path)


def r03_report_as_table(path: Path) -> None:
    """The whole report as a three-column table (序号 | 章节 | 内容), a chapter's row with no text."""
    d = new_document()
    blocks = report_blocks("石嘴山市食品安全智慧监管平台建设项目", "石嘴山市市场监督管理局")
    para(d, blocks[0].text, bold=True, size=20, center=True)
    rows: Grid = [["序号", "章节", "内容"]]
    for b in blocks[1:]:
        if b.kind in ("h1", "h2"):
            rows.append([b.number.rstrip("、"), b.text, ""])
        elif b.kind == "text":
            rows[-1][2] = b.text
    docx_grid(d, rows)
    para(d, blocks[-1].text)
    d.save(path)


def toc_field(entries: list[tuple[int, str, int]]) -> str:
    """A Word TOC field (begin, instruction, separate, hyperlinked entries on 目录 1/目录 2 styles with
    PAGEREF fields, end) as Word writes it."""
    W = nsdecls("w")
    out = []
    for n, (level, text, page) in enumerate(entries):
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            if n == 0
            else ""
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
        out.append(
            f'<w:p {W}><w:pPr><w:pStyle w:val="TOC{level}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>{begin}'
            f'<w:hyperlink w:anchor="_Toc{1000 + n}" w:history="1"><w:r><w:t>{x(text)}</w:t></w:r><w:r><w:tab/></w:r>'
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{1000 + n} \\h </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>{end}</w:p>'
        )
    return "".join(out)


def add_toc_styles(d: Any) -> None:
    styles = d.styles.element
    for level in (1, 2):
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/>'
                f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:ind w:left="{(level - 1) * 420}"/></w:pPr></w:style>'
            )
        )


def r04_toc_field_and_cover(path: Path) -> None:
    """A cover page (项目名称：… 编制单位：… 编制日期：…), a real Word TOC field, then the body on
    标题 1/标题 2 with typed numbers and bookmarks."""
    project, unit = "大武口区城市视频资源共享平台建设项目", "石嘴山市大武口区数据局"
    d = new_document()
    add_toc_styles(d)
    blocks = report_blocks(project, unit)
    para(d, blocks[0].text, bold=True, size=26, center=True)
    for line in (f"项目名称：{project}", f"编制单位：{unit}", "编制日期：二〇二六年九月"):
        para(d, line, size=16, center=True)
    page_break(d)
    para(d, "目  录", bold=True, size=16, center=True)
    entries = [
        (1 if b.kind == "h1" else 2, b.number + b.text, 3 + i // 3)
        for i, b in enumerate(blocks)
        if b.kind in ("h1", "h2")
    ]
    for xml in [toc_field(entries)]:
        for el in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
            d.element.body.insert(len(d.element.body) - 1, el)
    page_break(d)
    toc_no = 0
    for b in blocks[1:]:
        if b.kind in ("h1", "h2"):
            h = d.add_heading(b.number + b.text, level=1 if b.kind == "h1" else 2)
            h._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{toc_no}" w:name="_Toc{1000 + toc_no}"/>'))
            h._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{toc_no}"/>'))
            toc_no += 1
        else:
            para(d, b.text)
    d.save(path)


def heading_styled(d: Any, blocks: list[Block], numbers: bool = True) -> None:
    for b in blocks:
        if b.kind == "title":
            para(d, b.text, bold=True, size=22, center=True)
        elif b.kind in ("h1", "h2"):
            d.add_heading((b.number if numbers else "") + b.text, level=1 if b.kind == "h1" else 2)
        else:
            para(d, b.text)


def r05_missing_chapter(path: Path) -> None:
    """Chapter 四 (项目建设需求, with its two sections) left out entirely."""
    d = new_document()
    heading_styled(d, report_blocks("石嘴山市智慧教育云平台扩容项目", "石嘴山市教育局", skip={(3, None)}))
    d.save(path)


def r06_chapter_moved_last(path: Path) -> None:
    """Chapter 三 (需求分析) placed after 五, before the 附件 line: 一 二 四 五 三."""
    d = new_document()
    heading_styled(
        d, report_blocks("石嘴山市公共资源交易电子监管平台升级项目", "石嘴山市公共资源交易中心", order=[0, 1, 3, 4, 2])
    )
    d.save(path)


def r07_pandoc_arabic(path: Path) -> None:
    """Markdown through pandoc: 「1、」 and 「（1）」 typed before the titles on # and ## headings."""
    lines = []
    for b in report_blocks("石嘴山市应急指挥调度平台建设项目", "石嘴山市应急管理局"):
        if b.kind == "title":
            lines.append(f"**{b.text}**")
        elif b.kind == "h1":
            lines.append(f"# {CN.index(b.number[0]) + 1}、{b.text}")
        elif b.kind == "h2":
            lines.append(f"## （{CN.index(b.number[1]) + 1}）{b.text}")
        else:
            lines.append(b.text)
    pandoc("\n\n".join(lines) + "\n", path)


def r08_flat_odt(path: Path) -> None:
    """Written in LibreOffice (flat ODT, Heading 1/2 with outline levels), saved as .docx."""
    body = []
    for b in report_blocks("平罗县数字乡村综合服务平台建设项目", "平罗县农业农村局"):
        if b.kind == "title":
            body.append(fodt_p(b.text, "Title"))
        elif b.kind in ("h1", "h2"):
            body.append(fodt_h(b.number + b.text, 1 if b.kind == "h1" else 2))
        else:
            body.append(fodt_p(b.text))
    convert(fodt("".join(body)), ".fodt", path)


def r09_rtf_empty_section(path: Path) -> None:
    """RTF with bold headings through LibreOffice; 四（一）建设目标 has no text before 四（二）."""
    out = []
    for b in report_blocks("石嘴山市医保智能监管系统2027年运维服务项目", "石嘴山市医疗保障局", empty={(3, 0)}):
        if b.kind == "title":
            out.append(rtf_p(b.text, bold=True, size=36, center=True))
        elif b.kind in ("h1", "h2"):
            out.append(rtf_p(b.number + b.text, bold=True, size=32 if b.kind == "h1" else 28))
        else:
            out.append(rtf_p(b.text))
    convert(rtf("".join(out)), ".rtf", path, encoding="ascii")


def r10_run_in_headings(path: Path) -> None:
    """Second-level headings run into their text, as many offices write them: 「（一）项目名称。」 in
    bold, then the text in the same paragraph."""
    d = new_document()
    blocks = report_blocks("惠农区“互联网+监管”系统建设项目", "石嘴山市惠农区市场监督管理局")
    for n, b in enumerate(blocks):
        if b.kind == "title":
            para(d, b.text, bold=True, size=20, center=True)
        elif b.kind == "h1":
            para(d, b.number + b.text, bold=True)
        elif b.kind == "h2":
            p = d.add_paragraph()
            p.add_run(f"{b.number}{b.text}。").bold = True
            p.add_run(blocks[n + 1].text)
        elif b.kind == "text" and blocks[n - 1].kind == "h2":
            continue  # run into its heading
        else:
            para(d, b.text)
    d.save(path)


def r11_pandoc_nothing_words(path: Path) -> None:
    """Markdown through pandoc, headings 一、/（一）: 三（四） says only 「无。」 and 二（二） 「见上文。」."""
    blocks = report_blocks(
        "石嘴山市人社一体化经办平台建设项目",
        "石嘴山市人力资源和社会保障局",
        content={(2, 3): "无。", (1, 1): "见上文。"},
    )
    lines = []
    for b in blocks:
        lines.append(
            {"title": f"**{b.text}**", "h1": f"# {b.number}{b.text}", "h2": f"## {b.number}{b.text}"}.get(
                b.kind, b.text
            )
        )
    pandoc("\n\n".join(lines) + "\n", path)


def r12_reworded_titles(path: Path) -> None:
    """Two titles in an office's own words: 一、项目基本情况 and 三（二） without its bracketed list."""
    d = new_document()
    heading_styled(
        d,
        report_blocks(
            "石嘴山市食品安全智慧监管平台建设项目",
            "石嘴山市市场监督管理局",
            titles={(0, None): "项目基本情况", (2, 1): "运行环境需求分析"},
        ),
    )
    d.save(path)


def r13_toc_table_and_budget(path: Path) -> None:
    """A typed 目录 as a two-column table (title | page), headings as bold paragraphs, 五 with its
    investment table under 「单位：万元」."""
    project, unit = "石嘴山市应急指挥调度平台建设项目", "石嘴山市应急管理局"
    blocks = report_blocks(project, unit)
    d = new_document()
    para(d, blocks[0].text, bold=True, size=22, center=True)
    para(d, "目录", bold=True, size=16, center=True)
    docx_grid(
        d, [[b.number + b.text, str(2 + i // 4)] for i, b in enumerate(blocks) if b.kind in ("h1", "h2")], style=None
    )
    page_break(d)
    for b in blocks[1:]:
        if b.kind in ("h1", "h2"):
            para(d, b.number + b.text, bold=True, size=16 if b.kind == "h1" else 14)
        else:
            para(d, b.text)
        if b.kind == "text" and b.text.startswith("项目总投资"):
            para(d, "表1 项目投资估算表", center=True)
            para(d, "单位：万元").alignment = 2
            docx_grid(
                d,
                [
                    ["序号", "费用名称", "金额"],
                    ["1", "工程费", "1600"],
                    ["2", "设备费", "560"],
                    ["3", "预备费", "120"],
                    ["4", "其他费用", "120"],
                    ["合  计", "<", "2400"],
                ],
            )
    d.save(path)


def r14_direct_numbering(path: Path) -> None:
    """Automatic numbering put straight on Normal paragraphs (numPr, no heading style): level 0
    「一、」 (chineseCounting), level 1 「（一）」; level-1 paragraphs bold."""
    d = new_document()
    numbering = d.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    # abstractNum elements must come before num elements
    for num in numbering.findall(qn("w:num")):
        numbering.remove(num)
        numbering.append(num)
    for b in report_blocks("石嘴山市公共资源交易电子监管平台升级项目", "石嘴山市公共资源交易中心"):
        if b.kind == "title":
            para(d, b.text, bold=True, size=20, center=True)
        elif b.kind in ("h1", "h2"):
            p = para(d, b.text, bold=b.kind == "h1")
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{0 if b.kind == "h1" else 1}"/><w:numId w:val="77"/></w:numPr>'
                )
            )
        else:
            para(d, b.text)
    d.save(path)


def r15_html_empty_no_appendix(path: Path) -> None:
    """A web page (<h1>/<h2>, numbers typed) through LibreOffice: 二（三） has no text and there is no
    附件 line."""
    parts_ = []
    for b in report_blocks("石嘴山市智慧教育云平台扩容项目", "石嘴山市教育局", empty={(1, 2)}, appendix=False):
        tag = {"title": "h1", "h1": "h2", "h2": "h3"}.get(b.kind, "p")
        text = (b.number + b.text) if b.kind in ("h1", "h2") else b.text
        parts_.append(f"<{tag}>{x(text)}</{tag}>")
    convert(html_page("需求分析报告", "".join(parts_)), ".html", path)


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-原始XML官方布局.docx": f01_raw_official,
    "申报表-一行两三对标签.docx": f02_pairs_per_row,
    "申报表-标签在上值在下.docx": f03_labels_above_values,
    "申报表-纵向合并分组标签.docx": f04_vertical_groups,
    "申报表-外框表格与嵌套资金表.docx": f05_framed_nested_sources,
    "申报表-分两表续表标题在表内.docx": f06_split_with_title_row,
    "申报表-金额单位元在表上方.docx": f07_unit_caption_yuan,
    "申报表-金额各注单位.docx": f08_units_in_values,
    "申报表-实心方块勾选类别.docx": f09_filled_squares,
    "申报表-类别分格括号打勾.docx": f10_options_in_cells,
    "申报表-日期多种写法.docx": f11_dates_every_way,
    "申报表-计划时间按月.docx": f12_plan_in_months,
    "申报表-盖章签字与意见栏.docx": f13_seal_and_signature_rows,
    "申报表-可选栏目留空.docx": f14_optional_left_empty,
    "申报表-占位词待定同上.docx": f15_placeholders,
    "申报表-缺地址投入超总额.docx": f16_missing_and_inconsistent,
    "申报表-完成早于起始.docx": f17_end_before_start,
    "申报表-类别不在列表.docx": f18_unknown_category,
    "申报表-没有表头申报单位.docx": f19_no_header_line,
    "申报表-序号栏目内容说明.docx": f20_numbered_rows_with_notes,
    "申报表-单位自筹第五列.docx": f21_self_funded_column,
    "申报表-网页表头单元格.docx": f22_html_th,
    "申报表-ODT转换.docx": f23_flat_odt,
    "申报表-RTF转换.docx": f24_rtf,
    "申报表-pandoc四栏两对.docx": f25_pandoc_two_pairs,
    "审查表-官方布局未审查.docx": s01_official_before_review,
    "审查表-原始XML已审查盖章.docx": s02_raw_reviewed,
    "审查表-网页审查分行勾选.docx": s03_html_review_rows,
    "审查表-基本情况空与详见附件.docx": s04_empty_and_see_annex,
    "审查表-审查只填结果.docx": s05_result_only,
    "审查表-申报与审查分两表.docx": s06_two_tables,
    "审查表-pandoc两栏审查一句.docx": s07_pandoc_two_columns,
    "报告-编号段落无样式.docx": r01_numbered_plain_paragraphs,
    "报告-只加粗无编号.docx": r02_bold_only,
    "报告-整篇三栏表格.docx": r03_report_as_table,
    "报告-目录域与封面.docx": r04_toc_field_and_cover,
    "报告-缺第四章.docx": r05_missing_chapter,
    "报告-第三章移到最后.docx": r06_chapter_moved_last,
    "报告-pandoc阿拉伯顿号编号.docx": r07_pandoc_arabic,
    "报告-ODT转换标题样式.docx": r08_flat_odt,
    "报告-RTF加粗标题空一节.docx": r09_rtf_empty_section,
    "报告-标题与正文同段.docx": r10_run_in_headings,
    "报告-pandoc只写无和见上文.docx": r11_pandoc_nothing_words,
    "报告-两处标题改写.docx": r12_reworded_titles,
    "报告-目录表格与投资表.docx": r13_toc_table_and_budget,
    "报告-段落直接自动编号.docx": r14_direct_numbering,
    "报告-网页空一节无附件.docx": r15_html_empty_no_appendix,
}


def make(makers: dict[str, Callable[[Path], None]]) -> None:
    """Make the documents named on the command line, or every one of ``makers``."""
    chosen = sys.argv[1:]
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, maker in makers.items():
        if not chosen or name in chosen:
            maker(DOCS / name)
            print("made", name)


if __name__ == "__main__":
    make(MAKERS)
