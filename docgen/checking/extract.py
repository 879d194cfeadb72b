"""Reading a filled 附件1 or 附件2 back into the data format.

A form docgen built carries its source data (see ``docgen.source_data``):
that data is returned as it was, after its SHA-256 is checked. Any other form —
the blank form filled by hand in Word, WPS or LibreOffice — is read cell by cell
by label. A value that cannot be read (an amount that is not a number, a date
that is not a date, a 项目类别 outside the list) is listed, never guessed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from docgen.checking.cells import APPLICATION, FORM_CELLS, SECURITY, CellSpec, header_line, parse_amount, read_cells
from docgen.checking.detect import detect_form
from docgen.docx_package import PackageError, parse_xml
from docgen.docx_reader import DocxContent
from docgen.errors import Code, Finding, Severity
from docgen.formatting import fold
from docgen.forms import Form
from docgen.models import CATEGORIES, field_info, is_mandatory, shown_label
from docgen.normalize import read_category, read_day, without_prompts
from docgen.source_data import BODY_PART, BODY_TAG, NS, digest

_NUMBERING = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[．.、)）]\s*")
_LIST_SPLIT = re.compile(r"\s*(?:\n|；|;)\s*")

#: The data path each cell fills; None for cells read specially.
PATHS: dict[str, tuple[str, ...] | None] = {
    "owner_unit": ("project", "owner_unit"),
    "leader": ("project", "leader", "name"),
    "phone": ("project", "leader", "phone"),
    "name": ("project", "name"),
    "category": ("project", "category"),
    "participating_units": ("project", "participating_units"),
    "location": ("project", "location"),
    "basis": ("project", "basis"),
    "schedule": None,
    "applicant": ("declaration",),  # the header line: 项目申报单位 and the date
    "preparation": ("project", "preparation"),
    "total": ("project", "investment", "total"),
    "this_year": ("project", "investment", "this_year"),
    "national": ("project", "investment", "sources", "national"),
    "autonomous_region": ("project", "investment", "sources", "autonomous_region"),
    "municipal": ("project", "investment", "sources", "municipal"),
    "social": ("project", "investment", "sources", "social"),
    "self_funded": ("project", "investment", "sources", "self_funded"),  # an added column, when a form has one
    "materials": ("project", "materials"),
    "remarks": ("project", "remarks"),
    "construction_content": ("security", "construction_content"),
    "network_security": ("security", "network_security", "summary"),
    "cryptography": ("security", "cryptography", "summary"),
    "network_review": ("review", "network_security"),
    "crypto_review": ("review", "cryptography"),
}
#: The header line above the table (项目申报单位 …… 年 月 日), as a label of its own.
HEADER = CellSpec("项目申报单位", "applicant")
AMOUNTS = {"total", "this_year", "national", "autonomous_region", "municipal", "social", "self_funded"}
LISTS = {"basis", "materials"}


#: The data paths a form shows beyond its cells: the header line, and the schedule's two dates.
_HEADER_PATHS: tuple[tuple[str, ...], ...] = (("declaration", "applicant"), ("declaration", "date"))
_SCHEDULE_PATHS: tuple[tuple[str, ...], ...] = (("project", "schedule", "start"), ("project", "schedule", "end"))


@cache
def shown_paths(form: Form) -> tuple[str, ...]:
    """The data paths (dotted) whose values ``form`` prints: what ``check`` judges on a filled form."""
    paths = list(_HEADER_PATHS)
    for spec in FORM_CELLS[form]:
        path = PATHS[spec.fact]
        paths += list(_SCHEDULE_PATHS) if path is None else [path]
    return tuple(".".join(path) for path in paths)


def in_scope(field_path: str | None, form: Form) -> bool:
    """True when a finding about ``field_path`` concerns what ``form`` shows: the field itself,
    a part of it, or the group it belongs to (「计划资金来源」 for its four sources)."""
    if field_path is None:
        return False
    for shown in shown_paths(form):
        if (
            field_path == shown
            or field_path.startswith((shown + ".", shown + "["))
            or shown.startswith(field_path + ".")
        ):
            return True
    return False


def label_required(spec: CellSpec) -> bool:
    """A cell whose label must be on the form: its field is mandatory in the data model."""
    path = PATHS[spec.fact] or _SCHEDULE_PATHS[0]
    info = field_info(path)
    return info is not None and is_mandatory(info)


@dataclass
class Extracted:
    form: str
    data: dict[str, Any]
    embedded: bool  # the data came from the document's own source part
    problems: list[Finding] = field(default_factory=list)
    missing: list[CellSpec] = field(default_factory=list)  # mandatory cells whose label is not on the form
    unread: dict[tuple[str, ...], str] = field(default_factory=dict)  # path -> the text that could not be read
    facts: dict[str, str] = field(default_factory=dict)  # cell texts by fact, for comparing documents


def embedded_source(content: DocxContent) -> tuple[Form | None, dict[str, Any]] | Finding | None:
    """(form, data) carried by a docgen-built document; None when there is none; a Finding when it is damaged."""
    found = _source_part(content.parts, content.name)
    if not isinstance(found, tuple):
        return found
    return detect_form(content), json.loads(found[1], parse_float=Decimal)


def unedited(parts: dict[str, bytes], name: str) -> bool:
    """True when the document is, byte for byte, the body docgen wrote with the data it carries: its
    source part is intact and records the digest of the body now in the file. Known without
    rendering again; False says only "not known so" (an edit, a re-save, an older docgen)."""
    found = _source_part(parts, name)
    if not isinstance(found, tuple) or BODY_PART not in parts:
        return False
    body = found[0].find(f"{{{NS}}}{BODY_TAG}")
    return body is not None and body.get("sha256") == digest(parts[BODY_PART])


def source_or_body(part: str) -> bool:
    """The parts :func:`unedited` reads: the body and the custom XML items."""
    return part == BODY_PART or _ITEM.match(part) is not None


_ITEM = re.compile(r"^customXml/item\d+\.xml$")


def _source_part(parts: dict[str, bytes], name: str) -> tuple[Any, str] | Finding | None:
    """docgen's source part (its root and its data's text), its digest checked; None when there is
    none; a Finding when it is damaged or its data does not match its digest."""
    for part, blob in parts.items():
        if not _ITEM.match(part) or NS.encode() not in blob:
            continue
        try:
            root = parse_xml(blob, name, part)
        except PackageError as exc:
            return Finding(Severity.WARNING, Code.EXTRACT_SOURCE, str(exc), file=name)
        if root.tag != f"{{{NS}}}source":
            continue
        text = "".join(str(piece) for piece in root.itertext())
        if digest(text.encode("utf-8")) != root.get("sha256"):
            return Finding(
                Severity.WARNING,
                Code.EXTRACT_SOURCE,
                "文档内嵌的源数据校验值不符（可能被改动过），改为按表格各栏读取",
                file=name,
            )
        return root, text
    return None


Problem = Callable[..., None]


def read_form(content: DocxContent, form: Form, *, keep_unreadable: bool = False) -> Extracted:
    """What a filled form says, cell by cell; what cannot be read is listed.

    ``keep_unreadable``: put a value that cannot be read into the data as the text it is,
    so that validation judges it (``check``) instead of leaving it out (``extract``).
    """
    values = read_cells(content, FORM_CELLS[form])
    data: dict[str, Any] = {"schema_version": 1}
    problems: list[Finding] = []
    missing: list[CellSpec] = []
    unread: dict[tuple[str, ...], str] = {}

    def problem(spec_label: str, message: str, path: tuple[str, ...] | None = None, text: str = "") -> None:
        if path is not None:
            unread[path] = text
        if keep_unreadable and path is not None:
            _put(data, path, text)
            return
        problems.append(Finding(Severity.WARNING, Code.EXTRACT_UNREAD, message, label=spec_label, file=content.name))

    header = header_line(content)
    if header is None:
        missing.append(HEADER)
        problem(HEADER.label, f"找不到表头「{HEADER.label}」一行，未读取")
    applicant, date_text = header or ("", "")
    if applicant:
        _put(data, ("declaration", "applicant"), applicant)
    if date_text and _has_digits(date_text):
        day = parse_date(date_text)
        if day is None:
            problem("申报日期", f"表头日期「{date_text}」不是完整的日期，未读取", ("declaration", "date"), date_text)
        else:
            _put(data, ("declaration", "date"), day.isoformat())
    for fact, value in values.items():
        spec = value.spec
        if not value.found:
            if label_required(spec):
                missing.append(spec)
                problem(spec.label, f"找不到「{spec.label}」栏，未读取")
            continue
        text = value.text.strip()
        if not fold(text):
            continue
        _read_cell(data, fact, spec, text, problem)
    facts = {fact: v.text.strip() for fact, v in values.items() if v.found and fold(v.text)}
    return Extracted(form, data, False, problems, missing, facts=facts, unread=unread)


def _read_cell(data: dict[str, Any], fact: str, spec: CellSpec, text: str, problem: Problem) -> None:
    path = PATHS.get(fact)
    if fact in AMOUNTS:
        amount = parse_amount(text)
        if amount is None:
            problem(spec.label, f"「{spec.label}」栏「{text}」不是金额（万元），未读取", path, text)
        else:
            _put(data, path, str(amount))  # type: ignore[arg-type]
    elif fact == "category":
        category = read_category(text)  # 「服务类（含运维类）」, 第十四条's own words, is 服务类
        if category is not None:
            _put(data, path, category)  # type: ignore[arg-type]
        else:
            problem(spec.label, f"「{spec.label}」栏「{text}」不是 {'、'.join(CATEGORIES)} 之一，未读取", path, text)
    elif fact == "schedule":
        for key, label, part in _schedule_parts(text):
            if not key:
                problem(
                    spec.label,
                    f"「{spec.label}」「{part}」没有分出起始时间和完成时间，未读取",
                    ("project", "schedule"),
                    part,
                )
                continue
            day = schedule_day(part, key) if part else None
            if day is not None:
                _put(data, ("project", "schedule", key), day.isoformat())
            elif part and _has_digits(part):
                problem(
                    spec.label,
                    f"「{spec.label}」的「{label}」「{part}」不是完整的日期，未读取",
                    ("project", "schedule", key),
                    part,
                )
    elif fact == "participating_units":
        if text not in ("无", "—", "-"):
            _put(data, path, [u for u in re.split(r"\s*(?:、|\n|；|;|，|,)\s*", text) if u])  # type: ignore[arg-type]
    elif fact in LISTS:
        _put(data, path, [_NUMBERING.sub("", line) for line in _LIST_SPLIT.split(text) if line.strip()])  # type: ignore[arg-type]
    elif fact in ("network_review", "crypto_review"):
        for key, value in _review(text, spec.label, problem, path).items():  # type: ignore[arg-type]
            _put(data, (*path, key), value)  # type: ignore[misc]
    elif path is not None:
        _put(data, path, text)


_RANGE = re.compile(r"\s*(?:至|到|~|～|—+|–|－|(?<=[\d日月])\s*-\s*(?=\d))\s*")


def _schedule_parts(text: str) -> list[tuple[str, str, str]]:
    """The two dates of 项目计划时间: under the printed 起始时间/完成时间 sub-labels, or written
    as one range (「2027年1月至2027年12月」「2027.1.1-2027.12.31」)."""
    match = re.search(r"起始时间[:：]\s*(?P<start>.*?)\s*完成时间[:：]\s*(?P<end>.*)", text, re.DOTALL)
    if match is not None:
        start, end = match.group("start"), match.group("end")
    else:
        parts = _RANGE.split(unicodedata.normalize("NFKC", text).strip(), maxsplit=1)
        if len(parts) != 2:
            return [("", "项目计划时间", text.strip())] if _has_digits(text) else []  # one date: which end?
        start, end = parts
        if _has_digits(end) and "年" in start and "年" not in end:  # 「2027年1月至12月」
            end = start[: start.index("年") + 1] + end
    return [
        ("start", "起始时间", _blank_date(start)),
        ("end", "完成时间", _blank_date(end)),
    ]


_MONTH = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?\s*$")


def schedule_day(text: str, key: str) -> dt.date | None:
    """A schedule date: a day; or a month, read as its first day (start) or its last (end)."""
    day = parse_date(text)
    if day is not None:
        return day
    match = _MONTH.match(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if key == "start":
        return dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _blank_date(text: str) -> str:
    return "" if re.fullmatch(r"[\s年月日]*", text) else text.strip()


_CHECKED = "☑☒■√✓✔⊠▣"
_UNCHECKED = "□☐"
_RESULTS = ("不符合", "符合")


def review_result(text: str) -> str | None:
    """符合 / 不符合 as marked on a form: 「审查结果：符合」, a ticked box before the word (☑符合 □不符合)
    or after it (符合（√） 不符合（ ）), or the one word left when the other was struck through (the
    reader drops struck text); '' when nothing is marked; None when the mark cannot be read."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    folded = re.sub(r"审查结果[:：]?", "", folded)
    marks = _CHECKED + _UNCHECKED
    if any(mark in folded for mark in marks):
        bare = re.sub(r"[()（）\[\]【】]", "", folded)
        words = list(re.finditer("不符合|符合", bare))
        before = {m.group(): bare[m.start() - 1] if m.start() else "" for m in words}
        after = {m.group(): bare[m.end()] if m.end() < len(bare) else "" for m in words}
        first = before.get(words[0].group(), "") if words else ""
        side = before if first and first in marks else after  # boxes lead the words, or follow them
        chosen = {word for word, mark in side.items() if mark and mark in _CHECKED}
        return chosen.pop() if len(chosen) == 1 else ("" if not chosen else None)
    words_only = re.sub(r"[()（）/、,，;；。]", "", folded)
    if words_only in _RESULTS:
        return words_only
    if words_only in ("", "符合不符合", "不符合符合"):
        return ""  # the printed prompt (符合/不符合), nothing chosen
    return None


