"""Bulk generation: many projects from a folder, a JSON Lines file or a workbook.

A :class:`Batch` is a context-managed run that owns its build index, its report
and its PDF pool::

    with docgen.Batch([Path("plan.xlsx")], Path("out")) as run:
        for result in run:
            print(result.source, result.status, result.outputs)
    print(run.summary.text())

Every project builds into its own folder under the output folder, through the
same render as ``docgen.build``. A project that cannot be read or has errors is
recorded and the batch goes on. Work is spread over worker processes; templates
are prepared once (before the workers fork, so they share them). A project whose
input, templates and options are unchanged since the last run is skipped (its
content hash is kept in ``.docgen-batch.sqlite``). Leaving the ``with`` block —
at the end, on ``break``, on an error or on Ctrl-C — stops the workers, saves the
index and writes the report for what was done; no temporary file is left behind.
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from docgen import api
from docgen.children import end_with_parent
from docgen.errors import Code, DocgenError, EnvironmentProblem, Finding, Findings, InputError, Severity
from docgen.forms import ALL_BUILDABLE, PACKAGE, Form
from docgen.inputs import BatchItem, count, items
from docgen.messages import MSG
from docgen.output import (
    FILE_MODE,
    atomic_write_all,
    ensure_file_target,
    ensure_folder,
    reason,
    safe_filename,
    write_reason,
)
from docgen.project import LoadedProject, checked_profile, load_raw
from docgen.render import pdf as pdf_conversion
from docgen.render.engine import RENDER_SECONDS
from docgen.rules.own import report_images
from docgen.summary import Summary, SummaryRow, broken_row, project_row
from docgen.summary import write as write_summary

INDEX_NAME = ".docgen-batch.sqlite"
MARKER_NAME = ".docgen-source"
IN_FLIGHT_PER_JOB = 4
INDEX_FLUSH_EVERY = 100
PDF_CHUNK = 40
Status = Literal["built", "unchanged", "failed"]


# ------------------------------------------------------------------ validating only


@dataclass(frozen=True)
class Validated:
    """One project of a batch input, validated only: where it is, its findings, whether it could be read."""

    source: str
    findings: Findings
    readable: bool


def validate_inputs(
    inputs: Iterable[Path], *, profile: str | None = None, today: dt.date | None = None
) -> Iterator[Validated]:
    """Validate every project of batch inputs (a folder, a .jsonl file, a workbook) without writing
    anything; each finding names the input it is in."""
    key = checked_profile(profile)
    for item in items(inputs):
        try:
            project = load_raw(item.read(), profile=key, today=today)
        except InputError as exc:
            yield Validated(item.source, Findings([item.place(exc.to_finding())]), False)
            continue
        yield Validated(item.source, Findings(item.place(f) for f in project.findings), True)


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
    row: SummaryRow | None = None  # its row of the 汇总表, when the batch writes one
    order: int = 0  # its place among the inputs' projects

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
    forms: tuple[Form, ...]  # () when none were named: each project's 办法 decides (api.render_documents)
    pdf: bool
    profile: str | None
    template_dir: Path | None
    force: bool
    today: dt.date | None = None
    time_limit: float | None = RENDER_SECONDS
    summary_day: dt.date | None = None  # set: each result carries its row of the 汇总表 (validated once)

    def digest(self) -> str:
        """Everything besides the input that changes the output."""
        try:
            own = version("docgen")
        except PackageNotFoundError:
            own = "dev"
        forms = ",".join(self.forms)
        hasher = hashlib.sha256(f"{own}|{forms}|{self.pdf}|{self.profile}|{self.today}".encode())
        hasher.update(api.template_digest(self.forms or ALL_BUILDABLE, template_dir=self.template_dir))
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
        project = load_raw(item.read(), profile=settings.profile, today=settings.today)
    except InputError as exc:
        result.findings = [item.place(exc.to_finding())]
        if settings.summary_day is not None:
            result.row = broken_row(item.source, exc)
        return result
    if settings.summary_day is not None:
        result.row = project_row(project, item.source, settings.summary_day)
    result.name = project.data.project.name
    result.findings = [item.place(f) for f in project.findings]
    if not project.ok:
        return result
    folder = _claim_folder(settings.out_dir, safe_filename(project.data.project.name or ""), item.identity, item.rank)
    try:
        rendered = api.render_documents(
            project, settings.forms or None, template_dir=settings.template_dir, time_limit=settings.time_limit
        )
        names = [api.output_name(project.data, form) for form in rendered]
        # all or none (output_name is a safe file name): a full disk leaves no project half rewritten
        atomic_write_all(
            {folder / name: blob for name, blob in zip(names, rendered.values(), strict=True)},
            False,
            folder_checked=True,
        )
    except BaseException:
        _release(folder)
        raise
    result.status = "built"
    result.folder = folder.name
    result.outputs = [f"{folder.name}/{name}" for name in names]
    result.deps = {str(p): _file_hash(p) for p in _images(project)}
    return result


def _images(project: LoadedProject) -> list[Path]:
    """The pictures a project's 附件3 shows: a change to one rebuilds the project."""
    base = project.base_dir
    return [] if base is None else [base / written for _path, written in report_images(project.data)]


