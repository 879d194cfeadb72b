"""Bulk generation: many projects from a folder, a JSON Lines file or a workbook.

Every project builds into its own folder under the output folder. A project
that cannot be read or has errors is recorded and the batch goes on. Work is
spread over worker processes; templates are prepared once (before the workers
fork, so they share them) and each document then costs a render and a zip
write. A project whose input, templates and options are unchanged since the
last run is skipped (its content hash is kept in ``.docgen-batch.sqlite``).

For scripts::

    for item in docgen.batch.items([Path("plan.xlsx")]):
        project = item.load()          # LoadedProject, or raises InputError
    for result in docgen.batch.run([Path("plan.xlsx")], Path("out")):
        print(result.source, result.status, result.outputs)
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

from docgen import api, spreadsheet
from docgen.errors import EnvironmentProblem, Finding, InputError, Severity
from docgen.forms import FORMS
from docgen.messages import MSG
from docgen.models import ImageBlock
from docgen.output import atomic_write, safe_filename
from docgen.render import DEFAULT_TEMPLATES
from docgen.render import pdf as pdf_conversion
from docgen.rules.data_checks import report_sections
from docgen.sources import RawDocument, decode_text, json_source, parse, workbook

INDEX_NAME = ".docgen-batch.sqlite"
MARKER_NAME = ".docgen-source"
PROJECT_SUFFIXES = (".yaml", ".yml", ".json")
IN_FLIGHT_PER_JOB = 4
INDEX_FLUSH_EVERY = 100
PDF_CHUNK = 40
Status = Literal["built", "unchanged", "failed"]


# ------------------------------------------------------------------ inputs


@dataclass
class BatchItem:
    """One project of a batch input, not yet validated."""

    source: str  # where, for a person: 「a.yaml」「plan.jsonl 第3行」「plan.xlsx 工作表「项目」第5行」
    identity: str  # stable across runs and reordering: input file and project name or file
    path: Path
    fingerprint: bytes  # the bytes that define the project (hashed to skip unchanged work)
    text: str | None = None  # a JSON Lines line
    line: int | None = None
    raw: RawDocument | None = None  # a workbook row, already read
    error: str | None = None  # why a workbook row could not be read
    sheet: str | None = None  # the workbook sheet of a row

    def load(self, profile: str | None = None, today: dt.date | None = None) -> api.LoadedProject:
        """Read and validate; raises InputError when the project cannot be read at all."""
        if self.error is not None:
            raise InputError(self.error)
        if self.raw is not None:
            return api.load_raw(self.raw, profile, today)
        if self.text is not None:
            try:
                raw = json_source.parse_line(self.text, self.source)
            except InputError as exc:
                raise InputError(
                    MSG.jsonl_line.format(name=self.path.name, line=self.line, problem=exc.message)
                ) from None
            raw.positions.lines[()] = self.line or 0
            raw.path = self.path
            return api.load_raw(raw, profile, today)
        return api.load_raw(parse(decode_text(self.fingerprint, self.path.name), self.path), profile, today)


def items(inputs: Iterable[Path]) -> Iterator[BatchItem]:
    """The projects of each input, in order: a folder of YAML/JSON files, a .jsonl file, an .xlsx workbook."""
    for path in inputs:
        if path.is_dir():
            for file in sorted(p for p in path.iterdir() if p.suffix.lower() in PROJECT_SUFFIXES and p.is_file()):
                if not file.name.startswith("."):
                    yield _file_item(file, f"{path.name}/{file.name}")
        elif path.suffix.lower() == ".jsonl":
            yield from _jsonl_items(path)
        elif path.suffix.lower() == ".xlsx":
            yield from _workbook_items(path)
        elif path.suffix.lower() in PROJECT_SUFFIXES and path.is_file():
            yield _file_item(path, path.name)
        else:
            raise InputError(MSG.batch_no_input.format(name=path))


def _file_item(file: Path, shown: str) -> BatchItem:
    try:
        blob = file.read_bytes()
    except OSError as exc:
        return BatchItem(shown, shown, file, b"", error=MSG.input_unreadable.format(name=shown, reason=exc.strerror))
    return BatchItem(shown, shown, file, blob)


def _jsonl_items(path: Path) -> Iterator[BatchItem]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(MSG.input_unreadable.format(name=path, reason=exc.strerror)) from None
    seen = _Occurrences()
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            shown = f"{path.name} 第{number}行"
            try:
                text = decode_text(line, shown)
            except InputError as exc:
                yield BatchItem(shown, shown, path, line, error=exc.message, line=number)
                continue
            identity = seen.identity(path, _name_hint(text) or str(number))
            yield BatchItem(shown, identity, path, line, text=text, line=number)


def _name_hint(text: str) -> str | None:
    try:
        name = json.loads(text).get("project", {}).get("name")
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name.strip() else None


class _Occurrences:
    """Identities for projects of one input: its name, and which occurrence of that name."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def identity(self, path: Path, name: str) -> str:
        self.counts[name] = self.counts.get(name, 0) + 1
        count = self.counts[name]
        return f"{path.name}#{name}" + (f"#{count}" if count > 1 else "")


