"""One rule type, rule books, and one evaluation.

A :class:`Rule` is one checkable sentence: a stable id (``SZS-14.3``, ``DG-ITEMS``),
the article it comes from (None for docgen's own consistency checks), its kind,
its wording — with every number written as a ``{threshold}`` field, so each number
exists once, in ``thresholds`` — its applicability (:class:`When`, data that
``docgen rules`` shows), and the check and/or the documents it requires.

A :class:`RuleBook` holds the rules of one source: docgen's own book (always on)
or one jurisdiction's 办法 (a :class:`Profile`). Rules are declared where their
check is written, with the book's decorators::

    @BOOK.check("SZS-14.3", "第十四条", ERR, "工程类项目应包含至少{min_years:cn}年的系统免费运维期",
                thresholds={"min_years": 3}, when=When(category=("工程类",)))
    def _free_maintenance(data, rule, ctx): ...

:func:`evaluate` runs several books over one project and applies the precedence
written in :data:`PRECEDENCE`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from docgen import filing
from docgen.errors import Code, Finding, Severity
from docgen.formatting import amount, cn
from docgen.forms import Form
from docgen.models import ProjectData, field_labels
from docgen.rules.documents import DOCUMENTS, listed_in

DataPath = tuple[str | int, ...]
LineFor = Callable[[DataPath], int | None]


class Kind(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    DOCUMENT = "document-required"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示", "document-required": "材料要求"}[self.value]


class Stage(StrEnum):
    """The steps of a project, in order: a rule applies from its stage on (``docgen rules`` shows it).

    申报 (the application), 立项 (approved; funds are arranged), 采购 (tendered, contracted or
    under way), 备案 (filed, or due to file), 验收 (completed, accepted or in service).
    """

    DECLARE = "申报"
    APPROVE = "立项"
    PROCURE = "采购"
    FILE = "备案"
    ACCEPT = "验收"

    @property
    def rank(self) -> int:
        return _STAGE_RANKS[self]


_STAGE_RANKS = {stage: index for index, stage in enumerate(Stage)}  # asked for every rule of every project


def stage_of(data: ProjectData) -> Stage:
    """The furthest stage the data shows the project has reached (申报 when it shows none)."""
    a, p, r = data.acceptance, data.procurement, data.reporting
    accepted = (a.prelim_on, a.trial_run_start, a.trial_run_end, a.final_on, a.result, a.in_service_on)
    if any(v is not None for v in (*accepted, a.completed_on, a.applied_on, a.attempts)):
        return Stage.ACCEPT
    if filing.at_filing_stage(data) or data.filing.changed_on is not None or data.filing.updated_on is not None:
        return Stage.FILE
    bought = (p.tender_completed_on, p.winning_bidder, p.settlement_amount, p.contract_signed_on, p.contract_term_years)
    if any(v is not None for v in bought) or p.contract_parties or data.jiangxi.started_on is not None:
        return Stage.PROCURE
    approved = (data.approval.approved_on, data.approval.doc_no, data.approval.approver, r.year_end_budget_report)
    if any(v is not None for v in approved) or r.quarterly_funds_reports:
        return Stage.APPROVE
    return Stage.DECLARE


@dataclass(frozen=True)
class Violation:
    path: DataPath
    message: str
    severity: Severity | None = None  # overrides the rule's own, e.g. a heuristic reported as a warning


@dataclass(frozen=True)
class CheckContext:
    """What a check may need besides the data: the folder relative paths start from,
    and the day deadlines are measured against (today unless a caller fixes it)."""

    base_dir: Path | None = None
    today: dt.date | None = None
    #: The forms of the package being checked (``check``): a document that is in it need not be
    #: listed in 申报材料 — a filled 附件1 is itself the 申报表 it would have to name.
    package: frozenset[Form] = frozenset()

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass(frozen=True)
class Need:
    """A document the project must submit, because of one rule."""

    document: str  # key of DOCUMENTS
    condition: str  # why, in Chinese: 「总投资1500万元以下」
    stage: str = "申报"  # 申报 / 备案 / 验收 / 报批
    present: bool | None = None  # the data itself shows the document exists (e.g. a catalogue)
    separate: bool = True  # a document of its own, to be named in 申报材料 (False: part of another one)


CheckFn = Callable[[ProjectData, "Rule", CheckContext], Iterable[Violation]]
NeedFn = Callable[[ProjectData, "Rule"], Iterable[Need]]

#: The fields a :class:`When` may test, by short name.
WHEN_FIELDS: dict[str, DataPath] = {
    "category": ("project", "category"),
    "construction_type": ("project", "construction_type"),
    "level": ("project", "level"),
    "declaration_type": ("plan", "declaration_type"),
    "jiangxi_level": ("jiangxi", "level"),
}


@dataclass(frozen=True)
class When:
    """Applicability as data: the rule applies only when each named field holds one of
    the given values (``When(category=("工程类",))``). Shown by ``docgen rules``."""

    category: tuple[str, ...] = ()
    construction_type: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    declaration_type: tuple[str, ...] = ()
    jiangxi_level: tuple[str, ...] = ()

    @cached_property
    def _conditions(self) -> tuple[tuple[DataPath, tuple[str, ...]], ...]:
        return tuple((path, getattr(self, name)) for name, path in WHEN_FIELDS.items() if getattr(self, name))

    def conditions(self) -> Iterator[tuple[DataPath, tuple[str, ...]]]:
        return iter(self._conditions)

    def applies(self, data: ProjectData) -> bool:
        for path, values in self._conditions:
            node: Any = data
            for step in path:
                node = getattr(node, str(step))
            if node not in values:
                return False
        return True

    def describe(self) -> str:
        """「项目类别」为工程类；「建设性质」为新建、改建、扩建"""
        return "；".join(f"「{field_labels(path)[-1]}」为{'、'.join(values)}" for path, values in self.conditions())

    def to_dict(self) -> dict[str, list[str]]:
        return {".".join(map(str, path)): list(values) for path, values in self.conditions()}


ALWAYS = When()


class _Number:
    """A threshold inside a rule's wording: ``{x}`` prints 60, ``{x:cn}`` prints 三,
    ``{x:count}`` prints a count as the 办法 say it (两年, 三年)."""

    def __init__(self, value: Decimal) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return cn(self.value, count=spec == "count") if spec in ("cn", "count") else amount(self.value)


@dataclass(frozen=True)
class Rule:
    id: str
    article: str | None  # None: docgen's own check, not an article of a 办法
    kind: Kind
    wording: str  # the rule's sentence, numbers as {threshold} fields
    check: CheckFn | None = None
    needs: NeedFn | None = None
    thresholds: Mapping[str, Decimal] = field(default_factory=dict)
    when: When = ALWAYS
    waivable: bool = False
    reading: str | None = None  # how a disputed wording (rules.md §7) is read here
    always: bool = False  # applies even when the profile's full rule set does not (e.g. 备案 below 60万)
    stage: Stage = Stage.DECLARE  # the step of the project from which the rule applies
    scope: bool = False  # decides the 办法's scope: the only rule that runs for a project outside it

    @property
    def text(self) -> str:
        """The wording with its thresholds filled in."""
        return self.wording.format(**{key: _Number(value) for key, value in self.thresholds.items()})

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.kind is Kind.WARNING else Severity.ERROR

    def t(self, key: str) -> Decimal:
        return self.thresholds[key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "kind": self.kind.value,
            "waivable": self.waivable,
            "text": self.text,
            "thresholds": {key: float(value) if value % 1 else int(value) for key, value in self.thresholds.items()},
            "when": self.when.to_dict(),
            "stage": self.stage.value if self.article else None,
            "reading": self.reading,
        }

    def line(self) -> str:
        """SZS-14.3  第十四条  错误  工程类项目应包含至少三年的系统免费运维期  适用：…  阈值：min_years=3"""
        parts = [
            self.id,
            self.article or "docgen",
            self.kind.label + ("（可例外）" if self.waivable else ""),
            self.text,
        ]
        if self.article:  # docgen's own checks apply at every stage
            parts.append(f"环节：{self.stage.value}")
        if self.when != ALWAYS:
            parts.append(f"适用：{self.when.describe()}")
        if self.thresholds:
            parts.append("阈值：" + "，".join(f"{key}={amount(value)}" for key, value in self.thresholds.items()))
        if self.reading:
            parts.append(f"解读：{self.reading}")
        return "  ".join(parts)


def _natural(rule_id: str) -> tuple[Any, ...]:
    """SZS-4.1 < SZS-13.0 < SZS-13.10: numbers compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"[-.]", rule_id))


