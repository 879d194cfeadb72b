"""How the forms write values: one definition shared by messages and documents."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from docgen.numerals import counting

#: Characters XML 1.0 does not allow (C0 controls except tab/newline/CR, surrogates, U+FFFE/FFFF).
FORBIDDEN_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def date_cn(value: dt.date | None) -> str:
    """GB/T 9704 7.4.3: full year, no leading zeros (2027年3月1日); '' for no date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def amount(value: Decimal | None) -> str:
    """860 -> '860', 2.50 -> '2.5', 0 -> '0' (no exponent, no trailing zeros); '' for none."""
    if value is None:
        return ""
    return format(value.normalize(), "f") if value != 0 else "0"


def cn(number: Decimal | int, *, count: bool = False) -> str:
    """Whole numbers below 100 in Chinese numerals, as the 办法 write them (三年); others as amount().
    ``count``: a number of things, where 2 is 两 (两年)."""
    value = Decimal(number)
    if count and value == 2:
        return "两"
    if value != value.to_integral_value() or not 0 <= value < 100:
        return amount(value)
    return counting(int(value))


_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Width-folded (NFKC) without any whitespace: how labels and headers are compared.

    「项目预计\n总投资（万元）」 and 「项目预计总投资(万元)」 fold to the same text.
    """
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
