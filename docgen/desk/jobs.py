"""The desk's CPU work, as functions of plain values run in worker processes (``docgen.desk.work``):
reading and judging a project, saving a patch, rendering documents, reading uploads.

A project is handed over as its data file's text and the files it refers to (pictures), by the
path of a cached copy; each job lays them out in a private folder — the data file and its
pictures side by side, exactly as the command line reads them — so every judgement is the
command line's.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from docgen import api
from docgen.changes import field_changes
from docgen.desk.patching import Conflict, PatchProblem, conflicts, jsonable, plan
from docgen.errors import DocgenError, InputError
from docgen.forms import Form
from docgen.project import LoadedProject, load_raw
from docgen.sources import RawDocument, yaml_edit
from docgen.sources.yaml_source import parse

DATA_FILE = "项目.yaml"
#: a project's files: the path its data writes (图片/1a2b.png) → where the desk's cache keeps the bytes
Files = dict[str, str]


@dataclass
class Judged:
    """A project as the desk shows it: its data (JSON-like), findings and counts."""

    data: dict[str, Any]
    findings: list[dict[str, Any]]
    errors: int
    warnings: int
    name: str
    profile: str
    materials: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None  # the text cannot be read at all


@dataclass
class Saved:
    text: str
    judged: Judged
    changes: list[dict[str, Any]]


@dataclass
class Refused:
    """Stale: the page saw values that are no longer there (the patch's failed tests)."""

    conflicts: list[dict[str, Any]]
    judged: Judged


_empty: Path | None = None


def _empty_folder() -> Path:
    """This worker's folder with nothing in it: where a project without pictures is read from."""
    global _empty
    if _empty is None or not _empty.is_dir():
        _empty = Path(tempfile.mkdtemp(prefix="docgen-desk-"))
        atexit.register(shutil.rmtree, _empty, True)
    return _empty


@contextmanager
def laid_out(text: str, files: Files) -> Iterator[Path]:
    """Where the project's data file would stand among its pictures (the folder its picture paths are
    read from): a private folder of links to the cached pictures, removed afterwards — or, for a project
    without pictures, this worker's empty folder (nothing to write, nothing to remove). The data file
    itself is never written: it is read from ``text``."""
    if not files:
        yield _empty_folder() / DATA_FILE
        return
    with tempfile.TemporaryDirectory(prefix="docgen-desk-") as work:
        folder = Path(work)
        for name, cached in files.items():
            target = folder / name
            if not target.resolve().is_relative_to(folder.resolve()):
                continue  # names are made by the desk; never follow one out of the folder
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(cached, target)
            except OSError:
                shutil.copyfile(cached, target)
        yield folder / DATA_FILE


def _load(text: str, path: Path) -> LoadedProject:
    return load_raw(_parsed(text, path))


def _parsed(text: str, path: Path) -> RawDocument:
    raw = parse(text, DATA_FILE)
    return RawDocument(data=raw.data, positions=raw.positions, path=path)


def _judged(project: LoadedProject) -> Judged:
    findings = project.findings
    return Judged(
        data=jsonable(project.raw if isinstance(project.raw, dict) else {}),
        findings=[f.to_dict() for f in findings],
        errors=len(findings.errors),
        warnings=len(findings.warnings),
        name=project.data.project.name or "",
        profile=project.profile_key or project.data.profile or "shizuishan",
        materials=[
            {"document": m.document, "title": m.title, "stage": m.stage, "articles": m.articles, "present": m.present}
            for m in project.required
        ],
    )


def unreadable(text: str, problem: DocgenError) -> Judged:
    finding = problem.to_finding()
    return Judged({}, [finding.to_dict()], 1, 0, "", "shizuishan", problem=problem.message)


def warm() -> None:
    """What a worker's first job would import and prepare (the model, the rule books, the readers and
    the templates), done when the server starts."""
    from docgen import checking  # noqa: F401  (imported for its cost, at start)
    from docgen.starter import starter_yaml

    judge(starter_yaml(), {})
    api.render_blank(Form.APPLICATION, time_limit=api.RENDER_SECONDS)


def judge(text: str, files: Files) -> Judged:
    """The project's data, findings and 申报材料 as validate gives them."""
    with laid_out(text, files) as path:
        try:
            return _judged(_load(text, path))
        except InputError as exc:
            return unreadable(text, exc)


def save(text: str, patch: list[dict[str, Any]], files: Files) -> Saved | Refused:
    """``patch`` applied to the project whose data file is ``text``: the new text, judged, and what
    changed by label — or the failed tests, with nothing changed."""
    with laid_out(text, files) as path:
        before = _parsed(text, path)
        failed = conflicts(before.data, patch)
        if failed:
            return Refused([conflict_json(c) for c in failed], _judged(load_raw(before)))
        planned = plan(before.data, patch)
        result = yaml_edit.edited(text, planned.edits, planned.data)
        new_text = result.text
        project = load_raw(RawDocument(data=result.raw.data, positions=result.raw.positions, path=path))
        changes = [asdict(c) for c in field_changes(before.data, project.raw)]
        return Saved(new_text, _judged(project), changes)


def replace_text(old_text: str, new_text: str, files: Files) -> Saved:
    """A whole new text for the project (restoring a version, re-importing a file): judged, and
    what changed by label."""
    with laid_out(new_text, files) as path:
        try:
            before = parse(old_text, DATA_FILE).data
        except InputError:
            before = {}
        project = _load(new_text, path)
        changes = [asdict(c) for c in field_changes(before, project.raw)]
        return Saved(new_text, _judged(project), changes)


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "field": conflict.field,
        "pointer": conflict.pointer,
        "label": conflict.label,
        "current": conflict.current,
        "seen": conflict.seen,
    }