def _decimals(values: Mapping[str, Decimal | int | str] | None) -> dict[str, Decimal]:
    return {key: Decimal(value) for key, value in (values or {}).items()}


class RuleBook:
    """The rules of one source, declared beside their checks (see the module docstring)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._sorted: tuple[Rule, ...] | None = None

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, in the order of their ids (the order of rules.md)."""
        if self._sorted is None:
            self._sorted = tuple(sorted(self._rules.values(), key=lambda rule: _natural(rule.id)))
        return self._sorted

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules:
            raise ValueError(f"rule {rule.id} declared twice")
        rule.text  # noqa: B018 - a wording that names an unknown threshold fails at import, not in use
        self._rules[rule.id] = rule
        self._sorted = None
        return rule

    def note(
        self,
        rule_id: str,
        article: str | None,
        kind: Kind,
        wording: str,
        *,
        thresholds: Mapping[str, Decimal | int | str] | None = None,
        reading: str | None = None,
        always: bool = False,
        when: When = ALWAYS,
        stage: Stage = Stage.DECLARE,
        needs: NeedFn | None = None,
    ) -> Rule:
        """A rule the data cannot show (listed by ``docgen rules`` and in the 材料清单); ``needs``:
        the documents it asks for."""
        return self.add(
            Rule(
                rule_id,
                article,
                kind,
                wording,
                needs=needs,
                thresholds=_decimals(thresholds),
                reading=reading,
                always=always,
                when=when,
                stage=stage,
            )
        )

    def check(
        self,
        rule_id: str,
        article: str | None,
        kind: Kind,
        wording: str,
        *,
        thresholds: Mapping[str, Decimal | int | str] | None = None,
        when: When = ALWAYS,
        waivable: bool = False,
        reading: str | None = None,
        always: bool = False,
        needs: NeedFn | None = None,
        stage: Stage = Stage.DECLARE,
        scope: bool = False,
    ) -> Callable[[CheckFn], CheckFn]:
        """Declare the rule the decorated function checks (``needs``: the documents it also requires)."""
        declared = Rule(
            rule_id, article, kind, wording, needs=needs, thresholds=_decimals(thresholds), when=when,
            waivable=waivable, reading=reading, always=always, stage=stage, scope=scope,
        )  # fmt: skip

        def register(function: CheckFn) -> CheckFn:
            self.add(replace(declared, check=function))
            return function

        return register

    def needs(
        self,
        rule_id: str,
        article: str | None,
        kind: Kind,
        wording: str,
        *,
        thresholds: Mapping[str, Decimal | int | str] | None = None,
        when: When = ALWAYS,
        reading: str | None = None,
        always: bool = False,
        stage: Stage = Stage.DECLARE,
    ) -> Callable[[NeedFn], NeedFn]:
        """Declare the rule whose required documents the decorated function lists."""
        declared = Rule(
            rule_id, article, kind, wording, thresholds=_decimals(thresholds), when=when, reading=reading,
            always=always, stage=stage,
        )  # fmt: skip

        def register(function: NeedFn) -> NeedFn:
            self.add(replace(declared, needs=function))
            return function

        return register


