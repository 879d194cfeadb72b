# ruff: noqa: E501  (raw WordprocessingML literals read best on one line)
"""Make the corpus of documents written the way other producers write them.

Each document is made with python-docx plus raw WordprocessingML (what Word and WPS
write: numbering.xml lists, text boxes in mc:AlternateContent, content controls,
tracked changes, charts, OLE objects), or converted by LibreOffice (HTML → .docx,
.docx → .doc/.odt/.pdf). None is made by docgen's templates except where the case is
docgen's own output edited by hand. The expected verdicts are in ``manifest.yaml``
beside this script; ``tests/test_corpus.py`` checks them.

Run from the repository root:  .venv/bin/python tests/corpus/make_corpus.py [NAME.docx …]
(the tools each document needs are listed in ``office_forms.py``).
"""

from __future__ import annotations

import copy
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from docgen.outline import REPORT_OUTLINE, Heading  # noqa: E402

DOCS = HERE / "docs"
NAME = "石嘴山市智慧城管综合平台建设项目"
W_NS = nsdecls("w")
EXTRA_NS = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "o": "urn:schemas-microsoft-com:office:office",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
}


def ns(*prefixes: str) -> str:
    """xmlns declarations, also for the prefixes python-docx does not know."""
    known = [p for p in prefixes if p not in EXTRA_NS]
    return " ".join([nsdecls(*known)] + [f'xmlns:{p}="{EXTRA_NS[p]}"' for p in prefixes if p in EXTRA_NS])


# ---------------------------------------------------------------- shared pieces


def png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG (grey), made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def body_text(index: int) -> str:
    return f"本节说明{REPORT_OUTLINE[index].title}的情况：第{index + 1}部分内容，一是加强统筹；二是完善机制。"


def sections() -> Iterator[tuple[int, Heading]]:
    yield from enumerate(REPORT_OUTLINE)


def has_children(index: int) -> bool:
    heading = REPORT_OUTLINE[index]
    following = REPORT_OUTLINE[index + 1] if index + 1 < len(REPORT_OUTLINE) else None
    return heading.level == 1 and following is not None and following.level == 2


def append_xml(document: docx.document.Document, xml: str) -> None:
    """Put a raw block (w:p, w:tbl, w:sdt) at the end of the body, before w:sectPr."""
    body = document.element.body
    element = parse_xml(xml)
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(element)
    else:
        body.append(element)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def p_xml(text: str, style: str | None = None, props: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p {W_NS}>{ppr}{run_xml(text, props)}</w:p>"


def title(document: docx.document.Document) -> None:
    document.add_paragraph(f"{NAME}需求分析报告", style="Title")


def typed_numbers(level1: Callable[[int], str], level2: Callable[[int], str]) -> dict[int, str]:
    """The number written before each outline heading, with level1(n)/level2(n) for the n-th."""
    numbers, first, second = {}, 0, 0
    for index, heading in sections():
        if heading.level == 1:
            first, second = first + 1, 0
            numbers[index] = level1(first)
        elif heading.level == 2:
            second += 1
            numbers[index] = level2(second)
        else:
            numbers[index] = ""
    return numbers


CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n - 1]


def appendix_lines(document: docx.document.Document) -> None:
    document.add_paragraph("附件：编制依据及与项目有关的政策、技术、经济资料").runs[0].bold = True
    document.add_paragraph("1．《石嘴山市政务信息化项目管理办法》")
    document.add_paragraph("2．《政务信息系统定义和范围》（GB/T 40692-2021）")


def typed_heading(document: docx.document.Document, index: int, h: Heading) -> None:
    """一、/（一） typed before the title, on 标题 1/标题 2."""
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    document.add_heading(numbers[index] + h.title, level=h.level)


def write_outline(
    document: docx.document.Document,
    heading: Callable[[docx.document.Document, int, Heading], None] = typed_heading,
    skip: frozenset[int] = frozenset(),
) -> None:
    """Every outline heading (but ``skip``), each section's text, and the 附件 lines."""
    for index, h in sections():
        if h.level == 0 or index in skip:
            continue
        heading(document, index, h)
        if not has_children(index):
            document.add_paragraph(body_text(index))
    appendix_lines(document)


def plain_report(
    path: Path,
    heading: Callable[[docx.document.Document, int, Heading], None],
    *,
    content: Callable[[docx.document.Document, int], None] | None = None,
    appendix: bool = True,
) -> None:
    document = docx.Document()
    title(document)
    for index, h in sections():
        if h.level == 0:
            continue
        heading(document, index, h)
        if not has_children(index):
            (content or (lambda d, i: d.add_paragraph(body_text(i))))(document, index)
    if appendix:
        appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- numbering.xml


