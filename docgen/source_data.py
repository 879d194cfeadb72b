"""How a built document carries its source data: the namespace, the canonical JSON, the digest.

Shared by rendering (which writes the custom XML part, docgen.render.provenance)
and extraction (which reads it back, docgen.checking.extract).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from docgen.formatting import FORBIDDEN_XML_CHARS

NS = "urn:docgen:source:1"


def canonical_json(data: dict[str, Any]) -> bytes:
    """Sorted, compact JSON; characters XML cannot carry (lone surrogates, U+FFFE …) as \\u escapes,
    so the exact data survives inside the document."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = FORBIDDEN_XML_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8")


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()
