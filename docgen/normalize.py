"""One reading of what people type, for every input: YAML, JSON, JSON Lines and workbook rows
all pass through here before the data model sees them, so the same value gets the same answer
everywhere. What is converted is said (``Conversion``, reported as DG-NORMALIZED warnings):

* amounts: 「1,200」「1，200」「500万元」「500万」「８６０」 → numbers (万元);
* yes/no fields: 是/否、有/无、true/false (any case) → true/false; anything else (yes, Y, 1 …)
  is left for the model to refuse, naming the words it takes;
* dates: 2027/3/1、2027.3.1、2027年3月1日 (and Excel date cells) → 2027-03-01;
* phone numbers: full-width digits folded; a number that lost its leading zero (9522011234,
  typed into a number cell) is kept as text with a warning;
* text: surrounding spaces (ASCII, full-width, no-break) trimmed, not reported: nobody means them;
* 项目类别: 第十四条's own 「服务类（含运维类）」 and 「运维类」 → 服务类.

And what people write into documents (read by ``check`` and ``extract``):

* amounts also in financial capitals (「捌佰陆拾万元整」 → 860) and 「—」「/」「无」 for none (0);
* days also in Chinese numerals (「二〇二六年十一月二十三日」);
* placeholders that are not values (「（略）」「此处填写…」「待补充」「XXX」, Word's prompt);
* the 「（盖章）」「（签字）」 prompts beside a name.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from docgen.fields import FieldNode, kind_of
from docgen.models import CATEGORIES, CATEGORY_ALIASES, field_info
from docgen.numerals import AMOUNT_CHARS, capital_amount, chinese_number

DataPath = tuple[str | int, ...]

_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The spaces trimmed around text: ASCII, full-width and no-break. Not line breaks (a YAML
#: block's own) and not control characters (reported as such, DG-CONTROL-CHAR).
SPACES = " \t\u3000\u00a0"
#: The words and marks read as 是 / 否 in every input — data files, workbook cells, the desk, forms:
#: 「Y」「1」「yes」 are not among them anywhere (a 1 may be a count), and are refused naming these.
YES = {"是", "有", "true", "√", "✓", "✔", "☑"}
NO = {"否", "无", "false", "×", "✗", "✘", "☐"}


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


#: the kinds of ``docgen.fields`` this module reads, by the name it gives them
_READ_AS = {"amount": "amount", "yesno": "bool", "date": "date", "text": "text", "longtext": "text"}


def _kind(name: str, annotation: Any) -> str | None:
    """amount / bool / date / text for a field (its kind is ``docgen.fields``'s; other kinds None)."""
    return _READ_AS.get(kind_of(name, annotation))


def read_amount(value: str, *, none_is_zero: bool = False) -> Decimal | None:
    """An amount in 万元 as people write it (「1,200」「500万元」「８６０」「捌佰陆拾万元整」), or None
    when it is not one. ``none_is_zero``: 「—」「/」「无」 in a form's amount cell mean 0."""
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "")
    if none_is_zero and text in NONE_WORDS:
        return Decimal(0)
    if text and all(ch in AMOUNT_CHARS for ch in text):
        return capital_amount(text)
    text = text.removesuffix("万元").removesuffix("万")
    if not _AMOUNT.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def amount_and_unit(value: str) -> tuple[Decimal | None, Decimal | None]:
    """(number, unit) of an amount written in a document: the unit is the factor to 万元 the text
    itself says (「860万元」 1, 「8,600,000元」 0.0001, 「捌佰陆拾万元整」 1 — capitals are read in 元 and
    given in 万元, 「¥2,200,000.00」 0.0001), None when it says none; the number None when the text is not
    an amount. Capitals with the figure after them, as finance writes a sum (「伍佰贰拾万元整（¥5,200,000.00）」),
    are the figure when both say the same sum, else no amount."""
    text = unicodedata.normalize("NFKC", value).strip().rstrip("。").replace(",", "").replace(" ", "")
    first, _, notes = text.partition("\n")
    if notes and all(_NOTE.fullmatch(line) for line in notes.split("\n") if line):
        text = first  # 「560万元¶（其中：软件开发320万元…）」: the amount, then a note on it
    text = _NOTE_AFTER.sub("", _HEDGE.sub("", text.removeprefix("人民币")))
    if text in NONE_WORDS:
        return Decimal(0), None
    both = _WORDS_AND_FIGURE.fullmatch(text)
    said_twice = (both[1], both[2]) if both is not None else None
    if both is None and (both := _FIGURE_AND_WORDS.fullmatch(text)) is not None:
        said_twice = (both[2], both[1])  # 「860万元（大写：捌佰陆拾万元整）」: the figure, then its capitals
    if said_twice is not None:
        (words, in_words), (figure, in_figure) = amount_and_unit(said_twice[0]), amount_and_unit(said_twice[1])
        same = None not in (words, figure) and words * (in_words or 1) == figure * (in_figure or 1)  # type: ignore[operator]
        return (figure, in_figure) if same else (None, None)
    if text.startswith("¥") and text.endswith(("万元", "万")):  # 「￥860.00万元」: the sign, the unit 万元
        return read_amount(text[1:]), Decimal(1)
    if text.startswith("¥") and _AMOUNT.fullmatch(figure_ := text[1:].removesuffix("元")):
        return Decimal(figure_), Decimal("0.0001")
    if text and all(ch in AMOUNT_CHARS for ch in text):
        return capital_amount(text), Decimal(1)
    if text.endswith(("万元", "万")):
        return read_amount(text), Decimal(1)
    if text.endswith("元") and _AMOUNT.fullmatch(text[:-1]):
        return Decimal(text[:-1]), Decimal("0.0001")
    return read_amount(text), None


