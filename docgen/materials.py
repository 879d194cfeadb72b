"""What the 申报材料清单 shows: every document the project must submit, the articles that
require it, and whether this package holds it. Rendering only lays these rows out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docgen.forms import Form
from docgen.messages import MSG
from docgen.project import LoadedProject
from docgen.rules.documents import DOCUMENTS, listed_in
from docgen.rules.engine import Kind


def _status(document: str, form: Form | None, present: bool | None, package: set[Form], listed: list[str]) -> str:
    if form in package:
        return MSG.checklist_in_package
    if listed and listed_in(DOCUMENTS[document], listed):
        return MSG.checklist_listed
    if present:
        return MSG.checklist_present
    return MSG.checklist_missing


def checklist_context(project: LoadedProject, package: Iterable[Form]) -> dict[str, Any]:
    """The 材料清单's rows, the profile it follows and the notes (提示) of its rules."""
    held = set(package)
    listed = [item for item in project.data.project.materials if item.strip()]
    rows = [
        {
            "number": number,
            "title": material.title,
            "basis": material.articles,
            "stage": material.stage,
            "status": _status(material.document, material.form, material.present, held, listed),
        }
        for number, material in enumerate(project.required, start=1)
    ]
    profile = project.profile
    notes = [
        {"id": r.id, "article": r.article, "text": r.text} for r in profile.active(project.data) if r.kind is Kind.INFO
    ]
    return {
        "profile": {"name": profile.name, "status": profile.status, "scope": profile.scope_for(project.data)},
        "materials": rows or [{"number": "", "title": MSG.checklist_none, "basis": "", "stage": "", "status": ""}],
        "notes": notes,
    }
