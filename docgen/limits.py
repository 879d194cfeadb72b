"""Bounds on what one input may hold, and the checks that keep them, shared by every reader.

A project file is a few KiB; these bounds sit far above any real one and far below what
would stop the machine. Each is said in the README (「输入上限」) and in the message that
refuses an input that passes it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from docgen.errors import InputError
from docgen.messages import MSG

#: Inputs larger than this are refused before parsing (a project file is a few KiB).
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: Deeper nesting than this is refused (the data model is six levels deep).
MAX_DEPTH = 32
#: More values than this in one project is refused (guards against alias bombs).
MAX_NODES = 200_000
#: A number written with more characters than this is kept as the text it is, so the field it
#: stands in reports it (「…」数字位数过多) instead of the reader building a number no one can print.
MAX_NUMBER_CHARS = 64
#: Rows one project may have in a workbook's 「投资构成」 or 「信息资源目录」 sheet, and items in those
#: lists in any input: a real one has tens; a million would cost gigabytes to read and to print.
MAX_KEYED_ROWS = 2000
#: Powers of ten beyond this (1e999999999) are no amount: kept as text, like a number too long.
MAX_EXPONENT = 64


def read_number(text: str) -> int | Decimal | str:
    """A number as written (an integer, or a Decimal read from its text, never through a float);
    the text itself when it is too long or too large to be a value anyone means."""
    if len(text) > MAX_NUMBER_CHARS:
        return text
    cleaned = text.strip()
    if cleaned.lstrip("+-").isdigit():
        return int(cleaned)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return text
    if number.is_finite() and abs(number.adjusted()) > MAX_EXPONENT:
        return text
    return number


def check_shape(data: Any, name: str) -> None:
    """Refuse data that is too deep or too large before anything walks it."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise InputError(MSG.input_too_many_nodes.format(name=name, limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise InputError(MSG.input_too_deep.format(name=name, limit=MAX_DEPTH))
        if isinstance(node, dict):
            # A YAML alias is counted at every use, so an alias bomb stops here.
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def too_deep(text: str) -> bool:
    """True when brackets ([ … ], { … }) nest deeper than MAX_DEPTH outside quoted text.

    Checked before parsing: a parser would otherwise recurse for seconds (or out of the stack)
    before giving up on thousands of nested brackets. A bracket counts only where YAML and JSON
    read it as one (after a colon, dash, comma, another bracket or at the start of a line,
    outside quotes), so 「项目[一期]」 in plain text is not counted.
    """
    depth, quote, previous, escaped = 0, "", "", False
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char == "\n":
            previous = ""
        elif char in " \t\r":
            continue
        elif char in "\"'" and previous in ("", ":", "-", ",", "[", "{"):
            quote = char
        elif char in "[{" and previous in ("", ":", "-", ",", "[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth = max(0, depth - 1)
        previous = char if char != "\n" else previous
    return False