def _workbook_items(path: Path) -> Iterator[BatchItem]:
    seen = _Occurrences()
    for row in workbook.read_rows(path, spreadsheet.layout()):
        shown = f"{path.name} 工作表「{row.sheet}」第{row.row}行"
        identity = seen.identity(path, row.name or str(row.row))
        error = row.error.message if row.error else None
        yield BatchItem(shown, identity, path, row.fingerprint, raw=row.raw, error=error, line=row.row, sheet=row.sheet)


def count(inputs: Iterable[Path]) -> int | None:
    """How many projects the inputs hold, cheaply (for a progress bar); None when unknown."""
    total = 0
    for path in inputs:
        if path.is_dir():
            total += sum(
                1 for p in path.iterdir() if p.suffix.lower() in PROJECT_SUFFIXES and not p.name.startswith(".")
            )
        elif path.suffix.lower() == ".jsonl":
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif path.suffix.lower() in PROJECT_SUFFIXES:
            total += 1
        elif path.suffix.lower() == ".xlsx":
            rows = workbook.row_estimate(path)
            if rows is None:
                return None
            total += rows
        else:
            return None
    return total


# ------------------------------------------------------------------ results


@dataclass
class ProjectResult:
    source: str
    status: Status
    name: str | None = None
    folder: str | None = None  # relative to the output folder
    outputs: list[str] = field(default_factory=list)  # relative to the output folder
    findings: list[Finding] = field(default_factory=list)
    hash: str = ""
    deps: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "name": self.name,
            "folder": self.folder,
            "outputs": self.outputs,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    forms: tuple[str, ...]
    pdf: bool
    profile: str | None
    template_dir: Path | None
    force: bool
    today: dt.date | None = None

    def digest(self) -> str:
        """Everything besides the input that changes the output."""
        try:
            own = version("docgen")
        except PackageNotFoundError:
            own = "dev"
        folder = self.template_dir or DEFAULT_TEMPLATES
        hasher = hashlib.sha256(f"{own}|{','.join(self.forms)}|{self.pdf}|{self.profile}|{self.today}".encode())
        for form in self.forms:
            template = folder / FORMS[form].template
            hasher.update(template.read_bytes() if template.is_file() else b"-")
        return hasher.hexdigest()


def _hash(settings_digest: str, item: BatchItem) -> str:
    seed = f"{settings_digest}\0{item.identity}\0".encode()
    return hashlib.sha256(seed + item.fingerprint).hexdigest()


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


# ------------------------------------------------------------------ one project (runs in a worker)


def build_item(item: BatchItem, settings: Settings, digest: str) -> ProjectResult:
    """Validate and build one project into its own folder. Never raises for bad data."""
    result = ProjectResult(item.source, "failed", hash=digest)
    try:
        project = item.load(settings.profile, settings.today)
    except InputError as exc:
        result.findings = [Finding(Severity.ERROR, "DG-INPUT", exc.message, file=item.source)]
        return result
    result.name = project.data.project.name
    result.findings = [_located(f, item) for f in project.findings]
    if not project.ok:
        return result
    folder = _claim_folder(settings.out_dir, safe_filename(project.data.project.name or ""), item.identity)
    rendered = api.render_package(project, settings.forms, settings.template_dir)
    for name, blob in rendered.items():
        atomic_write(folder / name, blob, durable=False)  # output_name is a safe file name
    result.status = "built"
    result.folder = folder.name
    result.outputs = [f"{folder.name}/{name}" for name in rendered]
    result.deps = {str(p): _file_hash(p) for p in _images(project)}
    return result


def _located(finding: Finding, item: BatchItem) -> Finding:
    """The finding with the input it is in: the file, or the workbook and sheet (the line is the row)."""
    from dataclasses import replace

    if item.sheet is not None:
        return replace(finding, file=f"{item.path.name} 工作表「{item.sheet}」")
    return replace(finding, file=item.path.name if item.text is not None else item.source)


def _images(project: api.LoadedProject) -> list[Path]:
    """The pictures a project's 附件3 shows: a change to one rebuilds the project."""
    base = project.base_dir
    if base is None:
        return []
    return [
        base / block.image.path
        for _path, section in report_sections(project.data)
        if isinstance(section, list)
        for block in section
        if isinstance(block, ImageBlock) and block.image.path
    ]


