"""Write the three default templates in docgen/templates/ from scratch.

The .docx files in docgen/templates/ are the source of truth and may be edited in
Word, WPS or LibreOffice; this script is how they were first made, and remakes
them when the layout below changes. Layout follows forms.md §1–§3 (the annexes
of the 石嘴山 办法) and GB/T 9704-2012 (forms.md §6):

* A4, margins 37 / 35 / 28 / 26 mm (top / bottom / left / right), 版心 156 × 225 mm;
* annex marker 3号黑体 top left; titles 2号小标宋 centred on the third line;
* 附件3: level-1 headings 3号黑体, level-2 3号楷体, body 3号仿宋, 28.95 pt line pitch
  (22 lines a page), first line indented two characters, page numbers
  「— N —」 4号宋体, odd pages right and even pages left, one character in.
* Form tables use 小四 (12 pt) 仿宋: GB/T 9704 sets no size for table cells, and
  the annex tables need it to fit their labels in 30 mm columns.

Every run carries its east-Asian font name, so Chinese text gets the font even
where a reader's defaults differ.

Usage: python scripts/make_templates.py [OUT_DIR]   (default: docgen/templates/)
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from docgen.forms import FORMS, Form
from docgen.outline import PLANS, REPORT_OUTLINE, Plan

FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"
TEXT_WIDTH_MM = 156
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
#: Form cells: a fixed 16 pt line for 小四 text, so a row's height does not depend on which face
#: a reader's machine draws 仿宋 with (a serif stand-in has taller ascenders than SimSun).
CELL_PITCH = Pt(16)

# (style id, Chinese name, east-Asian font, size pt, alignment, first-line indent chars, exact line pitch)
PARAGRAPH_STYLES = [
    ("DocgenAnnexMark", "附件标识", HEITI, 16, WD_ALIGN_PARAGRAPH.LEFT, 0, LINE_PITCH),
    ("DocgenTitle", "文件标题", XIAOBIAOSONG, 22, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
    ("DocgenFormHeader", "表头信息", FANGSONG, 14, WD_ALIGN_PARAGRAPH.LEFT, 0, None),
    ("DocgenCellLabel", "表格标签", FANGSONG, 12, WD_ALIGN_PARAGRAPH.CENTER, 0, CELL_PITCH),
    ("DocgenCellValue", "表格内容", FANGSONG, 12, WD_ALIGN_PARAGRAPH.LEFT, 0, CELL_PITCH),
    # Left, not justified: LibreOffice 7.4 drops a full-width comma that ends a justified zh-CN
    # line at the margin (measured: 「组成，」 printed as 「组成」). CJK text is one width per
    # character, so a left-aligned line of Chinese text still ends at the margin.
    ("DocgenBody", "报告正文", FANGSONG, 16, WD_ALIGN_PARAGRAPH.LEFT, 2, LINE_PITCH),
    ("DocgenTableText", "报告表格文字", FANGSONG, 12, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
    ("DocgenCaption", "图表题注", HEITI, 14, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
    ("DocgenPageNumber", "页码", SONGTI, 14, WD_ALIGN_PARAGRAPH.RIGHT, 0, None),
]


def names(text: str) -> list[str]:
    return text.split()


#: Child order Word expects (ECMA-376 Part 1: CT_RPr, CT_PPr, CT_TblPr). Word may silently drop a
#: property written out of order, so every child is put where the schema puts it.
RPR_ORDER = names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
PPR_ORDER = names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
TBLPR_ORDER = names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)


def put(parent: OxmlElement, element: OxmlElement, order: list[str]) -> OxmlElement:
    """Put ``element`` into ``parent`` at its schema position, replacing a child of the same name."""
    name = element.tag.split("}")[1]
    for old in parent.findall(element.tag):
        parent.remove(old)
    rank = order.index(name)
    for index, child in enumerate(parent):
        child_name = child.tag.split("}")[1] if isinstance(child.tag, str) and "}" in child.tag else ""
        if child_name in order and order.index(child_name) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def w(tag: str, **attributes: str) -> OxmlElement:
    element = OxmlElement(f"w:{tag}")
    for key, val in attributes.items():
        element.set(qn(f"w:{key}"), val)
    return element


def set_fonts(rpr_parent: OxmlElement, east_asian: str, size_pt: float | None, latin: str | None = None) -> None:
    """Set rFonts and size on an element owning an rPr.

    Latin text uses the Chinese font too (as the 3号仿宋 rule of GB/T 9704 reads), and
    the east-Asian hint makes Word draw full-width punctuation such as “” with it.
    """
    latin = latin or east_asian
    if hasattr(rpr_parent, "get_or_add_rPr"):
        rpr = rpr_parent.get_or_add_rPr()
    else:  # w:rPrDefault is a plain lxml element
        rpr = rpr_parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_parent.append(rpr)
    put(rpr, w("rFonts", hint="eastAsia", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin), RPR_ORDER)
    put(rpr, w("color", val="000000"), RPR_ORDER)
    if size_pt is not None:
        put(rpr, w("sz", val=str(int(size_pt * 2))), RPR_ORDER)
        put(rpr, w("szCs", val=str(int(size_pt * 2))), RPR_ORDER)


def new_document(with_page_numbers: bool) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)
    section.start_type = WD_SECTION.NEW_PAGE

    normal = doc.styles["Normal"]
    set_fonts(normal.element, FANGSONG, 16)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    # Document defaults too, so text outside any style still gets 仿宋.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            set_fonts(rpr_default, FANGSONG, 16)
            # A Chinese document: Word, WPS and LibreOffice pick Simplified-Chinese glyph forms and
            # full-width punctuation from the East Asian language (python-docx's default says en-US).
            put(rpr_default.find(qn("w:rPr")), w("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"), RPR_ORDER)
    chinese_settings(doc)
    font_table(doc)

    for style_id, name, font, size, align, indent_chars, pitch in PARAGRAPH_STYLES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = normal
        style.quick_style = True
        set_fonts(style.element, font, size)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        if pitch is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = pitch
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if style_id in {"DocgenCellLabel", "DocgenCellValue", "DocgenTableText"}:
            # No automatic space between CJK and digits: dates and amounts stay compact in cells.
            ppr = style.element.get_or_add_pPr()
            for tag in ("autoSpaceDE", "autoSpaceDN"):
                put(ppr, w(tag, val="0"), PPR_ORDER)
        if indent_chars:
            first = w("ind", firstLineChars=str(indent_chars * 100), firstLine=str(int(size * 20 * indent_chars)))
            put(style.element.get_or_add_pPr(), first, PPR_ORDER)

    caption = doc.styles["图表题注"].paragraph_format
    caption.space_before, caption.space_after, caption.keep_with_next = Pt(6), Pt(3), True

    for level, font in ((1, HEITI), (2, KAITI)):
        style = doc.styles[f"Heading {level}"]
        set_fonts(style.element, font, 16)
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:b", "w:bCs", "w:i", "w:iCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.keep_with_next = True
        put(style.element.get_or_add_pPr(), w("ind", firstLineChars="200", firstLine="640"), PPR_ORDER)

    if with_page_numbers:
        doc.settings.odd_and_even_pages_header_footer = True
        add_page_number(doc, section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        add_page_number(doc, section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    return doc


#: The Chinese fonts the templates name, as GB/T 9704 names them, with what Word, WPS and
#: 信创 desktops need to find them or a substitute: the Windows name, the GB2312 character set
#: (86), the family and pitch. (name, altName, panose, family, pitch)
CHINESE_FONTS = (
    (FANGSONG, "FangSong", "02010609060101010101", "modern", "fixed"),
    (KAITI, "KaiTi", "02010609060101010101", "modern", "fixed"),
    (HEITI, "SimHei", "02010609060101010101", "modern", "fixed"),
    (SONGTI, "SimSun", "02010600030101010101", "auto", "variable"),
    (XIAOBIAOSONG, "FZXiaoBiaoSong-B05S", "02000000000000000000", "auto", "variable"),
)


def chinese_settings(doc: Document) -> None:
    """Theme language zh-CN and the compatibility mode of current Word (15), so Word does not open
    the documents in 兼容模式 (python-docx's default template says ja-JP and 14)."""
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def font_table(doc: Document) -> None:
    """A fontTable.xml entry for every Chinese font the templates name (CT_Font child order)."""
    from lxml import etree

    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for name, alt, panose, family, pitch in CHINESE_FONTS:
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("altName", alt),
            ("panose1", panose),
            ("charset", "86"),
            ("family", family),
            ("pitch", pitch),
        ):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: Parts python-docx's default document carries that our forms do not use: Word 2010's
