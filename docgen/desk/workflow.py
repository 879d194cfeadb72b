"""A project's life on the desk, as the 石嘴山 办法 and the filing systems people know lay it out:
暂存 → 提交 → (县区数据局 转报) → 审查 → 退回修改 / 通过 / 不予受理 → 报自治区 → 立项 → 招标 → 备案 →
变更备案 → 验收.

The state machine is data (``STEPS``): each step names the states it leaves, the state it reaches,
who may take it and the article behind it; anything else is a 409 naming the current state.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from docgen.desk.actors import Actor, Role, UnitKind


class State(StrEnum):
    DRAFT = "草稿"
    SUBMITTED = "已提交"
    RETURNED = "退回修改"
    FORWARDED = "已转报"
    APPROVED = "已通过"
    REFUSED = "不予受理"
    REPORTED = "已报自治区"
    APPROVED_PROJECT = "已立项"
    TENDERED = "已招标"
    FILED = "已备案"
    CHANGE_FILING = "变更备案"
    ACCEPTED = "已验收"


class Who(StrEnum):
    """Who takes a step, beyond the role: the project's own unit, or the reviewing 数据局."""

    OWN_CLERK = "项目建设单位的经办人"
    COUNTY = "县区数据局的审查人"
    WAITING = "项目所在审查单位的审查人"
    CITY = "市数据局的审查人"


@dataclass(frozen=True)
class Step:
    action: str
    sources: tuple[State, ...]
    target: State
    who: Who
    article: str
    #: the part of the data the step records (the contract's own section), if any
    section: str | None = None
    #: the 总投资 (万元) from which the step applies
    min_total: Decimal | None = None


REVIEWING = (State.SUBMITTED, State.FORWARDED)
AFTER_APPROVAL = (State.APPROVED, State.REPORTED)

STEPS: tuple[Step, ...] = (
    Step("提交", (State.DRAFT, State.RETURNED), State.SUBMITTED, Who.OWN_CLERK, "第十三条、第十四条"),
    Step("转报", (State.SUBMITTED,), State.FORWARDED, Who.COUNTY, "第十六条"),
    Step("退回修改", REVIEWING, State.RETURNED, Who.WAITING, "第十五条"),
    Step("不予受理", REVIEWING, State.REFUSED, Who.WAITING, "第十三条"),
    Step("通过", REVIEWING, State.APPROVED, Who.CITY, "第十五条"),
    Step("报自治区", (State.APPROVED,), State.REPORTED, Who.CITY, "第十六条", min_total=Decimal(500)),
    Step("立项", AFTER_APPROVAL, State.APPROVED_PROJECT, Who.OWN_CLERK, "第十七条", section="approval"),
    Step(
        "招标",
        (*AFTER_APPROVAL, State.APPROVED_PROJECT),
        State.TENDERED,
        Who.OWN_CLERK,
        "第十七条、第十八条",
        section="procurement",
    ),
    Step("备案", (State.TENDERED, *AFTER_APPROVAL), State.FILED, Who.OWN_CLERK, "第十八条", section="filing"),
    Step(
        "变更备案", (State.FILED, State.CHANGE_FILING), State.CHANGE_FILING, Who.OWN_CLERK, "第十八条", section="filing"
    ),
    Step("验收", (State.FILED, State.CHANGE_FILING), State.ACCEPTED, Who.CITY, "第二十五条", section="acceptance"),
)
#: a review decision → its step
DECISIONS = ("退回修改", "通过", "不予受理", "转报")
#: the state a step reaches → the step (``advance`` names the state)
BY_TARGET = {step.target: step for step in STEPS if step.action not in (*DECISIONS, "提交")}


class IllegalStep(Exception):
    """Not from this state: said with the current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def step_named(action: str, current: State) -> Step:
    for step in STEPS:
        if step.action == action:
            if current not in step.sources:
                allowed = "、".join(f"「{s.value}」" for s in step.sources)
                raise IllegalStep(f"项目当前是「{current.value}」，不能「{action}」（只能在{allowed}时{action}）")
            return step
    raise IllegalStep(f"没有「{action}」这一步")


def may_take(step: Step, actor: Actor, *, own_unit: bool, waiting_at: int | None, county: int | None) -> bool:
    """Whether ``actor`` may take ``step`` on a project (``own_unit``: the actor's unit is the project's;
    ``waiting_at``: the unit reviewing it now; ``county``: the 县区数据局 it went through)."""
    if actor.local:
        return True
    if step.who is Who.OWN_CLERK:
        return actor.role is Role.CLERK and own_unit
    if actor.role is not Role.REVIEWER:
        return False
    if step.who is Who.COUNTY:
        return actor.unit_kind is UnitKind.COUNTY_BUREAU and actor.unit_id == county and waiting_at == county
    if step.who is Who.CITY:
        return actor.unit_kind is UnitKind.CITY_BUREAU and (waiting_at is None or waiting_at == actor.unit_id)
    return actor.unit_id == waiting_at


def table() -> list[dict[str, str]]:
    """The state machine as README and ``docgen`` show it."""
    return [
        {
            "action": step.action,
            "from": "、".join(s.value for s in step.sources),
            "to": step.target.value,
            "who": step.who.value + (f"（总投资 {step.min_total} 万元以上）" if step.min_total is not None else ""),
            "article": step.article,
        }
        for step in STEPS
    ]


__all__ = ["BY_TARGET", "DECISIONS", "STEPS", "IllegalStep", "State", "Step", "Who", "may_take", "step_named", "table"]
