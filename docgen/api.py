"""The facade: what the CLI, scripts and a future server call.

It only orchestrates — read, validate, render, write, check, extract — over the
layers below (``project``, ``rules``, ``render``, ``checking``, ``sources``).
Everything here returns data or raises a :class:`~docgen.errors.DocgenError`;
nothing prints and nothing exits. Options are keyword-only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import summary as summary_table
from docgen.changes import DiffResult
from docgen.checking import (
    SAVE_AS_DOCX,
    SKIP_ADVICE,
    CheckedDocument,
    Skipped,
    check_document,
    consistency,
    detect_form,
    docx_files,
    is_checklist,
)
from docgen.checking.extract import Change as Change
from docgen.checking.extract import differences, embedded_source, overlay, read_form, source_or_body, unedited
from docgen.docx_package import OldWordDocument, read_package
from docgen.docx_reader import MAX_DOCX_BYTES, DocxContent, read_docx, read_docx_bytes
from docgen.errors import Code, DocgenError, Finding, Findings, InputError, Severity
from docgen.formatting import date_cn
from docgen.forms import (
    ALL_BUILDABLE,
    ANNEXES,
    BLANK_PREFIX,
    BLANKS,
    CELL_FORMS,
    FORMS,
    PACKAGE,
    PLAN_FORMS,
    Form,
    form_names,
)
from docgen.materials import checklist_context
from docgen.messages import MSG
from docgen.models import ProjectData
from docgen.output import atomic_write, atomic_write_all, ensure_file_target, ensure_folder, inside, safe_filename
from docgen.project import LoadedProject as LoadedProject
from docgen.project import checked_profile
from docgen.project import load as load
from docgen.project import load_data as load_data
from docgen.project import load_raw as load_raw
from docgen.render import DEFAULT_TEMPLATES, Renderer
from docgen.render import pdf as pdf_conversion
from docgen.render.context import filing_record
from docgen.render.engine import RENDER_SECONDS as RENDER_SECONDS
from docgen.review import ReviewChange, prepare_review
from docgen.rules.engine import Profile, Rule
from docgen.rules.own import BOOK as OWN_RULES
from docgen.rules.profiles import profile_for
from docgen.source_data import keep_cell_numbers
from docgen.summary import Summary

if TYPE_CHECKING:
    from docgen.sources.workbook import HeaderUse

_renderers: dict[Path | None, Renderer] = {}


def renderer(template_dir: Path | None = None) -> Renderer:
    """The process-wide renderer for a template folder (templates are prepared once)."""
    key = template_dir.resolve() if template_dir else None
    found = _renderers.get(key)
    if found is None:
        found = _renderers[key] = Renderer(key)
    return found


def prepare(forms: Iterable[Form], *, template_dir: Path | None = None) -> None:
    """Prepare the templates of ``forms`` now (before worker processes fork, so they share them)."""
    for form in forms:
        renderer(template_dir).template(form)


def template_digest(forms: Iterable[Form], *, template_dir: Path | None = None) -> bytes:
    """The bytes of the templates ``forms`` use: part of what decides a batch's outputs."""
    folder = template_dir or DEFAULT_TEMPLATES
    return b"".join(
        (folder / FORMS[form].template).read_bytes() if (folder / FORMS[form].template).is_file() else b"-"
        for form in forms
    )


# ---------------------------------------------------------------- data


def validate(path: str | Path, *, profile: str | None = None, today: dt.date | None = None) -> Findings:
    """Every finding about a project file (see ``load``)."""
    return load(path, profile=profile, today=today).findings


def profile_rules(profile: str | None = None) -> Profile:
    """Every rule of one 办法, for listing (``docgen rules``); ``profile`` by key or Chinese name."""
    return profile_for(checked_profile(profile))


def own_rules() -> tuple[Rule, ...]:
    """docgen's own rules: always on, whatever the 办法 (article None)."""
    return OWN_RULES.rules


def json_schema() -> dict[str, Any]:
    from docgen.schema import project_schema

    return project_schema()