#: duplicate style sheet, a bibliography data store, and a thumbnail of a page that is not ours.
UNUSED_PARTS = ("stylesWithEffects", "relationships/customXml", "metadata/thumbnail")


def save(doc: Document, out: Path) -> None:
    """Save without the unused parts (python-docx writes only the parts still related)."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(UNUSED_PARTS):
                del rels[rel_id]
    doc.save(out)


def add_page_number(doc: Document, paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """「— N —」, 4号宋体, one character in from the outer edge (GB/T 9704 7.5)."""
    paragraph.style = doc.styles["页码"]
    paragraph.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(14)
    else:
        paragraph.paragraph_format.left_indent = Pt(14)
    add_run(paragraph, "— ", SONGTI, 14, latin=SONGTI)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    field.append(run)
    paragraph._p.append(field)
    from docx.text.run import Run

    number = Run(run, paragraph)
    number.text = "1"
    set_fonts(number._r, SONGTI, 14, latin=SONGTI)
    add_run(paragraph, " —", SONGTI, 14, latin=SONGTI)


def add_run(paragraph: Paragraph, text: str, font: str, size: float, latin: str | None = None) -> None:
    run = paragraph.add_run(text)
    set_fonts(run._r, font, size, latin=latin)


def add_paragraph(doc_or_cell, text: str, style: str, font: str, size: float) -> Paragraph:
    paragraph = doc_or_cell.add_paragraph(style=style)
    if text:
        add_run(paragraph, text, font, size)
    return paragraph


def annex_head(doc: Document, marker: str, title_lines: list[str]) -> None:
    """Marker on line 1, blank line 2, title from line 3 (GB/T 9704 7.3.7)."""
    first = doc.add_paragraph(style="附件标识")
    add_run(first, marker, HEITI, 16)
    doc.add_paragraph(style="附件标识")
    for line in title_lines:
        add_paragraph(doc, line, "文件标题", XIAOBIAOSONG, 22)


def header_line(doc: Document) -> None:
    """「项目申报单位：…」 left, 「年 月 日」 right, on one line (forms.md 1-c, 1-d)."""
    doc.add_paragraph(style="表头信息")
    paragraph = add_paragraph(doc, "", "表头信息", FANGSONG, 14)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, "项目申报单位：{{ declaration.applicant }}\t{{ declaration.date }}", FANGSONG, 14)
    paragraph.paragraph_format.space_after = Pt(6)


# ------------------------------------------------------------------ tables

LABEL_COL_MM = 34.0
# The value area (122 mm) is cut two ways: label | value | label | value rows use
# 52 / 30 / 40 mm, and the 计划资金来源 rows four equal 30.5 mm sub-columns. The
# grid holds every boundary of both, and cells span grid columns (gridSpan).
GRID_MM = [LABEL_COL_MM, 30.5, 21.5, 9.0, 21.0, 9.5, 30.5]
VALUE_A, LABEL_B, VALUE_B, WIDE = (1, 2), (3, 4), (5, 6), (1, 6)
FUND_COLUMNS = [(1, 1), (2, 3), (4, 5), (6, 6)]
SUB_COL_MM = 30.5


def end_after_table(doc: Document) -> None:
    """Word needs a paragraph after a closing table; keep it 1 pt so no blank page follows."""
    paragraph = doc.add_paragraph(style="表头信息")
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.space_after = Pt(0)


def form_table(doc: Document, rows: int):
    table = doc.add_table(rows=rows, cols=len(GRID_MM))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx writes w:tblLayout fixed, in its place
    margins = w("tblCellMar")
    for side in ("left", "right"):
        margins.append(w(side, w="85", type="dxa"))  # 1.5 mm
    put(table._tbl.tblPr, margins, TBLPR_ORDER)
    for index, width in enumerate(GRID_MM):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    return table


def fill(cell: _Cell, lines: list[str], style: str, align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    """Write ``lines`` as paragraphs of ``cell`` (one paragraph per line)."""
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.style = cell.part.document.styles[style]
        if align is not None:
            paragraph.alignment = align
        add_run(paragraph, line, FANGSONG, 12)


def label(cell: _Cell, *lines: str) -> None:
    fill(cell, list(lines), "表格标签")


def value(cell: _Cell, expression: str) -> None:
    fill(cell, ["{{ " + expression + " }}"], "表格内容")


def row_height(table, index: int, mm: float) -> None:
    row = table.rows[index]
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def merged(table, row: int, columns: tuple[int, int]) -> _Cell:
    first, last = columns
    cell = table.cell(row, first)
    return cell if first == last else cell.merge(table.cell(row, last))


def applicant_rows(table, start: int) -> int:
    """项目建设单位 over two rows beside 项目负责人 / 联系电话 (forms.md Q1 reading a)."""
    r = start
    unit_label = table.cell(r, 0).merge(table.cell(r + 1, 0))
    unit_value = table.cell(r, VALUE_A[0]).merge(table.cell(r + 1, VALUE_A[1]))
    label(unit_label, "项目建设单位")
    value(unit_value, "project.owner_unit")
    label(merged(table, r, LABEL_B), "项目负责人")
    value(merged(table, r, VALUE_B), "project.leader.name")
    label(merged(table, r + 1, LABEL_B), "联系电话")
    value(merged(table, r + 1, VALUE_B), "project.leader.phone")
    row_height(table, r, 9)
    row_height(table, r + 1, 9)
    return r + 2


def name_row(table, r: int) -> int:
    label(table.cell(r, 0), "项目名称")
    value(merged(table, r, VALUE_A), "project.name")
    label(merged(table, r, LABEL_B), "项目类别")
    value(merged(table, r, VALUE_B), "project.category")
    row_height(table, r, 10)
    return r + 1


def wide_row(table, r: int, labels: list[str], expression: str, height_mm: float) -> int:
    label(table.cell(r, 0), *labels)
    value(merged(table, r, WIDE), expression)
    row_height(table, r, height_mm)
    return r + 1


def build_application(out: Path) -> None:
    doc = new_document(with_page_numbers=False)
    annex_head(doc, "附件1", ["石嘴山市政务信息化项目申报表"])
    header_line(doc)
    table = form_table(doc, rows=13)
    r = applicant_rows(table, 0)
    r = wide_row(table, r, ["参与建设单位"], "project.participating_units", 9)
    r = name_row(table, r)
    r = wide_row(table, r, ["项目建设地址"], "project.location", 9)
    r = wide_row(table, r, ["项目建设依据"], "project.basis", 12)
    # 项目计划时间: one value cell with the two inline sub-fields.
    label(table.cell(r, 0), "项目计划时间")
    cell = merged(table, r, WIDE)
    fill(
        cell,
        ["起始时间：{{ project.schedule.start }}\t完成时间：{{ project.schedule.end }}"],
        "表格内容",
    )
    cell.paragraphs[0].paragraph_format.tab_stops.add_tab_stop(Mm(58), WD_TAB_ALIGNMENT.LEFT)
    row_height(table, r, 9)
    r += 1
    r = wide_row(table, r, ["项目准备情况"], "project.preparation", 14)
    label(table.cell(r, 0), "项目预计", "总投资（万元）")
    value(merged(table, r, VALUE_A), "project.investment.total")
    label(merged(table, r, LABEL_B), "本年度预计", "投入（万元）")
    value(merged(table, r, VALUE_B), "project.investment.this_year")
    row_height(table, r, 12)
    r += 1
    # 计划资金来源: group label over two rows, four sub-columns.
    label(table.cell(r, 0).merge(table.cell(r + 1, 0)), "计划资金来源")
    sources = [
        ("国家资金", "national"),
        ("自治区资金", "autonomous_region"),
        ("市级资金", "municipal"),
        ("社会资金", "social"),
    ]
    for columns, (text, key) in zip(FUND_COLUMNS, sources, strict=True):
        label(merged(table, r, columns), text)
        fill(merged(table, r + 1, columns), ["{{ project.investment.sources." + key + " }}"], "表格标签")
    row_height(table, r, 9)
    row_height(table, r + 1, 9)
    r += 2
    r = wide_row(table, r, ["申报材料"], "project.materials", 16)
    r = wide_row(table, r, ["备注"], "project.remarks", 10)
    end_after_table(doc)
    save(doc, out)


def review_rows(table, r: int, title: str, key: str) -> int:
    label(table.cell(r, 0), title)
    cell = merged(table, r, WIDE)
    fill(
        cell,
        [
            "审查结果：{{ review." + key + ".result }}",
            "审查单位：{{ review." + key + ".unit }}",
            "{{ review." + key + ".date }}",
        ],
        "表格内容",
    )
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.space_after = Pt(6)
    cell.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell.paragraphs[-1].paragraph_format.right_indent = Pt(24)
    row_height(table, r, 22)
    return r + 1


def build_security(out: Path) -> None:
    doc = new_document(with_page_numbers=False)
    annex_head(doc, "附件2", ["石嘴山市政务信息化项目网络安全", "和密码保护审查表"])
    header_line(doc)
    table = form_table(doc, rows=8)
    r = applicant_rows(table, 0)
    r = name_row(table, r)
    r = wide_row(table, r, ["项目建设内容"], "security.construction_content", 22)
    r = wide_row(table, r, ["网络安全保护", "基本情况"], "security.network_security.summary", 24)
    r = review_rows(table, r, "网络安全审查", "network_security")
    r = wide_row(table, r, ["密码保护应用", "基本情况"], "security.cryptography.summary", 24)
    r = review_rows(table, r, "密码保护审查", "cryptography")
    end_after_table(doc)
    save(doc, out)


def build_requirements(out: Path) -> None:
    doc = new_document(with_page_numbers=True)
    annex_head(doc, "附件3", ["{{ project.name }}", "需求分析报告"])
    doc.add_paragraph(style="附件标识")
    for heading in REPORT_OUTLINE:
        level = heading.level or 1  # the closing 附件 line is set like a first-level heading
        paragraph = doc.add_paragraph(style=f"Heading {level}")
        add_run(paragraph, heading.text, HEITI if level == 1 else KAITI, 16)
        if heading.key:
            add_paragraph(doc, "{{p report." + heading.key + " }}", "报告正文", FANGSONG, 16)
    save(doc, out)


MATERIALS_COLUMNS = [("序号", 14.0), ("材料名称", 44.0), ("依据", 54.0), ("环节", 16.0), ("本材料包", 28.0)]
MATERIALS_ROW = ["{{ m.number }}", "{{ m.title }}", "{{ m.basis }}", "{{ m.stage }}", "{{ m.status }}"]
NOTES_COLUMNS = [("规则", 26.0), ("条款", 28.0), ("内容", 102.0)]
NOTES_ROW = ["{{ n.id }}", "{{ n.article }}", "{{ n.text }}"]


def loop_table(doc: Document, columns: list[tuple[str, float]], cells: list[str], loop: str) -> None:
    """Header row, then one row repeated by docxtpl's ``{%tr for … %}`` over ``loop``."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx writes w:tblLayout fixed, in its place
    for index, (title, width) in enumerate(columns):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
        label(table.cell(0, index), title)
        fill(table.cell(2, index), [cells[index]], "表格内容")
    fill(merged(table, 1, (0, len(columns) - 1)), ["{%tr for " + loop + " %}"], "表格内容")
    fill(merged(table, 3, (0, len(columns) - 1)), ["{%tr endfor %}"], "表格内容")
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header.append(repeat)


