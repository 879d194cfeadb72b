"""The data model as a tree of fields — label, kind, closed list, mandatory — walked once.

The starter file of ``docgen init`` and the browser form of ``docgen serve`` are both
written from this walk, so neither drifts from what docgen reads.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
import unicodedata
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


def _kind(name: str, annotation: Any) -> str:
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
            kind = _kind(name, annotation)
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


class Unreadable(ValueError):
    """A value typed into a field that its kind cannot hold (「2026-02-30」 in a date field); ``message``
    says so in Chinese with the field's label."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_input(node: FieldNode, value: Any) -> Any:
    """What a person (or a script) typed into the field ``node``, as the data file holds it — the one
    reading of typed values that the desk and every reader share (``docgen.normalize``).

    Text is trimmed; amounts (「1,200」「500万元」), whole numbers, days (2026-11-25, 2026/11/25,
    2026.11.25, 2026年11月25日), 是/否 and lists are read by kind; an empty value is None. A value its
    kind cannot hold is refused (:class:`Unreadable`), never stored: a date that does not exist, an
    amount that is not a number. Choices are kept as typed, so validation names a wrong one.
    """
    from docgen import normalize

    if value is None:
        return None
    kind = node.kind
    if kind == "group":
        if not isinstance(value, dict):
            raise Unreadable(f"「{node.label}」应为一组内容")
        children = {child.name: child for child in node.children}
        return {key: read_input(children[key], item) if key in children else item for key, item in value.items()}
    if kind == "rows":
        if not isinstance(value, list):
            raise Unreadable(f"「{node.label}」应为若干行")
        return [_read_row(node, item) for item in value]
    if kind == "section":
        if isinstance(value, str):
            return value.replace("\r\n", "\n").strip() or None
        return value
    if kind in ("lines", "dates"):
        items = value if isinstance(value, list) else str(value).replace("\r\n", "\n").split("\n")
        texts = [str(item).strip(normalize.SPACES) if isinstance(item, str) else item for item in items]
        kept = [item for item in texts if item not in ("", None)]
        if kind == "dates":
            return [_read_day(node, item) for item in kept]
        return kept
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").strip(normalize.SPACES + "\n")
        if not text:
            return None
    else:
        text = ""
    if kind == "amount":
        if isinstance(value, bool):
            raise Unreadable(f"「{node.label}」应为金额（万元）")
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        number = normalize.read_amount(text)
        if number is None or not number.is_finite():
            raise Unreadable(f"「{node.label}」应为金额（万元），「{_short(text)}」不是金额")
        return number
    if kind == "integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        folded = normalize.fold_width(text)
        if not folded.isdigit() or len(folded) > 9:
            raise Unreadable(f"「{node.label}」应为整数，「{_short(text)}」不是整数")
        return int(folded)
    if kind == "date":
        return _read_day(node, value)
    if kind == "yesno":
        if isinstance(value, bool):
            return value
        word = unicodedata.normalize("NFKC", text).lower()
        if word in normalize.YES:
            return True
        if word in normalize.NO:
            return False
        raise Unreadable(f"「{node.label}」应为「是」或「否」，「{_short(text)}」无法识别")
    if isinstance(value, str):
        return text if kind == "longtext" else text.replace("\n", " ")
    return value


def _read_row(node: FieldNode, item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    children = {child.name: child for child in node.children}
    return {key: read_input(children[key], value) if key in children else value for key, value in item.items()}


def _read_day(node: FieldNode, value: Any) -> Any:
    from docgen import normalize

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    day = normalize.read_day(text)
    if day is None:
        raise Unreadable(
            f"「{node.label}」应为日期（如 2026-11-25、2026/11/25、2026年11月25日），「{_short(text)}」不是有效的日期"
        )
    return day


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