@dataclass(frozen=True)
class Profile:
    """One jurisdiction's 办法: its rules and the scope in which they all apply."""

    key: str
    name: str  # 《石嘴山市政务信息化项目管理办法》
    short_name: str  # 石嘴山: what a person types after --profile
    jurisdiction: str
    seed: str
    status: str  # 送审稿 / 征求意见稿 / 现行
    rules: tuple[Rule, ...]
    full_rules_apply: Callable[[ProjectData], bool] | None = None
    scope_note: str = ""
    describe_scope: Callable[[ProjectData], str] | None = None  # one sentence for the 材料清单
    #: The project lies outside the 办法 altogether (石嘴山 第四条: 涉密): only its ``scope`` rule runs.
    outside: Callable[[ProjectData], bool] | None = None
    #: The documents ``build`` writes under this 办法 (its own, named in its articles, and the 材料清单);
    #: ``package`` those written whatever the project, the others when a rule asks for them.
    forms: tuple[Form, ...] = (Form.MATERIALS,)
    package: tuple[Form, ...] = (Form.MATERIALS,)
    #: The documents the 办法 asks for, in one Chinese phrase (said when a form it does not define is asked).
    asks: str = ""
    #: How a list of 办法 names it for a person choosing one (钦州2023征求意见稿); the short name when empty.
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or self.short_name

    def default_forms(self, required: list[RequiredMaterial]) -> list[Form]:
        """What ``build`` writes when no form is named: the package, and the profile's documents the
        project's rules ask for (the 实施方案 of a 钦州 project below 500万 …), in the profile's order."""
        asked = {material.form for material in required}
        return [form for form in self.forms if form in self.package or form in asked]

    def scope_for(self, data: ProjectData) -> str:
        return self.describe_scope(data) if self.describe_scope else self.scope_note

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def active(self, data: ProjectData) -> list[Rule]:
        """The rules that apply to ``data``: in the 办法's scope and for its kind of project. Their
        documents are listed whatever the stage (the 材料清单 names what a later stage will ask);
        their checks run once the project has reached their stage (:meth:`checked`)."""
        if self.outside is not None and self.outside(data):
            return [rule for rule in self.rules if rule.scope]
        full = self.full_rules_apply is None or self.full_rules_apply(data)
        return [rule for rule in self.rules if (full or rule.always) and rule.when.applies(data)]

    def checked(self, data: ProjectData, active: list[Rule] | None = None) -> list[Rule]:
        """The active rules whose stage the project has reached: those whose checks run."""
        reached = stage_of(data).rank
        return [rule for rule in (self.active(data) if active is None else active) if rule.stage.rank <= reached]

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.key,
            "name": self.name,
            "jurisdiction": self.jurisdiction,
            "status": self.status,
            "rules": [rule.to_dict() for rule in self.rules],
        }


