"""Excel (.xlsx) input: one project per row of the sheet 「项目」, columns headed
by the fields' Chinese labels. Also writes the empty workbook (``docgen init --xlsx``).

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
import re
import types
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from docgen.errors import InputError
from docgen.messages import MSG
from docgen.models import CatalogItem, InvestmentItem, ProjectData, Section, is_mandatory
from docgen.sources import MAX_INPUT_BYTES, DataPath, Positions, RawDocument, set_path

MAIN_SHEET = "项目"
ITEMS_SHEET = "投资构成"
CATALOG_SHEET = "信息资源目录"
REPORT_SHEET = "需求分析报告"
KEY_HEADER = "项目名称"
DESCRIPTION_PREFIX = "说明："
FILE_PREFIXES = ("文件：", "文件:", "file:")
VALIDATION_ROWS = 2000
_SEPARATORS = re.compile(r"\s*(?:\r?\n|；|;)\s*")
_TRUE = {"是", "true", "yes", "y", "1", "√", "有"}
_FALSE = {"否", "false", "no", "n", "0", "×", "无"}
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


def _optional_of(annotation: Any) -> Any:
    """X for ``X | None``; the annotation itself otherwise."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _kind(annotation: Any) -> tuple[Kind, tuple[str, ...]] | None:
    """The column kind of a field's annotation; None for what the sheet cannot hold."""
    target = _optional_of(annotation)
    if target == Section:
        return "section", ()
    origin = get_origin(target)
    if origin is Literal:
        return "choice", tuple(str(a) for a in get_args(target))
    if origin is list:
        return ("list", ()) if get_args(target) == (str,) else None
    if origin is Annotated:
        target = get_args(target)[0]
    simple: dict[Any, Kind] = {str: "text", bool: "bool", int: "int", dt.date: "date", Decimal: "amount"}
    kind = simple.get(target)
    return (kind, ()) if kind else None


def _walk(model: type[BaseModel], path: tuple[str, ...], labels: tuple[str, ...]) -> Iterator[tuple]:  # type: ignore[type-arg]
    for name, info in model.model_fields.items():
        full, titles = (*path, name), (*labels, info.title or name)
        if full in _SKIPPED or full in (("schema_version",), ("waivers",)):
            continue
        annotation = info.annotation
        nested = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if nested and get_origin(annotation) is not list:
            yield from _walk(nested[0], full, titles)
            continue
        kind = _kind(annotation)
        if kind is not None:
            yield full, titles, kind, info


def columns() -> list[Column]:
    """Every column of the 「项目」 sheet, in model order, each with the shortest unique header."""
    found = list(_walk(ProjectData, (), ()))
    found = [item for item in found if item[0] != ("profile",)] + [item for item in found if item[0] == ("profile",)]
    result = []
    for path, titles, (kind, choices), info in found:
        labels = titles[1:] if len(titles) > 1 else titles  # drop the section (项目信息, 申报信息 …)
        for size in range(1, len(labels) + 1):
            header = "·".join(labels[-size:])
            clash = any("·".join((t[1:] if len(t) > 1 else t)[-size:]) == header for p, t, *_ in found if p != path)
            if not clash:
                break
        else:
            header = "·".join(titles)
        description = info.description or ""
        if choices:
            description = (
                f"{description}（可选：{'、'.join(choices)}）" if description else f"可选：{'、'.join(choices)}"
            )
        if kind == "bool":
            description = f"{description}（是/否）" if description else "是/否"
        if kind == "list":
            description = f"{description}（每行一项）" if description else "每行一项"
        if kind == "date":
            description = (
                f"{description}（日期）" if description and "YYYY" not in description else description or "日期"
            )
        mandatory = is_mandatory(info)
        text = DESCRIPTION_PREFIX + ("必填。" if mandatory else "") + description
        result.append(Column(header, path, kind, text, mandatory, choices))
    return result


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


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