#: Words before an amount that do not change it: an estimate (「约500万元」) or the sum (「合计：860万元」).
_HEDGE = re.compile(r"^(?:约|大约|预计|合计|共计|总计)[:：]?(?=[\d¥])")
#: A note in brackets on an amount (「（其中：软件开发320万元…）」「（含运维费）」), on its own line or after it.
_NOTE = re.compile(r"\((?:其中|含|包括|包含)[^()]*\)")
_NOTE_AFTER = re.compile(r"(?<=[\d万元])" + _NOTE.pattern + "$")
#: A weekday after a date (「2026年11月23日（星期一）」「（周一）」), as calendar widgets write it.
_WEEKDAY = re.compile(r"\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?\s*$")


def without_weekday(text: str) -> str:
    """A date's text without the weekday written after it."""
    return _WEEKDAY.sub("", text)


_WORDS_AND_FIGURE = re.compile(r"([^()]+整?)\((?:小写:?)?(¥[\d.]+元?|[\d.]+元)\)")
_FIGURE_AND_WORDS = re.compile(r"(¥?[\d.]+(?:万元|万|元)?)\(大写:?([^()]+)\)")
#: What a form's cell holds for "none": read as 0 in an amount cell.
NONE_WORDS = {"—", "——", "-", "--", "/", "无", "0", "－", "―", "─"}
_CN_DAY = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)


#: Words written where a value or content belongs that say nothing has been written yet — the one
#: list ``check``, ``extract`` and ``validate`` share. Compared without spaces and punctuation.
PLACEHOLDER_WORDS = (
    "略",
    "从略",
    "省略",
    "待定",
    "待补充",
    "待填写",
    "待填",
    "待完善",
    "待补全",
    "待编写",
    "待确定",
    "同上",
    "同前",
    "如上",
    "见上",
    "见上文",
    "详见上文",
    "参见上文",
    "见前文",
    "详见前文",
)
_PLACEHOLDER = re.compile(
    r"^(?:此处(?:填写|输入|填入|描述).*|请(?:在此|在这里)?(?:填写|输入|填入).*|在此(?:填写|输入).*"
    r"|单击或点击此处输入.*|单击此处输入.*|点击此处输入.*"
    r"|(?:具体|相关|有关)?(?:内容|本节|本章|本部分|此节|正文)(?:内容)?(?:待定|待补充|待填写|待填|待完善|待补全|待编写|待确定|从?略)"
    r"|clickortaphere.*|clickheretoenter.*|[xX×ｘＸ]+|tbd|todo)$",
    re.IGNORECASE,
)
#: 「……」「...」「———」: marks only.
_MARKS_ONLY = re.compile(r"^[\s\u3000.。．…·]+$")
#: Words that say "none": a value for an optional field (参与建设单位「无」, an amount「—」is 0), but
#: nothing at all where content is needed (a report section, 项目准备情况).
NOTHING_WORDS = ("无", "暂无", "没有", "空", "不涉及", "/", "—", "——", "-", "－")
#: 「详见附件」「见附件2」「详见附件《可行性研究报告》」: content only when that 附件 is listed.
_SEE_APPENDIX = re.compile(r"^(?:详见|具体见|具体详见|参见|请见|见)(?:附件|附表)(?P<ref>.*)$")
_KEY_DROP = re.compile(r"[\s\u3000、，,.。．:：;；()（）…\-—_/\[\]【】〔〕“”\"'《》〈〉]")


def _key(text: str) -> str:
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text))