def _review(text: str, label: str, problem: Problem, path: tuple[str, ...]) -> dict[str, Any]:
    review: dict[str, Any] = {}
    folded = unicodedata.normalize("NFKC", text)
    for line in folded.splitlines():
        if re.search(r"审查单位[:：]", line):
            unit = line.split("审查单位", 1)[1].lstrip(":： \t")
            if unit.strip():
                review["unit"] = without_prompts(unit.strip())
        elif re.search(r"审查结果|符合|[☑☒■√✓✔⊠▣□☐]", line):
            result = review_result(line)
            if result:
                review["result"] = result
            elif result is None:
                value = re.sub(r"^.*审查结果[:：]\s*", "", line).strip()
                problem(label, f"「{label}」的审查结果「{value}」不是 符合 或 不符合，未读取", (*path, "result"), value)
        elif _has_digits(line.replace("20", "", 1)):  # 「20  年  月  日」 is the printed prompt
            written = re.sub(r"^.*审查(?:日期|时间)[:：]\s*", "", line).strip()
            day = parse_date(written)
            if day is None:
                problem(label, f"「{label}」的日期「{written}」不是完整的日期，未读取", (*path, "date"), written)
            else:
                review["date"] = day.isoformat()
    return review


def _has_digits(text: str) -> bool:
    """Digits, or numerals written as a date's (「二〇二六年」): something meant as a value."""
    return any(ch.isdigit() for ch in text) or re.search("[〇○零一二三四五六七八九十]+[年月日]", text) is not None