def build_materials(out: Path) -> None:
    """The package checklist: every document the rules require, its basis, and whether it is here."""
    doc = new_document(with_page_numbers=True)
    for line in ("{{ project.name }}", "申报材料清单"):
        add_paragraph(doc, line, "文件标题", XIAOBIAOSONG, 22)
    doc.add_paragraph(style="表头信息")
    add_paragraph(doc, "适用办法：{{ profile.name }}（{{ profile.status }}）", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "项目申报单位：{{ declaration.applicant }}", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "{{ profile.scope }}", "表头信息", FANGSONG, 14)
    loop_table(doc, MATERIALS_COLUMNS, MATERIALS_ROW, "m in materials")
    doc.add_paragraph(style="表头信息")
    add_paragraph(doc, "相关规定（提示，不作为审查结论）", "图表题注", HEITI, 14)
    loop_table(doc, NOTES_COLUMNS, NOTES_ROW, "n in notes")
    end_after_table(doc)
    save(doc, out)


def titled_document(title: str, header_lines: list[str]) -> Document:
    """The project's name and the document's title (小标宋), a blank line, then header lines (仿宋)."""
    doc = new_document(with_page_numbers=True)
    for line in ("{{ project.name }}", title):
        add_paragraph(doc, line, "文件标题", XIAOBIAOSONG, 22)
    doc.add_paragraph(style="表头信息")
    for line in header_lines:
        add_paragraph(doc, line, "表头信息", FANGSONG, 14)
    return doc


