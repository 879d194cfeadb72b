"""Excel (.xlsx) input: one project per row of the sheet 「项目」, columns headed
by the fields' Chinese labels (the layout comes from ``docgen.spreadsheet``).

Layout:

* sheet 「项目」: row 1 the headers (the form's labels; a nested field is named
  with its parent, e.g. 「项目负责人·姓名」), row 2 a description of each column
  (each cell starts with 「说明：」 and is skipped when read), data from row 3;
* sheets 「投资构成」 and 「信息资源目录」: one row per item, keyed by 「项目名称」;
* sheet 「需求分析报告」 (optional): the 附件3 sections, keyed by 「项目名称」, for
  texts too long for the main sheet.

A text cell may instead name a UTF-8 text file beside the workbook:
「文件：sections/背景.txt」. Lists (项目建设依据, 参与建设单位 …) hold one item per
line (or separated by 「；」). Booleans are 是/否. The main sheet is streamed row
by row; the keyed sheets are read once, before it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import pickle
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError

from docgen.docx_package import check_archive
from docgen.errors import InputError
from docgen.formatting import fold
from docgen.limits import MAX_KEYED_ROWS
from docgen.messages import MSG
from docgen.sources.document import Positions, RawDocument, set_path
from docgen.sources.text import MAX_INPUT_BYTES, decode_text

MAIN_SHEET = "项目"
ITEMS_SHEET = "投资构成"
CATALOG_SHEET = "信息资源目录"
REPORT_SHEET = "需求分析报告"
KEY_HEADER = "项目名称"
DESCRIPTION_PREFIX = "说明："
FILE_PREFIXES = ("文件：", "文件:", "file:")
VALIDATION_ROWS = 2000
_SEPARATORS = re.compile(r"\s*(?:\r?\n|；|;)\s*")
Kind = Literal["text", "list", "amount", "int", "date", "bool", "choice", "section"]
#: Lists of records (and 附件3 tables/images) have their own sheets or stay in YAML.
_SKIPPED = {("project", "investment", "items"), ("project", "data_catalog", "items")}


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str, ...]
    kind: Kind
    description: str
    mandatory: bool
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """What the sheets hold, derived from the data model by docgen.spreadsheet (readers know no model)."""

    columns: tuple[Column, ...]
    item_headers: dict[str, str]  # 投资构成 header (folded) -> field name
    catalog_headers: dict[str, str]  # 信息资源目录 header (folded) -> field name
    #: other words people head a column with (「总投资」「建设地址」: the offices' words that ``check``
    #: reads on a filled 附件1 too), folded -> the column's own header
    aliases: dict[str, str] = field(default_factory=dict)

    def find(self, header: str) -> HeaderUse:
        """What a header cell names: its column, said exactly or in another known word; or nothing,
        with the closest known header when there is one."""
        folded = fold(header)
        by_header = self._by_header()
        if folded in by_header:
            return HeaderUse(header, by_header[folded].header, exact=True, column=by_header[folded])
        bare = _BRACKETS.sub("", folded)
        known = self.aliases.get(folded) or self.aliases.get(bare) or self._bare().get(bare)
        if known is not None:
            column = by_header[fold(known)]
            return HeaderUse(header, column.header, exact=False, column=column)
        return HeaderUse(header, None, exact=False, nearest=self._nearest(folded))

    def _by_header(self) -> dict[str, Column]:
        return {fold(column.header): column for column in self.columns}

    def _bare(self) -> dict[str, str]:
        """Headers without their unit (「项目预计总投资」 for 「项目预计总投资（万元）」), where that is unique."""
        found: dict[str, list[str]] = {}
        for column in self.columns:
            found.setdefault(_BRACKETS.sub("", fold(column.header)), []).append(column.header)
        return {bare: headers[0] for bare, headers in found.items() if len(headers) == 1}

    def _nearest(self, folded: str) -> str | None:
        if not folded or folded in _NOT_DATA:
            return None
        headers = [column.header for column in self.columns]
        inside = [h for h in headers if folded in fold(h) or _BRACKETS.sub("", fold(h)) in folded]
        if len(inside) == 1:
            return inside[0]
        words = {fold(h): h for h in headers} | self.aliases
        close = difflib.get_close_matches(folded, list(words), n=1, cutoff=0.6)
        return words[close[0]] if close else None


#: a unit or note in brackets after a header: 「（万元）」「(年)」
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
#: headers that number or mark rows, never data: no nearest label is offered for them
_NOT_DATA = {"序号", "编号", "行号", "No.", "NO.", "no."}


@dataclass(frozen=True)
class HeaderUse:
    """One header cell: the field it fills (``target``, by its header; ``exact``: said with the field's
    own header, else with another known word), or none — with the nearest known header to offer."""

    header: str
    target: str | None
    exact: bool
    nearest: str | None = None
    column: Column | None = None  # the 「项目」 sheet's column it fills


# ------------------------------------------------------------------ reading


@dataclass
class WorkbookRow:
    """One project row: where it is, its data, and the bytes that define it (for change detection)."""

    sheet: str
    row: int
    raw: RawDocument | None
    error: InputError | None
    fingerprint: bytes
    name: str | None


#: The sheets whose rows fill a list of the project, by the list's data path: a finding about an
#: item of such a list stands on that sheet's row, not on the 项目 row.
KEYED_LISTS: dict[str, str] = {
    "project.investment.items": ITEMS_SHEET,
    "project.data_catalog.items": CATALOG_SHEET,
}


def read_rows(path: Path, layout: Layout) -> Iterator[WorkbookRow]:
    """Every project row of the workbook, streamed. Unreadable workbooks raise InputError.

    The package is checked first (its bounds, no DTD in any part: ``check_archive``); the keyed
    sheets go to a temporary database on disk (``_Keyed``), so memory does not grow with rows."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if path.stat().st_size > 16 * MAX_INPUT_BYTES:
        raise InputError(MSG.input_too_large.format(name=path.name, limit=16 * MAX_INPUT_BYTES // 1024**2))
    check_archive(path, path.name, MSG.xlsx_unreadable.format(name=path.name, reason=_NOT_A_WORKBOOK))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
        raise InputError(MSG.xlsx_unreadable.format(name=path.name, reason=_NOT_A_WORKBOOK)) from None
    keyed = _Keyed()
    try:
        yield from _rows(path, book, layout, keyed)
    except (ParseError, XMLSyntaxError, zlib.error, zipfile.BadZipFile, EOFError, ValueError, OverflowError):
        # a part that is not XML (an undeclared entity …), damaged data, a number Python cannot read
        raise InputError(MSG.xlsx_unreadable.format(name=path.name, reason=_DAMAGED_WORKBOOK)) from None
    finally:
        keyed.close()
        book.close()


def read_headers(path: Path, layout: Layout) -> list[tuple[str, HeaderUse]]:
    """Every header cell of the workbook's sheets, with what it fills: the 「项目」 sheet's by
    :meth:`Layout.find`, the keyed sheets' by their own headers — so an import can say which
    columns were read into which fields and which were not. (sheet, header use) in order."""
    from openpyxl import load_workbook

    try:
        check_archive(path, path.name, _NOT_A_WORKBOOK)  # bounds and DTDs, as read_rows checks them
        book = load_workbook(path, read_only=True, data_only=True)
    except (InputError, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
        return []  # read_rows says why
    try:
        sheet = book[MAIN_SHEET] if MAIN_SHEET in book.sheetnames else book.worksheets[0]
        found = [(sheet.title, layout.find(str(h))) for h in _first_row(sheet) if h is not None and str(h).strip()]
        for title, known in ((ITEMS_SHEET, layout.item_headers), (CATALOG_SHEET, layout.catalog_headers)):
            if title not in book.sheetnames:
                continue
            for h in _first_row(book[title]):
                if h is None or not str(h).strip() or fold(str(h)) == fold(KEY_HEADER):
                    continue
                read = fold(str(h)) in known
                found.append((title, HeaderUse(str(h), str(h) if read else None, exact=read)))
        return found
    finally:
        book.close()


def _first_row(sheet: Any) -> tuple[Any, ...]:
    return next(sheet.iter_rows(max_row=1, values_only=True), None) or ()


_NOT_A_WORKBOOK = "不是有效的 .xlsx 工作簿（可能是旧版 .xls、加密或已损坏）"
_DAMAGED_WORKBOOK = "工作簿的内容已损坏或无法识别（例如超过 4300 位的数字），请在 Excel/WPS 中打开后另存再试"


def _rows(path: Path, book: Any, layout: Layout, keyed: _Keyed) -> Iterator[WorkbookRow]:
    sheet = book[MAIN_SHEET] if MAIN_SHEET in book.sheetnames else book.worksheets[0]
    for read in [sheet, *(book[title] for title in (ITEMS_SHEET, CATALOG_SHEET, REPORT_SHEET) if title in book)]:
        _check_grid(path, read)
        read.reset_dimensions()  # every row is read: a stale or forged <dimension> cuts none off
    for title in (ITEMS_SHEET, CATALOG_SHEET, REPORT_SHEET):
        keyed.add_sheet(book, title)
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise InputError(MSG.xlsx_empty.format(name=path.name, sheet=sheet.title))
    mapping = [layout.find(str(h)).column if h is not None else None for h in header]
    if not any(mapping):
        raise InputError(MSG.xlsx_no_headers.format(name=path.name, sheet=sheet.title))
    keyed.add_names(sheet, mapping)
    for number, values in enumerate(rows, start=2):
        if _is_description(values) or all(v is None or str(v).strip() == "" for v in values):
            continue
        row = _project_row(path, sheet.title, number, mapping, values, keyed, layout)
        others = [n for n in keyed.rows_named(fold(row.name or "")) if n != number] if row.name else []
        if others and row.error is None:
            rows_text = "、".join(f"第{n}行" for n in others)
            error = InputError(MSG.xlsx_same_name.format(name=row.name, rows=rows_text))
            error.located(f"{path.name} 工作表「{sheet.title}」", number)
            row = WorkbookRow(row.sheet, row.row, None, error, row.fingerprint, row.name)
        yield row
    yield from _orphans(path, keyed)


#: Excel's own bounds. A row or column numbered past them is in no sheet Excel wrote, and would
#: have the reader make a billion empty rows or cells to reach it.
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def _check_grid(path: Path, sheet: Any) -> None:
    """Every row and cell number of ``sheet`` within Excel's bounds (streamed, rows cleared as read)."""
    from lxml import etree

    part = getattr(sheet, "_worksheet_path", None)  # openpyxl's own record of the sheet's part
    if part is None:
        return
    with zipfile.ZipFile(path) as archive, archive.open(part) as member:
        for _event, element in etree.iterparse(
            member,
            tag=(f"{_SHEET_NS}row", f"{_SHEET_NS}c"),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        ):
            where = element.get("r")
            if where is not None and not _in_grid(element.tag == f"{_SHEET_NS}row", where):
                raise InputError(MSG.xlsx_beyond_grid.format(name=path.name, sheet=sheet.title, where=where[:20]))
            if element.tag == f"{_SHEET_NS}row":
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]


def _in_grid(row: bool, where: str) -> bool:
    if row:
        try:
            return 1 <= float(where) <= _LAST_ROW
        except ValueError:
            return False
    found = _CELL_REF.fullmatch(where)
    if found is None:
        return True  # no coordinate docgen knows: left for the reader to refuse
    letters, number = found.groups()
    column = 0
    for letter in letters.upper()[:4]:
        column = column * 26 + ord(letter) - ord("A") + 1
    return len(letters) <= 3 and column <= _LAST_COLUMN and 1 <= int(number) <= _LAST_ROW


#: Names compared with an unmatched row's name to suggest the closest (difflib is quadratic).
_COMPARED_NAMES = 10_000


class _Keyed:
    """The rows of the keyed sheets by 项目名称, and the 项目 sheet's names, in a temporary SQLite
    database on disk: a workbook of a million rows costs no more memory than one of ten. For one
    project at most MAX_KEYED_ROWS + 1 rows of a sheet are ever taken out (one more than the bound,
    so that passing it is said)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a private temporary database, on disk, gone when closed
        self.db.execute("CREATE TABLE rows (sheet TEXT, key TEXT, row INTEGER, record BLOB)")
        self.db.execute("CREATE TABLE names (key TEXT, row INTEGER)")

    def add_sheet(self, book: Any, title: str) -> None:
        if title not in book.sheetnames:
            return
        rows = book[title].iter_rows(values_only=True)
        header = [(fold(str(h)) if h is not None else "") for h in (next(rows, None) or ())]
        key_header = fold(KEY_HEADER)

        def records() -> Iterator[tuple[str, str, int, bytes]]:
            for number, values in enumerate(rows, start=2):
                record = {h: v for h, v in zip(header, values, strict=False) if h}
                key = record.get(key_header)
                if key is not None and not _is_description(values):
                    yield title, fold(str(key)), number, pickle.dumps(record)

        self.db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?)", records())

    def add_names(self, sheet: Any, mapping: list[Column | None]) -> None:
        """Folded 项目名称 -> the 项目 rows that carry it (a first pass over the sheet, names only)."""
        index = next((i for i, c in enumerate(mapping) if c is not None and c.path == ("project", "name")), None)
        if index is not None:
            self.db.executemany(
                "INSERT INTO names VALUES (?, ?)",
                (
                    (fold(str(values[index])), number)
                    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
                    if index < len(values)
                    and values[index] is not None
                    and str(values[index]).strip()
                    and not _is_description(values)
                ),
            )
        self.db.execute("CREATE INDEX by_name ON names (key)")
        self.db.execute("CREATE INDEX by_key ON rows (sheet, key, row)")

    def rows(self, title: str, key: str) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
        """How many rows of ``title`` are the project's, and (at most MAX_KEYED_ROWS + 1 of) them."""
        (count,) = self.db.execute("SELECT COUNT(*) FROM rows WHERE sheet = ? AND key = ?", (title, key)).fetchone()
        found = self.db.execute(
            "SELECT row, record FROM rows WHERE sheet = ? AND key = ? ORDER BY row LIMIT ?",
            (title, key, MAX_KEYED_ROWS + 1),
        )
        return count, [(row, pickle.loads(record)) for row, record in found]

    def rows_named(self, key: str) -> list[int]:
        return [row for (row,) in self.db.execute("SELECT row FROM names WHERE key = ? ORDER BY row", (key,))]

    def orphans(self) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
        """(sheet, folded name, row, record) of the keyed rows whose 项目名称 is no project's."""
        found = self.db.execute(
            "SELECT sheet, key, row, record FROM rows WHERE key NOT IN (SELECT key FROM names) ORDER BY sheet, key, row"
        )
        for title, key, row, record in found:
            yield title, key, row, pickle.loads(record)

    def closest(self, key: str) -> str | None:
        """The project name most like ``key`` (for a hint); None when none is close, or when there are
        too many names to compare cheaply."""
        (count,) = self.db.execute("SELECT COUNT(DISTINCT key) FROM names").fetchone()
        if count > _COMPARED_NAMES:
            return None
        names = [name for (name,) in self.db.execute("SELECT DISTINCT key FROM names")]
        found = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
        return found[0] if found else None

    def close(self) -> None:
        self.db.close()


def _orphans(path: Path, keyed: _Keyed) -> Iterator[WorkbookRow]:
    """Rows of the keyed sheets whose 项目名称 is no project's: each reported, with the closest name."""
    hints: dict[str, str] = {}
    for title, key, number, record in keyed.orphans():
        if key not in hints:
            closest = keyed.closest(key)
            hints[key] = MSG.xlsx_closest.format(name=closest) if closest else ""
        shown = str(record.get(fold(KEY_HEADER), key))
        error = InputError(MSG.xlsx_orphan.format(sheet=title, name=shown, hint=hints[key]))
        error.located(f"{path.name} 工作表「{title}」", number)
        yield WorkbookRow(title, number, None, error, repr(record).encode(), None)


def row_estimate(path: Path) -> int | None:
    """Project rows the 「项目」 sheet declares (its dimension), for a progress bar; None when unknown.
    A workbook that no reading would accept (over a bound, a DTD: ``check_archive``) is refused
    here already, before a batch makes its output folder."""
    from openpyxl import load_workbook

    check_archive(path, path.name, MSG.xlsx_unreadable.format(name=path.name, reason=_NOT_A_WORKBOOK))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
        return None
    try:
        sheet = book[MAIN_SHEET] if MAIN_SHEET in book.sheetnames else book.worksheets[0]
        last = sheet.max_row
        return max(0, last - 2) if isinstance(last, int) else None
    finally:
        book.close()


def _is_description(values: tuple[Any, ...]) -> bool:
    filled = [v for v in values if v is not None and str(v).strip()]
    return bool(filled) and all(str(v).startswith(DESCRIPTION_PREFIX) for v in filled)


def _project_row(
    path: Path,
    sheet: str,
    number: int,
    mapping: list[Column | None],
    values: tuple[Any, ...],
    keyed: _Keyed,
    layout: Layout,
) -> WorkbookRow:
    data: dict[str, Any] = {"schema_version": 1}
    positions = Positions()
    fingerprint: list[str] = [repr(values)]
    try:
        problems: list[str] = []
        for column, value in zip(mapping, values, strict=False):
            if column is None or value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                converted, extra = _convert(column, value, path.parent)
            except InputError as exc:  # every 文件： reference that cannot be read, at once
                problems.append(exc.message)
                continue
            fingerprint.append(extra)
            set_path(data, column.path, converted)
            positions.lines[column.path] = number
        if problems:
            raise InputError("；".join(problems))
        name = data.get("project", {}).get("name")
        if name:
            key = fold(name)
            fingerprint += _attach_keyed(data, positions, keyed, key, path.parent, layout, path.name)
        positions.lines[()] = number
    except InputError as exc:
        if exc.location.file is None:  # an error of a keyed sheet already names its own sheet and row
            exc.located(f"{path.name} 工作表「{sheet}」", number)
        return WorkbookRow(sheet, number, None, exc, "\n".join(fingerprint).encode(), None)
    raw = RawDocument(data=data, positions=positions, path=path)
    return WorkbookRow(sheet, number, raw, None, "\n".join(fingerprint).encode(), data.get("project", {}).get("name"))


def _attach_keyed(
    data: dict[str, Any],
    positions: Positions,
    keyed: _Keyed,
    key: str,
    folder: Path,
    layout: Layout,
    where: str = "",
) -> list[str]:
    seen: list[str] = []
    items = _project_rows(keyed, ITEMS_SHEET, key, where)
    if items:
        headers = layout.item_headers
        records = [{field: record.get(h) for h, field in headers.items()} for _, record in items]
        set_path(data, ("project", "investment", "items"), records)
        for index, (row, _) in enumerate(items):
            positions.lines[("project", "investment", "items", index)] = row
        seen.append(repr(items))
    catalog = _project_rows(keyed, CATALOG_SHEET, key, where)
    if catalog:
        headers = layout.catalog_headers
        records = []
        for _, record in catalog:
            item = {field: record.get(h) for h, field in headers.items()}
            if isinstance(item.get("shared"), str):
                item["shared"] = item["shared"].strip() if isinstance(item["shared"], str) else item["shared"]
            records.append(item)
        set_path(data, ("project", "data_catalog", "items"), records)
        for index, (row, _) in enumerate(catalog):
            positions.lines[("project", "data_catalog", "items", index)] = row
        seen.append(repr(catalog))
    report = _project_rows(keyed, REPORT_SHEET, key, where)
    by_header = {fold(c.header): c for c in layout.columns if c.kind == "section"}
    problems: list[str] = []
    for row, record in report[:1]:
        for header, value in record.items():
            column = by_header.get(header)
            if column is not None and value is not None and str(value).strip():
                try:
                    converted, extra = _convert(column, value, folder)
                except InputError as exc:
                    problems.append(exc.message)
                    continue
                set_path(data, column.path, converted)
                seen.append(extra)
        if problems:  # said on the 需求分析报告 sheet's own row
            error = InputError("；".join(problems))
            error.located(f"{where} 工作表「{REPORT_SHEET}」", row)
            raise error
    return seen


def _project_rows(keyed: _Keyed, title: str, key: str, where: str) -> list[tuple[int, dict[str, Any]]]:
    """The rows of sheet ``title`` that are project ``key``'s; InputError, on that sheet's first such
    row, when there are more than one project may hold (MAX_KEYED_ROWS)."""
    count, rows = keyed.rows(title, key)
    if count > MAX_KEYED_ROWS:
        error = InputError(MSG.xlsx_too_many_rows.format(sheet=title, count=count, limit=MAX_KEYED_ROWS))
        raise error.located(f"{where} 工作表「{title}」", rows[0][0])
    return rows


def _convert(column: Column, value: Any, folder: Path) -> tuple[Any, str]:
    """The cell's value as the data model reads it, and the text a change would alter."""
    if column.kind in ("text", "section", "list") and isinstance(value, str):
        text = _maybe_file(value, folder, column.header)
        if column.kind == "list":
            return [item for item in _SEPARATORS.split(text.strip()) if item], text
        return text, text
    if column.kind == "bool":  # a cell's 是/否/√ is read by docgen.normalize, as in every input
        return (value.strip() if isinstance(value, str) else value), repr(value)
    if column.kind == "amount":
        if isinstance(value, bool):
            return value, repr(value)
        if isinstance(value, int | float):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value), repr(value)
        return str(value).strip(), repr(value)  # 「1,200」「500万元」: read by docgen.normalize, as everywhere
    if column.kind == "date" and isinstance(value, dt.datetime):
        return value.date(), repr(value)
    if column.kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value), repr(value)
    return value, repr(value)


def _maybe_file(text: str, folder: Path, header: str) -> str:
    stripped = text.strip()
    for prefix in FILE_PREFIXES:
        if stripped.startswith(prefix):
            relative = stripped[len(prefix) :].strip()
            target = (folder / relative).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise InputError(MSG.xlsx_file_outside.format(header=header, file=relative))
            if not target.is_file():
                raise InputError(MSG.xlsx_file_missing.format(header=header, file=relative))
            return decode_text(target.read_bytes(), relative)
    return text
