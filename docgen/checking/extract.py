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
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from docgen import json_text
from docgen.checking.cells import (
    AMOUNTS,
    APPLICATION,
    CHECKED,
    FORM_CELLS,
    RESULTS,
    SECURITY,
    UNCHECKED,
    WAN,
    YUAN,
    CellSpec,
    CellValue,
    read_cells,
    specs_by_fact,
)
from docgen.checking.detect import detect_form
from docgen.docx_package import PackageError, parse_xml
from docgen.docx_reader import DocxContent
from docgen.errors import Code, Finding, InputError, Severity
from docgen.formatting import amount, fold
from docgen.forms import Form
from docgen.models import CATEGORIES, field_info, is_mandatory, shown_label
from docgen.normalize import amount_and_unit, is_placeholder, read_category, read_day, says_nothing, without_prompts
from docgen.numerals import chinese_number
from docgen.source_data import BODY_PART, BODY_TAG, NS, digest

_NUMBERING = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[．.、)）]\s*")
_LIST_SPLIT = re.compile(r"\s*(?:\n|；|;)\s*")

#: The data path each cell fills; None for a group label (its parts fill theirs).
PATHS: dict[str, tuple[str, ...] | None] = {
    "applicant": ("declaration", "applicant"),
    "date": ("declaration", "date"),
    "owner_unit": ("project", "owner_unit"),
    "leader": ("project", "leader", "name"),
    "phone": ("project", "leader", "phone"),
    "name": ("project", "name"),
    "category": ("project", "category"),
    "participating_units": ("project", "participating_units"),
    "location": ("project", "location"),
    "basis": ("project", "basis"),
    "schedule": None,
    "start": ("project", "schedule", "start"),
    "end": ("project", "schedule", "end"),
    "preparation": ("project", "preparation"),
    "total": ("project", "investment", "total"),
    "this_year": ("project", "investment", "this_year"),
    "sources": None,
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
#: A group label and the labels of its parts: the group's own text may give them all.
GROUPS = {
    "schedule": ("start", "end"),
    "sources": ("national", "autonomous_region", "municipal", "social", "self_funded"),
}
LISTS = {"basis", "materials"}
#: Values of one line: a line break in them is where the writer wrapped a long name (Shift+Enter).
ONE_LINE = {"applicant", "owner_unit", "leader", "phone", "name"}
DATES = {"date", "start", "end"}
#: An amount above this many 万元 (10 亿元) with no unit said anywhere is taken for 元 written bare.
_IMPLAUSIBLE_WAN = Decimal(100_000)


@cache
def office_words() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The words a cell of 附件1/附件2 is labelled with (the annex's own and the offices' others), by the
    data path it fills: for other readers of people's tables (a plan workbook's column headers)."""
    words: dict[tuple[str, ...], list[str]] = {}
    for specs in FORM_CELLS.values():
        for spec in specs:
            path = PATHS[spec.fact]
            if path is not None:
                words.setdefault(path, []).extend(w for w in (spec.label, *spec.aliases) if w not in words[path])
    return {path: tuple(said) for path, said in words.items()}


@cache
def shown_paths(form: Form) -> tuple[str, ...]:
    """The data paths (dotted) whose values ``form`` prints: what ``check`` judges on a filled form."""
    return tuple(".".join(path) for spec in FORM_CELLS[form] if (path := PATHS[spec.fact]) is not None)


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
    path = PATHS[spec.fact]
    info = field_info(path) if path is not None else None
    return info is not None and is_mandatory(info)


@dataclass
class Extracted:
    form: str
    data: dict[str, Any]
    embedded: bool  # the data came from the document's own source part
    problems: list[Finding] = field(default_factory=list)  # values not read (DG-EXTRACT-UNREAD), units converted
    missing: list[CellSpec] = field(default_factory=list)  # mandatory cells whose label is not on the form
    unread: dict[tuple[str, ...], str] = field(default_factory=dict)  # path -> the text that could not be read
    facts: dict[str, str] = field(default_factory=dict)  # cell texts by fact, for comparing documents
    placeholders: dict[tuple[str, ...], Any] = field(default_factory=dict)  # path -> 「待定」… (read as empty)

    def missing_paths(self) -> tuple[str, ...]:
        """The data paths of the labels not on the form (a group's: its parts')."""
        facts = [f for spec in self.missing for f in GROUPS.get(spec.fact, (spec.fact,))]
        return tuple(".".join(path) for f in facts if (path := PATHS[f]) is not None)


def embedded_source(content: DocxContent) -> tuple[Form | None, dict[str, Any]] | Finding | None:
    """(form, data) carried by a docgen-built document; None when there is none; a Finding when it is damaged."""
    found = _source_part(content.parts, content.name)
    if not isinstance(found, tuple):
        return found
    try:  # the digest holds, but whoever changed the data may have made the digest too
        data = json_text.loads(found[1], "内嵌的源数据")
        if not isinstance(data, dict):
            raise InputError("不是键值映射")
    except InputError as exc:
        return Finding(
            Severity.WARNING,
            Code.EXTRACT_SOURCE,
            f"文档内嵌的源数据无法读取（{exc.message}），改为按表格各栏读取",
            file=content.name,
        )
    return detect_form(content), data


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


UNREAD = Code.EXTRACT_UNREAD
UNIT = Code.EXTRACT_UNIT
NOT_READ = "，未读取"


class _FormReader:
    """A filled form's cells turned into data: what cannot be read is listed in the form's words."""

    def __init__(self, content: DocxContent, form: Form) -> None:
        self.content = content
        self.values = read_cells(content, FORM_CELLS[form])
        self.data: dict[str, Any] = {"schema_version": 1}
        self.problems: list[Finding] = []
        self.unread: dict[tuple[str, ...], str] = {}
        self.placeholders: dict[tuple[str, ...], Any] = {}
        self.facts: dict[str, str] = {}

    def unreadable(self, path: tuple[str, ...], label: str, text: str, why: str) -> None:
        """A value that cannot be read: said with the form's label and what was written there."""
        self.unread[path] = text
        message = f"「{label}」写的是「{text}」，{why}"
        self.problems.append(
            Finding(
                Severity.WARNING,
                UNREAD,
                message + NOT_READ,
                field=".".join(path),
                label=label,
                file=self.content.name,
            )
        )

    def text(self, value: CellValue) -> str:
        """A cell's value without the 盖章/签字 prompt; '' for a placeholder (「待定」「XXX」)."""
        text = without_prompts(value.text).strip()
        return "" if is_placeholder(text) else text

    def read(self) -> tuple[dict[str, Any], list[CellSpec]]:
        missing: list[CellSpec] = []
        found = {fact for fact, value in self.values.items() if value.found}
        for fact, value in self.values.items():
            spec = value.spec
            parts = GROUPS.get(fact, ())
            if not value.found:
                in_group = next((g for g, members in GROUPS.items() if fact in members), None)
                if in_group is not None and (in_group in found or set(GROUPS[in_group]) & found):
                    continue  # the group's text gives it, or its fellow parts stand on their own
                if parts and not set(parts) & found and any(label_required(self.values[p].spec) for p in parts):
                    missing.append(spec)  # neither the group nor any part: one finding, the group's
                elif not parts and label_required(spec) and in_group is None:
                    missing.append(spec)
                continue
            if value.mixed and (path := PATHS[fact]) is not None:  # 「项目负责人及联系电话」: 「刘洋」 alone
                self.unreadable(path, spec.label, value.text.strip(), f"分不出「{value.mixed}」中各栏的值")
                continue
            text = self.text(value)
            if fold(text):
                self.facts[fact] = text
            elif (written := without_prompts(value.text).strip()) and (path := PATHS[fact]) is not None:
                self.placeholders[path] = [written] if fact in LISTS else written  # 「待定」: empty, said as written
        self.amounts()
        self.unnamed_sources()
        for fact, value in self.values.items():
            if value.found and fact not in AMOUNTS and not value.mixed:
                text = self.text(value)
                if fold(text):
                    self.cell(fact, value.spec, text)
        return self.data, missing

    def amounts(self) -> None:
        """Every amount in 万元: in the unit said nearest to it; else the one the form's other amounts
        say; else 万元, the annex's. A conversion from 元 is said (DG-EXTRACT-UNIT)."""
        read: dict[str, tuple[Decimal, Decimal | None, str, str]] = {}
        for fact in AMOUNTS:
            value = self.values.get(fact)
            if value is None or not value.found:
                continue
            text = self.text(value)
            if not fold(text):
                continue
            number, said = amount_and_unit(text)
            path = PATHS[fact]
            assert path is not None
            if number is None:
                self.unreadable(path, _as_quoted(value.spec), text, "不是金额")
                continue
            unit, words = (said, text) if said is not None else (value.unit, value.unit_words)
            read[fact] = (number, unit, words, text)
        stated = {unit for _, unit, _, _ in read.values() if unit is not None}
        common = stated.pop() if len(stated) == 1 else None
        for fact, (number, unit, words, text) in read.items():
            path = PATHS[fact]
            assert path is not None
            label = _bare(_as_quoted(self.values[fact].spec))
            if unit is None and common is not None:
                unit, words = common, "表中其他金额所注单位"
            if unit is None and number >= _IMPLAUSIBLE_WAN:
                why = f"表上没有写明单位，按万元读是 {amount(number)} 万元，不合常理：请写明单位（万元或元）"
                self.unreadable(path, _as_quoted(self.values[fact].spec), text, why)
                continue
            wan = _plain(number * (unit or WAN))
            if unit == YUAN and number:
                self.problems.append(
                    Finding(
                        Severity.INFO,
                        UNIT,
                        f"「{label}」{text}的单位是元（{_quoted(words)}），换算为 {amount(wan)} 万元",
                        field=".".join(path),
                        label=label,
                        file=self.content.name,
                    )
                )
            put(self.data, path, str(wan))
            self.facts[fact] = amount(wan)

    def unnamed_sources(self) -> None:
        """计划资金来源 written as a sentence naming some sources (「市级资金860万元」) on a form with no cell
        for the others: those are 0, as the sentence means. A source whose cell is on the form and left
        blank is not filled in (its label was found: it stays empty)."""
        named = [f for f in _MAIN_SOURCES if (v := self.values.get(f)) is not None and v.found and fold(self.text(v))]
        if not named:
            return
        for fact in _MAIN_SOURCES:
            value = self.values.get(fact)
            path = PATHS[fact]
            if value is not None and not value.found and path is not None:
                put(self.data, path, "0")

    def cell(self, fact: str, spec: CellSpec, text: str) -> None:
        path = PATHS.get(fact)
        if fact == "category":
            chosen = read_category(text) or choice(text, CATEGORIES)  # 「服务类（含运维类）」 is 服务类
            if chosen:
                put(self.data, path, chosen)  # type: ignore[arg-type]
            elif chosen is None:
                why = f"不是{'、'.join(CATEGORIES)}之一，也看不出勾选了哪一类"
                self.unreadable(path, spec.label, text, why)  # type: ignore[arg-type]
        elif fact in DATES:
            self.date(fact, _as_quoted(spec), text)
        elif fact == "schedule":
            self.schedule(spec.label, text)
        elif fact == "participating_units":
            if not says_nothing(text):
                put(self.data, path, [u for u in re.split(r"\s*(?:、|\n|；|;|，|,)\s*", text) if u])  # type: ignore[arg-type]
        elif fact in LISTS:
            put(self.data, path, [_NUMBERING.sub("", line) for line in _LIST_SPLIT.split(text) if line.strip()])  # type: ignore[arg-type]
        elif fact in ("network_review", "crypto_review"):
            assert path is not None
            for key, value in _review(text, spec.label, self, path).items():
                put(self.data, (*path, key), value)
        elif fact == "phone":
            put(self.data, path, _one_line(text).translate(_FULL_WIDTH_PHONE))  # type: ignore[arg-type]
        elif fact in ONE_LINE:
            put(self.data, path, _one_line(text))  # type: ignore[arg-type]
        elif path is not None:
            put(self.data, path, text)

    def date(self, fact: str, label: str, text: str) -> None:
        path = PATHS[fact]
        assert path is not None
        text = _blank_date(re.sub(r"^20(?=\s+年)", "", text.strip())) if fact == "date" else _blank_date(text)
        if not text or (path in self.unread):
            return
        day = parse_date(text) if fact == "date" else schedule_day(text, fact)
        if day is None:
            self.unreadable(path, label, text, "不是完整的日期")
        else:
            put(self.data, path, day.isoformat())

    def schedule(self, label: str, text: str) -> None:
        """项目计划时间 written as one text: a range, or the two sub-labels inline (the parts written
        as labels of their own are read as theirs, and win)."""
        own = {key for key in ("start", "end") if self.values.get(key) and self.values[key].found}
        for key, part_label, part in _schedule_parts(text):
            if not key:
                self.unreadable(("project", "schedule"), label, part, "分不出起始时间和完成时间")
                return
            if key not in own:
                self.date(key, f"{label}」的「{part_label}", part)


