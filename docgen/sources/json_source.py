"""JSON reader. Numbers with a fraction are read as Decimal.

The standard library parser keeps no positions, so findings on JSON input name
the field path but no line.
"""

from __future__ import annotations

import json
from decimal import Decimal

from docgen.errors import InputError
from docgen.messages import JSON_PROBLEM_FALLBACK, JSON_PROBLEMS, MSG
from docgen.sources.document import Positions, RawDocument, check_shape


def explain(exc: json.JSONDecodeError) -> str:
    """json's problem in Chinese (never json's English)."""
    return next((text for start, text in JSON_PROBLEMS.items() if exc.msg.startswith(start)), JSON_PROBLEM_FALLBACK)


def parse(text: str, name: str, line: int | None = None) -> RawDocument:
    """A JSON document; ``line`` is the line it stands on when it is one line of a JSON Lines file
    (its errors then say that line)."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise InputError(
            MSG.json_syntax.format(problem=explain(exc)), file=name, line=where, column=exc.colno
        ) from None
    except RecursionError:
        raise InputError(MSG.input_too_deep.format(name=name, limit="?")) from None
    check_shape(data, name)
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=Positions())
