"""What a .docx written by anyone (Word, WPS, LibreOffice, python-docx, docgen)
says, as a flat list of body paragraphs and tables — the document as its reader sees it.

* runs split anywhere are joined, tabs and breaks kept, field codes dropped;
* tracked changes as if accepted: deleted text and rows gone, inserted text in;
* struck-through text is not read (a struck 「不符合」 is the choice not made);
* placeholder prompts (a content control showing its placeholder, the Placeholder Text
  style) are not text: the field is empty;
* automatic list numbers (numbering.xml: 一、 （一） 1.1 第一章 …) are computed as Word
  shows them and kept beside the paragraph's own text;
* a text box is read once (the mc:Choice of an mc:AlternateContent, not its fallback),
  its paragraphs as blocks of their own before the paragraph that anchors it;
* a layout frame (a one-cell table holding tables) is read as the page it frames;
* pictures, charts and embedded objects (OLE) are noted as content.

Each paragraph also carries what a heading detector needs — its style's name and outline
level, whether all its text is bold. Each table cell carries its grid column and span, so
a label's value can be found to its right or below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.docx_package import PackageError, parse_xml, read_package
from docgen.numerals import CAPITAL_DIGITS, WORD_DIGITS, counting
from docgen.output import reason

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_DOCX_BYTES = 64 * 1024 * 1024

#: Elements whose presence is content that is not text: a picture, a chart, a diagram, an OLE object.
_OBJECTS = {
    "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic",
    "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart",
    "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds",
    "{urn:schemas-microsoft-com:vml}imagedata",
    "{urn:schemas-microsoft-com:office:office}OLEObject",
    f"{_W}object",
}
#: Runs whose text the reader does not see as text: deleted revisions, a text box's own runs
#: (read as blocks of their own), the fallback copy of an mc:AlternateContent.
_NOT_TEXT = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback"}
#: Check boxes and ticks drawn with a symbol font (a w:sym, or a run in that font), as the characters
#: they draw, by font: the same code is a tick in one font and a star in another.
_SYMBOL_FONTS: dict[str, dict[int, str]] = {
    "wingdings": {0xFE: "☑", 0xFD: "☒", 0xFC: "√", 0xFB: "×", 0x78: "☒", 0xA8: "□", 0x6F: "□", 0x71: "□", 0x6E: "■"},
    "wingdings 2": {0x52: "☑", 0x53: "☒", 0x54: "☒", 0x51: "☒", 0x50: "√", 0x4F: "×", 0xA3: "□", 0x2A: "□"},
    "symbol": {0xD6: "√"},
}
#: A w:sym in a font not listed: the codes Chinese forms use, whatever the font.
_ANY_SYMBOL = {0xFE: "☑", 0xFD: "☒", 0xFB: "☒", 0x52: "☑", 0xA8: "□", 0x6F: "□", 0xA3: "□", 0xD6: "√"}
_PLACEHOLDER_STYLES = {"placeholder text", "占位符文本"}

__all__ = ["Cell", "DocxContent", "PackageError", "Paragraph", "Table", "read_docx", "read_docx_bytes"]


@dataclass
class Paragraph:
    text: str
    style: str = ""  # the style's name (Heading 1, 标题 1, …), '' for none
    outline: int | None = None  # 0-based outline level from the paragraph or its style
    bold: bool = False  # every visible character is bold
    number: str = ""  # the automatic list number Word shows before the text (「一、」「1.1」), '' for none
    has_object: bool = False  # a picture, chart or embedded object

    @property
    def numbered(self) -> bool:
        return bool(self.number)

    @property
    def seen(self) -> str:
        """The paragraph as a reader sees it: its automatic number, then its text."""
        return self.number + self.text

    @property
    def heading_level(self) -> int | None:
        """1, 2, … when the style or the outline level says this is a heading."""
        if self.outline is not None and self.outline < 9:
            return self.outline + 1
        match = re.search(r"(?:heading|标题)\s*(\d)", self.style, re.IGNORECASE)
        return int(match.group(1)) if match else None


@dataclass
class Cell:
    text: str  # everything the cell shows, nested tables' text included
    column: int  # first grid column
    span: int = 1
    continues: bool = False  # a vertical-merge continuation (its text belongs to the cell above)
    has_object: bool = False
    tables: list[Table] = field(default_factory=list)  # tables nested in the cell, read as tables
    own: str | None = None  # the cell's own text, outside its nested tables (None: same as ``text``)

    @property
    def own_text(self) -> str:
        return self.text if self.own is None else self.own


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)

    def has_text(self) -> bool:
        return any(cell.text.strip() for row in self.rows for cell in row)

    def single_cell(self) -> str | None:
        """The text of a one-cell table (a banner heading), else None."""
        cells = [cell for row in self.rows for cell in row if not cell.continues]
        return cells[0].text if len(cells) == 1 else None


@dataclass
class DocxContent:
    name: str
    blocks: list[Paragraph | Table]
    parts: dict[str, bytes] = field(default_factory=dict, repr=False)  # the whole package, as read

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def visible_text(self) -> list[str]:
        """What a reader sees, block by block: each paragraph's text and each table cell's."""
        found: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                found.append(block.seen)
            else:
                found += [cell.text for row in block.rows for cell in row if not cell.continues]
        return found


def read_docx(path: Path) -> DocxContent:
    """The body of ``path``. Raises PackageError (Chinese) for anything that is not a sound .docx."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise PackageError(f"「{name}」超过 {MAX_DOCX_BYTES // 1024**2} MiB，拒绝读取")
        blob = path.read_bytes()
    except IsADirectoryError:
        raise PackageError(f"「{name}」是文件夹，不是 .docx 文件") from None
    except OSError as exc:
        raise PackageError(f"无法读取「{name}」：{reason(exc)}") from None
    return read_docx_bytes(blob, name)


def read_docx_bytes(blob: bytes, name: str) -> DocxContent:
    """The body of a .docx held in memory (same bounds as :func:`read_docx`)."""
    package = read_package(blob, name)
    styles = _styles(package.parts.get("word/styles.xml"), name)
    numbering = _Numbering(package.parts.get("word/numbering.xml"), name)
    root = parse_xml(package.parts["word/document.xml"], name, "word/document.xml")
    body = root.find(f"{_W}body")
    if body is None:
        raise PackageError(f"「{name}」的 word/document.xml 没有正文（w:body）")
    reader = _Reader(styles, numbering)
    return DocxContent(name, list(reader.blocks(body)), package.parts)


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None
    bold: bool | None
    num: tuple[str, int | None] | None  # (numId, ilvl) of a list linked to the style


def _styles(xml: bytes | None, name: str) -> dict[str, _Style]:
    if not xml:
        return {}
    root = parse_xml(xml, name, "word/styles.xml")
    raw: dict[str, tuple[str, str | None, int | None, bool | None, tuple[str, int | None] | None]] = {}
    for style in root.findall(f"{_W}style"):
        style_id = style.get(f"{_W}styleId") or ""
        name_el = style.find(f"{_W}name")
        based = style.find(f"{_W}basedOn")
        level = style.find(f"{_W}pPr/{_W}outlineLvl")
        raw[style_id] = (
            name_el.get(f"{_W}val", "") if name_el is not None else style_id,
            based.get(f"{_W}val") if based is not None else None,
            _int(level.get(f"{_W}val")) if level is not None else None,
            _on(style.find(f"{_W}rPr/{_W}b")),
            _num_pr(style.find(f"{_W}pPr/{_W}numPr")),
        )
    resolved: dict[str, _Style] = {}
    for style_id, (style_name, *_rest) in raw.items():
        outline: int | None = None
        bold: bool | None = None
        num: tuple[str, int | None] | None = None
        seen: set[str] = set()
        current = style_id
        while current in raw and current not in seen:  # walk basedOn, nearest wins
            seen.add(current)
            _, parent, step_level, step_bold, step_num = raw[current]
            outline = step_level if outline is None else outline
            bold = step_bold if bold is None else bold
            num = step_num if num is None else num
            current = parent or ""
        resolved[style_id] = _Style(style_name, outline, bold, num)
    return resolved


def _num_pr(element: etree._Element | None) -> tuple[str, int | None] | None:
    if element is None:
        return None
    num_id = element.find(f"{_W}numId")
    level = element.find(f"{_W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{_W}val", "0"), _int(level.get(f"{_W}val")) if level is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(element: etree._Element | None) -> bool | None:
    """A toggle property (w:b): None when absent, else its value."""
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in ("0", "false", "off", "none")


_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of numbering.xml's formats (w:numFmt), as Word draws it."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return counting(n, WORD_DIGITS)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return counting(n, CAPITAL_DIGITS, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and anything unknown


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str  # w:lvlText, %1 … %9 standing for the counters
    start: int
    style: str | None  # w:pStyle: the style this level is linked to
    legal: bool  # w:isLgl: every counter in decimal


class _Numbering:
    """numbering.xml: the levels of each list and the counters as the document goes."""

    def __init__(self, xml: bytes | None, name: str) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[str] = set()
        if not xml:
            return
        root = parse_xml(xml, name, "word/numbering.xml")
        for abstract in root.findall(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl")) or 0] = _Level(
                    fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                    text=_val(lvl.find(f"{_W}lvlText")) or "",
                    start=_int(_val(lvl.find(f"{_W}start"))) or 1,
                    style=_val(lvl.find(f"{_W}pStyle")),
                    legal=lvl.find(f"{_W}isLgl") is not None,
                )
            self.abstract[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            overrides = {
                _int(o.get(f"{_W}ilvl")) or 0: _int(_val(o.find(f"{_W}startOverride"))) or 1
                for o in num.findall(f"{_W}lvlOverride")
                if o.find(f"{_W}startOverride") is not None
            }
            self.nums[num.get(f"{_W}numId", "")] = (_val(num.find(f"{_W}abstractNumId")) or "", overrides)

    def next(self, num_id: str, level: int | None, style_id: str) -> str:
        """The number Word draws for the next paragraph of list ``num_id`` at ``level``."""
        if num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level is None:  # a style's list: the level linked to the style, else the first
            level = next((i for i, lvl in levels.items() if lvl.style == style_id), 0)
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if overrides and num_id not in self.restarted:  # a restarted list: its start overrides apply once
            self.restarted.add(num_id)
            for i in list(counters):
                if i in overrides:
                    del counters[i]
            for i, start in overrides.items():
                counters[i] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [i for i in counters if i > level]:
            del counters[deeper]

        def counter(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            if i not in levels:
                return ""
            value = counters.get(i, levels[i].start)
            return str(value) if levels[level].legal and i != level else format_number(value, levels[i].fmt)

        if levels[level].fmt == "bullet":
            return ""
        return re.sub(r"%(\d)", counter, levels[level].text)


def _val(element: etree._Element | None) -> str | None:
    return element.get(f"{_W}val") if element is not None else None


class _Reader:
    def __init__(self, styles: dict[str, _Style], numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.placeholder_styles = {sid for sid, st in styles.items() if st.name.lower() in _PLACEHOLDER_STYLES}

    def blocks(self, container: etree._Element) -> Iterator[Paragraph | Table]:
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                for box in _text_boxes(child):
                    yield from self.blocks(box)
                yield self.paragraph(child)
            elif tag == f"{_W}tbl":
                frame = _frame_cell(child)
                if frame is not None:  # a layout frame: the page it frames, paragraphs and tables
                    yield from self.blocks(frame)
                else:
                    yield self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag", f"{_W}moveTo"):
                content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if content is not None and not (tag == f"{_W}sdt" and _showing_placeholder(child)):
                    yield from self.blocks(content)
            elif tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    yield from self.blocks(choice)

    def paragraph(self, p: etree._Element) -> Paragraph:
        style_el = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_el.get(f"{_W}val", "") if style_el is not None else ""
        style = self.styles.get(style_id) or self.styles.get("Normal")
        outline_el = p.find(f"{_W}pPr/{_W}outlineLvl")
        outline = _int(outline_el.get(f"{_W}val")) if outline_el is not None else (style.outline if style else None)
        text, all_bold, has_text = [], True, False
        for run in p.iter(f"{_W}r"):
            if self._hidden(run, p):
                continue
            run_text = "".join(_run_text(run))
            if run_text.strip():
                has_text = True
                bold = _on(run.find(f"{_W}rPr/{_W}b"))
                if bold is None:
                    bold = bool(style and style.bold)
                all_bold = all_bold and bold
            text.append(run_text)
        number = ""
        own = _num_pr(p.find(f"{_W}pPr/{_W}numPr"))
        listed = own or (style.num if style else None)
        if listed is not None and not _deleted_paragraph(p):
            number = self.numbering.next(listed[0], listed[1], style_id)
        return Paragraph(
            text="".join(text),
            style=style.name if style else "",
            outline=outline,
            bold=has_text and all_bold,
            number=number,
            has_object=_has_object(p),
        )

    def _hidden(self, run: etree._Element, stop: etree._Element) -> bool:
        """Text the reader does not see as text: deleted, in a text box or fallback, struck, a placeholder."""
        props = run.find(f"{_W}rPr")
        if props is not None:
            if _on(props.find(f"{_W}strike")) or _on(props.find(f"{_W}dstrike")):
                return True
            if props.find(f"{_W}del") is not None:
                return True
            if _val(props.find(f"{_W}rStyle")) in self.placeholder_styles:
                return True
        parent = run.getparent()
        while parent is not None and parent is not stop:
            if parent.tag in _NOT_TEXT or (parent.tag == f"{_W}sdt" and _showing_placeholder(parent)):
                return True
            parent = parent.getparent()
        return False

    def table(self, tbl: etree._Element) -> Table:
        table = Table()
        for tr in tbl.iter(f"{_W}tr"):
            if _nearest(tr, f"{_W}tbl") is not tbl or tr.find(f"{_W}trPr/{_W}del") is not None:
                continue  # rows of a nested table are read as that table's text; deleted rows are gone
            column = 0
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                column = _int(before.get(f"{_W}val")) or 0
            row: list[Cell] = []
            for tc in tr.iter(f"{_W}tc"):
                if _nearest(tc, f"{_W}tr") is not tr or _inside(tc, f"{_MC}Fallback", tr):
                    continue
                span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
                span = _int(span_el.get(f"{_W}val")) if span_el is not None else 1
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continues = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
                lines: list[str] = []
                own: list[str] = []
                for p in tc.iter(f"{_W}p"):
                    if _inside(p, f"{_MC}Fallback", tc) or _inside_placeholder(p, tc):
                        continue
                    seen = self.paragraph(p).seen
                    lines.append(seen)
                    if _nearest(p, f"{_W}tc") is tc:
                        own.append(seen)
                nested = [
                    self.table(inner)
                    for inner in tc.iter(f"{_W}tbl")
                    if _nearest(inner, f"{_W}tc") is tc and not _inside(inner, f"{_MC}Fallback", tc)
                ]
                text = "\n".join(lines).strip("\n")
                row.append(
                    Cell(
                        text,
                        column,
                        span or 1,
                        continues,
                        _has_object(tc),
                        nested,
                        "\n".join(own).strip("\n") if nested else None,
                    )
                )
                column += span or 1
            table.rows.append(row)
        return table


def _frame_cell(tbl: etree._Element) -> etree._Element | None:
    """The one cell of a layout frame — a one-cell table holding tables of its own (an OA system's or a
    web page's export puts the whole form in one) — else None. A reader sees the page inside the frame,
    not a table: its paragraphs and tables are blocks like any others."""
    cells = [tc for tc in tbl.iter(f"{_W}tc") if _nearest(tc, f"{_W}tbl") is tbl]
    if len(cells) != 1:
        return None
    holds_table = any(_nearest(inner, f"{_W}tc") is cells[0] for inner in cells[0].iter(f"{_W}tbl"))
    return cells[0] if holds_table else None


def _run_text(run: etree._Element) -> Iterator[str]:
    font = _symbol_font(run)
    for el in run:
        tag = el.tag
        if tag == f"{_W}t":
            yield _drawn(el.text or "", font) if font else (el.text or "")
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag == f"{_W}sym":
            yield _symbol(el.get(f"{_W}char") or "", (el.get(f"{_W}font") or "").lower())
        elif tag == f"{_W}fldChar":
            yield _form_check_box(el)


def _symbol(char: str, font: str) -> str:
    """The character a w:sym draws: a check box or a tick in a symbol font, else nothing."""
    try:
        code = int(char, 16)
    except ValueError:
        return ""
    if code < 0x100 or 0xF000 <= code <= 0xF0FF:  # a code in the symbol font's own table
        return _SYMBOL_FONTS.get(font, _ANY_SYMBOL).get(code & 0xFF, "")
    return chr(code)  # a Unicode character (☒ U+2612 in a check-box content control)


def _symbol_font(run: etree._Element) -> str:
    """The symbol font (wingdings, wingdings 2, symbol) a run's text is drawn in, '' for any other."""
    fonts = run.find(f"{_W}rPr/{_W}rFonts")
    if fonts is None:
        return ""
    for attribute in ("ascii", "hAnsi"):
        name = (fonts.get(f"{_W}{attribute}") or "").lower()
        if name in _SYMBOL_FONTS:
            return name
    return ""


def _drawn(text: str, font: str) -> str:
    """Text in a symbol font as what it draws: 「þ」 in Wingdings is ☑; other characters as they are."""
    table = _SYMBOL_FONTS[font]
    return "".join(
        table.get(ord(ch) & 0xFF, ch) if ord(ch) < 0x100 or 0xF000 <= ord(ch) <= 0xF0FF else ch for ch in text
    )


def _form_check_box(fld_char: etree._Element) -> str:
    """A legacy form check box (FORMCHECKBOX) shows ☒ or ☐; its state is in w:ffData, not in text."""
    box = fld_char.find(f"{_W}ffData/{_W}checkBox")
    if box is None:
        return ""
    checked = box.find(f"{_W}checked")
    if checked is None:
        checked = box.find(f"{_W}default")
        on = checked is not None and _on(checked)
    else:
        on = bool(_on(checked))
    return "☒" if on else "☐"


def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """The outermost text boxes anchored in ``p``, each once (not the mc:Fallback copy)."""
    boxes = []
    for box in p.iter(f"{_W}txbxContent"):
        if _inside(box, f"{_MC}Fallback", p) or _inside(box, f"{_W}txbxContent", p):
            continue
        boxes.append(box)
    return boxes


def _has_object(element: etree._Element) -> bool:
    return any(el.tag in _OBJECTS for el in element.iter())


def _showing_placeholder(sdt: etree._Element) -> bool:
    return sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _inside_placeholder(p: etree._Element, stop: etree._Element) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{_W}sdt" and _showing_placeholder(parent):
            return True
        parent = parent.getparent()
    return False


def _deleted_paragraph(p: etree._Element) -> bool:
    """A paragraph whose every run is a deleted revision: accepted, it is gone (and not counted)."""
    runs = list(p.iter(f"{_W}r"))
    return bool(runs) and all(_inside(run, f"{_W}del", p) for run in runs)


def _inside(element: etree._Element, tag: str, stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent
