"""What the CLI and scripts call: load, validate, render, build.

Everything here returns data or raises a :class:`~docgen.errors.DocgenError`;
nothing prints and nothing exits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from docgen.checking import CheckedDocument, check_document, consistency, docx_files
from docgen.docx_reader import PackageError, read_docx
from docgen.errors import (
    EnvironmentProblem,
    Finding,
    InputError,
    Severity,
    TemplateFailure,
    ValidationFailed,
    has_errors,
)
from docgen.formatting import amount
from docgen.forms import ANNEXES, FORMS
from docgen.messages import MSG
from docgen.models import ProjectData
from docgen.output import atomic_write, inside, safe_filename
from docgen.render import Renderer, TemplateProblem
from docgen.render import pdf as pdf_conversion
from docgen.rules import CheckContext
from docgen.rules.documents import DOCUMENTS, listed_in
from docgen.rules.law import KIND_LABEL, Kind, LawRule, Profile, RequiredMaterial, required_materials
from docgen.rules.profiles import PROFILES, profile_for
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
    """Validated data with its findings, the folder relative paths start from, and the
    办法 (profile) it was checked against."""

    data: ProjectData
    findings: list[Finding]
    source: Path | None = None
    base_dir: Path | None = None
    profile_key: str | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def profile(self) -> Profile:
        return profile_for(self.profile_key or self.data.profile)

    @cached_property
    def required(self) -> list[RequiredMaterial]:
        """The documents this project must submit (derived once: 申报材料 and the 材料清单 both use it)."""
        return required_materials(self.profile, self.data)


@dataclass
class BuildResult:
    project: LoadedProject
    outputs: list[Path] = field(default_factory=list)


def load(path: str | Path, profile: str | None = None, today: dt.date | None = None) -> LoadedProject:
    """Read and validate a project file. Raises InputError when it cannot be read at all.

    ``profile`` (shizuishan, qinzhou2016, …) overrides the data's own ``profile``;
    ``today`` is the day deadlines are judged on (default: today).
    """
    raw = read(Path(path))
    return _validated(raw, profile=profile, today=today)


def load_data(
    data: dict[str, Any],
    base_dir: Path | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
) -> LoadedProject:
    """Validate data already in memory (e.g. from a script).

    ``today`` is the day deadlines (备案, 验收 …) are measured against; default: today.
    """
    from docgen.sources import Positions

    return _validated(RawDocument(data=data, positions=Positions()), base_dir, profile, today)


def load_raw(raw: RawDocument, profile: str | None = None, today: dt.date | None = None) -> LoadedProject:
    """Validate data a reader has already parsed (a workbook row, a JSON Lines line)."""
    return _validated(raw, profile=profile, today=today)


def check_pdf_tools() -> None:
    """Raise EnvironmentProblem (naming the Debian package) when LibreOffice or CJK fonts are missing."""
    try:
        pdf_conversion.find_soffice()
        pdf_conversion.check_cjk_fonts()
    except pdf_conversion.PdfProblem as exc:
        raise EnvironmentProblem(str(exc)) from None


def _validated(
    raw: RawDocument, base_dir: Path | None = None, profile: str | None = None, today: dt.date | None = None
) -> LoadedProject:
    base = base_dir or (raw.path.parent if raw.path else None)
    if profile is not None and profile not in PROFILES:
        raise InputError(MSG.unknown_profile.format(name=profile, choices="、".join(PROFILES)))
    model, findings = validate_raw(raw, CheckContext(base_dir=base, today=today), profile)
    return LoadedProject(data=model, findings=findings, source=raw.path, base_dir=base, profile_key=profile)


def validate(path: str | Path, profile: str | None = None) -> list[Finding]:
    return load(path, profile).findings


def rules(profile: str | None = None) -> Profile:
    """Every rule of one 办法, for listing (``docgen rules``)."""
    if profile is not None and profile not in PROFILES:
        raise InputError(MSG.unknown_profile.format(name=profile, choices="、".join(PROFILES)))
    return profile_for(profile)


def rule_line(rule: LawRule) -> str:
    """SZS-14.3  第十四条  错误  工程类项目应包含至少三年的系统免费运维期  [min_years=3]"""
    thresholds = "，".join(f"{key}={amount(value)}" for key, value in rule.thresholds.items())
    parts = [rule.id, rule.article, KIND_LABEL[rule.kind] + ("（可例外）" if rule.waivable else ""), rule.text]
    if thresholds:
        parts.append(f"阈值：{thresholds}")
    if rule.reading:
        parts.append(f"解读：{rule.reading}")
    return "  ".join(parts)


def rules_json(profile: Profile) -> dict[str, Any]:
    return {
        "profile": profile.key,
        "name": profile.name,
        "jurisdiction": profile.jurisdiction,
        "status": profile.status,
        "seed": profile.seed,
        "rules": [
            {
                "id": rule.id,
                "article": rule.article,
                "kind": rule.kind.value,
                "waivable": rule.waivable,
                "text": rule.text,
                "thresholds": {
                    key: float(value) if value % 1 else int(value) for key, value in rule.thresholds.items()
                },
                "reading": rule.reading,
            }
            for rule in profile.rules
        ],
    }


def materials(project: LoadedProject) -> list[RequiredMaterial]:
    """The documents this project must submit, each with the articles that require it."""
    return project.required


def package_data(project: LoadedProject) -> ProjectData:
    """The data the forms print: 申报材料 left empty is filled with the required 申报 documents."""
    if any(item.strip() for item in project.data.project.materials):
        return project.data
    derived = [m.title for m in materials(project) if m.stage == "申报"]
    inner = project.data.project.model_copy(update={"materials": derived})
    return project.data.model_copy(update={"project": inner})


def checklist_context(project: LoadedProject, forms: Iterable[str]) -> dict[str, Any]:
    """The 材料清单's rows: every required document, its basis, and whether this package holds it."""
    in_package = set(forms)
    listed = [item for item in project.data.project.materials if item.strip()]
    rows = []
    for number, material in enumerate(materials(project), start=1):
        if material.form in in_package:
            status = MSG.checklist_in_package
        elif listed and listed_in(DOCUMENTS[material.document], listed):
            status = MSG.checklist_listed
        elif material.present:
            status = MSG.checklist_present
        else:
            status = MSG.checklist_missing
        rows.append(
            {
                "number": number,
                "title": material.title,
                "basis": material.articles,
                "stage": material.stage,
                "status": status,
            }
        )
    profile = project.profile
    notes = [
        {"id": r.id, "article": r.article, "text": r.text} for r in profile.active(project.data) if r.kind is Kind.INFO
    ]
    return {
        "profile": {"name": profile.name, "status": profile.status, "scope": profile.scope_for(project.data)},
        "materials": rows or [{"number": "", "title": MSG.checklist_none, "basis": "", "stage": "", "status": ""}],
        "notes": notes,
    }


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