FILING_COLUMNS = [("备案事项", 52.0), ("内容", 104.0)]
FILING_ROW = ["{{ r.label }}", "{{ r.value }}"]


def build_filing(out: Path) -> None:
    """备案信息表 (第十八条): the rows 第（二）项 lists for the project's kind, then the deadline."""
    doc = titled_document(
        "政务信息化项目备案信息表", ["项目建设单位：{{ project.owner_unit }}", "备案类型：{{ record.kind }}"]
    )
    loop_table(doc, FILING_COLUMNS, FILING_ROW, "r in record.rows")
    doc.add_paragraph(style="表头信息")
    add_paragraph(doc, "{{ record.attachments }}", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "备案期限：{{ record.deadline }}", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "备案日期：{{ record.filed_on }}", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "依据：《石嘴山市政务信息化项目管理办法》第十八条", "表头信息", FANGSONG, 14)
    save(doc, out)


def build_plan(out: Path, plan: Plan) -> None:
    """A document another 办法 names (钦州 实施方案, 江西 技术方案 …): the project's name and the
    document's title (naming the jurisdiction), then each part of its outline as a first-level
    heading (3号黑体) with its content (3号仿宋), as 附件3 is set."""
    doc = new_document(with_page_numbers=True)
    for line in ("{{ project.name }}", plan.title):
        add_paragraph(doc, line, "文件标题", XIAOBIAOSONG, 22)
    doc.add_paragraph(style="附件标识")
    add_paragraph(doc, "项目建设单位：{{ project.owner_unit }}", "表头信息", FANGSONG, 14)
    add_paragraph(doc, "编制依据：{{ doc_basis }}", "表头信息", FANGSONG, 14)
    for part in plan.parts:
        if part.when is not None:
            doc.add_paragraph("{%p if doc." + part.key + " %}")
        paragraph = doc.add_paragraph(style="Heading 1")
        add_run(paragraph, part.text, HEITI, 16)
        add_paragraph(doc, "{{p doc." + part.key + " }}", "报告正文", FANGSONG, 16)
        if part.when is not None:
            doc.add_paragraph("{%p endif %}")
    save(doc, out)


