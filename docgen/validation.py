"""From raw input to a model and the complete list of findings.

One bad value must not hide the others: pydantic's errors are translated, the
offending values are set aside, and validation runs again until a model can be
built, so the mandatory-field checks and the rules still see everything else.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.errors import Finding, Severity
from docgen.messages import MSG, PYDANTIC_FALLBACK, PYDANTIC_MESSAGES
from docgen.models import ProjectData, field_labels, is_mandatory
from docgen.rules import CheckContext, dotted, finding_at, run_rules
from docgen.rules.data_checks import DATA_RULES
from docgen.rules.helpers import is_blank
from docgen.rules.law import evaluate
from docgen.rules.profiles import profile_for
from docgen.sources import DataPath, RawDocument

_MAX_SALVAGE_ROUNDS = 64


def validate_raw(
    raw: RawDocument, context: CheckContext | None = None, profile: str | None = None
) -> tuple[ProjectData, list[Finding]]:
    """The model and every finding: types, unknown keys, mandatory fields, docgen's own
    checks and the rules of the 办法 (``profile`` overrides the data's own)."""
    context = context or CheckContext(base_dir=raw.path.parent if raw.path else None)
    model, findings = build_model(raw)
    findings += unknown_keys(model, raw)
    rejected = {f.field for f in findings}
    law = evaluate(profile_for(profile or model.profile), model, context, raw.positions.line_for)
    law = [f for f in law if f.field not in rejected]  # an invalid value is reported once, as invalid
    cited = {f.field for f in law}
    # A missing value that an article requires is reported once, with its article.
    findings += [f for f in missing_mandatory(model, raw) if f.field not in cited]
    findings += run_rules(DATA_RULES, model, context, raw.positions.line_for)
    return model, findings + law


def build_model(raw: RawDocument) -> tuple[ProjectData, list[Finding]]:
    data = raw.data  # copied only when a bad value has to be set aside
    findings: list[Finding] = []
    for round_no in range(_MAX_SALVAGE_ROUNDS):
        try:
            return ProjectData.model_validate(data), findings
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        if round_no == 0:
            data = copy.deepcopy(raw.data)
        for error in errors:
            path = data_path(raw.data if round_no == 0 else data, error["loc"])
            if round_no == 0:
                findings.append(_translate(error, path, raw))
            data = _set_aside(data, path)
    return ProjectData(), findings


def _child(node: Any, step: Any) -> tuple[bool, Any]:
    """(True, node[step]) when ``step`` is a key or index of ``node``, else (False, None)."""
    if isinstance(node, dict) and step in node:
        return True, node[step]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return True, node[step]
    return False, None


def data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """Map a pydantic ``loc`` onto the data, dropping union tags that are not keys."""
    path: list[str | int] = []
    node = data
    for step in loc:
        found, child = _child(node, step)
        if found:
            path.append(step)
            node = child
        elif isinstance(node, dict | list):
            continue  # a union tag such as 'blocks' or 'table'
        else:
            break
    return tuple(path)


def _set_aside(data: Any, path: DataPath) -> Any:
    """Remove the value at ``path`` (or its container, if it is already gone)."""
    if not path:
        return {}
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if isinstance(parent, dict):
        if last in parent:
            del parent[last]
            return data
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]
        return data
    return _set_aside(data, path[:-1])


def _translate(error: Any, path: DataPath, raw: RawDocument) -> Finding:
    labels = field_labels(path) or ["数据"]
    ctx = dict(error.get("ctx") or {})
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace("'", "").replace(" or ", "、").replace(", ", "、")
    if "error" in ctx:
        ctx["error"] = str(ctx["error"])
    shown = error.get("input")
    shown_text = str(shown) if not isinstance(shown, dict | list) else "…"
    if len(shown_text) > 40:
        shown_text = shown_text[:40] + "…"
    template = PYDANTIC_MESSAGES.get(error["type"], PYDANTIC_FALLBACK)
    try:
        message = template.format(label=labels[-1], input=shown_text, **ctx)
    except (KeyError, IndexError):
        message = PYDANTIC_FALLBACK.format(label=labels[-1], input=shown_text)
    return Finding(
        severity=Severity.ERROR,
        code="DG-TYPE",
        message=message,
        field=dotted(path),
        label=" › ".join(labels),
        line=raw.positions.line_for(path),
    )


def _walk(model: BaseModel, path: DataPath) -> Iterator[tuple[BaseModel, DataPath]]:
    yield model, path
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _walk(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*path, name, index))


def missing_mandatory(model: ProjectData, raw: RawDocument) -> list[Finding]:
    findings = []
    for node, path in _walk(model, ()):
        for name, info in type(node).model_fields.items():
            if is_mandatory(info) and is_blank(getattr(node, name)):
                full = (*path, name)
                if _was_rejected(raw.data, full):
                    continue  # already reported as an invalid value
                labels = field_labels(full)
                # Below a top-level section, name the parent too: 「项目责任人」的「姓名」.
                nested = len(labels) > 2 and labels[-2] != labels[-1]
                shown = f"{labels[-2]}」的「{labels[-1]}" if nested else labels[-1]
                message = MSG.required.format(label=shown)
                findings.append(finding_at(Severity.ERROR, "DG-REQUIRED", message, full, raw.positions.line_for))
    return findings


def _was_rejected(data: Any, path: DataPath) -> bool:
    """True when the input holds a non-empty value at ``path`` (so it failed validation)."""
    node = data
    for step in path:
        found, node = _child(node, step)
        if not found:
            return False
    return bool(node) if isinstance(node, list) else not is_blank(node)


def unknown_keys(model: ProjectData, raw: RawDocument) -> list[Finding]:
    findings = []
    for node, path in _walk(model, ()):
        for key in node.model_extra or {}:
            message = MSG.unknown_key.format(key=key)
            findings.append(
                finding_at(Severity.WARNING, "DG-UNKNOWN-KEY", message, (*path, key), raw.positions.line_for)
            )
    return findings
