"""WordprocessingML snippets built as text, with every value escaped.

This is the one place where data becomes XML: text is stripped of the
characters XML 1.0 forbids, escaped, and its braces written as character
references so that no later template pass can mistake data for a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from docgen.formatting import FORBIDDEN_XML_CHARS


def clean_text(text: str) -> str:
    """Normalise line ends and drop what XML cannot carry."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN_XML_CHARS.sub("", text)


#: markupsafe's escapes, and braces as references: one pass over the text (every value of every
#: document goes through here).
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
)
_PLAIN = re.compile(r"[^&<>\"'{}\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]*")


def escape_text(value: object) -> Markup:
    """Literal text for a ``<w:t>``: cleaned, XML-escaped, braces as references."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if _PLAIN.fullmatch(text):  # most values: nothing to clean or escape
        return Markup(text)
    return Markup(clean_text(text).translate(_ESCAPES))


LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def escape_in_run(value: object) -> Markup:
    """A template value inside a ``<w:t>``: escaped, newlines as Word line breaks.

    The same markup docxtpl's listing pass writes for a newline, made here once
    instead of by a regular-expression pass over every rendered document.
    """
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _PLAIN.fullmatch(text):
        text = clean_text(text).translate(_ESCAPES)
    if "\n" in text:
        text = text.replace("\n", LINE_BREAK)
    return Markup(text)


@dataclass(frozen=True)
class RunStyle:
    """Run and paragraph properties (as XML) of one named template style."""

    style_id: str
    rpr: str  # '<w:rPr>…</w:rPr>' carrying rFonts with w:eastAsia
    rpr_bold: str  # the same, bold: w:b and w:bCs where the schema puts them (after rFonts)


def run(text: str, style: RunStyle, bold: bool = False) -> str:
    """One or more runs for ``text``: newlines become line breaks, tabs stay tabs."""
    rpr = style.rpr_bold if bold else style.rpr
    if "\n" not in text and "\t" not in text and _PLAIN.fullmatch(text):  # most texts: one run, as written
        return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else f"<w:r>{rpr}</w:r>"
    pieces: list[str] = []
    for line_index, line in enumerate(clean_text(text).split("\n")):
        if line_index:
            pieces.append("<w:br/>")
        for tab_index, chunk in enumerate(line.split("\t")):
            if tab_index:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape_text(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def paragraph(
    text: str, style: RunStyle, *, align: str | None = None, bold: bool = False, keep_next: bool = False
) -> str:
    ppr = f'<w:pStyle w:val="{style.style_id}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run(text, style, bold) if text else ''}</w:p>"


def table(
    columns: list[str],
    rows: list[list[str]],
    style: RunStyle,
    width_twips: int,
    numeric_columns: frozenset[int] = frozenset(),
) -> str:
    """A bordered table over the text width with a repeating bold header row."""
    count = max(1, len(columns))
    col = width_twips // count
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in range(count))
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = (
        f'<w:tblPr><w:tblW w:w="{col * count}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )

    def cell(text: str, bold: bool, align: str) -> str:
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraph(text, style, align=align, bold=bold)}</w:tc>"
        )

    header = "".join(cell(text, True, "center") for text in columns)
    body = [
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(
            cell(text, False, "right" if index in numeric_columns else "center") for index, text in enumerate(row)
        )
        + "</w:tr>"
        for row in rows
    ]
    return (
        f"<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{header}</w:tr>{''.join(body)}</w:tbl>"
    )


EMU_PER_MM = 36000


def drawing(rel_id: str, doc_pr_id: int, name: str, width_mm: float, height_mm: float) -> str:
    """An inline picture (DrawingML) referring to an image part by relationship id."""
    cx, cy = int(width_mm * EMU_PER_MM), int(height_mm * EMU_PER_MM)
    safe_name = escape_text(name)
    return (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{doc_pr_id}" name="{safe_name}"/>'
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks "
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr>"
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{doc_pr_id}" name="{safe_name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def picture_paragraph(drawing_xml: str, style: RunStyle) -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style.style_id}"/><w:keepNext/><w:jc w:val="center"/>'
        f"</w:pPr><w:r>{style.rpr}{drawing_xml}</w:r></w:p>"
    )