@dataclass(frozen=True)
class RequiredMaterial:
    """One line of the 材料清单: a document, every rule that requires it, the stage."""

    document: str
    title: str
    stage: str
    bases: tuple[tuple[str, str, str], ...]  # (rule id, article, condition)
    present: bool | None
    form: Form | None
    separate: bool = True

    @property
    def articles(self) -> str:
        return "；".join(f"{article}（{condition}）" for _, article, condition in self.bases)


# ---------------------------------------------------------------- evaluation


#: Which finding about a field stands when several are about the same field:
#: an invalid value (it was set aside) is the only finding about its field — nothing else can be
#: said of a value that could not be read (not 「未填写」, not a rule about it); and a rule of a
#: 办法's article about a field replaces docgen's generic 「…不能为空」 for it.
PRECEDENCE = ("invalid", "article", "mandatory")


def apply_precedence(findings: list[Finding]) -> list[Finding]:
    """Apply PRECEDENCE: findings outranked by another about the same field are dropped."""
    invalid = {f.field for f in findings if f.code == Code.TYPE and f.field is not None}
    cited = {f.field for f in findings if f.article is not None and f.field is not None}
    kept = []
    for finding in findings:
        if finding.field in invalid and finding.code != Code.TYPE:
            continue
        if finding.code == Code.REQUIRED and finding.field in cited:
            continue
        kept.append(finding)
    return kept


def finding_at(
    severity: Severity,
    code: str,
    message: str,
    path: DataPath,
    line_for: LineFor,
    article: str | None = None,
) -> Finding:
    """A finding about the value at ``path``, with its labels and line filled in."""
    return Finding(
        severity=severity,
        code=code,
        message=message,
        field=dotted(path),
        label=" › ".join(field_labels(path)),
        article=article,
        line=line_for(path),
    )