def is_placeholder(text: str, listed: Iterable[str] | None = None) -> bool:
    """True for a placeholder written where a value or content belongs: 「（略）」「待定」「同上」
    「……」「见上文」「此处填写……」「XXX」「单击或点击此处输入文字。」 — text that says nothing has been
    written yet. 「详见附件…」 is one unless ``listed`` (the attachments the document lists) names that 附件;
    ``listed`` None: nothing is listed."""
    return _is_placeholder(text, unicodedata.normalize("NFKC", text), listed)


def _is_placeholder(text: str, normalized: str, listed: Iterable[str] | None) -> bool:
    """is_placeholder, with ``normalized`` the text in NFKC (normalized once for says_nothing's tests)."""
    if _MARKS_ONLY.match(text or "x") and text.strip():
        return True
    key = _KEY_DROP.sub("", normalized)
    if not key:
        return False
    if key in PLACEHOLDER_WORDS or _PLACEHOLDER.match(key) is not None:
        return True
    match = _SEE_APPENDIX.match(key)
    return match is not None and not _names_listed(match.group("ref"), list(listed or ()))


def says_nothing(text: str, listed: Iterable[str] | None = None) -> bool:
    """True where content is needed and ``text`` is blank, a placeholder or only says "none" (「无」)."""
    if not text.strip(SPACES + "\n"):
        return True
    normalized = unicodedata.normalize("NFKC", text)
    return _is_placeholder(text, normalized, listed) or _is_nothing(normalized)


def _is_nothing(normalized: str) -> bool:
    folded = normalized.strip(SPACES + "\n。.")
    return folded in NOTHING_WORDS or _key(folded) in NOTHING_WORDS


def _names_listed(ref: str, listed: list[str]) -> bool:
    """Whether the 附件 a text refers to (「2」「《可行性研究报告》」, or none named) is among ``listed``."""
    ref = ref.strip()
    if not listed:
        return False
    if not ref:
        return True  # 「详见附件」 and the document lists its attachments
    number = re.match(r"^(\d+|[一二三四五六七八九十]+)", ref)
    if number is not None and number.end() == len(ref):
        wanted = chinese_number(number.group(1)) or 0
        numbered = [
            chinese_number(m.group(1))
            for item in listed
            if (m := re.match(r"^附件(\d+|[一二三四五六七八九十]+)", _key(item)))
        ]
        return wanted in numbered or (not numbered and 1 <= wanted <= len(listed))
    name = re.sub(r"^(?:\d+|[一二三四五六七八九十]+)", "", ref)
    return any(name in _key(item) or _key(item).endswith(name) for item in listed if _key(item))


_PROMPTS = re.compile(r"[（(]\s*(?:盖章|签字|签章|公章|签名|章|签字盖章|盖章签字|单位盖章|负责人签字)\s*[）)]")


def without_prompts(text: str) -> str:
    """A name without the form's 「（盖章）」「（签字）」 prompt:
    「石嘴山市城市管理局（盖章）」 → 「石嘴山市城市管理局」."""
    return _PROMPTS.sub("", text).strip(SPACES)