#: A phone typed with the input method in full-width mode (「０９５２－２０１８８６６」) is the same number.
_FULL_WIDTH_PHONE = str.maketrans("０１２３４５６７８９－", "0123456789-")


def _bare(label: str) -> str:
    """A label without its printed unit: the unit said for a value may be another."""
    return re.sub(r"（万元）$", "", label)


_SPECS_BY_FACT = specs_by_fact()
#: The four sources the annex prints (an added 自筹资金 column is not one of them).
_MAIN_SOURCES = GROUPS["sources"][:4]
_GROUP_OF = {part: group for group, parts in GROUPS.items() for part in parts}


def _as_quoted(spec: CellSpec) -> str:
    """A label as a message quotes it: a group's part with its group (「项目计划时间」的「起始时间」)."""
    group = _GROUP_OF.get(spec.fact)
    if group is None:
        return spec.label
    return f"{_SPECS_BY_FACT[group].label}」的「{spec.label}"


def _quoted(words: str) -> str:
    return words if words.startswith("表中") else f"见「{' '.join(words.split())}」"


def _plain(number: Decimal) -> Decimal:
    """A Decimal without trailing zeros nor an exponent: 860.0000 → 860, 8.6E+2 → 860."""
    number = number.normalize()
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number  # type: ignore[operator]