def _claim_folder(out_dir: Path, stem: str, identity: str, rank: int = 1) -> Path:
    """The project's own folder: its name, or name-2, -3 … for the ``rank``-th project of that name
    (input order), or the next one free when an earlier run's project holds it.

    A folder belongs to the project whose identity its marker file holds. The marker
    is created with O_EXCL, which is atomic: two workers never take the same folder,
    and a rerun finds its own folder again.
    """
    for number in range(rank, 10_000):
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
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(identity.encode("utf-8"))
        except OSError:  # a full disk: no folder with a half marker stays
            marker.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                folder.rmdir()
            raise
        return folder
    raise InputError(MSG.batch_too_many_same_name.format(name=stem))


def _release(folder: Path) -> None:
    """A project folder that holds nothing but its marker (the project failed before any document,
    a full disk) is not left behind: it looks empty to a person."""
    with contextlib.suppress(OSError):
        if [p.name for p in folder.iterdir()] == [MARKER_NAME]:
            (folder / MARKER_NAME).unlink()
            folder.rmdir()


def _summary_row(item: BatchItem, settings: Settings) -> SummaryRow:
    """The project's row of the 汇总表, read and validated here (it was not built in this run)."""
    assert settings.summary_day is not None
    try:
        project = load_raw(item.read(), profile=settings.profile, today=settings.today)
    except InputError as exc:
        return broken_row(item.source, exc)
    return project_row(project, item.source, settings.summary_day)


def _safe_build(item: BatchItem, settings: Settings, key: str, order: int = 0) -> ProjectResult:
    """build_item, with any docgen error recorded against the project instead of ending the batch."""
    result = _build_recorded(item, settings, key)
    result.order = order
    if settings.summary_day is not None and result.row is None:  # it failed after reading: read for its row
        result.row = _summary_row(item, settings)
    return result


def _build_recorded(item: BatchItem, settings: Settings, key: str) -> ProjectResult:
    try:
        return build_item(item, settings, key)
    except DocgenError as exc:
        finding = item.place(Finding(Severity.ERROR, Code.BUILD, exc.format_message()))
        return ProjectResult(item.source, "failed", findings=[*exc.findings, finding], hash=key)
    except OSError as exc:
        finding = item.place(Finding(Severity.ERROR, Code.BUILD, MSG.batch_build_failed.format(reason=reason(exc))))
        return ProjectResult(item.source, "failed", findings=[finding], hash=key)


# ------------------------------------------------------------------ what a batch keeps


_SCHEMA = "CREATE TABLE IF NOT EXISTS builds (hash TEXT PRIMARY KEY, name TEXT, folder TEXT, outputs TEXT, deps TEXT)"


class _Index:
    """Content hashes of the projects built before, with their outputs and images.

    Kept in SQLite beside the outputs: looked up and added to one row at a time,
    so memory does not grow with the batch, and a killed batch loses at most the
    rows of its last uncommitted stretch (those projects are simply rebuilt).
    """

    def __init__(self, out_dir: Path) -> None:
        path = self.path = out_dir / INDEX_NAME
        self.connection = sqlite3.connect(path)
        try:
            self.connection.execute(_SCHEMA)
        except sqlite3.DatabaseError:  # not a database (damaged): start afresh
            self.connection.close()
            path.unlink()
            self.connection = sqlite3.connect(path)
            self.connection.execute(_SCHEMA)
        self.pending = 0
        self.problem: str | None = None  # why the index could not be written, when it could not

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
        if result.status != "built" or self.problem is not None:
            return
        with self._kept():
            self._insert(result)

    def _insert(self, result: ProjectResult) -> None:
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

    @contextlib.contextmanager
    def _kept(self) -> Iterator[None]:
        """An index that cannot be written (a full disk) stops being written; the batch goes on and
        says so at the end (``problem``): the outputs are whole, a rerun only rebuilds more."""
        try:
            yield
        except sqlite3.Error as exc:
            self.problem = write_reason(exc)

    def close(self) -> None:
        if self.problem is None:
            with self._kept():
                self.save()
        self.connection.close()