def write_starter(target: Path, *, xlsx: bool = False) -> None:
    """The starter data file, written atomically: commented YAML for .yaml/.yml, JSON for .json,
    or (``xlsx``) the batch workbook; any other suffix is refused with the right one suggested."""
    ensure_file_target(target)  # a folder, or a path through a file: said first, naming it
    suffix = target.suffix.lower()
    if xlsx:
        if suffix != ".xlsx":
            raise InputError(MSG.init_suffix.format(name=target, wanted=".xlsx", example=target.with_suffix(".xlsx")))
        from docgen.spreadsheet import write_template

        atomic_write(target, write_template(target))
        return
    from docgen.starter import starter_json, starter_yaml

    if suffix in (".yaml", ".yml"):
        atomic_write(target, starter_yaml().encode("utf-8"))
    elif suffix == ".json":
        atomic_write(target, starter_json().encode("utf-8"))
    else:
        hint = MSG.init_wanted_xlsx if suffix == ".xlsx" else MSG.init_wanted_data
        raise InputError(MSG.init_suffix.format(name=target, wanted=hint, example=target.with_suffix(".yaml")))


def workbook_projects(path: str | Path) -> Iterator[tuple[str, dict[str, Any] | None, InputError | None]]:
    """The projects of an .xlsx plan, one per row as ``batch`` reads them: (where, data, error).
    Streamed: a caller that stops early (an import limit) reads no further, and memory does not
    grow with the rows."""
    from docgen import spreadsheet
    from docgen.sources import workbook

    source = Path(path)
    for row in workbook.read_rows(source, spreadsheet.layout()):
        yield (
            MSG.place_sheet_row.format(sheet=row.sheet, row=row.row),
            row.raw.data if row.raw is not None else None,
            row.error,
        )


def workbook_headers(path: str | Path) -> list[tuple[str, HeaderUse]]:
    """The header cells of an .xlsx plan, with the field each fills (or none, and the nearest known
    header): what an import says it read and what it did not. (sheet, header use) in order."""
    from docgen import spreadsheet
    from docgen.sources import workbook

    return workbook.read_headers(Path(path), spreadsheet.layout())


def read_project_data(path: str | Path) -> tuple[ProjectData, str]:
    """The project data any input holds — a data file, or a .docx (its embedded data, or a filled
    附件1/附件2 read cell by cell) — and how it was read. Data with errors is still data here."""
    source = Path(path)
    if source.suffix.lower() == ".docx":
        extracted = extract(source)
        model = (extracted.project or load_data(extracted.data)).data  # validated once
        return model, MSG.read_embedded if extracted.embedded else MSG.read_cells
    return load(source).data, MSG.read_data_file


def diff(old: str | Path, new: str | Path, *, today: dt.date | None = None) -> DiffResult:
    """Every field that differs between two versions of a project (see ``docgen.changes``)."""
    from docgen.changes import compare

    old_path, new_path = Path(old), Path(new)
    before, _ = read_project_data(old_path)
    after, _ = read_project_data(new_path)
    return compare(before, after, old_name=old_path.name, new_name=new_path.name, today=today or dt.date.today())


def write_change_notice(result: DiffResult, target: Path, *, time_limit: float | None = None) -> Path:
    """The 备案信息变更说明 (a table: 项目, 变更事项, 变更前, 变更后, 变更日期, 依据), written atomically."""
    from docgen.changes import notice_rows

    ensure_file_target(target)
    data = ProjectData.model_validate({"project": {"name": result.project}})
    context = {
        "notice": {
            "rows": notice_rows(result),
            "summary": MSG.diff_notice_summary.format(count=len(result.changes), filing=len(result.filing_changes)),
            "due": MSG.diff_notice_due.format(date=date_cn(result.due)) if result.due else "",
            "sources": f"{result.old} → {result.new}",
        }
    }
    (blob,) = renderer().render([Form.CHANGES], data, extra={Form.CHANGES: context}, time_limit=time_limit).values()
    atomic_write(target, blob)
    return target


def render_opinion(data: ProjectData, opinion: dict[str, Any], *, time_limit: float | None = None) -> bytes:
    """The 技术审查意见 of a submission (第十五条): ``opinion`` holds unit, date, documents, findings
    (code, article, message), findings_summary, text, conclusion and basis."""
    (blob,) = (
        renderer()
        .render([Form.OPINION], data, extra={Form.OPINION: {"opinion": opinion}}, time_limit=time_limit)
        .values()
    )
    return blob