def render_form(
    project: LoadedProject, form: str, template_dir: Path | None = None, package: Iterable[str] | None = None
) -> bytes:
    """One document as .docx bytes. Refuses data with errors.

    ``package`` names the forms built together, so the 材料清单 can say what it holds.
    """
    if not project.ok:
        raise _failed(project.findings)
    extra = checklist_context(project, package or FORMS) if form == "materials" else None
    try:
        return renderer(template_dir).render(form, package_data(project), project.base_dir, extra, source_json(project))
    except TemplateProblem as exc:
        raise TemplateFailure(str(exc)) from None


def render_package(
    project: LoadedProject, forms: Iterable[str] | None = None, template_dir: Path | None = None
) -> dict[str, bytes]:
    """Every chosen document of one project as {file name: .docx bytes}. Refuses data with errors."""
    if not project.ok:
        raise _failed(project.findings)
    chosen = parse_forms(forms)
    data = package_data(project)
    extra = {"materials": checklist_context(project, chosen)} if "materials" in chosen else {}
    try:
        blobs = renderer(template_dir).render_many(chosen, data, project.base_dir, extra, source_json(project))
    except TemplateProblem as exc:
        raise TemplateFailure(str(exc)) from None
    return {output_name(project.data, form): blob for form, blob in blobs.items()}


