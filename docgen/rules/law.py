"""Rules of the 管理办法, declared as data.

A :class:`LawRule` is one row of rules.md: its id (``SZS-14.3``), article,
kind (error / warning / info / document-required), its text, its thresholds as
numbers, and — for what the data can show — a check and/or the documents it
requires. A :class:`Profile` is one jurisdiction's 办法: every rule in one
tuple, so a reader sees all of them in one place (``docgen rules``).

The engine here turns rules into findings (the message ends with the article),
applies waivers to rules worded 原则上, and derives the required-materials list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from docgen.errors import Finding, Severity
from docgen.models import ProjectData
from docgen.rules import CheckContext, Violation, finding_at
from docgen.rules.documents import DOCUMENTS, listed_in


class Kind(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    DOCUMENT = "document-required"


KIND_LABEL = {Kind.ERROR: "错误", Kind.WARNING: "警告", Kind.INFO: "提示", Kind.DOCUMENT: "材料要求"}


@dataclass(frozen=True)
class Need:
    """A document the project must submit, because of one rule."""

    document: str  # key of DOCUMENTS
    condition: str  # why, in Chinese: 「总投资1500万元以下」
    stage: str = "申报"  # 申报 / 备案 / 验收 / 报批
    present: bool | None = None  # the data itself shows the document exists (e.g. a catalogue)


LawCheck = Callable[[ProjectData, "LawRule", CheckContext], Iterable[Violation]]
NeedFn = Callable[[ProjectData, "LawRule"], Iterable[Need]]


@dataclass(frozen=True)
class LawRule:
    id: str
    article: str
    kind: Kind
    text: str
    check: LawCheck | None = None
    needs: NeedFn | None = None
    thresholds: Mapping[str, Decimal] = field(default_factory=dict)
    waivable: bool = False
    reading: str | None = None  # how a disputed wording (rules.md §7) is read here
    always: bool = False  # applies even when the profile's full rule set does not (e.g. 备案 below 60万)

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.kind is Kind.WARNING else Severity.ERROR

    def t(self, key: str) -> Decimal:
        return self.thresholds[key]


@dataclass(frozen=True)
class Profile:
    key: str
    name: str  # 《石嘴山市政务信息化项目管理办法》
    jurisdiction: str
    seed: str
    status: str  # 送审稿 / 征求意见稿 / 现行
    rules: tuple[LawRule, ...]
    full_rules_apply: Callable[[ProjectData], bool] | None = None
    scope_note: str = ""
    describe_scope: Callable[[ProjectData], str] | None = None  # one sentence for the 材料清单

    def scope_for(self, data: ProjectData) -> str:
        return self.describe_scope(data) if self.describe_scope else self.scope_note

    def rule(self, rule_id: str) -> LawRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def active(self, data: ProjectData) -> list[LawRule]:
        full = self.full_rules_apply is None or self.full_rules_apply(data)
        return [rule for rule in self.rules if full or rule.always]


@dataclass(frozen=True)
class RequiredMaterial:
    """One line of the 材料清单: a document, every rule that requires it, the stage."""

    document: str
    title: str
    stage: str
    bases: tuple[tuple[str, str, str], ...]  # (rule id, article, condition)
    present: bool | None
    form: str | None

    @property
    def articles(self) -> str:
        return "；".join(f"{article}（{condition}）" for _, article, condition in self.bases)


def _waiver_basis(data: ProjectData, rule_id: str) -> str | None:
    for waiver in data.waivers:
        if waiver.rule and waiver.rule.strip().upper() == rule_id.upper() and waiver.basis and waiver.basis.strip():
            return waiver.basis.strip()
    return None


def evaluate(
    profile: Profile,
    data: ProjectData,
    context: CheckContext,
    line_for: Callable[[tuple[str | int, ...]], int | None],
) -> list[Finding]:
    """Every finding of the profile's rules, with the article in the message and the field."""
    findings: list[Finding] = []
    active = profile.active(data)
    for rule in active:
        if rule.check is None or rule.kind is Kind.INFO:
            continue
        for violation in rule.check(data, rule, context):
            message = f"{violation.message}（{rule.article}）"
            severity = violation.severity or rule.severity
            basis = _waiver_basis(data, rule.id) if rule.waivable else None
            if basis is not None and severity is Severity.ERROR:
                severity = Severity.INFO
                message += f"；已按例外依据「{basis}」不作为错误"
            findings.append(finding_at(severity, rule.id, message, violation.path, line_for, rule.article))
    findings += _missing_materials(required_materials(profile, data), data, line_for)
    findings += _stray_waivers(profile, data, line_for)
    return findings


def required_materials(profile: Profile, data: ProjectData) -> list[RequiredMaterial]:
    """The documents this project must submit under ``profile``, merged by document, in rule order."""
    merged: dict[str, RequiredMaterial] = {}
    for rule in profile.active(data):
        if rule.needs is None:
            continue
        for need in rule.needs(data, rule):
            doc = DOCUMENTS[need.document]
            basis = (rule.id, rule.article, need.condition)
            found = merged.get(need.document)
            if found is None:
                merged[need.document] = RequiredMaterial(
                    need.document, doc.title, need.stage, (basis,), need.present, doc.form
                )
            else:
                present = found.present if need.present is None else need.present
                merged[need.document] = RequiredMaterial(
                    found.document, found.title, found.stage, (*found.bases, basis), present, found.form
                )
    return list(merged.values())


def _missing_materials(
    required: list[RequiredMaterial],
    data: ProjectData,
    line_for: Callable[[tuple[str | int, ...]], int | None],
) -> list[Finding]:
    """With 申报材料 given, each required 申报 document it does not name is an error."""
    listed = [item for item in data.project.materials if item and item.strip()]
    if not listed:
        return []  # 申报材料 is derived from the rules instead
    findings = []
    for material in required:
        if material.stage != "申报" or material.present or listed_in(DOCUMENTS[material.document], listed):
            continue
        rule_id, article, condition = material.bases[0]
        message = f"「申报材料」未列出「{material.title}」：{condition}，应提交（{article}）"
        findings.append(finding_at(Severity.ERROR, rule_id, message, ("project", "materials"), line_for, article))
    return findings


def _stray_waivers(
    profile: Profile, data: ProjectData, line_for: Callable[[tuple[str | int, ...]], int | None]
) -> list[Finding]:
    findings = []
    waivable = {rule.id.upper() for rule in profile.rules if rule.waivable}
    for index, waiver in enumerate(data.waivers):
        if waiver.rule and waiver.rule.strip().upper() not in waivable:
            message = f"例外依据所指规则「{waiver.rule}」不是{profile.name}中“原则上”可例外的规则，该例外不起作用"
            findings.append(finding_at(Severity.WARNING, "DG-WAIVER", message, ("waivers", index, "rule"), line_for))
    return findings
