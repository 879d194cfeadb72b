"""The projects a batch input holds: a folder of YAML/JSON files, a JSON Lines file, a workbook.

Enumeration only: each project comes as a :class:`BatchItem` that knows where it is (for a
person and across runs), the bytes that define it, and how to read it into a
:class:`~docgen.sources.RawDocument`. Validating and building are the facade's
(``batch``, ``summary``, ``validate`` on a folder): this module sits below it, beside the
readers, and never sees the data model's rules.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen import json_text, spreadsheet
from docgen.errors import Finding, InputError
from docgen.messages import MSG
from docgen.output import reason, safe_filename
from docgen.sources import RawDocument, decode_text, json_source, parse, workbook

PROJECT_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class BatchItem(ABC):
    """One project of a batch input, not yet validated."""

    source: str  # where, for a person: 「a.yaml」「plan.jsonl 第3行」「plan.xlsx 工作表「项目」第5行」
    identity: str  # stable across runs and reordering: input file and project name or file
    path: Path
    fingerprint: bytes  # the bytes that define the project (hashed to skip unchanged work)
    rank: int = field(default=1, kw_only=True)  # which project of its name, in input order (folder 名称-2 …)

    def name_hint(self) -> str | None:
        """The project's name, read cheaply where the input allows (for the folder rank); None if unknown."""
        return None

    @abstractmethod
    def read(self) -> RawDocument:
        """The project's data as its reader gives it; raises InputError when it cannot be read at all."""

    def place(self, finding: Finding) -> Finding:
        """The finding with the input it is in (its line stays the line of the finding)."""
        return finding.at(self.source)


@dataclass
class FileItem(BatchItem):
    """A YAML/JSON project file of a folder (or named alone)."""

    def name_hint(self) -> str | None:
        try:
            data = self.read().data
        except InputError:
            return None
        name = data.get("project", {}).get("name") if isinstance(data.get("project"), dict) else None
        return name if isinstance(name, str) and name.strip() else None

    def read(self) -> RawDocument:
        return parse(decode_text(self.fingerprint, self.path.name), self.path)


@dataclass
class LineItem(BatchItem):
    """One line of a JSON Lines file."""

    text: str = ""
    line: int = 0
    hint: str | None = None  # the project's name, read once while enumerating

    def name_hint(self) -> str | None:
        return self.hint

    def read(self) -> RawDocument:
        raw = json_source.parse(self.text, self.path.name, line=self.line)
        raw.positions.lines[()] = self.line
        raw.path = self.path
        return raw

    def place(self, finding: Finding) -> Finding:
        return replace(finding, file=self.path.name, line=finding.line or self.line)


@dataclass
class RowItem(BatchItem):
    """One row of a workbook's 项目 sheet, already read (with its keyed sheets)."""

    raw: RawDocument | None = None
    sheet: str = ""

    def name_hint(self) -> str | None:
        name = self.raw.data.get("project", {}).get("name") if self.raw is not None else None
        return name if isinstance(name, str) and name.strip() else None

    def read(self) -> RawDocument:
        assert self.raw is not None
        return self.raw

    def place(self, finding: Finding) -> Finding:
        """On the sheet the finding's row is on: 投资构成 and 信息资源目录 items are rows of their own."""
        sheet = self.sheet
        for prefix, keyed_sheet in workbook.KEYED_LISTS.items():
            if (finding.field or "").startswith(prefix + "["):
                sheet = keyed_sheet
        return finding.at(f"{self.path.name} {MSG.place_sheet.format(sheet=sheet)}")


@dataclass
class BrokenItem(BatchItem):
    """An input that could not be read at all; reading it raises the error it had."""

    error: InputError | None = None

    def read(self) -> RawDocument:
        assert self.error is not None
        raise self.error


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in PROJECT_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(MSG.input_unreadable.format(name=path, reason=reason(exc))) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return "jsonl"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix in PROJECT_SUFFIXES and path.is_file():
        return "file"
    raise InputError(MSG.batch_no_input.format(name=path))


def items(inputs: Iterable[Path]) -> Iterator[BatchItem]:
    """The projects of each input, in order: a folder of YAML/JSON files, a .jsonl file, an .xlsx workbook.

    Each is ranked among the projects of the same name in input order, so that same-named
    projects get the same folders (名称, 名称-2 …) on every fresh run, whatever finishes first."""
    seen: dict[str, int] = {}
    for item in _enumerate(inputs):
        name = item.name_hint()
        if name is not None:
            stem = safe_filename(name).casefold()
            seen[stem] = seen.get(stem, 0) + 1
            item.rank = seen[stem]
        yield item


def _enumerate(inputs: Iterable[Path]) -> Iterator[BatchItem]:
    for path in inputs:
        kind = _kind(path)
        if kind == "folder":
            for file in _folder_files(path):
                yield _file_item(file, f"{path.name}/{file.name}")
        elif kind == "jsonl":
            yield from _jsonl_items(path)
        elif kind == "xlsx":
            yield from _workbook_items(path)
        else:
            yield _file_item(path, path.name)


def is_batch_input(path: Path) -> bool:
    """A folder, a JSON Lines file or a workbook: inputs holding several projects (as ``items`` reads them)."""
    try:
        return _kind(path) != "file"
    except InputError:
        return False


def count(inputs: Iterable[Path]) -> int | None:
    """How many projects the inputs hold, by the same enumeration as ``items`` without reading
    the projects (a workbook's rows are estimated from its dimension); None when unknown."""
    total = 0
    for path in inputs:
        kind = _kind(path)
        if kind == "folder":
            total += len(_folder_files(path))
        elif kind == "jsonl":
            total += sum(1 for _ in _jsonl_lines(path))
        elif kind == "xlsx":
            rows = workbook.row_estimate(path)
            if rows is None:
                return None
            total += rows
        else:
            total += 1
    return total


def _file_item(file: Path, shown: str) -> BatchItem:
    try:
        blob = file.read_bytes()
    except OSError as exc:
        error = InputError(MSG.input_unreadable.format(name=shown, reason=reason(exc)))
        return BrokenItem(shown, shown, file, b"", error=error)
    return FileItem(shown, shown, file, blob)


def _jsonl_items(path: Path) -> Iterator[BatchItem]:
    seen = _Occurrences()
    for number, line in _jsonl_lines(path):
        shown = f"{path.name} {MSG.place_line.format(line=number)}"
        try:
            text = decode_text(line, path.name)
        except InputError as exc:
            exc.located(path.name, number)
            yield BrokenItem(shown, shown, path, line, error=exc)
            continue
        hint = _name_hint(text)
        identity = seen.identity(path, hint or str(number))
        yield LineItem(shown, identity, path, line, text=text, line=number, hint=hint)


def _name_hint(text: str) -> str | None:
    try:
        name = json_text.loads(text, "").get("project", {}).get("name")
    except (InputError, AttributeError):
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
        shown = f"{path.name} {MSG.place_sheet_row.format(sheet=row.sheet, row=row.row)}"
        identity = seen.identity(path, row.name or str(row.row))
        if row.error is not None:
            yield BrokenItem(shown, identity, path, row.fingerprint, error=row.error)
        else:
            yield RowItem(shown, identity, path, row.fingerprint, raw=row.raw, sheet=row.sheet)
