"""JSON read the one careful way, wherever it comes from: a project file, a line of a JSON
Lines file, the data a built document carries.

The standard library's parser is fast and strict about syntax, but it takes the last of two
equal keys silently, builds integers of any length (and then cannot print them) and recurses
as deep as the brackets go. Here a duplicate key is refused naming the key and its line,
numbers are read as ``docgen.limits.read_number`` reads them (a Decimal from its text, never
a float; a number too long stays text), and nesting and size are bounded.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from docgen.errors import InputError
from docgen.limits import MAX_DEPTH, check_shape, read_number
from docgen.messages import JSON_PROBLEM_FALLBACK, JSON_PROBLEMS, MSG


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def explain(exc: json.JSONDecodeError) -> str:
    """json's problem in Chinese (never json's English)."""
    return next((text for start, text in JSON_PROBLEMS.items() if exc.msg.startswith(start)), JSON_PROBLEM_FALLBACK)


def loads(text: str, name: str, line: int | None = None) -> Any:
    """The JSON value of ``text``, or a Chinese InputError naming ``name`` (and the line: ``line``
    when the text is one line of a JSON Lines file, else the line in the text)."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=read_number, parse_float=read_number)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise InputError(
            MSG.json_syntax.format(problem=explain(exc)), file=name, line=where, column=exc.colno
        ) from None
    except RecursionError:
        raise InputError(MSG.input_too_deep.format(name=name, limit=MAX_DEPTH)) from None
    except _DuplicateKey as exc:
        found = duplicate_position(text)
        row, column = found if found is not None else (None, None)
        raise InputError(
            MSG.json_duplicate_key.format(key=exc.key),
            file=name,
            line=line if line is not None else row,
            column=column,
        ) from None
    check_shape(data, name)
    return data


_STRUCTURE = re.compile(r'["{}\[\],]')


def duplicate_position(text: str) -> tuple[int, int] | None:
    """(line, column) of the first key that repeats an earlier key of the same object, in JSON
    that parses (the parser only says which key); None when there is none."""
    objects: list[set[str] | None] = []  # the keys of each open object; None for an array
    expect_key = False
    position = 0
    while (found := _STRUCTURE.search(text, position)) is not None:
        char, start = found.group(), found.start()
        position = start + 1
        if char == '"':
            value, position = scanstring(text, start + 1)
            keys = objects[-1] if objects else None
            if keys is not None and expect_key:
                if value in keys:
                    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
                keys.add(value)
                expect_key = False
        elif char == "{":
            objects.append(set())
            expect_key = True
        elif char == "[":
            objects.append(None)
            expect_key = False
        elif char in "}]":
            if objects:
                objects.pop()
            expect_key = False
        else:  # a comma: the next string of an object is a key
            expect_key = bool(objects) and objects[-1] is not None
    return None