def write_summary(
    inputs: Iterable[str | Path], out: str | Path, *, profile: str | None = None, today: dt.date | None = None
) -> Summary:
    """The 汇总表 (.xlsx) of every project of ``inputs`` (as ``batch`` reads them), written atomically."""
    target = Path(out)
    ensure_file_target(target)
    collected = summary_table.collect([Path(p) for p in inputs], profile=profile, today=today)
    summary_table.write(collected, target)
    return collected


def write_text(target: Path, text: str) -> None:
    """A UTF-8 text file, written atomically (the old file or the new one, never half of one)."""
    atomic_write(target, text.encode("utf-8"))


# ---------------------------------------------------------------- documents


def parse_forms(names: str | Iterable[str | Form] | None, *, default: Iterable[Form] = PACKAGE) -> list[Form]:
    """'application,审查表' -> [Form.APPLICATION, Form.SECURITY]; None -> ``default``."""
    if names is None:
        return list(default)
    items = names.split(",") if isinstance(names, str) else list(names)
    chosen: list[Form] = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        form = Form.parse(item)
        if form is None or form not in ALL_BUILDABLE:
            raise InputError(MSG.unknown_form.format(name=item, choices=form_names(ALL_BUILDABLE)))
        chosen.append(form)
    return list(dict.fromkeys(chosen)) or list(default)


def project_forms(project: LoadedProject, forms: str | Iterable[str | Form] | None = None) -> list[Form]:
    """The forms to write for ``project``: those named, each one its 办法 defines (else InputError saying
    which documents that 办法 asks for); none named: the 办法's package and the documents its rules ask."""
    profile = project.profile
    chosen = parse_forms(forms, default=profile.default_forms(project.required))
    refused = [form for form in chosen if form not in profile.forms]
    if refused:
        raise InputError(
            MSG.form_not_in_profile.format(
                forms="、".join(f"「{FORMS[form].suffix}」" for form in refused),
                profile=profile.name,
                asks=profile.asks,
                choices=form_names(profile.forms),
            )
        )
    return chosen


def render_documents(
    project: LoadedProject,
    forms: str | Iterable[str | Form] | None = None,
    *,
    template_dir: Path | None = None,
    time_limit: float | None = None,
) -> dict[Form, bytes]:
    """The one render entry: each chosen document of a project as .docx bytes.

    Refuses data with errors (ValidationFailed). ``time_limit`` (seconds) bounds each
    template's run where the caller owns the process (the CLI and batch workers pass it).
    """
    project.require_ok()
    chosen = project_forms(project, forms)
    extra: dict[Form, dict[str, Any]] = {}
    if Form.MATERIALS in chosen:
        extra[Form.MATERIALS] = checklist_context(project, chosen)
    if Form.FILING in chosen:
        extra[Form.FILING] = {"record": filing_record(project.package_data)}
    return renderer(template_dir).render(
        chosen,
        project.package_data,
        base_dir=project.base_dir,
        extra=extra,
        source=project.source_json,
        time_limit=time_limit,
    )


def output_name(data: ProjectData, form: Form) -> str:
    """<项目名称>-<表名>.docx, safe on every file system."""
    return f"{safe_filename(data.project.name or '')}-{FORMS[form].suffix}.docx"


@dataclass
class BuildResult:
    project: LoadedProject
    outputs: list[Path] = field(default_factory=list)


def build(
    source: str | Path | LoadedProject,
    out_dir: str | Path,
    *,
    forms: str | Iterable[str | Form] | None = None,
    pdf: bool = False,
    template_dir: Path | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
    time_limit: float | None = None,
    force: bool = False,
) -> BuildResult:
    """Validate, render every chosen form in memory, then write them all.

    With errors nothing is written. Each file is written atomically, so an
    interrupted build leaves the previous file or the new one, never half of one.
    A same-named document edited after docgen wrote it (or written by another tool)
    is not overwritten unless ``force``: InputError naming it, nothing written.
    """
    project = source if isinstance(source, LoadedProject) else load(source, profile=profile, today=today)
    if pdf:
        check_pdf_tools()  # a missing LibreOffice is said before anything is written
    rendered = render_documents(project, forms, template_dir=template_dir, time_limit=time_limit)
    if not force:
        _refuse_edited(Path(out_dir), project, rendered, template_dir)
    named = {output_name(project.data, form): blob for form, blob in rendered.items()}
    return BuildResult(project=project, outputs=_write_all(Path(out_dir), named, pdf))


