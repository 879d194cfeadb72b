"""Which fields a project must fill under its 办法, found by asking the rules themselves.

A field is needed when leaving it empty is an error: for each field the project has filled, the
project is judged once more with that field emptied, and an error about the field that was not
there before makes it needed — with the rule and its article (第十四条 for 免费运维期 of a 工程类
project). A field already empty is needed when it has such an error now. So a ``*`` follows the
rules as they apply to this project (its 办法, category, amounts and stage), never a list kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from docgen.errors import Code, Finding, Severity
from docgen.fields import FieldNode, project_fields
from docgen.rules.engine import CheckContext, RuleBook, evaluate
from docgen.rules.own import BOOK as OWN_RULES
from docgen.rules.profiles import profile_for
from docgen.rules.reads import profile_reads, reads_field
from docgen.validation import build_model

#: no rules of docgen's own: the probes ask the 办法 alone
NO_RULES = RuleBook()


@dataclass(frozen=True)
class Need:
    """Why a field is needed: the rule's id, its article (None: the data format's own 申报必填) and wording."""

    rule: str
    article: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "article": self.article, "text": self.text}


def _leaves(nodes: tuple[FieldNode, ...]) -> Iterator[FieldNode]:
    for node in nodes:
        if node.kind == "group":
            yield from _leaves(node.children)
        else:
            yield node


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return value is not None


def _value(model: BaseModel, path: tuple[str, ...]) -> Any:
    node: Any = model
    for step in path:
        node = getattr(node, step, None)
    return node


def _emptied(model: BaseModel, path: tuple[str, ...]) -> BaseModel:
    """A copy of ``model`` with the field at ``path`` empty; only the models along the path are copied."""
    head, *rest = path
    if rest:
        child = getattr(model, head)
        return model.model_copy(update={head: _emptied(child, tuple(rest))})
    return model.model_copy(update={head: [] if isinstance(getattr(model, head), list) else None})


def _about(finding: Finding, dotted: str) -> bool:
    """The finding is about the field ``dotted``, a part of it, or the group it belongs to."""
    field = finding.field or ""
    return field == dotted or dotted.startswith(field + ".") or field.startswith((dotted + ".", dotted + "["))


def _need(finding: Finding, texts: dict[str, str]) -> Need:
    return Need(finding.code, finding.article, texts.get(finding.code, finding.message))


def needed_fields(data: dict[str, Any], profile: str | None = None) -> dict[str, Need]:
    """The fields (dotted paths of the form) the project ``data`` must fill, with why."""
    from docgen.normalize import normalize
    from docgen.sources import Positions, RawDocument

    normalized, _ = normalize(data)
    model, _invalid = build_model(RawDocument(data=normalized, positions=Positions()))
    chosen = profile_for(profile or model.profile)
    texts = {rule.id: rule.text for rule in chosen.rules}
    context = CheckContext()

    def errors(project: BaseModel, own: RuleBook = NO_RULES) -> list[Finding]:
        assert isinstance(project, type(model))
        found = evaluate(own, chosen, project, context, lambda _path: None)
        return [f for f in found if f.severity is Severity.ERROR]

    reads = profile_reads(chosen.key)
    now = errors(model, OWN_RULES)
    before = {(f.field, f.code) for f in errors(model)}
    needed: dict[str, Need] = {}
    for leaf in _leaves(project_fields()):
        dotted = leaf.dotted
        if not _filled(_value(model, leaf.path)):
            found = next((f for f in now if _about(f, dotted)), None)
        elif not reads_field(reads, leaf.path):
            found = None  # no rule of the 办法 reads it: emptying it cannot make one fail
        else:  # the 办法's rules with the field emptied (docgen's own book asks only what is mandatory)
            fresh = [f for f in errors(_emptied(model, leaf.path)) if (f.field, f.code) not in before]
            found = next((f for f in fresh if _about(f, dotted)), None)
        if found is not None:
            needed[dotted] = _need(found, texts)
        elif leaf.mandatory:
            needed[dotted] = Need(Code.REQUIRED, None, "申报必填")
    return needed


__all__ = ["Need", "needed_fields"]