def add_list(document: docx.document.Document, levels: list[tuple[str, str, str | None, bool]]) -> str:
    """A multilevel list (numFmt, lvlText, linked style id, isLgl) in numbering.xml; its numId."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=0) + 10
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(num_ids, default=0) + 10
    lvls = ""
    for ilvl, (fmt, text, style, legal) in enumerate(levels):
        lvls += (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + ("<w:isLgl/>" if legal else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            + f'<w:pPr><w:ind w:left="{420 * (ilvl + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def link_style(document: docx.document.Document, style_name: str, num_id: str, ilvl: int) -> None:
    style = document.styles[style_name].element
    ppr = style.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def numbered_paragraph(document: docx.document.Document, text: str, num_id: str, ilvl: int) -> None:
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def list_numbered_report(path: Path, levels: list[tuple[str, str, str | None, bool]]) -> None:
    """Headings on 标题 1/标题 2 linked to a multilevel list: the text has no number, Word draws it."""
    document = docx.Document()
    num = add_list(document, levels)
    link_style(document, "Heading 1", num, 0)
    link_style(document, "Heading 2", num, 1)
    title(document)
    write_outline(document, lambda d, _i, h: d.add_heading(h.title, level=h.level))
    document.save(path)


def report_word_multilevel(path: Path) -> None:
    """Word's 多级列表 linked to 标题 1/标题 2: the text has no number; Word shows 一、 and （一）."""
    list_numbered_report(
        path, [("chineseCounting", "%1、", "Heading1", False), ("chineseCounting", "（%2）", "Heading2", False)]
    )


def report_ideograph_and_legal(path: Path) -> None:
    """WPS-style: 甲、乙、丙 (ideographTraditional) on level 1, legal 1.1 on level 2, all automatic."""
    list_numbered_report(
        path, [("ideographTraditional", "%1、", "Heading1", False), ("decimal", "%1.%2", "Heading2", True)]
    )


def report_double_numbers(path: Path) -> None:
    """Numbers typed into headings that Word also numbers: the reader sees 「一、一、项目基本信息」."""
    document = docx.Document()
    num = add_list(
        document, [("chineseCounting", "%1、", "Heading1", False), ("chineseCounting", "（%2）", "Heading2", False)]
    )
    link_style(document, "Heading 1", num, 0)
    link_style(document, "Heading 2", num, 1)
    title(document)
    write_outline(document)
    document.save(path)


def report_body_lists(path: Path) -> None:
    """Typed headings; under each section a numbered list (numbering.xml, decimal 1.) before the text —
    list items are content, not headings that end the section."""
    document = docx.Document()
    num = add_list(document, [("decimal", "%1.", None, False)])
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        document.add_heading(numbers[index] + h.title, level=h.level)
        if not has_children(index):
            numbered_paragraph(document, "统一身份认证", num, 0)
            numbered_paragraph(document, "事项受理与办结", num, 0)
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- other numbering schemes


def report_arabic(path: Path) -> None:
    """Arabic numbering typed in bold paragraphs: 1 / 1.1, a third level 3.2.1 inside a section."""
    first, second = 0, 0

    def heading(document: docx.document.Document, index: int, h: Heading) -> None:
        nonlocal first, second
        if h.level == 1:
            first, second = first + 1, 0
            document.add_paragraph().add_run(f"{first} {h.title}").bold = True
        else:
            second += 1
            document.add_paragraph().add_run(f"{first}.{second} {h.title}").bold = True
        if index == 11:  # a third level inside 3.2, before the section's text
            document.add_paragraph().add_run("3.2.1 政务外网").bold = True

    plain_report(path, heading)


def report_chapters(path: Path) -> None:
    """Chapters and sections: 第一章 / 第一节 before the outline's words, on heading styles."""
    numbers = typed_numbers(lambda n: f"第{cn(n)}章 ", lambda n: f"第{cn(n)}节 ")
    plain_report(path, lambda d, i, h: d.add_heading(numbers[i] + h.title, level=h.level))


def report_mixed(path: Path) -> None:
    """Mixed schemes: 一、 on the first level, 1. on the second."""
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"{n}. ")
    plain_report(path, lambda d, i, h: d.add_heading(numbers[i] + h.title, level=h.level))


def report_reworded(path: Path) -> None:
    """Both levels reworded as consulting firms do (the words close, the place and number right)."""
    words = {5: "项目建设必要性", 17: "项目投资估算与资金筹措", 3: "项目建设依据文件"}
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    plain_report(path, lambda d, i, h: d.add_heading(numbers[i] + words.get(i, h.title), level=h.level))


BIG_BLACK = '<w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/>'


def report_outline_levels(path: Path) -> None:
    """No heading styles: a style named 「标题一」 with no outline level, and w:outlineLvl on the paragraph
    (WPS's 大纲级别) — the words and numbers decide."""
    document = docx.Document()
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        append_xml(
            document,
            f'<w:p {W_NS}><w:pPr><w:outlineLvl w:val="{h.level - 1}"/></w:pPr>'
            + run_xml(numbers[index] + h.title, BIG_BLACK)
            + "</w:p>",
        )
        if not has_children(index):
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- where Word users put headings