class _Report:
    """The JSON report, written entry by entry to a temporary file and renamed when the batch ends.

    When it cannot be written (a full disk) the temporary file is removed at once and ``problem``
    says why: the report is whole or absent, never half of one."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.handle: Any = None
        self.first = True
        self.problem: str | None = None
        if target is not None:
            try:
                self.handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finish()
                    "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
                )
            except OSError as exc:
                raise InputError(MSG.output_unwritable.format(path=target, reason=reason(exc))) from None
            with self._kept():
                os.chmod(self.handle.name, FILE_MODE)  # an ordinary file, like the documents
                self.handle.write('{\n"projects": [\n')

    def add(self, result: ProjectResult) -> None:
        if self.handle is not None:
            with self._kept():
                self.handle.write(("" if self.first else ",\n") + json.dumps(result.to_dict(), ensure_ascii=False))
                self.first = False

    def finish(self, summary: dict[str, Any]) -> None:
        if self.handle is not None and self.target is not None:
            with self._kept():
                self.handle.write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False) + "\n}\n")
                self.handle.flush()
                os.fsync(self.handle.fileno())
                self.handle.close()
                os.replace(self.handle.name, self.target)
                self.handle = None

    @contextlib.contextmanager
    def _kept(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            self.problem = reason(exc)
            with contextlib.suppress(OSError):
                self.handle.close()
            Path(self.handle.name).unlink(missing_ok=True)
            self.handle = None


@dataclass
class BatchSummary:
    total: int = 0
    built: int = 0
    unchanged: int = 0
    failed: int = 0
    documents: int = 0
    seconds: float = 0.0
    complete: bool = False  # False when the batch was stopped before its last project

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def add(self, result: ProjectResult) -> None:
        self.total += 1
        if result.status == "built":
            self.built += 1
            self.documents += len(result.outputs)
        elif result.status == "unchanged":
            self.unchanged += 1
        else:
            self.failed += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "built": self.built,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.rate, 1),
            "complete": self.complete,
        }

    def text(self) -> str:
        return MSG.batch_summary.format(**self.to_dict(), rate=self.rate)


class _PdfQueue:
    """.docx files waiting for PDF, converted on ``workers`` threads: one by one on the warm
    LibreOffice when it runs (started here, one per core at most), else in chunks of PDF_CHUNK
    per LibreOffice run (unique names per chunk)."""

    def __init__(self, workers: int) -> None:
        pdf_conversion.start()
        warm = pdf_conversion.converter()
        self.size = 1 if warm is not None else PDF_CHUNK
        self.pool = futures.ThreadPoolExecutor(max_workers=min(workers, warm.size) if warm else workers)
        self.chunk: list[Path] = []
        self.running: list[futures.Future[list[Path]]] = []

    def add(self, files: list[Path]) -> None:
        for path in files:
            if len(self.chunk) >= self.size or any(p.name == path.name for p in self.chunk):
                self._flush()
            self.chunk.append(path)

    def _flush(self) -> None:
        if self.chunk:
            self.running.append(self.pool.submit(pdf_conversion.convert_beside, self.chunk))
            self.chunk = []

    def finish(self) -> None:
        """Convert what is left and wait for every conversion (a failed one raises PdfProblem)."""
        self._flush()
        try:
            for future in self.running:
                future.result()
        finally:
            self.pool.shutdown()

    def cancel(self) -> None:
        """Drop what has not started; wait for conversions already running (they write whole files)."""
        self.chunk = []
        self.pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------ the batch


class Batch:
    """One batch run: ``with Batch(inputs, out_dir, …) as run: for result in run: …``.

    Results come in completion order. Options are checked when the batch is made
    (an unknown profile or form, a missing LibreOffice with ``pdf``), before any work.
    ``summary`` is filled in as results come and is final once the ``with`` block ends.
    """

    def __init__(
        self,
        inputs: Iterable[Path],
        out_dir: Path,
        *,
        forms: str | Iterable[str | Form] | None = None,
        pdf: bool = False,
        jobs: int | None = None,
        force: bool = False,
        profile: str | None = None,
        template_dir: Path | None = None,
        report: Path | None = None,
        today: dt.date | None = None,
        time_limit: float | None = RENDER_SECONDS,
        summary: Path | None = None,
    ) -> None:
        self.inputs = list(inputs)
        self.workers = max(1, jobs or os.cpu_count() or 1)
        chosen = tuple(api.parse_forms(forms)) if forms is not None else ()
        key = checked_profile(profile)
        if pdf:
            api.check_pdf_tools()
        self._count = count(self.inputs)
        if self._count == 0:
            raise InputError(MSG.batch_nothing.format(names="、".join(f"「{p}」" for p in self.inputs)))
        self._made_folder = not out_dir.exists()  # removed again when nothing at all is written in it
        ensure_folder(out_dir)  # a file in the way, or no permission: said now, naming the folder
        if report is not None:
            ensure_file_target(report)
        if summary is not None:
            ensure_file_target(summary)
        summary_day = (today or dt.date.today()) if summary is not None else None
        self.settings = Settings(
            out_dir.resolve(), chosen, pdf, key, template_dir, force, today, time_limit, summary_day
        )
        self.summary_path = summary
        self._rows: list[tuple[int, SummaryRow]] = []
        self.report_path = report
        self.summary = BatchSummary()
        self._index: _Index | None = None
        self._report: _Report | None = None
        self._pdf: _PdfQueue | None = None
        self._pool: futures.ProcessPoolExecutor | None = None
        self._started = 0.0

    def count(self) -> int | None:
        """How many projects the inputs hold (for a progress bar); None when unknown."""
        return self._count

    def __enter__(self) -> Batch:
        self._started = time.perf_counter()
        try:
            self.settings.out_dir.mkdir(parents=True, exist_ok=True)
            _remove_stale_temporaries(self.settings.out_dir, self.report_path)
            api.prepare(self.settings.forms or PACKAGE, template_dir=self.settings.template_dir)  # before workers fork
            self._report = _Report(self.report_path)
            self._index = _Index(self.settings.out_dir)
            self._pdf = _PdfQueue(self.workers) if self.settings.pdf else None
        except OSError as exc:  # what was begun is undone (the with block never runs), and the disk is said
            self.__exit__(type(exc), exc, exc.__traceback__)
            target = exc.filename or self.settings.out_dir
            raise InputError(MSG.output_unwritable.format(path=target, reason=reason(exc))) from None
        except sqlite3.Error as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise InputError(MSG.output_unwritable.format(path=self._index_path(), reason=write_reason(exc))) from None
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _index_path(self) -> Path:
        return self.settings.out_dir / INDEX_NAME

    def __iter__(self) -> Iterator[ProjectResult]:
        if self._index is None:
            raise RuntimeError("use Batch in a with block")
        digest = self.settings.digest()
        for result in self._results(items(self.inputs), digest):
            if result.row is not None:
                self._rows.append((result.order, result.row))
                result.row = None
            if result.status == "built":
                if self._pdf is not None:
                    self._pdf.add([self.settings.out_dir / o for o in result.outputs])
                    result.outputs += [str(Path(o).with_suffix(".pdf")) for o in result.outputs]
                self._index.record(result)
            self.summary.add(result)
            assert self._report is not None
            self._report.add(result)
            self.summary.seconds = time.perf_counter() - self._started
            yield result
            _test_signal(self.summary.total)
        if self._pdf is not None:
            self._pdf.finish()
            self._pdf = None
        if self.summary_path is not None and self.settings.summary_day is not None:
            rows = [row for _order, row in sorted(self._rows, key=lambda pair: pair[0])]
            if not rows:
                raise InputError(MSG.batch_nothing.format(names="、".join(f"「{p}」" for p in self.inputs)))
            write_summary(Summary(rows, self.settings.summary_day), self.summary_path)
        self.summary.complete = True

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._pdf is not None:
            self._pdf.cancel()
            self._pdf = None
        problems = []
        if self._index is not None:
            self._index.close()
            if self._index.problem is not None:
                problems.append(MSG.batch_index_unsaved.format(path=self._index.path, reason=self._index.problem))
            self._index = None
        self.summary.seconds = time.perf_counter() - self._started
        if self._report is not None:
            self._report.finish(self.summary.to_dict())  # what was done; "complete" says whether that is all
            if self._report.problem is not None:
                problems.append(MSG.batch_report_unwritten.format(path=self.report_path, reason=self._report.problem))
            self._report = None
        if self._made_folder and not self.summary.built and not self.summary.unchanged:
            _remove_empty_output(self.settings.out_dir)
        if problems and exc_type is None:  # said after everything is cleaned up; an error in flight goes first
            raise InputError("；".join(problems))

    def _skip(self, item: BatchItem, digest: str) -> tuple[str, ProjectResult | None]:
        key = _hash(digest, item)
        assert self._index is not None
        entry = None if self.settings.force else self._index.unchanged(key, self.settings.out_dir)
        if entry is None:
            return key, None
        done = ProjectResult(
            item.source, "unchanged", entry.get("name"), entry.get("folder"), entry["outputs"], hash=key
        )
        if self.settings.summary_day is not None:  # not built now, so not read yet: read for its row
            done.row = _summary_row(item, self.settings)
        return key, done

    def _results(self, stream: Iterator[BatchItem], digest: str) -> Iterator[ProjectResult]:
        """Each project's result, in completion order, numbered with its place in the inputs."""
        if self.workers <= 1:
            for order, item in enumerate(stream):
                key, done = self._skip(item, digest)
                result = done or _safe_build(item, self.settings, key)
                result.order = order
                yield result
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = futures.ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_worker_setup, initargs=(os.getpid(),)
        )
        pending: set[futures.Future[ProjectResult]] = set()
        try:
            for order, item in enumerate(stream):
                key, done = self._skip(item, digest)
                if done is not None:
                    done.order = order
                    yield done
                    continue
                pending.add(self._pool.submit(_safe_build, item, self.settings, key, order))
                if len(pending) >= self.workers * IN_FLIGHT_PER_JOB:
                    finished, pending = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
                    yield from (f.result() for f in finished)
            for future in futures.as_completed(pending):
                yield future.result()
        except BrokenProcessPool:
            raise EnvironmentProblem(MSG.batch_worker_died) from None


