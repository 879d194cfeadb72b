"""From raw input to a model and the complete list of findings.

One bad value must not hide the others: pydantic's errors are translated, the
offending values are set aside, and validation runs again until a model can be
built, so docgen's own rules and the 办法's rules still see everything else.
Which finding stands when several concern one field is decided once, by
``docgen.rules.engine.PRECEDENCE``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from docgen.errors import Code, Finding, Severity
from docgen.messages import MSG, PYDANTIC_FALLBACK, PYDANTIC_MESSAGES
from docgen.models import ProjectData, field_labels, shown_label
from docgen.normalize import Conversion, normalize
from docgen.rules.engine import CheckContext, dotted, evaluate
from docgen.rules.own import BOOK as OWN_RULES
from docgen.rules.profiles import profile_for
from docgen.sources import DataPath, RawDocument

_MAX_SALVAGE_ROUNDS = 64


@dataclass(frozen=True)
class Validated:
    """The model built from the input (bad values set aside) and every finding about it."""

    model: ProjectData
    findings: list[Finding]


def validate_raw(raw: RawDocument, context: CheckContext | None = None, profile: str | None = None) -> Validated:
    """The model and every finding: invalid values, docgen's own rules and the rules of the
    办法 (``profile`` overrides the data's own)."""
    context = context or CheckContext(base_dir=raw.path.parent if raw.path else None)
    data, conversions = normalize(raw.data)
    raw = RawDocument(data=data, positions=raw.positions, path=raw.path)
    model, invalid = build_model(raw)
    invalid = [*invalid, *(_converted(c, raw) for c in conversions)]
    chosen = profile_for(profile or model.profile)
    return Validated(model, evaluate(OWN_RULES, chosen, model, context, raw.positions.line_for, invalid))


def _converted(conversion: Conversion, raw: RawDocument) -> Finding:
    """A value read another way than written, said (DG-NORMALIZED), so nothing changes silently."""
    label = shown_label(conversion.path)
    if conversion.lost_zero:
        message = MSG.normalized_lost_zero.format(label=label, value=conversion.before)
    else:
        message = MSG.normalized.format(label=label, before=conversion.before, after=conversion.after)
    return Finding(
        severity=Severity.WARNING,
        code=Code.NORMALIZED,
        message=message,
        field=dotted(conversion.path),
        label=" › ".join(field_labels(conversion.path)),
        line=raw.positions.line_for(conversion.path),
    )


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
    shown = shown_label(path) or labels[-1]
    try:
        message = template.format(label=shown, input=shown_text, **ctx)
    except (KeyError, IndexError):
        message = PYDANTIC_FALLBACK.format(label=shown, input=shown_text)
    return Finding(
        severity=Severity.ERROR,
        code=Code.TYPE,
        message=message,
        field=dotted(path),
        label=" › ".join(labels),
        line=raw.positions.line_for(path),
    )