class SeveralProjects(InputError):
    """A document holding the forms of more than one project: not one project's data, never merged."""


def read_form(content: DocxContent, form: Form) -> Extracted:
    """What a filled form says, cell by cell; what cannot be read is listed in the form's words.
    A document whose 项目名称 names two projects (two forms in one file) is refused (SeveralProjects)."""
    reader = _FormReader(content, form)
    name = reader.values.get("name")
    if name is not None and name.elsewhere:
        names = "」「".join([name.text.strip(), *name.elsewhere])
        raise SeveralProjects(
            f"「{content.name}」中有 {1 + len(name.elsewhere)} 个项目的表（「{names}」）："
            "一份文档只能填写一个项目，请把各项目的表分开保存后再检查"
        )
    data, missing = reader.read()
    problems = [
        Finding(Severity.WARNING, UNREAD, f"找不到「{spec.label}」栏{NOT_READ}", label=spec.label, file=content.name)
        for spec in missing
    ]
    return Extracted(
        form, data, False, problems + reader.problems, missing, reader.unread, reader.facts, reader.placeholders
    )


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
            return [("", "项目计划时间", text.strip())] if _blank_date(text) else []  # one date: which end?
        start, end = parts
        if _has_digits(end) and "年" in start and "年" not in end:  # 「2027年1月至12月」
            end = start[: start.index("年") + 1] + end
    return [
        ("start", "起始时间", _blank_date(start)),
        ("end", "完成时间", _blank_date(end)),
    ]


