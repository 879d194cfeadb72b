"""The project form's layout: which fields of the data model (``docgen.fields``) each section of
the page holds, in the annexes' order, for the 办法 the project follows.

The annexes' data (申报信息, 项目基本信息, 投资, 网络安全和密码, 需求分析报告) is every 办法's: each
builds its documents from it. Every other field — 规则审查信息, a jurisdiction's own part, the
stages after approval, the 例外依据 — is shown only under a 办法 that reads it: its rules or the
documents it builds (``docgen.rules.reads``), so a 石嘴山 filer never meets 钦州's or 江西's
questions. A field that already holds a value is shown whatever the 办法 (nothing the project
holds is ever hidden from it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from docgen.fields import FieldNode, project_fields
from docgen.forms import ANNEXES, FORMS, Form
from docgen.rules.profiles import DEFAULT_PROFILE, PROFILES
from docgen.rules.reads import profile_reads, reads_field

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
#: the stages after approval: filled once the project is approved, not now
LATER = ("review_process", "approval", "procurement", "filing", "acceptance", "reporting")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[FieldNode, ...]
    #: data paths (dotted) whose findings belong to this section
    prefixes: tuple[str, ...]
    #: not the clerk's to complete now: "review" (the reviewers', after submission) or "approved"
    later: str = ""


def profile_choices() -> list[tuple[str, str]]:
    return list(PROFILE_NAMES.items())


def _holds(data: Any, path: tuple[str, ...]) -> bool:
    node = data
    for step in path:
        if not isinstance(node, dict):
            return False
        node = node.get(step)
    if isinstance(node, str):
        return bool(node.strip())
    if isinstance(node, list | dict):
        return any(_holds_value(item) for item in (node.values() if isinstance(node, dict) else node))
    return node is not None


def _holds_value(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_holds_value(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_value(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def _kept(node: FieldNode, keep: Any) -> FieldNode | None:
    """``node`` with only the fields ``keep`` accepts (a group without any is dropped)."""
    if node.kind != "group":
        return node if keep(node) else None
    children = tuple(child for child in (_kept(c, keep) for c in node.children) if child is not None)
    return replace(node, children=children) if children else None


def _kept_all(nodes: Iterable[FieldNode], keep: Any) -> tuple[FieldNode, ...]:
    return tuple(found for found in (_kept(node, keep) for node in nodes) if found is not None)


def _annex_title(form: Form, words: str, forms: tuple[Form, ...]) -> str:
    """「附件1 表头」 where the 办法 builds that annex, its plain words elsewhere."""
    return f"{FORMS[form].annex} {words}" if form in forms else words


def form_sections(profile: str | None = None, data: Any = None, needed: Iterable[str] = ()) -> tuple[Section, ...]:
    """The sections of the form of a project following ``profile``, holding ``data``; ``needed``: the
    fields (dotted) the project must fill (``docgen.desk.needed``), shown whoever asks for them."""
    key = profile if profile in PROFILES else DEFAULT_PROFILE
    chosen = PROFILES[key]
    reads = profile_reads(key)
    forms = tuple(form for form in chosen.forms if form in ANNEXES)

    asked = set(needed)

    def keep(node: FieldNode) -> bool:
        if node.mandatory or node.dotted in asked:  # the data format's 必填 is every 办法's
            return True
        return reads_field(reads, node.path) or _holds(data or {}, node.path)

    top = {node.name: node for node in project_fields()}
    project = {node.name: node for node in top["project"].children}
    basic = tuple(project[name] for name in BASIC)
    rules = _kept_all((node for name, node in project.items() if name not in BASIC and name != "investment"), keep)
    own_part = OWN_PARTS.get(key)
    own = _kept_all([top["plan"], *([top[own_part]] if own_part else [])], keep)
    others = [top[part] for part in sorted(set(OWN_PARTS.values())) if part != own_part]
    elsewhere = _kept_all(others, lambda node: _holds(data or {}, node.path))
    later = _kept_all((top[name] for name in LATER), keep)
    waivers = _kept_all([top["waivers"]], keep)
    sections = [
        Section(
            "declaration",
            _annex_title(Form.APPLICATION, "表头", forms) if forms else top["declaration"].label,
            (top["declaration"],),
            ("declaration",),
        ),
        Section("basic", "项目基本信息", basic, tuple(f"project.{n.name}" for n in basic)),
        Section("investment", "投资与资金来源", (project["investment"],), ("project.investment",)),
        Section("rules", "规则审查信息", rules, tuple(f"project.{n.name}" for n in rules)),
        Section("own", top[own_part].label if own_part else top["plan"].label, own, tuple(n.dotted for n in own)),
        Section("security", _annex_title(Form.SECURITY, "网络安全和密码", forms), (top["security"],), ("security",)),
        Section("review", "审查部分", (top["review"],), ("review",), later="review"),
        Section(
            "report",
            _annex_title(Form.REQUIREMENTS, "需求分析报告", forms),
            (top["requirements_report"],),
            ("requirements_report",),
        ),
        Section("later", "立项、采购、备案、验收", later, tuple(n.dotted for n in later), later="approved"),
        Section("waivers", "例外依据", waivers, ("waivers",)),
        Section("elsewhere", "其他办法的信息（本办法不使用）", elsewhere, tuple(n.dotted for n in elsewhere)),
    ]
    return tuple(section for section in sections if section.fields)


__all__ = ["BASIC", "PROFILE_NAMES", "Section", "form_sections", "profile_choices"]
