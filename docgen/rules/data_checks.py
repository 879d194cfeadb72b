"""docgen's own checks of one project's data: consistency between fields that
the annexes print side by side (forms.md §4), plausibility, and the shape of
附件3 blocks. None of them is an article of the 办法, so ``article`` is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from docgen.errors import Severity
from docgen.formatting import FORBIDDEN_XML_CHARS, amount
from docgen.models import ProjectData, Section, TableBlock
from docgen.rules import CheckContext, Rule, Violation


def _schedule(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    s = data.project.schedule
    if s.start and s.end and s.start > s.end:
        yield Violation(
            ("project", "schedule", "end"),
            f"「完成时间」{s.end.isoformat()} 早于「起始时间」{s.start.isoformat()}",
        )


def _this_year(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    if inv.total is not None and inv.this_year is not None and inv.this_year > inv.total:
        yield Violation(
            ("project", "investment", "this_year"),
            f"「本年度预计投入（万元）」{amount(inv.this_year)} 大于「项目预计总投资（万元）」{amount(inv.total)}",
        )


def _sum_differs(
    amounts: list[Decimal | None], total: Decimal | None, path: tuple[str, ...], what: str
) -> Iterator[Violation]:
    if total is None or not amounts or any(a is None for a in amounts):
        return
    found = sum(amounts, Decimal(0))  # type: ignore[arg-type]
    if found != total:
        yield Violation(path, f"{what}合计 {amount(found)} 万元，与「项目预计总投资（万元）」{amount(total)} 不一致")


def _sources_sum(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    parts = [inv.sources.national, inv.sources.autonomous_region, inv.sources.municipal, inv.sources.social]
    what = "「计划资金来源」国家资金、自治区资金、市级资金、社会资金"
    yield from _sum_differs(parts, inv.total, ("project", "investment", "sources"), what)


def _items_sum(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    inv = data.project.investment
    amounts = [item.amount for item in inv.items]
    yield from _sum_differs(amounts, inv.total, ("project", "investment", "items"), "「投资构成」各项")


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


def plausible_phone(text: str) -> bool:
    numbers = [n.strip() for n in re.split(r"[、,，/；;]", text) if n.strip()]
    return bool(numbers) and all(_PHONE.match(n) for n in numbers)


def _phones(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    for key in ("leader", "responsible_person"):
        phone = getattr(data.project, key).phone
        if phone and phone.strip() and not plausible_phone(phone.strip()):
            yield Violation(
                ("project", key, "phone"),
                f"「联系电话」「{phone}」不像有效的电话号码（座机如 0952-2011234，手机如 13800000000）",
            )


def report_sections(data: ProjectData) -> Iterator[tuple[tuple[str | int, ...], Section | None]]:
    """Every 附件3 section with its data path."""
    report = data.requirements_report
    yield ("requirements_report", "owner_overview"), report.owner_overview
    yield ("requirements_report", "overview"), report.overview
    for group in ("necessity", "analysis", "construction"):
        model = getattr(report, group)
        for name in type(model).model_fields:
            yield ("requirements_report", group, name), getattr(model, name)
    yield ("requirements_report", "funding"), report.funding


def _tables(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
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


_PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def _is_picture(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(8)
    return head.startswith(_PICTURE_MAGIC)


def _images(data: ProjectData, ctx: CheckContext) -> Iterator[Violation]:
    from docgen.models import ImageBlock

    for path, value in report_sections(data):
        if not isinstance(value, list):
            continue
        for index, block in enumerate(value):
            if not isinstance(block, ImageBlock) or not block.image.path:
                continue
            base = ctx.base_dir
            target = (base / block.image.path) if base else None
            where = (*path, index, "image", "path")
            if target is None or not target.is_file():
                yield Violation(where, f"找不到图片文件「{block.image.path}」（相对于数据文件所在文件夹）")
            elif not _is_picture(target):
                yield Violation(where, f"「{block.image.path}」不是 PNG、JPEG、GIF 或 BMP 图片")


def _declaration_date(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    if data.declaration.date is None:
        yield Violation(("declaration", "date"), "「申报日期」未填写，表头将印为空白日期（年 月 日）")


def _review_complete(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    for key, label in (("network_security", "网络安全审查"), ("cryptography", "密码保护审查")):
        entry = getattr(data.review, key)
        filled = [entry.result is not None, bool(entry.unit), entry.date is not None]
        if any(filled) and not all(filled):
            yield Violation(
                ("review", key),
                f"「{label}」只填写了部分内容：审查结果、审查单位和日期应一并填写",
            )


def _strings(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _unprintable(data: ProjectData, _ctx: CheckContext) -> Iterator[Violation]:
    for path, text in _strings(data, ()):
        found = sorted(set(FORBIDDEN_XML_CHARS.findall(text)))
        if found:
            shown = "、".join(f"U+{ord(ch):04X}" for ch in found)
            yield Violation(path, f"含有 Word 文档不能容纳的控制字符（{shown}），生成时已删除")


DATA_RULES: tuple[Rule, ...] = (
    Rule("DG-SCHEDULE", Severity.ERROR, "起始时间不晚于完成时间", _schedule, source="forms.md X-02"),
    Rule("DG-THIS-YEAR", Severity.ERROR, "本年度预计投入不大于项目预计总投资", _this_year, source="forms.md X-03"),
    Rule(
        "DG-SOURCES", Severity.WARNING, "四项计划资金来源合计等于项目预计总投资", _sources_sum, source="forms.md X-04"
    ),
    Rule("DG-ITEMS", Severity.ERROR, "投资构成各项合计等于项目预计总投资", _items_sum),
    Rule("DG-PHONE", Severity.WARNING, "联系电话像有效的电话号码", _phones),
    Rule("DG-TABLE", Severity.ERROR, "附件3 表格每行单元格数与表头一致", _tables),
    Rule("DG-IMAGE", Severity.ERROR, "附件3 图片文件存在", _images),
    Rule("DG-DECL-DATE", Severity.WARNING, "填写申报日期", _declaration_date),
    Rule("DG-REVIEW", Severity.WARNING, "审查结果、审查单位和日期一并填写", _review_complete),
    Rule("DG-CONTROL-CHAR", Severity.WARNING, "文字中没有 XML 不允许的控制字符", _unprintable),
)
