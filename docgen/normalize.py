"""One reading of what people type, for every input: YAML, JSON, JSON Lines and workbook rows
all pass through here before the data model sees them, so the same value gets the same answer
everywhere. What is converted is said (``Conversion``, reported as DG-NORMALIZED warnings):

* amounts: 「1,200」「1，200」「500万元」「500万」「８６０」 → numbers (万元);
* yes/no fields: 是/否、有/无、true/false (any case) → true/false; anything else (yes, Y, 1 …)
  is left for the model to refuse, naming the words it takes;
* dates: 2027/3/1、2027.3.1、2027年3月1日 (and Excel date cells) → 2027-03-01;
* phone numbers: full-width digits folded; a number that lost its leading zero (9522011234,
  typed into a number cell) is kept as text with a warning;
* text: surrounding spaces (ASCII, full-width, no-break) trimmed, not reported: nobody means them.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, get_args, get_origin

from docgen.models import field_info

DataPath = tuple[str | int, ...]

_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The spaces trimmed around text: ASCII, full-width and no-break. Not line breaks (a YAML
#: block's own) and not control characters (reported as such, DG-CONTROL-CHAR).
SPACES = " \t\u3000\u00a0"
YES = {"是", "有", "true"}
NO = {"否", "无", "false"}


_WIDTH = {0xFF01 + offset: 0x21 + offset for offset in range(0x5E)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width letters, digits and signs (０９５２－２０１１２３４) as ASCII; nothing else changes."""
    return text.translate(_WIDTH)


@dataclass(frozen=True)
class Conversion:
    path: DataPath
    before: str
    after: str
    lost_zero: bool = False  # a phone number typed as a number: its leading zero is gone


def _kind(annotation: Any) -> str | None:
    """amount / bool / date / text for a field's annotation (Optional and Annotated unwrapped)."""
    if get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        kinds = {_kind(arg) for arg in get_args(annotation)} - {None}
        return kinds.pop() if len(kinds) == 1 else None
    if annotation is Decimal:
        return "amount"
    if annotation is bool:
        return "bool"
    if annotation is dt.date:
        return "date"
    if annotation is str:
        return "text"
    return None


def read_amount(value: str) -> Decimal | None:
    """An amount as people write it (「1,200」「500万元」「８６０」), or None when it is not one."""
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "")
    text = text.removesuffix("万元").removesuffix("万")
    if not _AMOUNT.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def read_day(value: str, *, within: bool = False) -> dt.date | None:
    """A day as people write it (2027-03-01, 2027/3/1, 2027.3.1, 2027年3月1日), or None.
    ``within``: the day may stand inside other text (「起始时间：2027年3月1日」)."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DAY.search(text) if within else _DAY.fullmatch(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _leaf(path: DataPath, kind: str, value: Any, found: list[Conversion]) -> Any:
    if kind == "amount" and isinstance(value, str):
        number = read_amount(value)
        if number is not None:
            if value.strip() != str(number):
                found.append(Conversion(path, value, str(number)))
            return number
    elif kind == "bool" and isinstance(value, str):
        word = unicodedata.normalize("NFKC", value).strip().lower()
        if word in YES | NO:
            if word not in ("true", "false"):
                found.append(Conversion(path, value, "是" if word in YES else "否"))
            return word in YES
    elif kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    elif kind == "date" and isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        day = read_day(value)
        if day is not None:
            found.append(Conversion(path, value, day.isoformat()))
            return day
    elif kind == "text" and path[-1] == "phone" and isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if len(text) in (9, 10, 11) and not text.startswith("1"):  # a landline typed into a number cell
            found.append(Conversion(path, text, text, lost_zero=True))
        return text
    elif kind == "text" and isinstance(value, str):
        text = value.strip(SPACES)
        if path[-1] == "phone":
            folded = fold_width(text)
            if folded != text:
                found.append(Conversion(path, text, folded))
            return folded
        return text
    return value


def normalize(data: Any, path: DataPath = ()) -> tuple[Any, list[Conversion]]:
    """A copy of ``data`` with every value read the one way (see the module docstring), and
    what was converted."""
    found: list[Conversion] = []
    return _walk(data, path, found), found


def _walk(node: Any, path: DataPath, found: list[Conversion]) -> Any:
    if isinstance(node, dict):
        return {key: _walk(value, (*path, key), found) for key, value in node.items()}
    if isinstance(node, list):
        return [_walk(value, (*path, index), found) for index, value in enumerate(node)]
    if not path or isinstance(path[-1], int):
        return node
    info = field_info(path)
    kind = _kind(info.annotation) if info is not None else None
    return node if kind is None else _leaf(path, kind, node, found)
