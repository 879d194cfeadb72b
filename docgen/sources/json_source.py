"""JSON reader. Numbers with a fraction are read as Decimal.

The standard library parser keeps no positions, so findings on JSON input name
the field path but no line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from docgen.errors import InputError
from docgen.messages import JSON_PROBLEMS, MSG
from docgen.sources import Positions, RawDocument, check_shape


def explain(exc: json.JSONDecodeError) -> str:
    chinese = next((text for start, text in JSON_PROBLEMS.items() if exc.msg.startswith(start)), None)
    where = f"第{exc.colno}列"
    return f"{chinese}（{where}；{exc.msg}）" if chinese else f"{exc.msg}（{where}）"


def parse(text: str, name: str) -> RawDocument:
    return _parse(text, name, lambda exc: MSG.json_syntax.format(name=name, line=exc.lineno, problem=explain(exc)))


def parse_line(text: str, name: str) -> RawDocument:
    """One JSON Lines line; messages name no line of their own (the caller names the line)."""
    return _parse(text, name, lambda exc: f"JSON 格式错误：{explain(exc)}")


def _parse(text: str, name: str, syntax: Callable[[json.JSONDecodeError], str]) -> RawDocument:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(syntax(exc)) from None
    except RecursionError:
        raise InputError(MSG.input_too_deep.format(name=name, limit="?")) from None
    check_shape(data, name)
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=Positions())
