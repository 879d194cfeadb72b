"""JSON reader. Numbers with a fraction are read as Decimal.

The standard library parser keeps no positions, so findings on JSON input name
the field path but no line.
"""

from __future__ import annotations

import json
from decimal import Decimal

from docgen.errors import InputError
from docgen.messages import MSG
from docgen.sources import Positions, RawDocument, check_shape


def parse(text: str, name: str) -> RawDocument:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(MSG.json_syntax.format(name=name, line=exc.lineno, problem=exc.msg)) from None
    except RecursionError:
        raise InputError(MSG.input_too_deep.format(name=name, limit="?")) from None
    check_shape(data, name)
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=Positions())
