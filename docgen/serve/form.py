"""The project form's layout: which fields of the data model (``docgen.fields``) each section of
the page holds, in the annexes' order, for the 办法 the project follows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from docgen.fields import FieldNode, project_fields
from docgen.rules.profiles import PROFILES

#: the 办法 a project can follow, as the desk names them (from the rule books, never written twice)
PROFILE_NAMES = {key: profile.label for key, profile in PROFILES.items()}
#: the part of the data only one jurisdiction's 办法 reads, by profile
OWN_PARTS = {"qinzhou2016": "qinzhou", "qinzhou2023": "qinzhou", "guangxi": "guangxi", "jiangxi": "jiangxi"}

#: 项目信息 fields shown under 项目基本信息 (the 附件1 table); the rest are 规则审查信息.
BASIC = (
    "name",
    "category",
    "construction_type",
    "owner_unit",
    "leader",
    "participating_units",
    "location",
    "basis",
    "schedule",
    "preparation",
    "materials",
    "remarks",
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[FieldNode, ...]
    #: data paths (dotted) whose findings belong to this section
    prefixes: tuple[str, ...]
    #: filled in by others, or later in the project's life: not the clerk's to complete now
    later: bool = False


def profile_choices() -> list[tuple[str, str]]:
    return list(PROFILE_NAMES.items())


@cache
def form_sections(profile: str = "shizuishan") -> tuple[Section, ...]:
    top = {node.name: node for node in project_fields()}
    project = {node.name: node for node in top["project"].children}
    basic = tuple(project[name] for name in BASIC)
    rules = tuple(node for name, node in project.items() if name not in BASIC and name != "investment")
    others = [top[name] for name in ("plan", "reporting") if name in top]
    own = OWN_PARTS.get(profile)
    if own and own in top:
        others.append(top[own])
    if "waivers" in top:
        others.append(top["waivers"])
    later = tuple(top[name] for name in ("review_process", "approval", "procurement", "filing", "acceptance"))
    sections = (
        Section("declaration", "附件1 表头", (top["declaration"],), ("declaration",)),
        Section("basic", "项目基本信息", basic, tuple(f"project.{n.name}" for n in basic)),
        Section("investment", "投资与资金来源", (project["investment"],), ("project.investment",)),
        Section("rules", "规则审查信息", rules, tuple(f"project.{n.name}" for n in rules)),
        Section("security", "附件2 网络安全和密码", (top["security"],), ("security",)),
        Section("review", "审查部分", (top["review"],), ("review",), later=True),
        Section("report", "附件3 需求分析报告", (top["requirements_report"],), ("requirements_report",)),
        Section("later", "立项、采购、备案、验收", later, tuple(n.name for n in later), later=True),
        Section("others", "适用办法与例外", tuple(others), tuple(n.name for n in others)),
    )
    return sections


__all__ = ["BASIC", "PROFILE_NAMES", "Section", "form_sections", "profile_choices"]
