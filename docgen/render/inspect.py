"""``docgen templates check``: what a user's template asks of the data, and what it leaves out.

Every variable chain a template reads (``docgen.render.variables``) is looked up in the
context docgen gives that form; what is not there is reported with the template file,
the part, the paragraph number and the paragraph's visible text. A mandatory
field the standard form shows and the user's template does not is reported too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.forms import FORMS, Form
from docgen.models import ProjectData, field_info, field_labels, is_mandatory
from docgen.render.context import form_context
from docgen.render.engine import PreparedTemplate
from docgen.render.variables import uses


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
    if form == "opinion":  # the desk's 技术审查意见 (docgen.api.render_opinion)
        keys = ("unit", "date", "documents", "findings_summary", "text", "conclusion", "basis")
        context["opinion"] = {key: "" for key in keys} | {"findings": []}
    if form == "filing":
        from docgen.render.context import filing_record

        context["record"] = filing_record(ProjectData())
    from docgen.outline import PLANS_BY_FORM

    if form in PLANS_BY_FORM:  # another 办法's document: one key per chapter of its outline
        context["doc"] = {part.key: "" for part in PLANS_BY_FORM[form].parts}
        context["doc_basis"] = ""
    if form == "materials":
        context["profile"] = {"name": "", "status": "", "scope": ""}
        context["materials"] = []
        context["notes"] = []
    return context


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
    for use in uses(prepared.env, prepared.parts):
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
        used = {u.path for u in uses(prepared.env, prepared.parts)}
        for use in uses(standard.env, standard.parts):
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
