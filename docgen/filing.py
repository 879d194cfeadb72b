"""The 备案 of 第十八条 (石嘴山): what each kind of project files, from which data, and by when.

One definition for the 备案信息表 (rendering), the rules that find what is missing (SZS-18.x),
``docgen diff`` (which changes must be filed again) and ``docgen summary`` (备案 status).

第十八条第（一）项: 新建、改建、扩建 and 购买服务 projects file within one month of the tender,
运维 projects within one month after the budget year, and every change within one month.
第十八条第（二）项 lists the contents by kind; 第4目 adds 「其他应备案内容」.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docgen.formatting import amount, date_cn
from docgen.models import ProjectData

ARTICLE = "第十八条"
MONTHS = 1  # every 备案 duty of 第十八条第（一）项 runs one month

#: 建设性质 → the kind of 备案 (第十八条第（二）项第1–3目).
KINDS = {"新建": "construction", "改建": "construction", "扩建": "construction", "购买服务": "service", "运维": "om"}
KIND_TITLES = {"construction": "新建、改建、扩建类项目", "service": "购买服务类项目", "om": "运行维护类项目"}
KIND_ITEMS = {"construction": "第1目", "service": "第2目", "om": "第3目"}


@dataclass(frozen=True)
class FilingItem:
    label: str  # as the article writes it
    path: tuple[str, ...]  # the data it comes from


_NAME = FilingItem("项目名称", ("project", "name"))
_FUNCTIONS = FilingItem("主要功能", ("filing", "main_functions"))
_SERVICE = FilingItem("服务内容", ("filing", "service_content"))
_OM = FilingItem("运维服务内容", ("filing", "om_content"))
_BIDDER = FilingItem("中标单位", ("procurement", "winning_bidder"))
_SETTLEMENT = FilingItem("结算金额", ("procurement", "settlement_amount"))
_APPROVER = FilingItem("审批部门", ("approval", "approver"))
_SOURCES = FilingItem("资金来源", ("project", "investment", "sources"))
_CATALOG = FilingItem("信息资源目录", ("project", "data_catalog", "items"))
_SHARING = FilingItem("信息共享开放", ("filing", "info_sharing"))
_MLPS = FilingItem("政务信息化系统网络安全等级保护备案情况", ("filing", "mlps_filing_status"))
_CRYPTO = FilingItem("密码应用", ("filing", "crypto_application"))
_ASSESSMENT = FilingItem("安全性评估情况", ("filing", "security_assessment"))
_PERIOD = FilingItem("服务期限", ("project", "service_period_years"))
_FUNDS = FilingItem("资金使用情况", ("filing", "funds_usage"))
OTHER = FilingItem("其他应备案内容", ("filing", "other"))

ITEMS: dict[str, tuple[FilingItem, ...]] = {
    "construction": (
        _NAME,
        _FUNCTIONS,
        _BIDDER,
        _SETTLEMENT,
        _APPROVER,
        _SOURCES,
        _CATALOG,
        _SHARING,
        _MLPS,
        _CRYPTO,
        _ASSESSMENT,
    ),
    "service": (_NAME, _SERVICE, _BIDDER, _SETTLEMENT, _APPROVER, _SOURCES, _PERIOD),
    "om": (_NAME, _OM, _BIDDER, _SETTLEMENT, _FUNDS),
}
#: 改建、扩建 also file the earlier project's third-party evaluation (an attachment, not a row).
EVALUATION = "前期项目第三方评价报告"


def kind_of(data: ProjectData) -> str | None:
    return KINDS.get(data.project.construction_type or "")


def items_for(kind: str | None) -> tuple[FilingItem, ...]:
    """The rows of the 备案信息表 for ``kind``; for no kind (a blank form) every row of the article, once."""
    if kind is not None:
        return ITEMS[kind]
    seen: dict[str, FilingItem] = {}
    for items in ITEMS.values():
        for item in items:
            seen.setdefault(item.label, item)
    return tuple(seen.values())


def filing_paths() -> set[tuple[str, ...]]:
    """Every data path that is 备案 information (a change to it must be filed again)."""
    return {item.path for items in ITEMS.values() for item in items} | {OTHER.path}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has none (民法典第二百零二条)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def at_filing_stage(data: ProjectData) -> bool:
    """The project has reached 备案: filed already, tendered (新建、改建、扩建、购买服务), or a 运维
    project with its budget year given. A project still being applied for has not."""
    kind = kind_of(data)
    if data.filing.filed_on is not None:
        return True
    if kind in ("construction", "service"):
        return data.procurement.tender_completed_on is not None
    return kind == "om" and data.filing.budget_year is not None


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    reason: str  # 「完成项目招标后一个月内」 …


def deadline(data: ProjectData) -> Deadline | None:
    """By when the project must file (again): a change first, else its kind's first 备案."""
    if data.filing.changed_on is not None:
        return Deadline(add_months(data.filing.changed_on, MONTHS), "备案信息变更后一个月内")
    kind = kind_of(data)
    tender = data.procurement.tender_completed_on
    if kind in ("construction", "service") and tender is not None:
        return Deadline(add_months(tender, MONTHS), "完成项目招标后一个月内")
    year = data.filing.budget_year
    if kind == "om" and year is not None:
        return Deadline(add_months(dt.date(year, 12, 31), MONTHS), "预算年度结束后一个月内")
    return None


def status(data: ProjectData, today: dt.date) -> str:
    """「已备案（2027年4月2日）」「未备案，应在2027年4月15日前」「逾期未备案（应在…前）」「不适用（尚未招标）」."""
    due = deadline(data)
    filed = data.filing.filed_on
    changed = data.filing.changed_on
    if changed is not None and (data.filing.updated_on is None or data.filing.updated_on < changed):
        late = due is not None and today > due.due
        return f"{'逾期未更新' if late else '变更待更新'}（应在{date_cn(due.due) if due else ''}前）"
    if filed is not None:
        return f"已备案（{date_cn(filed)}）"
    if due is None:
        return "尚未到备案环节"
    return f"{'逾期未备案' if today > due.due else '未备案'}（应在{date_cn(due.due)}前）"


def value_text(data: ProjectData, item: FilingItem) -> str:
    """What the 备案信息表 prints for ``item``: '' when the data has nothing."""
    if item is _SOURCES:
        sources = data.project.investment.sources
        parts = [
            (label, value)
            for label, value in (
                ("国家资金", sources.national),
                ("自治区资金", sources.autonomous_region),
                ("市级资金", sources.municipal),
                ("社会资金", sources.social),
                ("自筹资金", sources.self_funded),
            )
            if value
        ]
        return "、".join(f"{label}{amount(value)}万元" for label, value in parts)
    if item is _CATALOG:
        names = [entry.name for entry in data.project.data_catalog.items if entry.name]
        return f"{'、'.join(names)}（共{len(names)}项）" if names else ""
    node: object = data
    for step in item.path:
        node = getattr(node, step)
    if node is None:
        return ""
    if isinstance(node, Decimal):
        return f"{amount(node)}{'年' if item is _PERIOD else '万元'}"
    return str(node).strip()
