"""docgen's own rule book: always on, whatever the 办法.

What the data format itself asks (mandatory fields, known keys), consistency between
fields that the annexes print side by side (forms.md §4), plausibility, and the
shape of 附件3 blocks. None of them is an article of a 办法, so ``article`` is None;
a finding of an article's rule about the same field takes precedence over the
generic 「…不能为空」 (see ``docgen.rules.engine.PRECEDENCE``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from docgen.errors import Code
from docgen.formatting import FORBIDDEN_XML_CHARS, amount
from docgen.messages import MSG
from docgen.models import (
    MOVED_KEYS,
    ImageBlock,
    ProjectData,
    Section,
    TableBlock,
    field_labels,
    is_mandatory,
    shown_label,
)
from docgen.normalize import plausible_phone
from docgen.output import confined
from docgen.pictures import PictureProblem, read_picture_file
from docgen.rules.engine import CheckContext, DataPath, Kind, Rule, RuleBook, Violation
from docgen.rules.helpers import is_blank, label

BOOK = RuleBook()
ERR, WARN = Kind.ERROR, Kind.WARNING


@cache
def fields_of(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model class's fields (looked up once per class: the rules walk every node of every project)."""
    return dict(model.model_fields)


def _walk(model: BaseModel, path: DataPath, found: list[tuple[BaseModel, DataPath]]) -> None:
    found.append((model, path))
    for name in fields_of(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _walk(value, (*path, name), found)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk(item, (*path, name, index), found)


_last_walk: tuple[BaseModel, list[tuple[BaseModel, DataPath]]] | None = None


def walk(model: BaseModel) -> list[tuple[BaseModel, DataPath]]:
    """Every model node of the data with its path, the root first. The rules of one evaluation
    walk the same project several times; the last walk is kept (models are not changed)."""
    global _last_walk
    last = _last_walk  # read once: another thread may replace it, never change it
    if last is not None and last[0] is model:
        return last[1]
    found: list[tuple[BaseModel, DataPath]] = []
    _walk(model, (), found)
    _last_walk = (model, found)
    return found


BOOK.note(Code.TYPE, None, ERR, "每个值的类型和取值符合数据格式（数字、日期、列表中的选项）")


@BOOK.check(Code.UNKNOWN_KEY, None, WARN, "数据中没有数据格式不认识的字段（多为拼写错误或已移动的字段）")
def _unknown_keys(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for node, path in walk(data):
        for key in node.model_extra or {}:
            moved = MOVED_KEYS.get((str(path[-1]), key)) if len(path) == 1 else None
            if moved is not None:
                section = field_labels(moved[:1])[0]
                message = MSG.moved_key.format(key=key, section=section, path=".".join(moved))
            else:
                message = MSG.unknown_key.format(key=key)
            yield Violation((*path, key), message)


@cache
def mandatory_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of a model class's fields a filing must fill, in their order (once per class)."""
    return tuple(name for name, info in fields_of(model).items() if is_mandatory(info))


@BOOK.check(Code.REQUIRED, None, ERR, "申报必填的字段已填写")
def _mandatory(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for node, path in walk(data):
        for name in mandatory_fields(type(node)):
            if is_blank(getattr(node, name)):
                full = (*path, name)
                labels = field_labels(full)
                # Below a top-level section, name the parent too: 「项目责任人」的「姓名」,
                # 「投资构成 第1项」的「金额（万元）」.
                parent = shown_label(path)
                nested = len(labels) > 2 and parent != labels[-1]
                shown = f"{parent}」的「{labels[-1]}" if nested else labels[-1]
                value = getattr(node, name)
                written = value.strip() if isinstance(value, str) else ""
                message = MSG.required_placeholder if written else MSG.required
                yield Violation(full, message.format(label=shown, text=written))


@BOOK.check(Code.SCHEDULE, None, ERR, "起始时间不晚于完成时间")
def _schedule(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    s = data.project.schedule
    if s.start and s.end and s.start > s.end:
        end, start = label("project", "schedule", "end"), label("project", "schedule", "start")
        yield Violation(("project", "schedule", "end"), f"{end}{s.end.isoformat()} 早于{start}{s.start.isoformat()}")


TOTAL = ("project", "investment", "total")


@BOOK.check(Code.THIS_YEAR, None, ERR, "本年度预计投入不大于项目预计总投资")
def _this_year(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    if inv.total is not None and inv.this_year is not None and inv.this_year > inv.total:
        this_year = label("project", "investment", "this_year")
        message = f"{this_year}{amount(inv.this_year)} 大于{label(*TOTAL)}{amount(inv.total)}"
        yield Violation(("project", "investment", "this_year"), message)


def _sum_differs(
    amounts: list[Decimal | None], total: Decimal | None, path: DataPath, what: str
) -> Iterator[Violation]:
    if total is None or not amounts:
        return
    known = [a for a in amounts if a is not None]
    if len(known) != len(amounts):
        return
    found = sum(known, Decimal(0))
    if found != total:
        yield Violation(path, f"{what}合计 {amount(found)} 万元，与{label(*TOTAL)}{amount(total)} 不一致")


SOURCES = ("national", "autonomous_region", "municipal", "social")
#: 自筹资金 (第四条) has no column on 附件1: it counts when given, and may be left out.
OPTIONAL_SOURCES = ("self_funded",)


@BOOK.check(Code.SOURCES, None, WARN, "计划资金来源（四项及自筹资金）合计等于项目预计总投资")
def _sources_sum(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    names = [*SOURCES, *(name for name in OPTIONAL_SOURCES if getattr(inv.sources, name) is not None)]
    parts = [getattr(inv.sources, name) for name in names]
    path = ("project", "investment", "sources")
    shown = "、".join(field_labels((*path, name))[-1] for name in names)
    yield from _sum_differs(parts, inv.total, path, f"「{field_labels(path)[-1].removesuffix('（万元）')}」{shown}")


@BOOK.check(Code.ITEMS, None, ERR, "投资构成各项合计等于项目预计总投资")
def _items_sum(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    path = ("project", "investment", "items")
    yield from _sum_differs([item.amount for item in inv.items], inv.total, path, f"{label(*path)}各项")


@BOOK.check(Code.PHONE, None, WARN, "联系电话像有效的电话号码")
def _phones(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for key in ("leader", "responsible_person"):
        phone = getattr(data.project, key).phone
        if phone and not is_blank(phone) and not plausible_phone(phone.strip()):  # 「待定」: DG-REQUIRED says it
            shown = f"{label('project', key, 'phone')}「{phone}」"
            yield Violation(
                ("project", key, "phone"), f"{shown}不像有效的电话号码（座机如 0952-2011234，手机如 13800000000）"
            )


def report_sections(data: ProjectData) -> Iterator[tuple[DataPath, Section | None]]:
    """Every 附件3 section with its data path."""
    report = data.requirements_report
    yield ("requirements_report", "owner_overview"), report.owner_overview
    yield ("requirements_report", "overview"), report.overview
    for group in ("necessity", "analysis", "construction"):
        model = getattr(report, group)
        for name in type(model).model_fields:
            yield ("requirements_report", group, name), getattr(model, name)
    yield ("requirements_report", "funding"), report.funding
    # the chapters of other jurisdictions' documents (钦州 实施方案, 江西 技术方案 …) are written the same way
    for path in (
        ("qinzhou", "implementation_plan"),
        ("jiangxi", "technical_plan"),
        ("jiangxi", "om_plan"),
        ("guangxi", "scheme"),
    ):
        model = getattr(getattr(data, path[0]), path[1])
        for name in type(model).model_fields:
            yield (*path, name), getattr(model, name)


def report_images(data: ProjectData) -> Iterator[tuple[DataPath, str]]:
    """(data path of the picture's ``path``, the path as written) of every 附件3 picture."""
    for path, value in report_sections(data):
        if not isinstance(value, list):
            continue
        for index, block in enumerate(value):
            if isinstance(block, ImageBlock) and block.image.path:
                yield (*path, index, "image", "path"), block.image.path


@BOOK.check(Code.TABLE, None, ERR, "附件3 表格每行单元格数与表头一致")
def _tables(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for path, value in report_sections(data):
        if not isinstance(value, list):
            continue
        for index, block in enumerate(value):
            if not isinstance(block, TableBlock):
                continue
            width = len(block.table.columns)
            for row_index, row in enumerate(block.table.rows):
                if len(row) != width:
                    yield Violation(
                        (*path, index, "table", "rows", row_index),
                        f"表格第{row_index + 1}行有 {len(row)} 个单元格，与表头的 {width} 列不一致",
                    )


@BOOK.check(Code.IMAGE, None, ERR, "附件3 图片文件存在")
def _images(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    for where, written in report_images(data):
        target = confined(ctx.base_dir, written)
        if ctx.base_dir is None:
            yield Violation(where, f"数据不是从文件读取的，没有所在的文件夹，无法读取图片文件「{written}」")
        elif target is None:
            yield Violation(
                where, f"图片文件「{written}」不在数据文件所在文件夹内：只能引用该文件夹及其子文件夹中的图片"
            )
        elif not target.is_file():
            yield Violation(where, f"找不到图片文件「{written}」（相对于数据文件所在文件夹）")
        else:
            try:
                read_picture_file(target)  # format, size and every pixel, within the bounds
            except PictureProblem as problem:
                yield Violation(where, f"图片「{written}」{problem.message}")


@BOOK.check(Code.DECL_DATE, None, WARN, "填写申报日期")
def _declaration_date(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.declaration.date is None:
        yield Violation(
            ("declaration", "date"), f"{label('declaration', 'date')}未填写，表头将印为空白日期（年 月 日）"
        )


@BOOK.check(Code.APPENDIX, None, WARN, "附件3 列出附件（编制依据及与项目有关的政策、技术、经济资料）")
def _appendix(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    # the same finding check gives the report built from this data: validate, build and check agree
    if not any(line.strip() for line in data.requirements_report.appendix):
        where = ("requirements_report", "appendix")
        yield Violation(
            where, f"{label(*where)}未填写：需求分析报告的附件一节将为空（一（三）已列出依据文件，此项为提示）"
        )


@BOOK.check(Code.REVIEW, None, WARN, "审查结果、审查单位和日期一并填写")
def _review_complete(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for key in ("network_security", "cryptography"):
        entry = getattr(data.review, key)
        filled = [entry.result is not None, bool(entry.unit), entry.date is not None]
        if any(filled) and not all(filled):
            yield Violation(
                ("review", key),
                f"{label('review', key)}只填写了部分内容：审查结果、审查单位和日期应一并填写",
            )


def _strings(value: object, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in fields_of(type(value)):
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _texts(value: object, found: list[str]) -> None:
    """Every text of ``value``, in the order of ``_strings`` (without their paths: quicker to gather)."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in fields_of(type(value)):
            _texts(getattr(value, name), found)
    elif isinstance(value, list):
        for item in value:
            _texts(item, found)


@BOOK.check(Code.CONTROL_CHAR, None, WARN, "文字中没有 XML 不允许的控制字符")
def _unprintable(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    texts: list[str] = []
    _texts(data, texts)
    if FORBIDDEN_XML_CHARS.search("\n".join(texts)) is None:  # most projects: one search, and done
        return
    for path, text in _strings(data, ()):
        if FORBIDDEN_XML_CHARS.search(text) is None:
            continue
        found = sorted(set(FORBIDDEN_XML_CHARS.findall(text)))
        if found:
            shown = "、".join(f"U+{ord(ch):04X}" for ch in found)
            yield Violation(path, f"「{shown_label(path)}」含有 Word 文档不能容纳的控制字符（{shown}），生成时已删除")


BOOK.note(Code.WAIVER, None, WARN, "例外依据所指的规则是适用办法中“原则上”可例外的规则")