def needed(text: str) -> dict[str, dict[str, Any]]:
    """The fields the project must fill under its 办法, each with the rule that asks for it
    (``docgen.desk.needed``): the form marks them ``*`` and counts what is still to fill."""
    from docgen.desk.needed import needed_fields

    try:
        data = parse(text, DATA_FILE).data
    except InputError:
        return {}
    return {field: need.to_json() for field, need in needed_fields(data).items()}


def render(
    text: str, files: Files, forms: list[str] | None, time_limit: float | None = None, filing_when_due: bool = False
) -> dict[str, bytes]:
    """The chosen documents (.docx) by file name — ``None``: the package the project's 办法 asks for;
    ValidationFailed when the data has errors. ``filing_when_due`` adds the 备案信息表 once the project
    has reached 备案 (where its 办法 has one)."""
    from docgen.filing import at_filing_stage

    with laid_out(text, files) as path:
        project = _load(text, path)
        chosen = api.project_forms(project, forms)
        due = filing_when_due and project.ok and at_filing_stage(project.data)
        if due and Form.FILING in project.profile.forms and Form.FILING not in chosen:
            chosen.append(Form.FILING)
        rendered = api.render_documents(project, chosen, time_limit=time_limit)
        return {api.output_name(project.data, form): blob for form, blob in rendered.items()}


def opinion(text: str, files: Files, context: dict[str, Any]) -> bytes:
    """The 技术审查意见 of a submission (its data as submitted, the reviewer's words)."""
    with laid_out(text, files) as path:
        project = _load(text, path)
        return api.render_opinion(project.data, context, time_limit=api.RENDER_SECONDS)


def filing_due(text: str, files: Files) -> Any:
    """The day the 备案 is due by 第十八条 (None when the data does not fix one yet)."""
    from docgen.filing import deadline

    with laid_out(text, files) as path:
        found = deadline(_load(text, path).data)
        return found.due if found is not None else None


def change_notice(before: str, after: str, files: Files) -> bytes | None:
    """The 备案信息变更说明 between two versions (None when no 备案 information changed)."""
    import datetime as dt

    from docgen.changes import compare

    with laid_out(after, files) as path:
        new = _load(after, path)
        old = _load(before, path) if before else new
        result = compare(old.data, new.data, old_name="已备案", new_name="变更后", today=dt.date.today())
        if not result.filing_changes:
            return None
        with tempfile.TemporaryDirectory(prefix="docgen-notice-") as work:
            target = Path(work) / "notice.docx"
            api.write_change_notice(result, target, time_limit=api.RENDER_SECONDS)
            return target.read_bytes()


