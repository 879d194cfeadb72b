"""What a .docx written by anyone (Word, WPS, LibreOffice, python-docx, docgen)
says, as a flat list of body paragraphs and tables.

Only the body text matters here: runs split anywhere are joined, tabs and breaks
kept, deleted revisions and field codes dropped. Each paragraph carries what a
heading detector needs — its style's name and outline level, whether all its
text is bold, whether it has automatic numbering. Each table cell carries its
grid column and span, so a label's value can be found to its right or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.docx_package import PackageError, parse_xml, read_package
from docgen.output import reason

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
MAX_DOCX_BYTES = 64 * 1024 * 1024

__all__ = ["Cell", "DocxContent", "PackageError", "Paragraph", "Table", "read_docx", "read_docx_bytes"]


@dataclass
class Paragraph:
    text: str
    style: str = ""  # the style's name (Heading 1, 标题 1, …), '' for none
    outline: int | None = None  # 0-based outline level from the paragraph or its style
    bold: bool = False  # every visible character is bold
    numbered: bool = False  # automatic numbering (w:numPr)
    has_picture: bool = False

    @property
    def heading_level(self) -> int | None:
        """1, 2, … when the style or the outline level says this is a heading."""
        if self.outline is not None and self.outline < 9:
            return self.outline + 1
        match = re.search(r"(?:heading|标题)\s*(\d)", self.style, re.IGNORECASE)
        return int(match.group(1)) if match else None


@dataclass
class Cell:
    text: str
    column: int  # first grid column
    span: int = 1
    continues: bool = False  # a vertical-merge continuation (its text belongs to the cell above)


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)

    def has_text(self) -> bool:
        return any(cell.text.strip() for row in self.rows for cell in row)


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
                found.append(block.text)
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
    root = parse_xml(package.parts["word/document.xml"], name, "word/document.xml")
    body = root.find(f"{_W}body")
    if body is None:
        raise PackageError(f"「{name}」的 word/document.xml 没有正文（w:body）")
    return DocxContent(name, list(_blocks(body, styles)), package.parts)


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None
    bold: bool | None


def _styles(xml: bytes | None, name: str) -> dict[str, _Style]:
    if not xml:
        return {}
    root = parse_xml(xml, name, "word/styles.xml")
    raw: dict[str, tuple[str, str | None, int | None, bool | None]] = {}
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
        )
    resolved: dict[str, _Style] = {}
    for style_id, (style_name, _based, _level, _bold) in raw.items():
        outline: int | None = None
        bold: bool | None = None
        seen: set[str] = set()
        current = style_id
        while current in raw and current not in seen:  # walk basedOn, nearest wins
            seen.add(current)
            _, parent, step_level, step_bold = raw[current]
            outline = step_level if outline is None else outline
            bold = step_bold if bold is None else bold
            current = parent or ""
        resolved[style_id] = _Style(style_name, outline, bold)
    return resolved


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


def _blocks(container: etree._Element, styles: dict[str, _Style]):
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            yield _paragraph(child, styles)
        elif tag == f"{_W}tbl":
            yield _table(child, styles)
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                yield from _blocks(content, styles)


def _paragraph(p: etree._Element, styles: dict[str, _Style]) -> Paragraph:
    style_el = p.find(f"{_W}pPr/{_W}pStyle")
    style = styles.get(style_el.get(f"{_W}val", "") if style_el is not None else "") or styles.get("Normal")
    outline_el = p.find(f"{_W}pPr/{_W}outlineLvl")
    outline = _int(outline_el.get(f"{_W}val")) if outline_el is not None else (style.outline if style else None)
    text, all_bold, has_text = [], True, False
    for run in p.iter(f"{_W}r"):
        if _inside_deleted(run, p):
            continue
        run_text = "".join(_run_text(run))
        if run_text.strip():
            has_text = True
            bold = _on(run.find(f"{_W}rPr/{_W}b"))
            if bold is None:
                bold = bool(style and style.bold)
            all_bold = all_bold and bold
        text.append(run_text)
    return Paragraph(
        text="".join(text),
        style=style.name if style else "",
        outline=outline,
        bold=has_text and all_bold,
        numbered=p.find(f"{_W}pPr/{_W}numPr") is not None,
        has_picture=any(True for _ in p.iter(f"{_W}drawing", f"{_W}pict")),
    )


def _inside_deleted(run: etree._Element, stop: etree._Element) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (f"{_W}del", f"{_W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _run_text(run: etree._Element):
    for el in run:
        tag = el.tag
        if tag == f"{_W}t":
            yield el.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"


def _table(tbl: etree._Element, styles: dict[str, _Style]) -> Table:
    table = Table()
    for tr in tbl.iter(f"{_W}tr"):
        if _nearest_table(tr) is not tbl:
            continue  # rows of a nested table are read as that table's text
        column = 0
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            column = _int(before.get(f"{_W}val")) or 0
        row: list[Cell] = []
        for tc in tr.findall(f"{_W}tc") + [c for sdt in tr.findall(f"{_W}sdt") for c in sdt.iter(f"{_W}tc")]:
            span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
            span = _int(span_el.get(f"{_W}val")) if span_el is not None else 1
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continues = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            lines = [_paragraph(p, styles).text for p in tc.iter(f"{_W}p")]
            row.append(Cell("\n".join(lines).strip("\n"), column, span or 1, continues))
            column += span or 1
        table.rows.append(row)
    return table


def _nearest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != f"{_W}tbl":
        parent = parent.getparent()
    return parent
