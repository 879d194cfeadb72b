"""``docgen templates check``: what a user's template asks of the data, and what it leaves out.

A template's variables are read from its compiled Jinja source: every chain like
``project.leader.name`` that starts at a name the template does not define
itself (loop variables and ``set`` are its own). Each is looked up in the context
docgen gives that form; what is not there is reported with the template file,
the part, the paragraph number and the paragraph's visible text. A mandatory
field the standard form shows and the user's template does not is reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes

from docgen.forms import FORMS, Form
from docgen.models import ProjectData, field_info, field_labels, is_mandatory
from docgen.render.context import form_context
from docgen.render.engine import PreparedTemplate

_TAGS = re.compile(r"<[^>]+>|\{[{%#].*?[}%#]\}")


@dataclass(frozen=True)
class Use:
    path: tuple[str, ...]
    part: str
    paragraph: int  # 1-based, in the part's body
    text: str  # the paragraph's visible text, for finding it in Word


@dataclass(frozen=True)
class TemplateIssue:
    kind: str  # 'undefined' | 'missing'
    file: str
    message: str
    label: str | None = None


def known_context(form: str) -> dict[str, Any]:
    """The shape of what ``form`` is rendered with: keys down to leaves, lists as []."""
    context: dict[str, Any] = form_context(ProjectData())
    if form == "requirements":
        from docgen.outline import REPORT_OUTLINE

        context["report"] = {h.key: "" for h in REPORT_OUTLINE if h.key}
    if form == "changes":
        context["notice"] = {"rows": [], "summary": "", "due": "", "sources": ""}
    if form == "filing":
        from docgen.render.context import filing_record

        context["record"] = filing_record(ProjectData())
    if form == "materials":
        context["profile"] = {"name": "", "status": "", "scope": ""}
        context["materials"] = []
        context["notes"] = []
    return context


def uses(prepared: PreparedTemplate) -> list[Use]:
    """Every variable chain a template reads from the context, where it stands."""
    found: list[Use] = []
    for part in prepared.parts:
        tree = prepared.env.parse(part.source)
        own = _own_names(tree)
        # The compiled source has one paragraph per line (a line break precedes every <w:p>).
        texts = [_TAGS.sub("", line).strip() for line in part.source.split("\n")]
        for chain, lineno in _chains(tree):
            if chain[0] in own:
                continue
            text = texts[lineno - 1] if 0 < lineno <= len(texts) else ""
            if not text:  # a value cell: name the nearest text before it
                before = next((t for t in reversed(texts[: max(lineno - 1, 0)]) if t), "")
                text = f"「{before[:20]}」之后" if before else ""
            found.append(Use(chain, part.name, max(lineno - 1, 1), text[:40]))
    return found


def _own_names(tree: nodes.Template) -> set[str]:
    names: set[str] = set()
    for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.With)):
        targets = []
        if isinstance(node, nodes.For | nodes.Assign | nodes.AssignBlock):
            targets = [node.target]
        elif isinstance(node, nodes.With):
            targets = list(node.targets)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
            targets = list(node.args)
        for target in targets:
            names.update(n.name for n in target.find_all(nodes.Name))
            if isinstance(target, nodes.Name):
                names.add(target.name)
    names.update({"loop", "range", "caller", "true", "false", "none", "True", "False", "None"})
    return names


def _chains(tree: nodes.Template) -> list[tuple[tuple[str, ...], int]]:
    """(('project', 'leader', 'name'), line) for every outermost attribute chain on a name."""
    chains = []
    inner = {id(node.node) for node in tree.find_all((nodes.Getattr, nodes.Getitem)) if hasattr(node, "node")}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if id(node) in inner:
            continue
        path: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr | nodes.Getitem):
            if isinstance(current, nodes.Getattr):
                path.append(current.attr)
            elif isinstance(current.arg, nodes.Const) and isinstance(current.arg.value, str):
                path.append(current.arg.value)
            else:
                path.clear()  # an index computed at render time: check the name only
            current = current.node
        if isinstance(current, nodes.Name) and current.ctx == "load":
            chains.append(((current.name, *reversed(path)), node.lineno))
    return sorted(set(chains), key=lambda item: (item[1], item[0]))


def undefined_step(context: dict[str, Any], chain: tuple[str, ...]) -> int | None:
    """Index of the first step of ``chain`` the context does not have; None when it resolves."""
    current: Any = context
    for index, step in enumerate(chain):
        if isinstance(current, list):
            return None  # items of a list: the template's loop variable checks them
        if not isinstance(current, dict) or step not in current:
            return index
        current = current[step]
    return None


#: 附件3's context keys (report.background …) and the data they come from.
REPORT_SOURCES: dict[str, tuple[str, ...]] = {
    "name": ("project", "name"),
    "owner_overview": ("requirements_report", "owner_overview"),
    "basis": ("project", "basis"),
    "overview": ("requirements_report", "overview"),
    "background": ("requirements_report", "necessity", "background"),
    "current_state": ("requirements_report", "necessity", "current_state"),
    "significance": ("requirements_report", "necessity", "significance"),
    "business": ("requirements_report", "analysis", "business"),
    "environment": ("requirements_report", "analysis", "environment"),
    "function_performance": ("requirements_report", "analysis", "function_performance"),
    "data_sharing": ("requirements_report", "analysis", "data_sharing"),
    "goals": ("requirements_report", "construction", "goals"),
    "scope": ("requirements_report", "construction", "scope"),
    "funding": ("requirements_report", "funding"),
    "appendix": ("requirements_report", "appendix"),
}


def data_path(chain: tuple[str, ...]) -> tuple[str, ...]:
    """The data model path a context chain shows (report.background → requirements_report.necessity.background)."""
    if len(chain) == 2 and chain[0] == "report" and chain[1] in REPORT_SOURCES:
        return REPORT_SOURCES[chain[1]]
    return chain


def _mandatory(chain: tuple[str, ...]) -> bool:
    """True when ``chain`` (a context path) shows a mandatory field of the data model."""
    info = field_info(data_path(chain))
    return info is not None and is_mandatory(info)


def check_template(path: Path, form: str, standard: PreparedTemplate | None) -> list[TemplateIssue]:
    prepared = PreparedTemplate(path)
    context = known_context(form)
    issues = []
    seen: set[tuple[str, ...]] = set()
    for use in uses(prepared):
        missing_at = undefined_step(context, use.path)
        if missing_at is None or use.path in seen:
            continue
        seen.add(use.path)
        where = f"{use.part} 第{use.paragraph}段" + (
            f"（{use.text}）" if use.text.endswith("之后") else f"（“{use.text}”）" if use.text else ""
        )
        shown = ".".join(use.path)
        issues.append(
            TemplateIssue(
                "undefined",
                path.name,
                f"{where}：变量 {shown} 在数据中没有定义（「{'.'.join(use.path[: missing_at + 1])}」不存在）",
            )
        )
    if standard is not None:
        used = {u.path for u in uses(prepared)}
        for use in uses(standard):
            if use.path in used or not _mandatory(use.path):
                continue
            used.add(use.path)
            label = " › ".join(field_labels(data_path(use.path))[1:]) or ".".join(use.path)
            issues.append(
                TemplateIssue(
                    "missing",
                    path.name,
                    f"标准表单显示的必填项「{label}」（{'.'.join(use.path)}）在此模板中没有出现",
                    label,
                )
            )
    return issues


def template_forms(folder: Path) -> dict[Form, Path]:
    """The templates a folder holds, by form: application.docx, security.docx …"""
    return {form: folder / spec.template for form, spec in FORMS.items() if (folder / spec.template).is_file()}