def edited_since_built(path: Path, form: Form, package: list[Form], *, template_dir: Path | None = None) -> bool:
    """True when the document at ``path`` is not what docgen built from the data it carries: its
    visible text differs from a fresh rendering of that data, or it carries none (another tool
    wrote it), or it cannot be read back. An unedited earlier output is False.

    The body digest the document records answers for an unedited output without rendering again;
    only a document whose body changed (an edit, or a re-save in Word) is rendered and compared."""
    try:
        if path.stat().st_size > MAX_DOCX_BYTES:
            return True
        blob = path.read_bytes()
        if unedited(read_package(blob, path.name, only=source_or_body).parts, path.name):
            return False
        content = read_docx_bytes(blob, path.name)
        found = embedded_source(content)
        if not isinstance(found, tuple):
            return True
        earlier = load_data(found[1], base_dir=path.parent)
        # Only the 材料清单 depends on which forms the package holds; any other form renders alone.
        again = render_documents(earlier, package if form is Form.MATERIALS else [form], template_dir=template_dir)[
            form
        ]
    except (DocgenError, OSError):
        return True
    return read_docx_bytes(again, path.name).visible_text() != content.visible_text()


def _refuse_edited(
    folder: Path, project: LoadedProject, rendered: dict[Form, bytes], template_dir: Path | None
) -> None:
    """build does not overwrite a same-named document that was edited after docgen wrote it."""
    package = list(rendered)
    targets = {form: folder / output_name(project.data, form) for form in rendered}
    edited = [
        path
        for form, path in targets.items()
        if path.is_file() and edited_since_built(path, form, package, template_dir=template_dir)
    ]
    if edited:
        raise InputError(
            MSG.output_edited.format(files="、".join(f"「{path.name}」" for path in edited), folder=folder)
        )


@dataclass
class ReviewResult:
    """``docgen review``: the project as recorded, the 附件2 written (none while the applicant's
    data has errors), and the earlier review values the new ones replaced."""

    project: LoadedProject
    outputs: list[Path]
    replaced: list[ReviewChange]


def review_project(
    data: str | Path,
    entries: dict[str, dict[str, Any]],
    *,
    out_dir: str | Path | None = None,
    pdf: bool = False,
    time_limit: float | None = None,
) -> ReviewResult:
    """Record review results into the data file and regenerate 附件2.

    All or nothing: the review is validated, the form rendered and the output folder checked
    before anything is written. When the applicant's data has errors the review is still
    recorded (the reviewer's result does not wait for the applicant), and 附件2 is not
    regenerated until the errors are mended: ``result.project.findings`` lists them.
    """
    prepared = prepare_review(data, entries)
    replaced = list(prepared.replaced)
    # A 「不符合」 is an error of the application (石嘴山 第十三条（七）…) that 附件2 itself records:
    # only the applicant's own errors hold the form back.
    applicants = Findings(f for f in prepared.project.findings if not (f.field or "").startswith("review."))
    if not applicants.ok:
        prepared.write()
        return ReviewResult(prepared.project, [], replaced)
    if Form.SECURITY not in prepared.project.profile.forms:  # another 办法: the result is recorded, no 附件2
        prepared.write()
        return ReviewResult(prepared.project, [], replaced)
    folder = Path(out_dir) if out_dir is not None else prepared.source.parent
    if pdf:
        check_pdf_tools()
    recorded = dataclasses.replace(prepared.project, findings=applicants)
    rendered = render_documents(recorded, [Form.SECURITY], time_limit=time_limit)
    ensure_folder(folder)
    prepared.write()
    named = {output_name(prepared.project.data, form): blob for form, blob in rendered.items()}
    return ReviewResult(prepared.project, _write_all(folder, named, pdf), replaced)


def render_blank(form: str | Form, *, template_dir: Path | None = None, time_limit: float | None = None) -> bytes:
    """The form with every value cell empty, for printing and filling in by hand."""
    (chosen,) = parse_forms([form])
    if chosen not in BLANKS:
        raise InputError(MSG.no_blank_checklist)
    return renderer(template_dir).render_blank(chosen, time_limit=time_limit)