NOTICE_COLUMNS = [
    ("项目", 26.0),
    ("变更事项", 28.0),
    ("变更前", 30.0),
    ("变更后", 30.0),
    ("变更日期", 18.0),
    ("依据", 24.0),
]
NOTICE_ROW = ["{{ r.project }}", "{{ r.item }}", "{{ r.before }}", "{{ r.after }}", "{{ r.date }}", "{{ r.basis }}"]


def build_changes(out: Path) -> None:
    """备案信息变更说明 (docgen diff -o): what changed, from what to what, on which basis."""
    doc = titled_document("备案信息变更说明", ["比较：{{ notice.sources }}", "{{ notice.summary }}"])
    loop_table(doc, NOTICE_COLUMNS, NOTICE_ROW, "r in notice.rows")
    doc.add_paragraph(style="表头信息")
    add_paragraph(doc, "{{ notice.due }}", "表头信息", FANGSONG, 14)
    save(doc, out)


OPINION_COLUMNS = [("编号", 26.0), ("条款", 30.0), ("内容", 100.0)]
OPINION_ROW = ["{{ f.code }}", "{{ f.article }}", "{{ f.message }}"]


def build_opinion(out: Path) -> None:
    """技术审查意见 (第十五条): written by the desk when a 数据局 reviewer approves a submission —
    the documents reviewed, the findings considered, the opinion, the unit and the date."""
    doc = titled_document(
        "政务信息化项目技术审查意见",
        ["项目建设单位：{{ project.owner_unit }}", "审查单位：{{ opinion.unit }}", "审查日期：{{ opinion.date }}"],
    )
    add_paragraph(doc, "一、审查的材料", "表头信息", HEITI, 16)
    add_paragraph(doc, "{{ opinion.documents }}", "报告正文", FANGSONG, 16)
    add_paragraph(doc, "二、检查发现的问题", "表头信息", HEITI, 16)
    add_paragraph(doc, "{{ opinion.findings_summary }}", "报告正文", FANGSONG, 16)
    loop_table(doc, OPINION_COLUMNS, OPINION_ROW, "f in opinion.findings")
    add_paragraph(doc, "三、审查意见", "表头信息", HEITI, 16)
    add_paragraph(doc, "{{ opinion.text }}", "报告正文", FANGSONG, 16)
    add_paragraph(doc, "四、结论", "表头信息", HEITI, 16)
    add_paragraph(doc, "{{ opinion.conclusion }}", "报告正文", FANGSONG, 16)
    add_paragraph(doc, "依据：{{ opinion.basis }}", "表头信息", FANGSONG, 14)
    save(doc, out)


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docgen" / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    build_application(out_dir / "application.docx")
    build_security(out_dir / "security.docx")
    build_requirements(out_dir / "requirements.docx")
    build_materials(out_dir / "materials.docx")
    build_filing(out_dir / "filing.docx")
    build_changes(out_dir / "changes.docx")
    build_opinion(out_dir / "opinion.docx")
    for plan in PLANS:
        build_plan(out_dir / FORMS[Form(plan.form)].template, plan)
    print(f"templates written to {out_dir}")


if __name__ == "__main__":
    main()
