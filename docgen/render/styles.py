"""Read the run properties of the template's named styles.

Text that docgen writes itself (附件3 paragraphs, tables, captions) takes its
fonts from the template's styles, so a user who changes 「报告正文」 in Word
changes the generated text too. Every run still carries the font names
explicitly, so Chinese text gets its east-Asian font in any reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docgen.render.wordml import RunStyle, escape_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# style id -> (east-Asian font, latin font, size in half-points) used when the template lacks it
DEFAULTS = {
    "DocgenBody": ("仿宋", "仿宋", 32),
    "DocgenTableText": ("仿宋", "仿宋", 24),
    "DocgenCaption": ("黑体", "黑体", 28),
}


def _attr(el: etree._Element | None, name: str) -> str | None:
    return None if el is None else el.get(f"{{{W}}}{name}")


@dataclass(frozen=True)
class StyleKit:
    body: RunStyle
    table_text: RunStyle
    caption: RunStyle

    @classmethod
    def from_styles_xml(cls, xml: bytes | None) -> StyleKit:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True)) if xml else None
        return cls(
            body=_run_style(root, "DocgenBody"),
            table_text=_run_style(root, "DocgenTableText"),
            caption=_run_style(root, "DocgenCaption"),
        )


def _run_style(root: etree._Element | None, style_id: str) -> RunStyle:
    east, latin, size = DEFAULTS[style_id]
    found_id = style_id
    if root is not None:
        style = root.find(f"w:style[@w:styleId='{style_id}']", NS)
        if style is None:
            found_id = "Normal"
        chain: list[etree._Element] = []
        while style is not None and len(chain) < 10:
            chain.append(style)
            based = _attr(style.find("w:basedOn", NS), "val")
            style = root.find(f"w:style[@w:styleId='{based}']", NS) if based else None
        defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        east = _first(chain, defaults, "rFonts", "eastAsia") or east
        latin = _first(chain, defaults, "rFonts", "ascii") or latin
        size = int(_first(chain, defaults, "sz", "val") or size)
    fonts = (
        f'<w:rFonts w:hint="eastAsia" w:ascii="{escape_text(latin)}" w:hAnsi="{escape_text(latin)}" '
        f'w:eastAsia="{escape_text(east)}" w:cs="{escape_text(latin)}"/>'
    )
    tail = f'<w:color w:val="000000"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'  # CT_RPr order
    return RunStyle(
        style_id=found_id, rpr=f"<w:rPr>{fonts}{tail}</w:rPr>", rpr_bold=f"<w:rPr>{fonts}<w:b/><w:bCs/>{tail}</w:rPr>"
    )


def _first(chain: list[etree._Element], defaults: etree._Element | None, tag: str, attr: str) -> str | None:
    for style in chain:
        value = _attr(style.find(f"w:rPr/w:{tag}", NS), attr)
        if value:
            return value
    if defaults is not None:
        return _attr(defaults.find(f"w:{tag}", NS), attr)
    return None