def build_blank(
    out_dir: str | Path,
    *,
    forms: str | Iterable[str | Form] | None = None,
    pdf: bool = False,
    template_dir: Path | None = None,
    time_limit: float | None = None,
) -> list[Path]:
    """Write the blank forms as 空白-<表名>.docx (and PDF), atomically."""
    chosen = parse_forms(forms, default=ANNEXES)
    if any(form not in BLANKS for form in chosen):
        raise InputError(MSG.no_blank_checklist)
    if pdf:
        check_pdf_tools()  # a missing LibreOffice is said before anything is written
    rendered = {
        f"{BLANK_PREFIX}{FORMS[form].suffix}.docx": render_blank(form, template_dir=template_dir, time_limit=time_limit)
        for form in chosen
    }
    return _write_all(Path(out_dir), rendered, pdf)


def pdf_font_notes() -> list[str]:
    """What to tell a person about the PDFs made (may be empty): faces drawn with a stand-in on this
    machine and the package to install; a warm LibreOffice that could not start."""
    return pdf_conversion.notes()


def check_pdf_tools() -> None:
    """Raise EnvironmentProblem (naming the Debian package) when LibreOffice or CJK fonts are missing."""
    pdf_conversion.find_soffice()
    pdf_conversion.check_cjk_fonts()


def pdfs(documents: dict[str, bytes]) -> dict[str, bytes]:
    """PDFs of documents held in memory (name → .docx bytes): name.pdf → bytes. Safe from several
    threads; the warm LibreOffice converts them when it runs (see ``docgen.render.office``)."""
    check_pdf_tools()
    return {
        str(Path(name).with_suffix(".pdf")): pdf_conversion.convert_bytes(blob, name)
        for name, blob in documents.items()
    }


def convert_pdf(docx: bytes, name: str = "document.docx") -> bytes:
    """The PDF of one document held in memory (serve's previews and downloads); thread-safe."""
    check_pdf_tools()
    return pdf_conversion.convert_bytes(docx, name)


def start_pdf_service() -> None:
    """Start the warm LibreOffice now rather than at the first conversion (a server's start-up);
    when it cannot run, conversions go the slower way and ``pdf_font_notes`` says why."""
    pdf_conversion.start()


def stop_pdf_service() -> None:
    """Stop the warm LibreOffice and every soffice it started (a server's shutdown; also done at exit)."""
    pdf_conversion.stop()


def _write_all(folder: Path, documents: dict[str, bytes], pdf: bool) -> list[Path]:
    """Write every document (already rendered) atomically into ``folder``; PDFs after them.

    The folder is checked first (an InputError naming it when it is a file or cannot be made),
    so a bad ``-o`` writes nothing."""
    ensure_folder(folder)
    files = {inside(folder, name): blob for name, blob in documents.items()}
    atomic_write_all(files)  # all or none: a full disk leaves the earlier documents as they were
    outputs = list(files)
    if pdf:
        outputs += pdf_conversion.convert(list(outputs), folder.resolve())
    return outputs


# ---------------------------------------------------------------- others' documents


@dataclass
class CheckResult:
    """``docgen check``: every document read, every finding (per file and across files)."""

    documents: list[CheckedDocument]
    findings: Findings
    unreadable: int = 0
    files: int = 0  # templates read (``templates check``)

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else (0 if self.findings.ok else 1)


def _judge(data: dict[str, Any], package: frozenset[Form] = frozenset()) -> list[Finding]:
    """What ``validate`` says about data read from a filled form; the documents of ``package`` (the
    forms being checked together, the form in hand among them) need not be listed in its 申报材料."""
    return load_data(data, package=package).findings


def _chosen_form(form: str | Form | None) -> Form | None:
    chosen = parse_forms([form], default=()) if form is not None else None
    if chosen is not None and chosen[0] not in (*ANNEXES, *PLAN_FORMS):
        raise InputError(MSG.unknown_form.format(name=form, choices=form_names((*ANNEXES, *PLAN_FORMS))))
    return chosen[0] if chosen else None


def check(paths: Iterable[str | Path], *, form: str | Form | None = None) -> CheckResult:
    """Check documents someone else wrote (.docx files, or folders of them).

    A filled 附件1/附件2 is read into data and judged by the same rules as a data file
    (scoped to what the form shows); 附件3 against the outline. ``form`` skips detection.
    A file that is not a readable .docx gives a DG-CHECK-READ finding; the others are
    still checked.
    """
    chosen = _chosen_form(form)
    files, skipped = docx_files(Path(p) for p in paths)
    if not files and not skipped:
        raise InputError(MSG.check_nothing)
    readers: list[Reader] = [(path.name, functools.partial(read_docx, path), in_folder) for path, in_folder in files]
    return _check_all(readers, [s.finding() for s in skipped], chosen)


