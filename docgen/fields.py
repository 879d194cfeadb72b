"""The data model as a tree of fields — label, kind, closed list, mandatory — walked once.

The starter file of ``docgen init`` and the browser form of ``docgen serve`` are both
written from this walk, so neither drifts from what docgen reads.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from docgen.models import ProjectData, _model_classes, is_mandatory

#: Text fields people write several lines into (a textarea, not a one-line input).
LONG_TEXT = {"preparation", "remarks", "summary", "construction_content", "reason", "content", "service_content"}


@dataclass(frozen=True)
class FieldNode:
    """One field of the data model.

    ``kind``: group (a sub-model: ``children``), rows (a list of items: ``children`` are the
    item's fields), lines (a list of texts), dates (a list of days), section (a report section:
    text, tables and pictures), choice (``choices``), yesno, amount (万元), integer, date, text,
    longtext.
    """

    path: tuple[str, ...]
    label: str
    description: str | None
    mandatory: bool
    kind: str
    choices: tuple[str, ...] = ()
    children: tuple[FieldNode, ...] = ()

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    def walk(self) -> typing.Iterator[FieldNode]:
        """This field and every field below it (a rows field's item fields are not below it)."""
        yield self
        if self.kind == "group":
            for child in self.children:
                yield from child.walk()


def literal_choices(annotation: Any) -> tuple[str, ...]:
    for candidate in (annotation, *get_args(annotation)):
        if get_origin(candidate) is Literal:
            return tuple(str(v) for v in get_args(candidate))
    return ()


def is_list(annotation: Any) -> bool:
    return any(get_origin(candidate) is list for candidate in (annotation, *get_args(annotation)))


def is_plain_model(annotation: Any) -> bool:
    origin = get_origin(annotation)
    return (
        origin not in (typing.Union, types.UnionType)
        and isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
    )


def _leaves(annotation: Any) -> set[Any]:
    """The plain types inside Optional / Annotated / list wrappers."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated, list):
        args = get_args(annotation)
        if origin is typing.Annotated:
            args = args[:1]
        return {leaf for arg in args for leaf in _leaves(arg)} - {type(None)}
    return {annotation}


def kind_of(name: str, annotation: Any) -> str:
    """The one classification of a field by its annotation (and name): every reader, writer and the
    desk take a field's kind from here."""
    text = str(annotation)
    if "Section" in text or "Discriminator" in text:
        return "section"
    leaves = _leaves(annotation)
    if is_list(annotation):
        if _model_classes(annotation):
            return "rows"
        return "dates" if dt.date in leaves else "lines"
    if literal_choices(annotation):
        return "choice"
    if bool in leaves:
        return "yesno"
    if Decimal in leaves:
        return "amount"
    if int in leaves:
        return "integer"
    if dt.date in leaves:
        return "date"
    return "longtext" if name in LONG_TEXT else "text"


def fields_of(model: type[BaseModel], path: tuple[str, ...] = ()) -> tuple[FieldNode, ...]:
    """The fields of ``model`` in the data model's order, each with everything below it."""
    nodes = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        here = (*path, name)
        if is_plain_model(annotation):
            kind, children = "group", fields_of(annotation, here)  # type: ignore[arg-type]  # a model class
        else:
            kind = kind_of(name, annotation)
            models = _model_classes(annotation) if kind == "rows" else []
            children = fields_of(models[0], ()) if models else ()
        nodes.append(
            FieldNode(
                path=here,
                label=info.title or name,
                description=info.description,
                mandatory=is_mandatory(info),
                kind=kind,
                choices=literal_choices(annotation),
                children=children,
            )
        )
    return tuple(nodes)


@cache
def project_fields() -> tuple[FieldNode, ...]:
    """The whole data file's fields, from ``ProjectData`` down."""
    return fields_of(ProjectData)


def find(path: tuple[str, ...]) -> FieldNode | None:
    """The field at ``path`` (rows items by index: ``("project", "investment", "items", "0", "amount")``)."""
    nodes = project_fields()
    found: FieldNode | None = None
    index = 0
    while index < len(path):
        key = path[index]
        found = next((n for n in nodes if n.name == key), None)
        if found is None:
            return None
        index += 1
        if found.kind == "rows" and index < len(path):
            index += 1  # the item's index
        nodes = found.children
    return found
