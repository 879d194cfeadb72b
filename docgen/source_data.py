"""How a built document carries its source data: the namespace, the canonical JSON, the digest.

Shared by rendering (which writes the custom XML part, docgen.render.provenance)
and extraction (which reads it back, docgen.checking.extract).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from docgen.formatting import FORBIDDEN_XML_CHARS

NS = "urn:docgen:source:1"
#: The part whose digest a built document records (``<docgen:body sha256=…/>`` in its source part):
#: the document's body as docgen wrote it, so that an unedited output is known without re-rendering.
BODY_PART = "word/document.xml"
BODY_TAG = "body"


def canonical_json(data: dict[str, Any]) -> bytes:
    """Sorted, compact JSON; characters XML cannot carry (lone surrogates, U+FFFE …) as \\u escapes,
    so the exact data survives inside the document."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = FORBIDDEN_XML_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8")


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def keep_cell_numbers(typed: Any, original: Any, *, json_safe: bool = False) -> Any:
    """``typed`` (a model dump, where report table cells are text) with the cells that were numbers
    in ``original`` numbers again: a table cell keeps its type through build and extract.

    ``json_safe``: a number is written only when JSON gives back its exact text (2.4, 300); a
    cell written 2.40 stays the text "2.40", so what the document printed is what comes back.
    """
    if isinstance(typed, dict) and isinstance(original, dict):
        return {key: _in_rows(key, value, original.get(key), json_safe) for key, value in typed.items()}
    if isinstance(typed, list) and isinstance(original, list) and len(typed) == len(original):
        return [keep_cell_numbers(a, b, json_safe=json_safe) for a, b in zip(typed, original, strict=True)]
    return typed


def _in_rows(key: str, typed: Any, original: Any, json_safe: bool) -> Any:
    if key != "rows" or not isinstance(typed, list) or not isinstance(original, list) or len(typed) != len(original):
        return keep_cell_numbers(typed, original, json_safe=json_safe)
    return [
        [_cell(a, b, json_safe) for a, b in zip(row, raw, strict=True)]
        if isinstance(row, list) and isinstance(raw, list) and len(row) == len(raw)
        else row
        for row, raw in zip(typed, original, strict=True)
    ]


def _cell(text: Any, original: Any, json_safe: bool) -> Any:
    if not isinstance(text, str) or isinstance(original, bool) or not isinstance(original, int | float | Decimal):
        return text
    if str(original) != text:
        return text
    if not json_safe:
        return Decimal(text)
    if isinstance(original, int) or (isinstance(original, Decimal) and text.lstrip("-").isdigit()):
        return int(text)
    number = float(text)
    return number if repr(number) == text else text