def report_banner_tables(path: Path) -> None:
    """Level-1 headings in shaded one-cell tables; level-2 headings bold paragraphs."""
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")

    def heading(document: docx.document.Document, index: int, h: Heading) -> None:
        if h.level == 1:
            table = document.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            cell = table.cell(0, 0)
            cell.paragraphs[0].add_run(numbers[index] + h.title).bold = True
            cell._tc.get_or_add_tcPr().append(
                parse_xml(f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="D9E2F3"/>')
            )
        else:
            document.add_paragraph().add_run(numbers[index] + h.title).bold = True

    plain_report(path, heading)


def text_box(text: str, box_id: int) -> str:
    """An anchor paragraph holding a text box the way Word 2010+ writes it: mc:Choice (wps) and mc:Fallback (VML)."""
    inner = f'<w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run_xml(text, "<w:b/>")}</w:p></w:txbxContent>'
    return (
        f'<w:p {ns("w", "wp", "a", "mc", "wps", "v", "o", "w10", "r")}><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="4000000" cy="400000"/><wp:docPr id="{box_id}" name="文本框 {box_id}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4000000" cy="400000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="_x0000_s{1024 + box_id}" type="#_x0000_t202" style="width:315pt;height:31.5pt">'
        f"<v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def report_text_boxes(path: Path) -> None:
    """Level-1 headings in text boxes (mc:AlternateContent: a wps shape and its VML fallback) — read once."""
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")

    def heading(document: docx.document.Document, index: int, h: Heading) -> None:
        if h.level == 1:
            append_xml(document, text_box(numbers[index] + h.title, 100 + index))
        else:
            document.add_heading(numbers[index] + h.title, level=2)

    plain_report(path, heading)


def sdt_block(inner: str, tag: str, placeholder: bool = False) -> str:
    pr = f'<w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/>{"<w:showingPlcHdr/>" if placeholder else ""}</w:sdtPr>'
    return f"<w:sdt {W_NS}>{pr}<w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def report_content_controls(path: Path) -> None:
    """A template with content controls: each heading and section in a block sdt; one section's text
    in an inline sdt; one section still showing Word's placeholder prompt (empty)."""
    document = docx.Document()
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        heading_p = p_xml(numbers[index] + h.title, f"Heading{h.level}").replace(f"<w:p {W_NS}>", "<w:p>")
        append_xml(document, sdt_block(heading_p, f"标题{index}"))
        if has_children(index):
            continue
        if index == 12:  # 三（三）: the prompt is still there
            prompt = p_xml("单击或点击此处输入文字。", None, '<w:rStyle w:val="PlaceholderText"/>').replace(
                f"<w:p {W_NS}>", "<w:p>"
            )
            append_xml(document, sdt_block(prompt, "功能和性能需求", placeholder=True))
        elif index == 6:  # inline control inside a paragraph
            append_xml(
                document,
                f'<w:p {W_NS}>{run_xml("项目背景：")}<w:sdt><w:sdtPr><w:tag w:val="背景"/></w:sdtPr>'
                f"<w:sdtContent>{run_xml(body_text(index))}</w:sdtContent></w:sdt></w:p>",
            )
        else:
            append_xml(document, sdt_block(p_xml(body_text(index)).replace(f"<w:p {W_NS}>", "<w:p>"), f"正文{index}"))
    appendix_lines(document)
    # Word's Placeholder Text style, so the prompt looks as Word draws it
    document.styles.element.append(
        parse_xml(
            f'<w:style {W_NS} w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
            '<w:rPr><w:color w:val="808080"/></w:rPr></w:style>'
        )
    )
    document.save(path)


def report_tracked_changes(path: Path) -> None:
    """Review mode left on: a heading inserted (w:ins), a heading's old words deleted and new ones inserted,
    and a section whose only text was deleted (empty once the changes are accepted)."""
    document = docx.Document()
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    who = 'w:author="张审核" w:date="2026-11-20T10:00:00Z"'
    for index, h in sections():
        if h.level == 0:
            continue
        text = numbers[index] + h.title
        style = f'<w:pPr><w:pStyle w:val="Heading{h.level}"/></w:pPr>'
        if index == 4:  # 一（四）项目概况: the whole heading inserted
            append_xml(document, f'<w:p {W_NS}>{style}<w:ins w:id="1" {who}>{run_xml(text)}</w:ins></w:p>')
        elif index == 14:  # 四、 old words deleted, outline's words inserted
            append_xml(
                document,
                f'<w:p {W_NS}>{style}{run_xml(numbers[index])}<w:del w:id="2" {who}><w:r><w:delText>建设任务</w:delText></w:r></w:del>'
                f'<w:ins w:id="3" {who}>{run_xml(h.title)}</w:ins></w:p>',
            )
        else:
            append_xml(document, f"<w:p {W_NS}>{style}{run_xml(text)}</w:p>")
        if has_children(index):
            continue
        if index == 8:  # 二（三）: its only paragraph deleted
            append_xml(
                document,
                f'<w:p {W_NS}><w:pPr><w:rPr><w:del w:id="4" {who}/></w:rPr></w:pPr><w:del w:id="5" {who}>'
                f"<w:r><w:delText>{esc(body_text(index))}</w:delText></w:r></w:del></w:p>",
            )
        else:
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- tables of contents


def typed_toc(document: docx.document.Document, leaders: bool) -> None:
    document.add_paragraph("目  录").alignment = 1
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    page = 1
    for index, h in sections():
        text = h.text if h.level else "附件"
        if leaders:
            document.add_paragraph(f"{text}{'.' * 12}{page}")
        else:
            document.add_paragraph(numbers[index] + h.title if h.level else "附件")
        page += 1
    document.add_page_break()


def report_typed_toc_missing_section(path: Path) -> None:
    """A typed 目录 (dot leaders, page numbers) naming every heading; the body lacks 三（四）."""
    document = docx.Document()
    title(document)
    typed_toc(document, leaders=True)
    write_outline(document, skip=frozenset({13}))
    document.save(path)


def report_typed_toc_plain(path: Path) -> None:
    """A typed 目录 without leaders or page numbers, the headings then in plain bold paragraphs."""
    document = docx.Document()
    title(document)
    typed_toc(document, leaders=False)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        document.add_paragraph().add_run(numbers[index] + h.title).bold = True
        if not has_children(index):
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- content that is not paragraph text

CHART_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
    '<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numLit><c:ptCount val="2"/>'
    '<c:pt idx="0"><c:v>480</c:v></c:pt><c:pt idx="1"><c:v>380</c:v></c:pt></c:numLit></c:val></c:ser>'
    '<c:axId val="1"/><c:axId val="2"/></c:barChart>'
    '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>'
    '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>'
    "</c:plotArea></c:chart></c:chartSpace>"
)


def inline_drawing(graphic: str, doc_id: int) -> str:
    return (
        f'<w:p {nsdecls("w", "wp", "a", "r")}><w:r><w:drawing><wp:inline><wp:extent cx="3000000" cy="2000000"/>'
        f'<wp:docPr id="{doc_id}" name="对象 {doc_id}"/><a:graphic>{graphic}</a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )


def report_non_text_content(path: Path) -> None:
    """Sections whose whole content is a table, a picture, a chart or an embedded Excel sheet (OLE)."""
    document = docx.Document()
    part = document.part
    chart = Part(
        PackURI("/word/charts/chart1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        CHART_XML.encode(),
        part.package,
    )
    chart_rid = part.relate_to(chart, RT.CHART)
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["费用名称", "金额（万元）"])
    book.active.append(["应用系统开发", 480])
    sheet = io.BytesIO()
    book.save(sheet)
    ole = Part(
        PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        sheet.getvalue(),
        part.package,
    )
    ole_rid = part.relate_to(ole, RT.PACKAGE)
    picture = Path(tempfile.mkdtemp()) / "拓扑图.png"
    picture.write_bytes(png(40, 30))
    icon_rid, _image = part.get_or_add_image(str(picture))

    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        document.add_heading(numbers[index] + h.title, level=h.level)
        if has_children(index):
            continue
        if index == 10:  # 三（一）: a table only
            table = document.add_table(rows=2, cols=2)
            table.style = "Table Grid"
            for c, text in enumerate(["业务事项", "年办件量（万件）"]):
                table.cell(0, c).text = text
            table.cell(1, 0).text, table.cell(1, 1).text = "企业开办", "2.4"
        elif index == 11:  # 三（二）: a picture only
            document.add_picture(str(picture), width=Pt(200))
        elif index == 12:  # 三（三）: a chart only
            append_xml(
                document,
                inline_drawing(
                    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
                    f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{chart_rid}"/></a:graphicData>',
                    201,
                ),
            )
        elif index == 17:  # 五: an embedded Excel sheet only
            append_xml(
                document,
                f'<w:p {ns("w", "v", "o", "r")}><w:r><w:object w:dxaOrig="2000" w:dyaOrig="1000">'
                '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:100pt;height:50pt">'
                f'<v:imagedata r:id="{icon_rid}" o:title=""/></v:shape>'
                f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1700000001" r:id="{ole_rid}"/>'
                "</w:object></w:r></w:p>",
            )
        else:
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- placeholders and 附件


def report_placeholders(path: Path) -> None:
    """Five sections hold only what a template leaves behind: （略）, 此处填写…, 待补充, XXX, Word's prompt."""
    fillers = {2: "（略）", 3: "此处填写项目建设相关依据文件……", 7: "待补充", 11: "XXX", 16: "单击或点击此处输入文字。"}
    plain_numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")

    def content(document: docx.document.Document, index: int) -> None:
        if index == 16:
            run = document.add_paragraph().add_run(fillers[index])
            run._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {W_NS} w:val="PlaceholderText"/>'))
        else:
            document.add_paragraph(fillers.get(index) or body_text(index))

    plain_report(path, lambda d, i, h: d.add_heading(plain_numbers[i] + h.title, level=h.level), content=content)
    document = docx.Document(path)
    document.styles.element.append(
        parse_xml(
            f'<w:style {W_NS} w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
            '<w:rPr><w:color w:val="808080"/></w:rPr></w:style>'
        )
    )
    document.save(path)


def numbered_headings(document: docx.document.Document, index: int, h: Heading) -> None:
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    document.add_heading(numbers[index] + h.title, level=h.level)


def report_appendix_one_line(path: Path) -> None:
    """附件 written as one line listing the attachments, in other words than the outline's."""
    plain_report(path, numbered_headings, appendix=False)
    document = docx.Document(path)
    document.add_paragraph("附件：1．《石嘴山市政务信息化项目管理办法》 2．《项目可行性研究报告》")
    document.save(path)


def report_appendix_cited_early(path: Path) -> None:
    """A 「附件1：…」 cited inside 一（三）, and the real 附件 list at the end, one attachment per line."""

    def content(document: docx.document.Document, index: int) -> None:
        document.add_paragraph(body_text(index))
        if index == 3:
            document.add_paragraph("附件1：《关于同意开展智慧城管平台前期工作的批复》")

    plain_report(path, numbered_headings, content=content, appendix=False)
    document = docx.Document(path)
    document.add_paragraph("附件").runs[0].bold = True
    document.add_paragraph("附件1：《关于同意开展智慧城管平台前期工作的批复》")
    document.add_paragraph("附件2：《石嘴山市城市管理局信息资源目录》")
    document.save(path)


def report_no_appendix(path: Path) -> None:
    """A complete report without any 附件 line (a warning: 一（三） already lists the basis documents)."""
    plain_report(path, numbered_headings, appendix=False)


def report_missing_and_swapped(path: Path) -> None:
    """The negative case: 三（二） missing, 四（一）/（二） swapped, 二（一） empty."""
    document = docx.Document()
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    order = [i for i, _ in sections() if i != 11]
    a, b = order.index(15), order.index(16)
    order[a], order[b] = order[b], order[a]
    for index in order:
        h = REPORT_OUTLINE[index]
        if h.level == 0:
            continue
        document.add_heading(numbers[index] + h.title, level=h.level)
        if not has_children(index) and index != 6:
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    document.save(path)


# ---------------------------------------------------------------- LibreOffice


def soffice(source: Path, target: Path, to: str) -> None:
    """Convert with LibreOffice (a throwaway profile), then move the result to ``target``."""
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = next(p for p in Path(work).iterdir() if p.is_file() and p.suffix == "." + to.split(":")[0])
        shutil.move(str(produced), target)


def report_from_html(path: Path) -> None:
    """A report written as a web page (an online editor's export), converted to .docx by LibreOffice."""
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    parts = [
        f"<html><head><meta charset='utf-8'><title>{NAME}</title></head><body><h1 style='text-align:center'>{NAME}需求分析报告</h1>"
    ]
    for index, h in sections():
        if h.level == 0:
            parts.append(
                "<p><b>附件：编制依据及与项目有关的政策、技术、经济资料</b></p><ol><li>《石嘴山市政务信息化项目管理办法》</li></ol>"
            )
            continue
        tag = "h2" if h.level == 1 else "h3"
        parts.append(f"<{tag}>{numbers[index]}{h.title}</{tag}>")
        if not has_children(index):
            parts.append(f"<p>{body_text(index)}</p>")
    parts.append("</body></html>")
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "report.html"
        page.write_text("".join(parts), encoding="utf-8")
        soffice(page, path, "docx:MS Word 2007 XML")


# ---------------------------------------------------------------- 附件1 / 附件2 made by hand

APPLICATION_ROWS = [
    ("项目建设单位", "石嘴山市城市管理局", "项目负责人", "李明"),
    ("联系电话", "0952—2019876", "项目类别", "服务类"),
]


def form_table(
    document: docx.document.Document, rows: list[list[str]], widths: list[int] | None = None
) -> docx.table.Table:
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            lines = text.split("\n")
            cell = table.cell(r, c)
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        if len(row) < columns:  # the last cell spans the rest of the row
            table.cell(r, len(row) - 1).merge(table.cell(r, columns - 1))
    return table


MATERIALS = "1．项目初步设计（含建设必要性和可行性论证）\n2．项目需求分析报告\n3．石嘴山市政务信息化项目建设申报表\n4．网络安全和密码保护审查表"
BASIS = "1．《石嘴山市政务信息化项目管理办法》\n2．《石嘴山市城市管理数字化提升方案》"
PREPARATION = "已完成需求调研和方案论证。"


def application_rows(**changes: str) -> list[list[str]]:
    values = {
        "owner": "石嘴山市城市管理局",
        "leader": "李明",
        "phone": "0952-2019876",
        "category": "服务类",
        "name": NAME,
        "units": "无",
        "location": "石嘴山市大武口区",
        "schedule": "起始时间：2027年1月1日\n完成时间：2027年12月31日",
        "total": "86",
        "this_year": "86",
        "national": "0",
        "region": "0",
        "city": "86",
        "social": "0",
    } | changes
    return [
        ["项目建设单位", values["owner"], "项目负责人", values["leader"]],
        ["联系电话", values["phone"], "项目名称", values["name"]],
        ["项目类别", values["category"], "参与建设单位", values["units"]],
        ["项目建设地址", values["location"]],
        ["项目建设依据", BASIS],
        ["项目计划时间", values["schedule"]],
        ["项目准备情况", PREPARATION],
        ["项目预计总投资（万元）", values["total"], "本年度预计投入（万元）", values["this_year"]],
        ["计划资金来源", "国家资金", "自治区资金", "市级资金", "社会资金"],
        ["", values["national"], values["region"], values["city"], values["social"]],
        ["申报材料", MATERIALS],
        ["备注", ""],
    ]


def application(
    path: Path, header: str, rows: list[list[str]], *, prefix: list[str] | None = None
) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("附件1")
    document.add_paragraph("石嘴山市政务信息化项目申报表").alignment = 1
    document.add_paragraph(header)
    for line in prefix or []:
        document.add_paragraph(line)
    form_table(document, rows)
    document.save(path)
    return document


def form_spaced_labels(path: Path) -> None:
    """Labels typed with spaces and line breaks, amounts with units and thousands separators,
    the header date with dots, the unit followed by its 盖章 prompt."""
    rows = application_rows(total="1,200万元", this_year="860万元", region="340", city="860")
    spaced = {
        "项目名称": "项 目 名 称",
        "项目负责人": "项目\n负责人",
        "项目预计总投资（万元）": "项目预计\n总投资（万元）",
        "联系电话": "联系　电话",
    }
    rows = [[spaced.get(text, text) for text in row] for row in rows]
    application(path, "项目申报单位：石嘴山市城市管理局（盖章）        2026.11.23", rows)


def form_other_layout(path: Path) -> None:
    """Another office's layout: an extra 填报说明 row, the four sources one per row (label | value),
    the plan written as one range without the printed sub-labels."""
    rows = application_rows(schedule="2027年3月至2028年2月")
    rows.insert(0, ["填报说明", "金额单位均为万元，本表一式三份。"])
    at = next(i for i, r in enumerate(rows) if r[0] == "计划资金来源")
    rows[at : at + 2] = [
        ["计划资金来源", "国家资金", "0"],
        ["", "自治区资金", "0"],
        ["", "市级资金", "86"],
        ["", "社会资金", "0"],
    ]
    document = docx.Document()
    document.add_paragraph("石嘴山市政务信息化项目申报表").alignment = 1
    document.add_paragraph("项目申报单位：石嘴山市城市管理局\t2026年11月23日")
    table = form_table(document, rows)
    for r in range(at, at + 4):  # 计划资金来源 spans its four rows
        table.cell(r, 0).text = ""
    table.cell(at, 0).merge(table.cell(at + 3, 0)).text = "计划资金来源"
    document.save(path)


def form_capital_amounts(path: Path) -> None:
    """Amounts in financial capitals and dashes, full-width digits, the header date in Chinese numerals."""
    rows = application_rows(total="捌拾陆万元整", this_year="８６", national="—", region="/", city="86", social="无")
    application(path, "项目申报单位：石嘴山市城市管理局    二〇二六年十一月二十三日", rows)


def form_seal_prompt_only(path: Path) -> None:
    """The header's unit holds only the （盖章） prompt; the 负责人 cell only 「（签字）」."""
    rows = application_rows(leader="（签字）")
    application(path, "项目申报单位：（盖章）          年   月   日", rows)


def form_invalid_values(path: Path) -> None:
    """Values validate refuses: a day that does not exist, a 项目类别 outside the list, a phone to be decided."""
    rows = application_rows(
        category="软件类", phone="电话待定", schedule="起始时间：2026年2月29日\n完成时间：2027年12月31日"
    )
    application(path, "项目申报单位：石嘴山市城市管理局    2026年11月23日", rows)


def form_content_controls(path: Path) -> None:
    """附件2 made from a template with content controls: filled ones hold text, one still shows Word's prompt."""
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("网络安全和密码保护审查表").alignment = 1
    document.add_paragraph("项目申报单位：石嘴山市城市管理局          2026年11月23日")
    rows = [
        ["项目建设单位", "石嘴山市城市管理局", "项目负责人", "李明"],
        ["联系电话", "0952-2019876", "项目类别", "服务类"],
        ["项目名称", NAME],
        ["项目建设内容", "城市管理事件受理、派遣、处置、核查全流程平台。"],
        ["网络安全保护基本情况", "PROMPT"],
        ["网络安全审查", "审查结果：\n审查单位：\n年   月   日"],
        ["密码保护应用基本情况", "CONTROL"],
        ["密码保护审查", "审查结果：\n审查单位：\n年   月   日"],
    ]
    table = form_table(document, rows)
    for tc in table._tbl.iter(qn("w:tc")):
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        if text in ("PROMPT", "CONTROL"):
            p = tc.find(qn("w:p"))
            placeholder = text == "PROMPT"
            shown = "单击或点击此处输入文字。" if placeholder else "采用国产商用密码对身份鉴别和数据传输进行保护。"
            sdt = sdt_block(p_xml(shown).replace(f"<w:p {W_NS}>", "<w:p>"), "内容", placeholder=placeholder)
            p.addprevious(parse_xml(sdt))
            tc.remove(p)
    document.save(path)


def security_rows(network_review: str, crypto_review: str) -> list[list[str]]:
    return [
        ["项目建设单位", "石嘴山市城市管理局", "项目负责人", "李明"],
        ["联系电话", "0952-2019876", "项目类别", "服务类"],
        ["项目名称", NAME],
        ["项目建设内容", "城市管理事件受理、派遣、处置、核查全流程平台。"],
        ["网络安全保护基本情况", "按等级保护第三级要求建设，部署于电子政务外网。"],
        ["网络安全审查", network_review],
        ["密码保护应用基本情况", "采用国产商用密码对身份鉴别和数据传输进行保护。"],
        ["密码保护审查", crypto_review],
    ]


def form_marked_review(path: Path) -> None:
    """Review results marked by hand: 「不符合」 struck through; ☑/□ boxes (one drawn with Wingdings)."""
    document = docx.Document()
    document.add_paragraph("石嘴山市政务信息化项目网络安全")
    document.add_paragraph("和密码保护审查表")
    document.add_paragraph("项目申报单位 石嘴山市城市管理局 2026年11月23日")
    table = form_table(
        document,
        security_rows("NETWORK", "CRYPTO"),
    )
    for tc in table._tbl.iter(qn("w:tc")):
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        if text not in ("NETWORK", "CRYPTO"):
            continue
        p = tc.find(qn("w:p"))
        if text == "NETWORK":
            lines = [
                f"<w:p {W_NS}>{run_xml('审查结果：符合/')}{run_xml('不符合', '<w:strike/>')}</w:p>",
                p_xml("审查单位：石嘴山市委网信办（盖章）"),
                p_xml("2026年11月20日"),
            ]
        else:
            lines = [
                f'<w:p {W_NS}>{run_xml("审查结果：")}<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>{run_xml("符合  □不符合")}</w:p>',
                p_xml("审查单位：石嘴山市密码管理局"),
                p_xml("2026/11/21"),
            ]
        for line in lines:
            p.addprevious(parse_xml(line))
        tc.remove(p)
    document.save(path)


# ---------------------------------------------------------------- docgen's own output, edited


def docgen_form_edited(path: Path) -> None:
    """附件1 built by docgen, then edited in Word: 项目类别 typed as 「软件类」, 项目建设地址 changed."""
    import docgen

    with tempfile.TemporaryDirectory() as work:
        docgen.build(ROOT / "sample_data" / "contract-example.yaml", Path(work), forms="application")
        built = next(Path(work).glob("*申报表.docx"))
        document = docx.Document(built)
        for table in document.tables:
            for row in table.rows:
                cells = row.cells
                for i, cell in enumerate(cells[:-1]):
                    label = cell.text.replace("\n", "")
                    target = next((c for c in cells[i + 1 :] if c._tc is not cell._tc), None)
                    if target is None:
                        continue
                    if label in ("项目类别", "项目建设地址"):
                        paragraph = target.paragraphs[0]
                        for run in paragraph.runs[1:]:
                            run.text = ""
                        paragraph.runs[0].text = "软件类" if label == "项目类别" else "石嘴山市大武口区世纪大道"
        document.save(path)


def docgen_report_without_appendix(path: Path) -> None:
    """docgen's own 需求分析报告 from valid data without requirements_report.appendix."""
    import docgen
    from docgen.sources.yaml_source import parse

    data = parse((ROOT / "sample_data" / "contract-example.yaml").read_text(encoding="utf-8"), "x.yaml").data
    data = copy.deepcopy(data)
    data["requirements_report"].pop("appendix")
    with tempfile.TemporaryDirectory() as work:
        docgen.build(docgen.load_data(data), Path(work), forms="requirements")
        shutil.move(str(next(Path(work).glob("*.docx"))), path)


def docgen_checklist(path: Path) -> None:
    """The 申报材料清单 docgen writes beside the forms: no annex, a 提示 whether named or found in a folder."""
    import docgen

    with tempfile.TemporaryDirectory() as work:
        docgen.build(ROOT / "sample_data" / "contract-example.yaml", Path(work), forms="materials")
        shutil.move(str(next(Path(work).glob("*.docx"))), path)


# ---------------------------------------------------------------- a package received as a folder


def package_folder(folder: Path) -> None:
    """A package as it arrives: 申报表 and report disagreeing on 总投资 (the report's table has its unit in
    the caption and a 「合  计」 row), the name ending the report's sentence with 。, the phone written with
    another dash; beside them a .doc, a .doc renamed .docx, an .odt and a PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = application_rows(phone="0952－2019876")
    application(folder / "申报表.docx", "项目申报单位：石嘴山市城市管理局    2026年11月23日", rows)

    document = docx.Document()
    title(document)
    numbers = typed_numbers(lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）")
    for index, h in sections():
        if h.level == 0:
            continue
        document.add_heading(numbers[index] + h.title, level=h.level)
        if index == 1:
            document.add_paragraph(f"{NAME}。")
        elif index == 17:
            document.add_paragraph("项目总投资估算如下表，资金由市级财政安排。")
            document.add_paragraph("表1 投资估算表（单位：万元）")
            table = document.add_table(rows=4, cols=3)
            table.style = "Table Grid"
            for r, row in enumerate(
                [
                    ["序号", "费用名称", "投资估算"],
                    ["1", "软件开发", "60"],
                    ["2", "系统集成", "36"],
                    ["", "合  计", "96"],
                ]
            ):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif not has_children(index):
            document.add_paragraph(body_text(index))
    appendix_lines(document)
    report = folder / "需求分析报告.docx"
    document.save(report)

    soffice(report, folder / "需求分析报告（旧版）.doc", "doc:MS Word 97")
    shutil.copy(folder / "需求分析报告（旧版）.doc", folder / "改了扩展名的旧版文档.docx")
    soffice(folder / "申报表.docx", folder / "申报表.odt", "odt")
    soffice(folder / "申报表.docx", folder / "申报表（扫描件）.pdf", "pdf")
    docgen_checklist(folder / "申报材料清单.docx")


MAKERS: dict[str, Callable[[Path], None]] = {
    "报告-Word多级列表编号.docx": report_word_multilevel,
    "报告-天干编号与法律式二级编号.docx": report_ideograph_and_legal,
    "报告-正文自动编号列表.docx": report_body_lists,
    "报告-自动编号又手打编号.docx": report_double_numbers,
    "报告-阿拉伯数字编号.docx": report_arabic,
    "报告-章节编号.docx": report_chapters,
    "报告-一级汉字二级阿拉伯.docx": report_mixed,
    "报告-两级标题改写.docx": report_reworded,
    "报告-WPS大纲级别无标题样式.docx": report_outline_levels,
    "报告-横幅表格标题.docx": report_banner_tables,
    "报告-文本框标题.docx": report_text_boxes,
    "报告-内容控件与占位提示.docx": report_content_controls,
    "报告-修订痕迹.docx": report_tracked_changes,
    "报告-手工目录缺一节.docx": report_typed_toc_missing_section,
    "报告-手工目录无页码.docx": report_typed_toc_plain,
    "报告-表格图片图表嵌入对象.docx": report_non_text_content,
    "报告-占位文字.docx": report_placeholders,
    "报告-附件一行列出.docx": report_appendix_one_line,
    "报告-附件分行与正文引用.docx": report_appendix_cited_early,
    "报告-没有附件.docx": report_no_appendix,
    "报告-缺章节顺序颠倒空章节.docx": report_missing_and_swapped,
    "报告-网页导出经LibreOffice转换.docx": report_from_html,
    "报告-docgen生成无附件数据.docx": docgen_report_without_appendix,
    "申报表-标签含空格换行.docx": form_spaced_labels,
    "申报表-另一种布局.docx": form_other_layout,
    "申报表-大写金额中文日期.docx": form_capital_amounts,
    "申报表-只有盖章签字提示.docx": form_seal_prompt_only,
    "申报表-无效取值.docx": form_invalid_values,
    "申报表-docgen生成后被改动.docx": docgen_form_edited,
    "审查表-内容控件占位提示.docx": form_content_controls,
    "审查表-手工标记审查结果.docx": form_marked_review,
    "申报材料清单.docx": docgen_checklist,
}


def main() -> None:
    """Make every document; or, given names on the command line, only those (the others stay as committed)."""
    from after_reading import MAKERS as AFTER_MAKERS  # the causes the blind corpus found, in layouts of their own
    from blind_forms import MAKERS as BLIND_MAKERS  # the blind corpus (verdicts set down before the reader was read)
    from office_forms import MAKERS as OFFICE_MAKERS  # pandoc, the npm docx library, LibreOffice, WPS habits

    makers = MAKERS | OFFICE_MAKERS | BLIND_MAKERS | AFTER_MAKERS
    chosen = sys.argv[1:]
    if not chosen:
        if DOCS.exists():
            shutil.rmtree(DOCS)
        DOCS.mkdir(parents=True)
    for name, maker in makers.items():
        if chosen and name not in chosen:
            continue
        maker(DOCS / name)
        print("made", name)
    if not chosen:
        package_folder(DOCS / "收到的申报材料")
        print("made 收到的申报材料/")


if __name__ == "__main__":
    main()