def dotted(path: Sequence[str | int]) -> str:
    """('project', 'items', 2, 'amount') -> 'project.items[2].amount'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _waiver_basis(data: ProjectData, rule_id: str) -> str | None:
    for waiver in data.waivers:
        if waiver.rule and waiver.rule.strip().upper() == rule_id.upper() and waiver.basis and waiver.basis.strip():
            return waiver.basis.strip()
    return None


def _run(rules: Iterable[Rule], data: ProjectData, context: CheckContext, line_for: LineFor) -> list[Finding]:
    """The findings of ``rules`` (already those that apply to ``data``)."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.check is None or rule.kind is Kind.INFO:
            continue
        for violation in rule.check(data, rule, context):
            message = f"{violation.message}（{rule.article}）" if rule.article else violation.message
            severity = violation.severity or rule.severity
            basis = _waiver_basis(data, rule.id) if rule.waivable else None
            if basis is not None and severity is Severity.ERROR:
                severity = Severity.INFO
                message += f"；已按例外依据「{basis}」不作为错误"
            findings.append(finding_at(severity, rule.id, message, violation.path, line_for, rule.article))
    return findings


def evaluate(
    own: RuleBook,
    profile: Profile,
    data: ProjectData,
    context: CheckContext,
    line_for: LineFor,
    invalid: Sequence[Finding] = (),
) -> list[Finding]:
    """Every finding about one project: the values already found invalid, docgen's own book
    (always on), then the profile's active rules, its missing materials and stray waivers;
    with the precedence of PRECEDENCE applied once, here."""
    findings = list(invalid)
    findings += _run([rule for rule in own.rules if rule.when.applies(data)], data, context, line_for)
    active = profile.active(data)
    findings += _run(profile.checked(data, active), data, context, line_for)
    findings += _missing_materials(required_materials(profile, data, active), data, line_for, context.package)
    findings += _stray_waivers(profile, data, line_for)
    return apply_precedence(findings)


def required_materials(profile: Profile, data: ProjectData, active: list[Rule] | None = None) -> list[RequiredMaterial]:
    """The documents this project must submit under ``profile``, merged by document, in rule order
    (``active``: the profile's rules that apply, when the caller has them already)."""
    merged: dict[str, RequiredMaterial] = {}
    for rule in profile.active(data) if active is None else active:
        if rule.needs is None:
            continue
        for need in rule.needs(data, rule):
            doc = DOCUMENTS[need.document]
            basis = (rule.id, rule.article or "", need.condition)
            found = merged.get(need.document)
            if found is None:
                merged[need.document] = RequiredMaterial(
                    need.document, doc.title, need.stage, (basis,), need.present, doc.form, need.separate
                )
            else:
                present = found.present if need.present is None else need.present
                merged[need.document] = RequiredMaterial(
                    found.document, found.title, found.stage, (*found.bases, basis), present, found.form, found.separate
                )
    return list(merged.values())


def _missing_materials(
    required: list[RequiredMaterial], data: ProjectData, line_for: LineFor, package: frozenset[Form] = frozenset()
) -> list[Finding]:
    """With 申报材料 given, each required 申报 document it does not name is an error — unless it
    is in the package being checked (the filled 附件1 in hand is the 申报表 itself)."""
    listed = [item for item in data.project.materials if item and item.strip()]
    if not listed:
        return []  # 申报材料 is derived from the rules instead
    findings = []
    for material in required:
        if material.stage != "申报" or not material.separate or material.present:
            continue
        if material.form is not None and material.form in package:
            continue
        if listed_in(DOCUMENTS[material.document], listed):
            continue
        rule_id, article, condition = material.bases[0]
        message = f"「申报材料」未列出「{material.title}」：{condition}，应提交（{article}）"
        findings.append(finding_at(Severity.ERROR, rule_id, message, ("project", "materials"), line_for, article))
    return findings


def _stray_waivers(profile: Profile, data: ProjectData, line_for: LineFor) -> list[Finding]:
    findings = []
    waivable = {rule.id.upper() for rule in profile.rules if rule.waivable}
    for index, waiver in enumerate(data.waivers):
        if waiver.rule and waiver.rule.strip().upper() not in waivable:
            message = f"例外依据所指规则「{waiver.rule}」不是{profile.name}中“原则上”可例外的规则，该例外不起作用"
            findings.append(finding_at(Severity.WARNING, Code.WAIVER, message, ("waivers", index, "rule"), line_for))
    return findings