def _test_signal(done: int) -> None:
    """A deterministic test hook: with ``DOCGEN_TEST_BATCH_SIGNAL=KILL:N`` (or ``INT:N``) the batch's
    process group gets SIGKILL (or SIGINT, as Ctrl-C sends) once N results are in — a batch killed
    or interrupted mid-way at a known point, not after a race with the clock."""
    wanted = os.environ.get("DOCGEN_TEST_BATCH_SIGNAL")
    if not wanted:
        return
    name, _, after = wanted.partition(":")
    if after.isdigit() and done == int(after) and name in ("KILL", "INT"):
        os.killpg(os.getpgid(0), signal.SIGKILL if name == "KILL" else signal.SIGINT)


def _worker_setup(parent: int) -> None:
    """Ctrl-C reaches every process of the terminal's group: the main process stops the batch,
    the workers finish the document in hand instead of dying with a traceback. A main process
    killed outright (kill -9) cannot stop them: they end with it (``children.end_with_parent``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_parent(parent)


def _remove_empty_output(out_dir: Path) -> None:
    """An output folder this batch made and wrote no document into (an input unreadable from its
    first row, every project failing) is taken away again, with the index made in it."""
    with contextlib.suppress(OSError):
        for name in (INDEX_NAME, f"{INDEX_NAME}-journal"):
            (out_dir / name).unlink(missing_ok=True)
        out_dir.rmdir()  # only when nothing else is in it


def _remove_stale_temporaries(out_dir: Path, report: Path | None) -> None:
    """Temporary files an earlier, killed run left (a report being written, a document half-saved, a
    LibreOffice work folder)."""
    folders = {out_dir} | ({report.parent} if report is not None else set())
    for folder in folders:
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
    # LibreOffice's work folders (a profile, a lock file) of a conversion killed with the batch
    for folder in {out_dir} | {p.parent for p in out_dir.glob(f"*/{pdf_conversion.WORK_PREFIX}*")}:
        pdf_conversion.remove_stale_work(folder)


def run(inputs: Iterable[Path], out_dir: Path, **options: Any) -> Iterator[ProjectResult]:
    """Every result of a batch, as a plain iterator (the batch is finalised when it is exhausted
    or closed); see :class:`Batch` for the options."""
    with Batch(inputs, out_dir, **options) as batch:
        yield from batch