def read_rows(path: Path) -> Iterator[WorkbookRow]:
    """Every project row of the workbook, streamed. Unreadable workbooks raise InputError."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if path.stat().st_size > 16 * MAX_INPUT_BYTES:
        raise InputError(MSG.input_too_large.format(name=path.name, limit=16 * MAX_INPUT_BYTES // 1024**2))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(MSG.xlsx_unreadable.format(name=path.name, reason=exc)) from None
    except Exception as exc:  # zipfile.BadZipFile and parser errors of a damaged file
        raise InputError(MSG.xlsx_unreadable.format(name=path.name, reason=exc)) from None
    try:
        sheet = book[MAIN_SHEET] if MAIN_SHEET in book.sheetnames else book.worksheets[0]
        by_header = {_fold(c.header): c for c in columns()}
        keyed = {
            ITEMS_SHEET: _keyed_rows(book, ITEMS_SHEET),
            CATALOG_SHEET: _keyed_rows(book, CATALOG_SHEET),
            REPORT_SHEET: _keyed_rows(book, REPORT_SHEET),
        }
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(MSG.xlsx_empty.format(name=path.name, sheet=sheet.title))
        mapping = [by_header.get(_fold(h)) if h is not None else None for h in header]
        if not any(mapping):
            raise InputError(MSG.xlsx_no_headers.format(name=path.name, sheet=sheet.title))
        for number, values in enumerate(rows, start=2):
            if _is_description(values) or all(v is None or str(v).strip() == "" for v in values):
                continue
            yield _project_row(path, sheet.title, number, mapping, values, keyed)
    finally:
        book.close()


def _is_description(values: tuple[Any, ...]) -> bool:
    filled = [v for v in values if v is not None and str(v).strip()]
    return bool(filled) and all(str(v).startswith(DESCRIPTION_PREFIX) for v in filled)


def _keyed_rows(book: Any, title: str) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Rows of a keyed sheet grouped by 项目名称: {name: [(row, {header: value})]}."""
    if title not in book.sheetnames:
        return {}
    rows = book[title].iter_rows(values_only=True)
    header = [(_fold(h) if h is not None else "") for h in (next(rows, None) or ())]
    grouped: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, values in enumerate(rows, start=2):
        record = {h: v for h, v in zip(header, values, strict=False) if h}
        key = record.get(_fold(KEY_HEADER))
        if key is None or _is_description(values):
            continue
        grouped.setdefault(_fold(str(key)), []).append((number, record))
    return grouped


def _project_row(
    path: Path,
    sheet: str,
    number: int,
    mapping: list[Column | None],
    values: tuple[Any, ...],
    keyed: dict[str, dict[str, list[tuple[int, dict[str, Any]]]]],
) -> WorkbookRow:
    data: dict[str, Any] = {"schema_version": 1}
    positions = Positions()
    fingerprint: list[str] = [repr(values)]
    try:
        for column, value in zip(mapping, values, strict=False):
            if column is None or value is None or (isinstance(value, str) and not value.strip()):
                continue
            converted, extra = _convert(column, value, path.parent)
            fingerprint.append(extra)
            set_path(data, column.path, converted)
            positions.lines[column.path] = number
        name = data.get("project", {}).get("name")
        if name:
            key = _fold(name)
            fingerprint += _attach_keyed(data, positions, keyed, key, path.parent)
        positions.lines[()] = number
    except InputError as exc:
        message = f"{path.name} 工作表「{sheet}」第{number}行：{exc.message}"
        return WorkbookRow(sheet, number, None, InputError(message), "\n".join(fingerprint).encode(), None)
    raw = RawDocument(data=data, positions=positions, path=path)
    return WorkbookRow(sheet, number, raw, None, "\n".join(fingerprint).encode(), data.get("project", {}).get("name"))


def _attach_keyed(
    data: dict[str, Any],
    positions: Positions,
    keyed: dict[str, dict[str, list[tuple[int, dict[str, Any]]]]],
    key: str,
    folder: Path,
) -> list[str]:
    seen: list[str] = []
    items = keyed[ITEMS_SHEET].get(key, [])
    if items:
        headers = _record_headers(InvestmentItem)
        records = [{field: record.get(h) for h, field in headers.items()} for _, record in items]
        set_path(data, ("project", "investment", "items"), records)
        for index, (row, _) in enumerate(items):
            positions.lines[("project", "investment", "items", index)] = row
        seen.append(repr(items))
    catalog = keyed[CATALOG_SHEET].get(key, [])
    if catalog:
        headers = _record_headers(CatalogItem)
        records = []
        for _, record in catalog:
            item = {field: record.get(h) for h, field in headers.items()}
            if isinstance(item.get("shared"), str):
                item["shared"] = _boolean(item["shared"])
            records.append(item)
        set_path(data, ("project", "data_catalog", "items"), records)
        seen.append(repr(catalog))
    report = keyed[REPORT_SHEET].get(key, [])
    by_header = {_fold(c.header): c for c in columns() if c.kind == "section"}
    for _, record in report[:1]:
        for header, value in record.items():
            column = by_header.get(header)
            if column is not None and value is not None and str(value).strip():
                converted, extra = _convert(column, value, folder)
                set_path(data, column.path, converted)
                seen.append(extra)
    return seen