def summary(projects: list[tuple[str, str, str]]) -> bytes:
    """The 汇总表 (``docgen summary``) of projects given as (name, data file text, desk state), with a
    column 「办理状态」 saying where each stands on the desk."""
    from openpyxl import load_workbook

    with tempfile.TemporaryDirectory(prefix="docgen-summary-") as work:
        folder = Path(work) / "projects"
        folder.mkdir()
        states: dict[str, str] = {}
        for number, (_name, text, state) in enumerate(projects, start=1):
            source = folder / f"{number:05d}.yaml"
            source.write_text(text, encoding="utf-8")
            states[source.name] = state
        target = Path(work) / "汇总表.xlsx"
        api.write_summary([folder], target)
        book = load_workbook(target)
        sheet = book.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        source_column = header.index("数据来源") + 1 if "数据来源" in header else None
        state_column = len(header) + 1
        sheet.cell(row=1, column=state_column, value="办理状态")
        if source_column is not None:
            for row in range(2, sheet.max_row + 1):
                written = str(sheet.cell(row=row, column=source_column).value or "")
                sheet.cell(row=row, column=state_column, value=states.get(Path(written).name, ""))
        book.save(target)
        return target.read_bytes()


def changes_between(old: str, new: str) -> list[dict[str, Any]]:
    """Every field that differs between two versions, by label (the ``diff`` engine)."""
    try:
        before = parse(old, DATA_FILE).data
        after = parse(new, DATA_FILE).data
    except InputError:
        return []
    return [asdict(change) for change in field_changes(before, after)]


@dataclass
class Upload:
    """What an uploaded file holds: data files for new projects (text, how it came), and what was
    not taken, in the file's own words."""

    projects: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


#: at most this many projects from one upload (a workbook of a whole province is split by the office)
IMPORT_LIMIT = 2000


def read_upload(name: str, blob: bytes) -> Upload:
    """A data file (.yaml/.json), a plan workbook (.xlsx, one project per row) or a filled 附件1/附件2
    (.docx, through ``extract``), as data files for new projects."""
    from docgen.sources import decode_text
    from docgen.sources import parse as parse_any
    from docgen.sources.yaml_source import dump

    shown = Path(name.replace("\\", "/")).name or "上传的文件"
    suffix = Path(shown).suffix.lower()
    out = Upload()
    with tempfile.TemporaryDirectory(prefix="docgen-upload-") as work:
        staged = Path(work) / _staged_name(shown, suffix)  # readers name the file in their messages
        staged.write_bytes(blob)
        if suffix in (".yaml", ".yml"):
            text = decode_text(blob, shown)
            parse_any(text, staged)  # refuse what docgen cannot read, in its own words
            out.projects.append((text, f"导入「{shown}」"))
        elif suffix == ".json":
            raw = parse_any(decode_text(blob, shown), staged)
            out.projects.append((dump(jsonable(raw.data), [f"由「{shown}」导入"]), f"导入「{shown}」"))
        elif suffix == ".xlsx":
            _say_columns(out, api.workbook_headers(staged), shown)
            for where, data, error in api.workbook_projects(staged):
                if error is not None or data is None:
                    out.problems.append(f"「{shown}」{where}：{error.message if error else '无法读取'}")
                    continue
                if len(out.projects) >= IMPORT_LIMIT:
                    out.problems.append(
                        f"「{shown}」的项目超过每次导入 {IMPORT_LIMIT} 个的上限：{where} 起未导入，请分成几个文件"
                    )
                    break
                out.problems += [f"「{shown}」{where}：{message}" for message in _unread_values(data)]
                out.projects.append((dump(jsonable(data), [f"由「{shown}」{where}导入"]), f"导入「{shown}」{where}"))
        elif suffix == ".docx":
            result = api.extract(staged)
            out.problems += [f"「{shown}」：{p.message}" for p in result.problems]
            out.projects.append((dump(jsonable(result.data), [f"由「{shown}」导入"]), f"导入「{shown}」"))
        else:
            raise InputError(f"「{shown}」不是可导入的文件：请选择 .yaml、.json、.xlsx 或填好的附件1/附件2 .docx")
    return out


