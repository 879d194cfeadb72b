"""What the CLI and scripts call: load, validate, render, build.

Everything here returns data or raises a :class:`~docgen.errors.DocgenError`;
nothing prints and nothing exits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import (
    EnvironmentProblem,
    Finding,
    InputError,
    TemplateFailure,
    ValidationFailed,
    has_errors,
)
from docgen.forms import FORMS
from docgen.messages import MSG
from docgen.models import ProjectData
from docgen.output import atomic_write, inside, safe_filename
from docgen.render import Renderer, TemplateProblem
from docgen.render import pdf as pdf_conversion
from docgen.sources import RawDocument, parse, read, read_text, set_path
from docgen.sources.yaml_source import rewrite
from docgen.validation import validate_raw

_renderers: dict[Path | None, Renderer] = {}


def renderer(template_dir: Path | None = None) -> Renderer:
    """The process-wide renderer for a template folder (templates are prepared once)."""
    key = template_dir.resolve() if template_dir else None
    found = _renderers.get(key)
    if found is None:
        found = _renderers[key] = Renderer(key)
    return found


@dataclass
class LoadedProject:
    """Validated data with its findings and the folder relative paths start from."""

    data: ProjectData
    findings: list[Finding]
    source: Path | None = None
    base_dir: Path | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


@dataclass
class BuildResult:
    project: LoadedProject
    outputs: list[Path] = field(default_factory=list)


def load(path: str | Path) -> LoadedProject:
    """Read and validate a project file. Raises InputError when it cannot be read at all."""
    raw = read(Path(path))
    return _validated(raw)


def load_data(data: dict[str, Any], base_dir: Path | None = None) -> LoadedProject:
    """Validate data already in memory (e.g. from a script)."""
    from docgen.sources import Positions

    return _validated(RawDocument(data=data, positions=Positions()), base_dir)


def _validated(raw: RawDocument, base_dir: Path | None = None) -> LoadedProject:
    from docgen.rules import CheckContext

    base = base_dir or (raw.path.parent if raw.path else None)
    model, findings = validate_raw(raw, CheckContext(base_dir=base))
    return LoadedProject(data=model, findings=findings, source=raw.path, base_dir=base)


def validate(path: str | Path) -> list[Finding]:
    return load(path).findings


def parse_forms(names: str | Iterable[str] | None) -> list[str]:
    """'application,security' -> ['application', 'security']; None -> all three."""
    if names is None:
        return list(FORMS)
    items = names.split(",") if isinstance(names, str) else list(names)
    chosen = [item.strip() for item in items if item.strip()]
    for item in chosen:
        if item not in FORMS:
            raise InputError(MSG.unknown_form.format(name=item, choices="、".join(FORMS)))
    return list(dict.fromkeys(chosen)) or list(FORMS)


def render_form(project: LoadedProject, form: str, template_dir: Path | None = None) -> bytes:
    """One document as .docx bytes. Refuses data with errors."""
    if not project.ok:
        raise _failed(project.findings)
    try:
        return renderer(template_dir).render(form, project.data, project.base_dir)
    except TemplateProblem as exc:
        raise TemplateFailure(str(exc)) from None


def output_name(data: ProjectData, form: str) -> str:
    return f"{safe_filename(data.project.name or '')}-{FORMS[form].suffix}.docx"


def build(
    source: str | Path | LoadedProject,
    out_dir: str | Path,
    forms: str | Iterable[str] | None = None,
    pdf: bool = False,
    template_dir: Path | None = None,
) -> BuildResult:
    """Validate, render every chosen form in memory, then write them all.

    With errors nothing is written. Each file is written atomically, so an
    interrupted build leaves the previous file or the new one, never half of one.
    """
    project = source if isinstance(source, LoadedProject) else load(source)
    chosen = parse_forms(forms)
    if not project.ok:
        raise _failed(project.findings)
    rendered = {output_name(project.data, form): render_form(project, form, template_dir) for form in chosen}
    return BuildResult(project=project, outputs=_write_all(Path(out_dir), rendered, pdf))


def render_blank(form: str, template_dir: Path | None = None) -> bytes:
    """The form with every value cell empty, for printing and filling in by hand."""
    try:
        return renderer(template_dir).render_blank(form)
    except TemplateProblem as exc:
        raise TemplateFailure(str(exc)) from None


def build_blank(
    out_dir: str | Path,
    forms: str | Iterable[str] | None = None,
    pdf: bool = False,
    template_dir: Path | None = None,
) -> list[Path]:
    """Write the blank forms as 空白-<表名>.docx (and PDF), atomically."""
    rendered = {f"空白-{FORMS[form].suffix}.docx": render_blank(form, template_dir) for form in parse_forms(forms)}
    return _write_all(Path(out_dir), rendered, pdf)


def _write_all(folder: Path, documents: dict[str, bytes], pdf: bool) -> list[Path]:
    """Write every document (already rendered) atomically into ``folder``; PDFs after them."""
    outputs = []
    for name, blob in documents.items():
        target = inside(folder, name)
        atomic_write(target, blob)
        outputs.append(target)
    if pdf:
        try:
            outputs += pdf_conversion.convert(list(outputs), folder.resolve())
        except pdf_conversion.PdfProblem as exc:
            raise EnvironmentProblem(str(exc)) from None
    return outputs


REVIEW_KEYS = ("network_security", "cryptography")


def record_review(
    path: str | Path,
    results: dict[str, str | None],
    unit: str | None = None,
    date: dt.date | None = None,
) -> LoadedProject:
    """Write review results into the data file, keeping its comments and key order.

    ``results`` maps ``network_security`` / ``cryptography`` to 符合 or 不符合; the
    unit and date go to every review given. The updated data is validated first:
    with errors the file is left as it was.
    """
    source = Path(path)
    text = read_text(source)
    raw = parse(text, source)  # refuses unreadable input with a Chinese message
    updates: dict[tuple[str, ...], Any] = {}
    for key in REVIEW_KEYS:
        result = results.get(key)
        if result is None:
            continue
        updates[("review", key, "result")] = result
        if unit is not None:
            updates[("review", key, "unit")] = unit
        if date is not None:
            updates[("review", key, "date")] = date
    if not updates:
        raise InputError(MSG.review_nothing)
    if source.suffix.lower() == ".json":
        for dotted_path, value in updates.items():
            set_path(raw.data, dotted_path, value)
        new_text = json.dumps(raw.data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        new_text = rewrite(text, updates)
    project = _validated(parse(new_text, source))
    if not project.ok:
        raise _failed(project.findings)
    atomic_write(source, new_text.encode("utf-8"))
    return project


def json_schema() -> dict[str, Any]:
    from docgen.schema import project_schema

    return project_schema()


def findings_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)


def _failed(findings: list[Finding]) -> ValidationFailed:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return ValidationFailed(MSG.validation_failed.format(errors=errors, warnings=warnings), findings)
