"""Chinese numerals, read and written in one place.

Reading: a whole number as people and documents write it (「十二」「一百零五」, digit by digit as
years are: 「二〇二六」), and an amount in capital numerals (「捌佰陆拾万元整」). Writing: the
counting form the 办法 and Word's numbering use (十二, 二十, 一百零五), in ordinary or capital
digits. Dates, heading ordinals, amounts on filled forms, rule wording and list counters all go
through these functions, so a numeral is read and written the same way everywhere.
"""

from __future__ import annotations

from decimal import Decimal

#: The digits of counting (零 as the zero of a number), and of capital numerals (大写).
DIGITS = "零一二三四五六七八九"
CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: Word's chineseCounting writes 〇 for a zero inside a number (一百〇五).
WORD_DIGITS = "〇一二三四五六七八九"

_READ_DIGITS = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "○": 0}
_AMOUNT_DIGITS = (
    {c: i for i, c in enumerate(CAPITAL_DIGITS)}
    | {c: i for i, c in enumerate("〇一二三四五六七八九")}
    | {"两": 2, "貮": 2, "贰": 2, "參": 3, "陸": 6}
)
_AMOUNT_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
#: Every character an amount in capital numerals may hold.
AMOUNT_CHARS = frozenset(_AMOUNT_DIGITS) | frozenset(_AMOUNT_UNITS) | frozenset("万萬亿億元圆整正角分人民币")


def chinese_number(text: str) -> int | None:
    """A whole number in Arabic or Chinese numerals: 「12」「十二」「二十三」「一百零五」, and digit by
    digit as years are written (「二〇二六」); None when ``text`` is not one."""
    if text.isdigit():
        return int(text)
    if text and all(ch in _READ_DIGITS for ch in text):
        return int("".join(str(_READ_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for char in text:
        if char in _READ_DIGITS:
            current = _READ_DIGITS[char]
        elif char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
        else:
            return None
    return total + current if text else None


def capital_amount(text: str) -> Decimal | None:
    """「捌佰陆拾万元整」 → 860 (万元); 「伍拾万零伍仟元」 → 50.5; None when it does not read as one.
    ``text`` holds only :data:`AMOUNT_CHARS`."""
    text = text.removeprefix("人民币").rstrip("整正")
    if not any(ch in _AMOUNT_UNITS or ch in "万萬亿億" for ch in text) and len(text) > 1:
        return None  # 「二〇二六」 is a year, not an amount
    yuan, section, digit, fraction = 0, 0, 0, Decimal(0)
    unit_seen = False
    for ch in text:
        if ch in _AMOUNT_DIGITS:
            digit = _AMOUNT_DIGITS[ch]
        elif ch in _AMOUNT_UNITS:
            section += (digit or 1) * _AMOUNT_UNITS[ch]
            digit = 0
        elif ch in "万萬":
            yuan += (section + digit) * 10_000
            section = digit = 0
        elif ch in "亿億":
            yuan = (yuan + section + digit) * 100_000_000
            section = digit = 0
        elif ch in "元圆":
            unit_seen = True
            yuan += section + digit
            section = digit = 0
        elif ch == "角":
            fraction += Decimal(digit) / 10
            digit = 0
        elif ch == "分":
            fraction += Decimal(digit) / 100
            digit = 0
    if not unit_seen:
        yuan += section + digit
    total = (Decimal(yuan) + fraction) / 10_000
    return total.normalize() if total != total.to_integral_value() else Decimal(int(total))


def counting(n: int, digits: str = DIGITS, units: str = "十百千") -> str:
    """12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting; 壹佰零伍 with capital digits
    and units); whole numbers from 0 to 9 999."""
    if n == 0:
        return digits[0]
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, power)
        if d:
            if zero:
                parts.append(digits[0])
            parts.append(digits[d] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith(digits[1] + units[0]) else text
