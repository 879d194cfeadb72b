"""JSON reader: a project as one JSON object (see ``docgen.json_text`` for how JSON is read:
duplicate keys refused, numbers as Decimal from their text, nesting and size bounded).

The standard library parser keeps no positions, so findings on JSON input name
the field path but no line (a JSON syntax error or a duplicate key does name its line).
"""

from __future__ import annotations

from docgen.errors import InputError
from docgen.json_text import loads
from docgen.messages import MSG
from docgen.sources.document import Positions, RawDocument


def parse(text: str, name: str, line: int | None = None) -> RawDocument:
    """A JSON document; ``line`` is the line it stands on when it is one line of a JSON Lines file
    (its errors then say that line)."""
    data = loads(text, name, line)
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=Positions())