_MONTH = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?\s*$")
_CN_MONTH = re.compile(r"^\s*([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*$")


def schedule_day(text: str, key: str) -> dt.date | None:
    """A schedule date: a day; or a month, read as its first day (start) or its last (end)."""
    day = parse_date(text)
    if day is not None:
        return day
    folded = unicodedata.normalize("NFKC", text)
    match = _MONTH.match(folded)
    spoken = _CN_MONTH.match(folded) if match is None else None  # 「二〇二七年三月」
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
    elif spoken is not None:
        year, month = (chinese_number(group) or 0 for group in spoken.groups())
    else:
        return None
    if not 1 <= month <= 12:
        return None
    if key == "start":
        return dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _blank_date(text: str) -> str:
    return "" if re.fullmatch(r"[\s年月日]*", text) else text.strip()


def choice(text: str, options: tuple[str, ...]) -> str | None:
    """The option marked in ``text``: written alone (「服务类」, 「服务类（含运维）」), a ticked box or a
    tick before it (☑工程类 □货物类, √工程类; Word's check boxes and Wingdings read as ☒ ☐ ☑) or after
    it (符合（√） 不符合（ ）), or the one word left when the others were struck through (the reader
    drops struck text); '' when nothing is marked (blank, or the printed list of options); None when
    the mark cannot be read (two ticked, or words that are none of the options)."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    words = "|".join(re.escape(option) for option in sorted(options, key=len, reverse=True))
    marks = CHECKED + UNCHECKED
    if any(mark in folded for mark in marks):
        bare = re.sub(r"[()\[\]【】〔〕:]", "", folded)
        found = list(re.finditer(words, bare))
        before = {m.group(): bare[m.start() - 1] if m.start() else "" for m in found}
        after = {m.group(): bare[m.end()] if m.end() < len(bare) else "" for m in found}
        first = before.get(found[0].group(), "") if found else ""
        side = before if first and first in marks else after  # boxes lead the words, or follow them
        chosen = {word for word, mark in side.items() if mark and mark in CHECKED}
        return chosen.pop() if len(chosen) == 1 else ("" if not chosen else None)
    words_only = re.sub(r"[()/、,，;；。:]", "", folded)
    if words_only in options:
        return words_only
    noted = re.sub(r"\([^()]*\)", "", folded).removesuffix("项目")  # 「服务类（含运维类）」「工程类项目」
    if noted in options:
        return noted
    listed = re.findall(words, words_only)
    if not words_only or (re.fullmatch(f"(?:{words})+", words_only) and len(set(listed)) == len(listed) > 1):
        return ""  # the printed options, nothing chosen
    return None


def review_result(text: str) -> str | None:
    """符合 / 不符合 as marked on a form (see :func:`choice`), after 「审查结果：」 (or 「审查结论：」「审查意见：」).
    A review 「通过」 is one whose result is 符合 — the 办法 calls it so (第十七条 「审查通过」) — and 「不通过」
    不符合; an opinion (「同意」) is neither."""
    return choice(_PASSED.sub(r"\1符合", re.sub(r"审查(?:结果|结论|意见)\s*[:：]?", "", text)), RESULTS)


_PASSED = re.compile(r"(不?)通过")


def _review(text: str, label: str, reader: _FormReader, path: tuple[str, ...]) -> dict[str, Any]:
    review: dict[str, Any] = {}
    folded = unicodedata.normalize("NFKC", text)
    # one part a line: the printed three lines, or one sentence (「审查结果：符合；审查单位：…；审查日期：…」)
    folded = re.sub(r"[;；]\s*(?=\S)", "\n", folded)
    folded = re.sub(r"(?<=\S)[ \t]*(?=审查(?:结果|单位|日期|时间)\s*:)", "\n", folded)
    for line in folded.splitlines():
        if re.search(r"审查单位[:：\s]", line + " "):
            unit = re.split(r"审查单位[:：]?", line, maxsplit=1)[1].strip(":： \t")
            if unit.strip() and not is_placeholder(unit):
                review["unit"] = without_prompts(unit.strip())
        elif re.search(r"审查(?:结果|结论|意见)|符合|通过|[☑☒■√✓✔⊠▣□☐]", line):
            result = review_result(line)
            if result:
                review["result"] = result
            elif result is None:
                value = re.sub(r"^.*审查(?:结果|结论|意见)[:：]?\s*", "", line).strip()
                reader.unreadable((*path, "result"), f"{label}」的「审查结果", value, "不是 符合 或 不符合")
        elif _has_digits(line.replace("20", "", 1)):  # 「20  年  月  日」 is the printed prompt
            written = re.sub(r"^.*审查(?:日期|时间)[:：]?\s*|^\s*日期[:：]?\s*", "", line).strip()
            day = parse_date(written)
            if day is None:
                reader.unreadable((*path, "date"), f"{label}」的「日期", written, "不是完整的日期")
            else:
                review["date"] = day.isoformat()
    return review


def _has_digits(text: str) -> bool:
    """Digits, or numerals written as a date's (「二〇二六年」): something meant as a value."""
    return any(ch.isdigit() for ch in text) or re.search("[〇○零一二三四五六七八九十]+[年月日]", text) is not None


def parse_date(text: str) -> dt.date | None:
    """A day in a cell's text, read as every input reads days (docgen.normalize)."""
    return read_day(text, within=True)


def put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
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
            put(data, path, now[key])
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


def _one_line(text: str) -> str:
    """A name wrapped over lines joined as one: nothing between two Chinese characters, else a space."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("" if _CJK.match(out[-1]) and _CJK.match(line[0]) else " ") + line
    return out


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")