def check_blobs(documents: Iterable[tuple[str, bytes]], *, form: str | Form | None = None) -> CheckResult:
    """``check`` on documents held in memory (uploads): each (name, bytes); the name only labels
    the findings, it is never a path. Documents that are not .docx are listed as unchecked."""
    chosen = _chosen_form(form)
    readers: list[Reader] = []
    unchecked: list[Finding] = []
    for name, blob in documents:
        suffix = Path(name).suffix.lower()
        if suffix != ".docx" and blob[:8] != b"PK\x03\x04":
            unchecked.append(Skipped(Path(name), SKIP_ADVICE.get(suffix)).finding())
            continue
        readers.append((name, functools.partial(read_docx_bytes, blob, name), True))
    if not readers and not unchecked:
        raise InputError(MSG.check_nothing)
    return _check_all(readers, unchecked, chosen)


#: A document to check: its name, how to read it, whether it came with others (a folder, an upload).
Reader = tuple[str, Callable[[], DocxContent], bool]


def _check_all(readers: list[Reader], unchecked: list[Finding], chosen: Form | None) -> CheckResult:
    """Each document read and checked, then the facts they share compared. A reader flagged
    ``in_folder`` came with others (a folder, an upload): a document that is no form only gets a 提示."""
    documents: list[CheckedDocument] = []
    findings = Findings(unchecked)
    unreadable = 0
    contents: list[tuple[DocxContent, bool, Form | None]] = []
    for name, reader, in_folder in readers:
        try:
            content = reader()
        except InputError as exc:
            if in_folder and isinstance(exc, OldWordDocument):  # a .doc renamed .docx: as a .doc
                findings.append(Skipped(Path(name), SAVE_AS_DOCX, MSG.check_renamed_doc).finding())
                continue
            unreadable += 1
            findings.append(Finding(Severity.ERROR, Code.CHECK_READ, exc.message, file=name))
            continue
        contents.append((content, in_folder, chosen or detect_form(content)))
    # the documents checked together are the package: what is in it need not be listed in 申报材料
    package = frozenset(form for *_, form in contents if form is not None)
    judge = functools.partial(_judge, package=package)
    for content, in_folder, form in contents:
        checked = check_document(content, judge, form)
        if checked.form is None and (in_folder or is_checklist(content)):  # e.g. the 申报材料清单
            checked.findings = [
                Finding(Severity.INFO, f.code, MSG.check_skipped, file=f.file) for f in checked.findings
            ]
        documents.append(checked)
        findings += checked.findings
    findings += consistency(documents)
    return CheckResult(documents, findings, unreadable)


def check_templates(folder: str | Path) -> CheckResult:
    """``docgen templates check``: undefined variables and missing mandatory fields in a template folder."""
    from docgen.render.errors import TemplateProblem
    from docgen.render.inspect import check_template, template_forms

    root = Path(folder)
    if not root.is_dir():
        raise InputError(MSG.templates_not_dir.format(name=root))
    found = template_forms(root)
    if not found:
        raise InputError(MSG.templates_none.format(name=root))
    findings = Findings()
    unreadable = 0
    for form, path in found.items():
        try:
            issues = check_template(path, form, renderer().template(form))
        except (TemplateProblem, InputError) as exc:
            unreadable += 1
            findings.append(Finding(Severity.ERROR, Code.TEMPLATE, exc.message, file=path.name))
            continue
        for issue in issues:
            code = Code.TEMPLATE_UNDEFINED if issue.kind == "undefined" else Code.TEMPLATE_MISSING
            findings.append(Finding(Severity.ERROR, code, issue.message, label=issue.label, file=issue.file))
    return CheckResult([], findings, unreadable, files=len(found))


