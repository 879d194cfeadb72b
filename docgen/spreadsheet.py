"""The workbook layout of the data model: columns, keyed sheets, and the empty
workbook ``docgen init --xlsx`` writes. Readers (``docgen.sources.workbook``) get
the layout from here and never see the model.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from docgen.fields import kind_of, literal_choices
from docgen.formatting import fold
from docgen.models import CatalogItem, InvestmentItem, ProjectData, is_mandatory
from docgen.sources.workbook import (
    CATALOG_SHEET,
    DESCRIPTION_PREFIX,
    ITEMS_SHEET,
    KEY_HEADER,
    MAIN_SHEET,
    REPORT_SHEET,
    VALIDATION_ROWS,
    Column,
    Kind,
    Layout,
)

#: Lists of records (and 附件3 tables/images) have their own sheets or stay in YAML.
_SKIPPED = {("project", "investment", "items"), ("project", "data_catalog", "items")}


def _optional_of(annotation: Any) -> Any:
    """X for ``X | None``; the annotation itself otherwise."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


#: a column's kind for each kind of ``docgen.fields`` a sheet can hold
_COLUMN: dict[str, Kind] = {
    "text": "text",
    "longtext": "text",
    "lines": "list",
    "choice": "choice",
    "yesno": "bool",
    "amount": "amount",
    "integer": "int",
    "date": "date",
    "section": "section",
}


def _kind(name: str, annotation: Any) -> tuple[Kind, tuple[str, ...]] | None:
    """The column kind of a field (its kind is ``docgen.fields``'s); None for what the sheet cannot hold."""
    kind = _COLUMN.get(kind_of(name, annotation))
    if kind is None:
        return None
    return kind, literal_choices(annotation) if kind == "choice" else ()


def _walk(model: type[BaseModel], path: tuple[str, ...], labels: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    for name, info in model.model_fields.items():
        full, titles = (*path, name), (*labels, info.title or name)
        if full in _SKIPPED or full in (("schema_version",), ("waivers",)):
            continue
        annotation = info.annotation
        nested = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if nested and get_origin(annotation) is not list:
            yield from _walk(nested[0], full, titles)
            continue
        kind = _kind(name, annotation)
        if kind is not None:
            yield full, titles, kind, info


def _columns() -> list[Column]:
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
                f"{description}（日期）" if description and "日期" not in description else description or "日期"
            )
        mandatory = is_mandatory(info)
        text = DESCRIPTION_PREFIX + ("必填。" if mandatory else "") + description
        result.append(Column(header, path, kind, text, mandatory, choices))
    return result


@cache
def layout() -> Layout:
    found = tuple(_columns())
    return Layout(found, _record_headers(InvestmentItem), _record_headers(CatalogItem), _aliases(found))


def _aliases(found: tuple[Column, ...]) -> dict[str, str]:
    """The words offices print for a field on 附件1/附件2 (「总投资」「建设地址」「负责人」, the words
    ``check`` reads on a filled form), folded -> that field's column header; a word two fields
    share is nobody's."""
    from docgen.checking import office_words

    header_of = {column.path: column.header for column in found}
    words: dict[str, set[str]] = {}
    for path, said in office_words().items():
        if path in header_of:
            for word in said:
                words.setdefault(fold(word), set()).add(header_of[path])
    return {word: next(iter(headers)) for word, headers in words.items() if len(headers) == 1}


def columns() -> tuple[Column, ...]:
    return layout().columns


def _record_headers(model: type[BaseModel]) -> dict[str, str]:
    return {fold(info.title or name): name for name, info in model.model_fields.items()}


def write_template(target: Path) -> bytes:
    """The empty workbook: headers, a description row, drop-down lists for enumerations."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.worksheets[0]
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