def read_day(value: str, *, within: bool = False) -> dt.date | None:
    """A day as people write it (2027-03-01, 2027/3/1, 2027.3.1, 2027年3月1日, 二〇二七年三月一日), or None.
    ``within``: the day may stand inside other text (「起始时间：2027年3月1日」)."""
    text = without_weekday(unicodedata.normalize("NFKC", value).strip())
    match = _DAY.search(text) if within else _DAY.fullmatch(text)
    if match is None:
        spoken = _CN_DAY.search(text) if within else _CN_DAY.fullmatch(text)
        if spoken is None:
            return None
        year, month, day = (chinese_number(group) or 0 for group in spoken.groups())
    else:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_category(text: str) -> str | None:
    """A 项目类别 as people write it: one of the list, or a wording that means one
    (「服务类（含运维类）」「运维类」 → 服务类); None when it is neither."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if folded in CATEGORIES:
        return folded
    return CATEGORY_ALIASES.get(folded)


_CATEGORY_PATH = ("project", "category")


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
    if path == _CATEGORY_PATH and isinstance(node, str):
        category = read_category(node)
        if category is not None and category != node.strip(SPACES):
            found.append(Conversion(path, node, category))
        return category if category is not None else node
    kind = _kind_at(tuple(-1 if isinstance(step, int) else step for step in path))
    return node if kind is None else _leaf(path, kind, node, found)


@functools.lru_cache(maxsize=8192)
def _kind_at(shape: DataPath) -> str | None:
    """The kind of the field at a path whose list indices are -1 (the same for every item), once."""
    info = field_info(shape)
    return _kind(str(shape[-1]), info.annotation) if info is not None else None


_PHONE = re.compile(
    r"""^(?:
        (?:\+?86[- ]?)?1[3-9]\d{9}                                   # 手机
      | (?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[- ]?\d{7,8}
        (?:(?:-|转|分机|ext\.?)\d{1,6})?                              # 座机（可带分机）
      | [48]00[- ]?\d{3}[- ]?\d{4}                                   # 400/800
      | 123\d{2}                                                     # 政务服务便民热线
    )$""",
    re.VERBOSE,
)
#: Spaces people put between groups of digits (「139 9520 1234」「0952 201 1234」).
_DIGIT_GROUPS = re.compile(r"(?<=\d)[ \u3000\u00a0]+(?=\d)")


def plausible_phone(text: str) -> bool:
    """True when every number in ``text`` (several separated by 、 , / ；) looks like a phone number:
    a mobile, a landline with its area code (and extension), 400/800, or a 123xx hotline; digits
    may be grouped by spaces as people write them and may be full width."""
    numbers = [n.strip() for n in re.split(r"[、,，/；;]", fold_width(text)) if n.strip()]
    return bool(numbers) and all(_PHONE.match(_DIGIT_GROUPS.sub("", n)) for n in numbers)


# ---------------------------------------------------------------- a value typed into one field (the desk)


class Unreadable(ValueError):
    """A value typed into a field that its kind cannot hold (「2026-02-30」 in a date field); ``message``
    says so in Chinese with the field's label."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_input(node: FieldNode, value: Any) -> Any:
    """What a person (or a script) typed into the field ``node``, as the data file holds it — the one
    reading of typed values that the desk and every reader share (``docgen.normalize``).

    Text is trimmed; amounts (「1,200」「500万元」), whole numbers, days (2026-11-25, 2026/11/25,
    2026.11.25, 2026年11月25日), 是/否 and lists are read by kind; an empty value is None. A value its
    kind cannot hold is refused (:class:`Unreadable`), never stored: a date that does not exist, an
    amount that is not a number. Choices are kept as typed, so validation names a wrong one.
    """
    if value is None:
        return None
    kind = node.kind
    if kind == "group":
        if not isinstance(value, dict):
            raise Unreadable(f"「{node.label}」应为一组内容")
        children = {child.name: child for child in node.children}
        return {key: read_input(children[key], item) if key in children else item for key, item in value.items()}
    if kind == "rows":
        if not isinstance(value, list):
            raise Unreadable(f"「{node.label}」应为若干行")
        return [_read_row(node, item) for item in value]
    if kind == "section":
        if isinstance(value, str):
            return value.replace("\r\n", "\n").strip() or None
        return value
    if kind in ("lines", "dates"):
        items = value if isinstance(value, list) else str(value).replace("\r\n", "\n").split("\n")
        texts = [str(item).strip(SPACES) if isinstance(item, str) else item for item in items]
        kept = [item for item in texts if item not in ("", None)]
        if kind == "dates":
            return [_read_day(node, item) for item in kept]
        return kept
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").strip(SPACES + "\n")
        if not text:
            return None
    else:
        text = ""
    if kind == "amount":
        if isinstance(value, bool):
            raise Unreadable(f"「{node.label}」应为金额（万元）")
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        number = read_amount(text)
        if number is None or not number.is_finite():
            raise Unreadable(f"「{node.label}」应为金额（万元），「{_short(text)}」不是金额")
        return number
    if kind == "integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        folded = fold_width(text)
        if not folded.isdigit() or len(folded) > 9:
            raise Unreadable(f"「{node.label}」应为整数，「{_short(text)}」不是整数")
        return int(folded)
    if kind == "date":
        return _read_day(node, value)
    if kind == "yesno":
        if isinstance(value, bool):
            return value
        word = unicodedata.normalize("NFKC", text).lower()
        if word in YES:
            return True
        if word in NO:
            return False
        raise Unreadable(f"「{node.label}」应为「是」或「否」，「{_short(text)}」无法识别")
    if isinstance(value, str):
        return text if kind == "longtext" else text.replace("\n", " ")
    return value


def _read_row(node: FieldNode, item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    children = {child.name: child for child in node.children}
    return {key: read_input(children[key], value) if key in children else value for key, value in item.items()}


def _read_day(node: FieldNode, value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    day = read_day(text)
    if day is None:
        raise Unreadable(
            f"「{node.label}」应为日期（如 2026-11-25、2026/11/25、2026年11月25日），「{_short(text)}」不是有效的日期"
        )
    return day


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