def source_json(project: LoadedProject) -> bytes:
    """The project's data as canonical JSON: what a built document carries (see ``extract``)."""
    from docgen.source_data import canonical_json

    return canonical_json(project.data.model_dump(mode="json", exclude_defaults=True))


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
    rendered = {output_name(project.data, form): render_form(project, form, template_dir, chosen) for form in chosen}
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
    chosen = parse_forms(forms or ANNEXES)
    if "materials" in chosen:
        raise InputError(MSG.no_blank_checklist)
    rendered = {f"空白-{FORMS[form].suffix}.docx": render_blank(form, template_dir) for form in chosen}
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
    entries: dict[str, dict[str, Any]] = {}
    for key in REVIEW_KEYS:
        result = results.get(key)
        if result is None:
            continue
        entry: dict[str, Any] = {"result": result}
        if unit is not None:
            entry["unit"] = unit
        if date is not None:
            entry["date"] = date
        entries[key] = entry
    return record_review_entries(path, entries)


def read_review_file(path: str | Path) -> dict[str, dict[str, Any]]:
    """A review file (YAML/JSON): ``network_security`` and/or ``cryptography``, each with result, unit, date.

    Its values are checked against the data model; a wrong one is an InputError naming
    the field and its line.
    """
    from docgen.models import Review

    source = Path(path)
    raw = read(source)
    unknown = [key for key in raw.data if key not in REVIEW_KEYS]
    if unknown:
        raise InputError(MSG.review_file_keys.format(name=source.name, keys="、".join(unknown)))
    from docgen.sources import Positions

    shifted = Positions({("review", *key): line for key, line in raw.positions.lines.items()})
    wrapped = RawDocument(data={"review": raw.data}, positions=shifted, path=source)
    from docgen.validation import build_model

    _model, findings = build_model(wrapped)
    if findings:
        lines = "；".join(f.format() for f in findings)
        raise InputError(MSG.review_file_invalid.format(name=source.name, problems=lines))
    Review.model_validate(raw.data)
    entries: dict[str, dict[str, Any]] = {}
    for key in REVIEW_KEYS:
        value = raw.data.get(key)
        if isinstance(value, dict):
            entries[key] = {k: v for k, v in value.items() if k in ("result", "unit", "date") and v is not None}
    return entries


def record_review_entries(path: str | Path, entries: dict[str, dict[str, Any]]) -> LoadedProject:
    """Write each review's result, unit and date (as given) into the data file; see record_review."""
    source = Path(path)
    text = read_text(source)
    raw = parse(text, source)  # refuses unreadable input with a Chinese message
    updates: dict[tuple[str, ...], Any] = {}
    for key, entry in entries.items():
        for name, value in entry.items():
            updates[("review", key, name)] = value
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


@dataclass
class CheckResult:
    """``docgen check``: every document read, every finding (per file and across files)."""

    documents: list[CheckedDocument]
    findings: list[Finding]
    unreadable: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else (1 if has_errors(self.findings) else 0)


CHECK_FORMS = ("application", "security", "requirements")


def check(paths: Iterable[str | Path], form: str | None = None) -> CheckResult:
    """Check documents someone else wrote (.docx files, or folders of them).

    ``form`` (application / security / requirements) skips detection. A file that is
    not a readable .docx gives a DG-CHECK-READ finding; the others are still checked.
    """
    if form is not None and form not in CHECK_FORMS:
        raise InputError(MSG.unknown_form.format(name=form, choices="、".join(CHECK_FORMS)))
    files = docx_files(Path(p) for p in paths)
    if not files:
        raise InputError(MSG.check_nothing)
    documents: list[CheckedDocument] = []
    findings: list[Finding] = []
    unreadable = 0
    for path, in_folder in files:
        try:
            content = read_docx(path)
        except PackageError as exc:
            unreadable += 1
            findings.append(Finding(Severity.ERROR, "DG-CHECK-READ", str(exc), file=path.name))
            continue
        checked = check_document(content, form)
        if checked.form is None and in_folder:  # another document of the folder (e.g. 申报材料清单)
            checked.findings = [replace(f, severity=Severity.INFO, message=MSG.check_skipped) for f in checked.findings]
        documents.append(checked)
        findings += checked.findings
    findings += consistency(documents)
    return CheckResult(documents, findings, unreadable)