def parse_date(text: str) -> dt.date | None:
    """A day in a cell's text, read as every input reads days (docgen.normalize)."""
    return read_day(text, within=True)


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


@dataclass(frozen=True)
class Change:
    """A cell edited after docgen built the form: its label, the value built, the value now."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class _Unread:
    text: str

    def __str__(self) -> str:
        return f"「{self.text}」（无法识别）"


def differences(current: Extracted, expected: Extracted) -> list[Change]:
    """Every field whose visible value differs from the value the embedded data prints, by the
    form's label (or the field's own: 申报日期, 起始时间 …), never by a data path. A visible value
    that cannot be read is shown as written, marked （无法识别）."""
    found: list[Change] = []
    labels = {spec.fact: spec.label for spec in (*APPLICATION, *SECURITY)}
    flat_now = _flatten(current.data) | {".".join(path): _Unread(text) for path, text in current.unread.items()}
    flat_then = _flatten(expected.data)
    for key in sorted(set(flat_now) | set(flat_then)):
        if flat_now.get(key) != flat_then.get(key):
            path = tuple(key.split("."))
            fact = next((f for f, p in PATHS.items() if p is not None and path[: len(p)] == p), None)
            label = labels[fact] if fact in labels else shown_label(path) or key
            if fact in ("network_review", "crypto_review") and path[-1] != fact:
                label = f"{label} › {shown_label(path) or path[-1]}"
            found.append(Change(label, _shown(flat_then.get(key)), _shown(flat_now.get(key))))
    return found


def overlay(embedded: dict[str, Any], current: Extracted, expected: Extracted) -> dict[str, Any]:
    """The embedded data with what the form now shows: every field whose visible value differs
    takes that value; a cleared cell, or one that cannot be read, leaves the field out."""
    data = copy.deepcopy(embedded)
    now, then = _flatten(current.data), _flatten(expected.data)
    unread = {".".join(path) for path in current.unread}
    for key in set(now) | set(then) | unread:
        if now.get(key) == then.get(key) and key not in unread:
            continue
        path = tuple(key.split("."))
        if key in now and key not in unread:
            _put(data, path, now[key])
        else:
            _remove(data, path)
    return data


def _remove(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else key))
        return out
    return {prefix: data}


def _shown(value: Any) -> str:
    if isinstance(value, _Unread):
        return str(value)
    if value is None:
        return "（空）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