def _staged_name(shown: str, suffix: str) -> str:
    """The uploaded file's own name for its staged copy (readers say it), when it is a plain name."""
    plain = shown not in (".", "..") and not any(ch in shown for ch in '<>:"/\\|?*\x00') and len(shown.encode()) < 200
    return shown if plain else "上传的文件" + suffix


def _say_columns(out: Upload, uses: list[tuple[str, Any]], shown: str) -> None:
    """Which columns of a workbook were read into which fields, and which were not (with the nearest
    known header), in the words of the sheet."""
    from docgen.sources.workbook import CATALOG_SHEET, ITEMS_SHEET

    for sheet, use in uses:
        where = f"（工作表「{sheet}」）" if sheet in (ITEMS_SHEET, CATALOG_SHEET) else ""
        if use.target is None:
            hint = f"，是不是「{use.nearest}」？" if use.nearest else ""
            out.ignored.append(f"「{use.header}」{where}{hint}")
        elif use.exact:
            out.read.append(f"「{use.header}」{where}")
        else:
            out.read.append(f"「{use.header}」→「{use.target}」{where}")


def _unread_values(data: dict[str, Any]) -> list[str]:
    """What the data model cannot read in a row (an amount that is not a number …), as validation
    says it: the project keeps the value as written, and its form shows the error beside the field."""
    from docgen.errors import Code
    from docgen.project import load_data

    return [f.message for f in load_data(data).findings if f.code == Code.TYPE]


def validate_text(text: str, suffix: str) -> list[dict[str, Any]]:
    """``validate --format json`` of data sent by a script (YAML or JSON): its findings, or the one
    finding that says why it cannot be read."""
    try:
        project = _sent(text, suffix)
    except InputError as exc:
        return [exc.to_finding().to_dict()]
    return [f.to_dict() for f in project.findings]


def _sent(text: str, suffix: str) -> LoadedProject:
    """Data a script sent: read by its type, with no folder — it cannot refer to pictures (never to
    files of the server)."""
    from docgen.sources import parse as parse_any

    raw = parse_any(text, Path(f"请求数据{suffix}"))
    raw.path = None
    return load_raw(raw)


def build_text(text: str, suffix: str, forms: list[str]) -> dict[str, bytes] | list[dict[str, Any]]:
    """The documents of data sent by a script, or its findings when it has errors (nothing built).
    It has no folder: it cannot refer to pictures."""
    try:
        project = _sent(text, suffix)
    except InputError as exc:
        return [exc.to_finding().to_dict()]
    if not project.ok:
        return [f.to_dict() for f in project.findings]
    rendered = api.render_documents(project, [Form(form) for form in forms], time_limit=api.RENDER_SECONDS)
    return {api.output_name(project.data, form): blob for form, blob in rendered.items()}


def picture_kind(blob: bytes) -> str:
    """The kind (png/jpg/gif/bmp) of an uploaded picture whose every pixel reads, within the limits;
    InputError in Chinese otherwise (``docgen.pictures``)."""
    from docgen.pictures import check_upload

    return check_upload(blob).ext


def check(uploads: list[tuple[str, bytes]], form: str | None) -> api.CheckResult:
    """``docgen check`` on uploaded documents (names only label the findings)."""
    return api.check_blobs(uploads, form=form)


__all__ = [
    "Files",
    "Judged",
    "PatchProblem",
    "Refused",
    "Saved",
    "Upload",
    "build_text",
    "change_notice",
    "changes_between",
    "check",
    "filing_due",
    "judge",
    "laid_out",
    "needed",
    "opinion",
    "picture_kind",
    "read_upload",
    "render",
    "replace_text",
    "save",
    "summary",
    "validate_text",
]