def check_templates(folder: str | Path) -> CheckResult:
    """``docgen templates check``: undefined variables and missing mandatory fields in a template folder."""
    from docgen.render.inspect import check_template, template_forms

    root = Path(folder)
    if not root.is_dir():
        raise InputError(MSG.templates_not_dir.format(name=root))
    found = template_forms(root)
    if not found:
        raise InputError(MSG.templates_none.format(name=root))
    findings: list[Finding] = []
    unreadable = 0
    for form, path in found.items():
        try:
            issues = check_template(path, form, renderer().template(form))
        except TemplateProblem as exc:
            unreadable += 1
            findings.append(Finding(Severity.ERROR, "DG-TEMPLATE", str(exc), file=path.name))
            continue
        for issue in issues:
            code = "DG-TEMPLATE-UNDEFINED" if issue.kind == "undefined" else "DG-TEMPLATE-MISSING"
            findings.append(Finding(Severity.ERROR, code, issue.message, label=issue.label, file=issue.file))
    return CheckResult([], findings, unreadable)


@dataclass
class ExtractResult:
    """``docgen extract``: the data a filled form holds, and how it was read."""

    file: str
    form: str
    data: dict[str, Any]
    embedded: bool  # True: the data the form was built from, carried inside it
    problems: list[Finding]
    changes: list[tuple[str, str, str]]  # (label, built with, now) for edits made after building

    def yaml(self) -> str:
        from docgen.sources.yaml_source import dump

        how = MSG.extract_embedded if self.embedded else MSG.extract_cells
        header = [MSG.extract_header.format(file=self.file, how=how)]
        header += [f"未读取：{p.message}" for p in self.problems if p.code == "DG-EXTRACT-UNREAD"]
        return dump(self.data, header)


EXTRACT_FORMS = ("application", "security")


def extract(path: str | Path, form: str | None = None, compare: bool = False) -> ExtractResult:
    """Read a filled 附件1/附件2 (or any document docgen built) back into data.

    ``compare`` also lists the cells edited since docgen built the document.
    """
    from docgen.checking import detect_form
    from docgen.checking.extract import differences, embedded_source, read_form
    from docgen.docx_reader import read_docx_bytes

    if form is not None and form not in EXTRACT_FORMS:
        raise InputError(MSG.unknown_form.format(name=form, choices="、".join(EXTRACT_FORMS)))
    source = Path(path)
    try:
        content = read_docx(source)
    except PackageError as exc:
        raise InputError(str(exc)) from None
    found = embedded_source(content)
    problems: list[Finding] = [found] if isinstance(found, Finding) else []
    if isinstance(found, tuple):
        built_form, data = found
        changes: list[tuple[str, str, str]] = []
        if compare and built_form in EXTRACT_FORMS:
            rebuilt = render_form(load_data(data), built_form)
            expected = read_form(read_docx_bytes(rebuilt, source.name), built_form)
            changes = differences(read_form(content, built_form), expected)
        return ExtractResult(source.name, built_form, _typed(data), True, problems, changes)
    chosen = form or detect_form(content)
    if chosen not in EXTRACT_FORMS:
        raise InputError(MSG.extract_not_form.format(name=source.name))
    extracted = read_form(content, chosen)
    return ExtractResult(source.name, chosen, _typed(extracted.data), False, problems + extracted.problems, [])


def _typed(data: dict[str, Any]) -> dict[str, Any]:
    """The data with amounts as Decimal and dates as dates, in the data model's key order."""
    try:
        model = ProjectData.model_validate(data)
    except ValueError:
        return data
    return model.model_dump(mode="python", exclude_defaults=True)


def json_schema() -> dict[str, Any]:
    from docgen.schema import project_schema

    return project_schema()


def findings_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)


def _failed(findings: list[Finding]) -> ValidationFailed:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return ValidationFailed(MSG.validation_failed.format(errors=errors, warnings=warnings), findings)