@dataclass
class ExtractResult:
    """``docgen extract``: the data a filled form holds, and how it was read.

    For a form docgen built, ``changes`` lists every field whose visible cell differs from
    the data embedded at build time (label, embedded → visible); ``preferred`` says which of
    the two ``data`` holds.
    """

    file: str
    form: Form | None
    data: dict[str, Any]
    embedded: bool  # the document carries the data it was built from
    problems: list[Finding]
    changes: list[Change]
    preferred: str = "visible"
    project: LoadedProject | None = (
        None  # ``data`` already validated (the embedded data, when it is what ``data`` holds)
    )

    def yaml(self) -> str:
        from docgen.sources.yaml_source import dump

        if not self.embedded:
            how = MSG.extract_cells
        elif not self.changes:
            how = MSG.extract_embedded
        else:
            how = MSG.extract_visible if self.preferred == "visible" else MSG.extract_embedded_kept
        header = [MSG.extract_header.format(file=self.file, how=how)]
        header += [MSG.extract_change.format(label=c.label, before=c.before, after=c.after) for c in self.changes]
        header += [MSG.extract_unread.format(message=p.message) for p in self.problems if p.code == Code.EXTRACT_UNREAD]
        return dump(self.data, header)

    @property
    def exit_code(self) -> int:
        """0 all read and nothing edited; 1 something could not be read or the cells were edited."""
        unread = any(p.code == Code.EXTRACT_UNREAD for p in self.problems)
        return 1 if self.changes or unread else 0


PREFER = ("visible", "embedded")


def extract(path: str | Path, *, form: str | Form | None = None, prefer: str = "visible") -> ExtractResult:
    """Read a filled 附件1/附件2 (or any document docgen built) back into data.

    A form docgen built carries the data it was built from; its cells are read as well, and
    every field whose visible value differs is listed in ``changes`` (「标签」：embedded →
    visible). ``prefer`` chooses what ``data`` holds then: ``visible`` (default — what the
    reviewer sees and signs) or ``embedded``. A visible value that cannot be read is left
    out and listed. The changes are always listed: nothing the reader sees is replaced silently.
    """
    if prefer not in PREFER:
        raise InputError(MSG.extract_prefer.format(value=prefer))
    chosen = parse_forms([form], default=())[0] if form is not None else None
    if chosen is not None and chosen not in CELL_FORMS:
        raise InputError(MSG.unknown_form.format(name=form, choices=form_names(CELL_FORMS)))
    source = Path(path)
    content = read_docx(source)
    found = embedded_source(content)
    problems: list[Finding] = [found] if isinstance(found, Finding) else []
    if isinstance(found, tuple):
        built_form, data = found
        if built_form not in CELL_FORMS:
            return ExtractResult(source.name, built_form, _typed(data), True, problems, [])
        assert built_form is not None
        # Always compared cell by cell, digest or not: whoever edits a document can write its digests
        # anew, and the reviewer signs what is visible (build's guard, on its own outputs, trusts them).
        earlier = load_data(data)
        # 附件1/2 print no picture: the report's pictures, wherever they were, do not matter here
        earlier.findings = Findings(f for f in earlier.findings if f.code != Code.IMAGE)
        if earlier.ok:
            visible = read_form(content, built_form)
            rebuilt = render_documents(earlier, [built_form])[built_form]
            expected = read_form(read_docx_bytes(rebuilt, source.name), built_form)
            changes = differences(visible, expected)
            if changes and prefer == "visible":
                data = overlay(data, visible, expected)
                problems += [p for p in visible.problems if p.code == Code.EXTRACT_UNREAD]
            validated = earlier if not changes or prefer == "embedded" else None
            return ExtractResult(source.name, built_form, _typed(data), True, problems, changes, prefer, validated)
        # docgen built it from valid data: changed since (its digest made anew), so read the cells
        problems.append(Finding(Severity.WARNING, Code.EXTRACT_SOURCE, MSG.extract_source_invalid, file=source.name))
    chosen = chosen or detect_form(content)
    if chosen not in CELL_FORMS:
        raise InputError(MSG.extract_not_form.format(name=source.name))
    assert chosen is not None
    extracted = read_form(content, chosen)
    return ExtractResult(source.name, chosen, _typed(extracted.data), False, problems + extracted.problems, [])


def _typed(data: dict[str, Any]) -> dict[str, Any]:
    """The data with amounts as Decimal and dates as dates, in the data model's key order;
    a report table cell that was a number stays a number."""
    try:
        model = ProjectData.model_validate(data)
    except ValueError:
        return data
    typed: dict[str, Any] = keep_cell_numbers(model.model_dump(mode="python", exclude_defaults=True), data)
    return typed