def _claim_folder(out_dir: Path, stem: str, identity: str) -> Path:
    """The project's own folder: its name, or name-2, -3 … when another project holds it.

    A folder belongs to the project whose identity its marker file holds. The marker
    is created with O_EXCL, which is atomic: two workers never take the same folder,
    and a rerun finds its own folder again.
    """
    for number in range(1, 10_000):
        name = stem if number == 1 else f"{stem}-{number}"
        folder = out_dir / name  # safe_filename made the stem: no separators, no '..'
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / MARKER_NAME
        try:
            handle = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                if marker.read_text(encoding="utf-8") == identity:
                    return folder
            except OSError:
                pass
            continue
        with os.fdopen(handle, "wb") as stream:
            stream.write(identity.encode("utf-8"))
        return folder
    raise InputError(f"「{stem}」同名项目过多")


# ------------------------------------------------------------------ the batch


_SCHEMA = "CREATE TABLE IF NOT EXISTS builds (hash TEXT PRIMARY KEY, name TEXT, folder TEXT, outputs TEXT, deps TEXT)"


class _Index:
    """Content hashes of the projects built before, with their outputs and images.

    Kept in SQLite beside the outputs: looked up and added to one row at a time,
    so memory does not grow with the batch, and a killed batch loses at most the
    rows of its last uncommitted stretch (those projects are simply rebuilt).
    """

    def __init__(self, out_dir: Path) -> None:
        path = out_dir / INDEX_NAME
        self.connection = sqlite3.connect(path)
        try:
            self.connection.execute(_SCHEMA)
        except sqlite3.DatabaseError:  # not a database (damaged): start afresh
            self.connection.close()
            path.unlink()
            self.connection = sqlite3.connect(path)
            self.connection.execute(_SCHEMA)
        self.pending = 0

    def unchanged(self, key: str, out_dir: Path) -> dict[str, Any] | None:
        row = self.connection.execute(
            "SELECT name, folder, outputs, deps FROM builds WHERE hash = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        entry = {"name": row[0], "folder": row[1], "outputs": json.loads(row[2]), "deps": json.loads(row[3])}
        if not all((out_dir / output).is_file() for output in entry["outputs"]):
            return None
        if any(_file_hash(Path(dep)) != digest for dep, digest in entry["deps"].items()):
            return None
        return entry

    def record(self, result: ProjectResult) -> None:
        if result.status != "built":
            return
        self.connection.execute(
            "INSERT OR REPLACE INTO builds VALUES (?, ?, ?, ?, ?)",
            (
                result.hash,
                result.name,
                result.folder,
                json.dumps(result.outputs, ensure_ascii=False),
                json.dumps(result.deps, ensure_ascii=False),
            ),
        )
        self.pending += 1
        if self.pending >= INDEX_FLUSH_EVERY:
            self.save()

    def save(self) -> None:
        self.connection.commit()
        self.pending = 0

    def close(self) -> None:
        self.save()
        self.connection.close()


class _Report:
    """The JSON report, written entry by entry to a temporary file and renamed at the end."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.handle = None
        self.first = True
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finish()
                "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
            )
            self.handle.write('{\n"projects": [\n')

    def add(self, result: ProjectResult) -> None:
        if self.handle is not None:
            self.handle.write(("" if self.first else ",\n") + json.dumps(result.to_dict(), ensure_ascii=False))
            self.first = False

    def finish(self, summary: dict[str, Any]) -> None:
        if self.handle is not None and self.target is not None:
            self.handle.write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False) + "\n}\n")
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.handle.name, self.target)


@dataclass
class Summary:
    total: int = 0
    built: int = 0
    unchanged: int = 0
    failed: int = 0
    documents: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "built": self.built,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.rate, 1),
        }

    def text(self) -> str:
        return MSG.batch_summary.format(**self.to_dict(), rate=self.rate)


def run(
    inputs: Iterable[Path],
    out_dir: Path,
    *,
    forms: str | Iterable[str] | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    force: bool = False,
    profile: str | None = None,
    template_dir: Path | None = None,
    report: Path | None = None,
    summary: Summary | None = None,
    today: dt.date | None = None,
) -> Iterator[ProjectResult]:
    """Build every project of ``inputs``; yields one result per project as it completes.

    Results come in completion order. ``summary`` (if given) is filled in as the
    batch goes and is complete when the iterator is exhausted. With ``pdf`` the
    PDFs are converted in chunks while the batch goes on, one LibreOffice process
    per chunk; a result's outputs name the PDFs it will have.
    """
    import time

    started = time.perf_counter()
    workers = max(1, jobs or os.cpu_count() or 1)
    chosen = tuple(api.parse_forms(forms))
    if profile is not None:
        api.rules(profile)  # refuses an unknown profile before any work
    if pdf:
        api.check_pdf_tools()  # a missing LibreOffice is said before any work
    out_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(out_dir.resolve(), chosen, pdf, profile, template_dir, force, today)
    digest = settings.digest()
    for form in chosen:
        api.renderer(template_dir).template(form)  # prepared once, before the workers fork
    index = _Index(settings.out_dir)
    writer = _Report(report)
    totals = summary if summary is not None else Summary()
    converter = _PdfQueue(workers) if pdf else None
    try:
        for result in _results(items(inputs), settings, digest, index, workers):
            totals.total += 1
            if result.status == "built":
                totals.built += 1
                if converter is not None:
                    converter.add([settings.out_dir / o for o in result.outputs])
                    result.outputs += [str(Path(o).with_suffix(".pdf")) for o in result.outputs]
                totals.documents += len(result.outputs)
                index.record(result)
            elif result.status == "unchanged":
                totals.unchanged += 1
            else:
                totals.failed += 1
            writer.add(result)
            totals.seconds = time.perf_counter() - started
            yield result
        if converter is not None:
            converter.finish()
        totals.seconds = time.perf_counter() - started
    finally:
        index.close()
    writer.finish(totals.to_dict())


class _PdfQueue:
    """.docx files waiting for PDF, converted in chunks (unique names per chunk) on ``workers`` threads."""

    def __init__(self, workers: int) -> None:
        self.pool = futures.ThreadPoolExecutor(max_workers=workers)
        self.chunk: list[Path] = []
        self.running: list[futures.Future[list[Path]]] = []

    def add(self, files: list[Path]) -> None:
        for path in files:
            if len(self.chunk) >= PDF_CHUNK or any(p.name == path.name for p in self.chunk):
                self._flush()
            self.chunk.append(path)

    def _flush(self) -> None:
        if self.chunk:
            self.running.append(self.pool.submit(pdf_conversion.convert_beside, self.chunk))
            self.chunk = []

    def finish(self) -> None:
        self._flush()
        try:
            for future in self.running:
                future.result()  # a failed conversion raises PdfProblem here
        except pdf_conversion.PdfProblem as exc:
            from docgen.errors import EnvironmentProblem

            raise EnvironmentProblem(str(exc)) from None
        finally:
            self.pool.shutdown()


def _results(
    stream: Iterator[BatchItem], settings: Settings, digest: str, index: _Index, jobs: int
) -> Iterator[ProjectResult]:
    def skip(item: BatchItem) -> tuple[str, ProjectResult | None]:
        key = _hash(digest, item)
        entry = None if settings.force else index.unchanged(key, settings.out_dir)
        if entry is None:
            return key, None
        return key, ProjectResult(
            item.source, "unchanged", entry.get("name"), entry.get("folder"), entry["outputs"], hash=key
        )

    if jobs <= 1:
        for item in stream:
            key, done = skip(item)
            yield done or _safe_build(item, settings, key)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    try:
        yield from _pooled(stream, settings, skip, jobs, context)
    except BrokenProcessPool:
        raise EnvironmentProblem(MSG.batch_worker_died) from None


def _pooled(
    stream: Iterator[BatchItem],
    settings: Settings,
    skip: Callable[[BatchItem], tuple[str, ProjectResult | None]],
    jobs: int,
    context: Any,
) -> Iterator[ProjectResult]:
    with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: set[futures.Future[ProjectResult]] = set()
        for item in stream:
            key, done = skip(item)
            if done is not None:
                yield done
                continue
            pending.add(pool.submit(_safe_build, item, settings, key))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                finished, pending = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        for future in futures.as_completed(pending):
            yield future.result()


def _safe_build(item: BatchItem, settings: Settings, key: str) -> ProjectResult:
    """build_item, with any unexpected failure recorded against the project instead of ending the batch."""
    from docgen.errors import DocgenError

    try:
        return build_item(item, settings, key)
    except DocgenError as exc:
        finding = Finding(Severity.ERROR, "DG-BUILD", exc.format_message(), file=item.source)
        return ProjectResult(item.source, "failed", findings=[*exc.findings, finding], hash=key)
    except (OSError, ValueError) as exc:
        finding = Finding(Severity.ERROR, "DG-BUILD", f"生成失败：{exc}", file=item.source)
        return ProjectResult(item.source, "failed", findings=[finding], hash=key)