def _record_headers(model: type[BaseModel]) -> dict[str, str]:
    return {_fold(info.title or name): name for name, info in model.model_fields.items()}


def _convert(column: Column, value: Any, folder: Path) -> tuple[Any, str]:
    """The cell's value as the data model reads it, and the text a change would alter."""
    if column.kind in ("text", "section", "list") and isinstance(value, str):
        text = _maybe_file(value, folder, column.header)
        if column.kind == "list":
            return [item for item in _SEPARATORS.split(text.strip()) if item], text
        return text, text
    if column.kind == "bool":
        return (_boolean(value) if not isinstance(value, bool) else value), repr(value)
    if column.kind == "amount":
        if isinstance(value, bool):
            return value, repr(value)
        if isinstance(value, int | float):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value), repr(value)
        try:
            return Decimal(str(value).strip().replace(",", "")), repr(value)
        except InvalidOperation:
            return str(value), repr(value)
    if column.kind == "date" and isinstance(value, dt.datetime):
        return value.date(), repr(value)
    if column.kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value), repr(value)
    return value, repr(value)


def _boolean(value: Any) -> Any:
    text = _fold(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return value  # the data model reports it, naming the field


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
            from docgen.sources import decode_text

            return decode_text(target.read_bytes(), relative)
    return text


# ------------------------------------------------------------------ writing (docgen init --xlsx)


def write_template(target: Path) -> bytes:
    """The empty workbook: headers, a description row, drop-down lists for enumerations."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = MAIN_SHEET
    bold = Font(bold=True)
    required = PatternFill("solid", fgColor="FFF2CC")
    note = Font(italic=True, color="666666", size=9)
    for index, column in enumerate(columns(), start=1):
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = bold
        if column.mandatory:
            header.fill = required
        desc = sheet.cell(row=2, column=index, value=column.description)
        desc.font = note
        desc.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 40 if column.kind == "section" else 18
        choices = column.choices or (("是", "否") if column.kind == "bool" else ())
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            rule.error = f"请从下拉列表中选择：{'、'.join(choices)}"
            rule.errorTitle = column.header
            sheet.add_data_validation(rule)
            rule.add(f"{letter}3:{letter}{VALIDATION_ROWS}")
        if column.kind == "date":
            for row in range(3, 4):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B3"
    sheet.row_dimensions[2].height = 60
    for title, model in ((ITEMS_SHEET, InvestmentItem), (CATALOG_SHEET, CatalogItem)):
        extra = book.create_sheet(title)
        headers = [KEY_HEADER] + [info.title or name for name, info in model.model_fields.items()]
        for index, text in enumerate(headers, start=1):
            extra.cell(row=1, column=index, value=text).font = bold
            extra.column_dimensions[get_column_letter(index)].width = 24
        if model is InvestmentItem:
            rule = DataValidation(type="list", formula1='"工程费,设备费,预备费,其他费用"', allow_blank=True)
            extra.add_data_validation(rule)
            rule.add(f"C2:C{VALIDATION_ROWS}")
        else:
            rule = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
            extra.add_data_validation(rule)
            rule.add(f"C2:C{VALIDATION_ROWS}")
    report = book.create_sheet(REPORT_SHEET)
    report_headers = [KEY_HEADER] + [c.header for c in columns() if c.kind == "section"]
    for index, text in enumerate(report_headers, start=1):
        report.cell(row=1, column=index, value=text).font = bold
        report.column_dimensions[get_column_letter(index)].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def path_of_header(header: str) -> DataPath | None:
    """The data path a 「项目」 column fills (for messages and tests)."""
    for column in columns():
        if _fold(column.header) == _fold(header):
            return column.path
    return None
