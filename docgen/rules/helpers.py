"""Small pieces the profile modules share: labels, numbers in Chinese, dates, review results."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from pydantic import BaseModel

from docgen.filing import add_months as add_months  # defined beside the 备案 deadlines; profiles take it from here
from docgen.formatting import amount
from docgen.models import ProjectData, field_labels
from docgen.normalize import says_nothing
from docgen.outline import PLANS_BY_FORM, empty_parts
from docgen.rules.engine import Violation


def label(*path: str | int) -> str:
    """「项目预计总投资（万元）」 for ('project', 'investment', 'total')."""
    return f"「{field_labels(tuple(path))[-1]}」"


def wan(value: Decimal | int | None) -> str:
    return f"{amount(Decimal(value))}万元" if value is not None else "（未填写）"


def cost_sum(data: ProjectData, categories: Iterable[str]) -> Decimal | None:
    """Σ of the 投资构成 items of these categories; None when no item is given."""
    items = data.project.investment.items
    if not items:
        return None
    wanted = set(categories)
    return sum((item.amount or Decimal(0) for item in items if item.category in wanted), Decimal(0))


def true_flags(model: BaseModel, names: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(field name, Chinese label) of the boolean fields set to true."""
    fields = type(model).model_fields
    return [(name, fields[name].title or name) for name in (names or fields) if getattr(model, name) is True]


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return says_nothing(value)  # blank, 「待定」「同上」「……」「无」: the one list, docgen.normalize
    if isinstance(value, list):
        return not any(not is_blank(v) for v in value)
    return False


def failed_reviews(data: ProjectData, consequence: str) -> Iterator[Violation]:
    """A violation for each review (网络安全、密码保护) whose result is 不符合, saying what follows."""
    for key in ("network_security", "cryptography"):
        if getattr(data.review, key).result == "不符合":
            yield Violation(("review", key, "result"), f"{label('review', key)}结果为不符合，{consequence}")


_LEVEL = re.compile(
    r"第\s*([一二三四五1-5])\s*级|([一二三四五1-5])\s*级\s*(?:等保|等级保护|系统)|等(?:级保护|保)\s*([一二三四五1-5])\s*级"
)


def stated_level(text: str | None) -> int | None:
    """The 等级保护 level a 网络安全保护基本情况 states (「拟定为等级保护第三级」「三级等保」), or None."""
    match = _LEVEL.search(text or "")
    if match is None:
        return None
    digit = next(group for group in match.groups() if group)
    return "一二三四五".index(digit) + 1 if digit in "一二三四五" else int(digit)


def empty_chapters(data: ProjectData, form: str) -> Iterator[Violation]:
    """A violation for each chapter of another 办法's document (``docgen.outline.PLANS``) that the
    data leaves empty, at the field that would fill it."""
    plan = PLANS_BY_FORM[form]
    title = plan.title.removeprefix("广西壮族自治区本级政务信息化项目").removeprefix("江西省数字化项目")
    for part in empty_parts(data, plan):
        path = part.sources[0] if part.sources else ("project",)
        field = label(*path)
        where = "" if part.title in field else f"：{field}未填写"
        yield Violation(path, f"{title}的「{part.text}」没有内容{where}")
