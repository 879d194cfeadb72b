"""A JSON Patch (RFC 6902) against a project's data: who saw what, what changes, and the edits
that make the change in the data file's text.

The browser form sends, with each change, ``test`` operations for what the page showed (the
whole row for a row's field); a failed test means the page is stale — someone changed that
value, or removed or moved that row, in between — and nothing is written: the caller answers
409 with each such field by its label and its current value. Tests of fields nobody else
touched pass, so changes to different fields merge.

Values are read by their field's kind (``docgen.normalize.read_input``): an impossible date or an
amount that is not a number is refused with a Chinese sentence naming the field.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import jsonpatch
import jsonpointer

from docgen.fields import FieldNode, find
from docgen.models import field_labels
from docgen.normalize import Unreadable, read_input
from docgen.rules.engine import dotted
from docgen.sources.yaml_edit import Edit, Insert, Remove, Set

Path = tuple[str | int, ...]


class PatchProblem(ValueError):
    """The patch cannot be applied as written (a wrong path or operation, a value its field cannot
    hold): a Chinese ``message`` and the field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __reduce__(self) -> tuple[Any, ...]:
        return (PatchProblem, (self.message, self.field))


@dataclass(frozen=True)
class Conflict:
    """A ``test`` that failed: the page saw ``seen`` at ``path``, the project holds ``current``."""

    path: Path
    pointer: str
    seen: Any
    current: Any

    @property
    def field(self) -> str:
        return dotted(self.path)

    @property
    def label(self) -> str:
        return label_of(self.path)


@dataclass
class Planned:
    """What a patch does: the data after it, and the edits that make it in the text."""

    data: dict[str, Any]
    edits: list[Edit] = field(default_factory=list)
    touched: list[Path] = field(default_factory=list)


def label_of(path: Path) -> str:
    """「投资构成 › 第2项 › 金额（万元）」: a field by its form labels (its section's name left out)."""
    try:
        labels = field_labels(path)
    except (KeyError, TypeError, AttributeError):
        labels = [str(step) for step in path]
    shown = labels[1:] if len(labels) > 1 else labels
    return " › ".join(shown)


def jsonable(value: Any) -> Any:
    """Data as JSON holds it: days as 2026-11-25, amounts as numbers (kept exact as Decimal)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as a person sees it: empty is empty (None, "", [], {}), 80 is 80.0, a day is its ISO text."""
    if _empty(a) and _empty(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return all(same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if _number(a) and _number(b):
        return Decimal(str(a)) == Decimal(str(b))
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return bool(jsonable(a) == jsonable(b))
    return bool(type(a) is type(b) and a == b) or (isinstance(a, str) and isinstance(b, str) and a == b)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def pointer_path(pointer: str, data: Any) -> Path:
    """``/project/investment/items/0/amount`` as a data path, list positions as numbers (``-`` kept)."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise PatchProblem(f"字段路径「{pointer}」无效：应以 / 开始")
    steps: list[str | int] = []
    node: Any = data
    for raw in pointer[1:].split("/"):
        step = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if step == "-":
                steps.append(step)
                node = None
                continue
            if not step.isdigit():
                raise PatchProblem(f"字段路径「{pointer}」无效：「{step}」不是行号")
            steps.append(int(step))
            node = node[int(step)] if int(step) < len(node) else None
        else:
            steps.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return tuple(steps)


def conflicts(data: dict[str, Any], patch: list[dict[str, Any]]) -> list[Conflict]:
    """Every ``test`` of the patch that the current data fails (all of them, not just the first)."""
    plain = jsonable(data)
    found = []
    for op in patch:
        if op.get("op") != "test":
            continue
        pointer = str(op.get("path", ""))
        try:
            current = jsonpointer.resolve_pointer(plain, pointer)
        except (jsonpointer.JsonPointerException, TypeError):
            current = None
        if not same(current, op.get("value")):
            found.append(Conflict(_loose_path(pointer), pointer, op.get("value"), current))
    return found


def _loose_path(pointer: str) -> Path:
    steps: list[str | int] = []
    for raw in pointer[1:].split("/") if pointer else []:
        step = raw.replace("~1", "/").replace("~0", "~")
        steps.append(int(step) if step.isdigit() else step)
    return tuple(steps)


def plan(data: dict[str, Any], patch: list[dict[str, Any]]) -> Planned:
    """The data after ``patch`` (whose tests passed) and the text edits that make it.

    ``data`` is the project's data as read from its file (days as dates, amounts as Decimal). Each
    operation is applied by ``jsonpatch`` (RFC 6902's own semantics); beyond the RFC, mappings
    missing along a path are created, since the form shows every field of the data model
    whether the file has its group yet or not."""
    if not isinstance(patch, list) or not all(isinstance(op, dict) for op in patch):
        raise PatchProblem("修改内容应为 JSON Patch：一个操作的列表")
    current = copy.deepcopy(data)
    edits: list[Edit] = []
    touched: list[Path] = []
    for op in patch:
        kind = op.get("op")
        if kind == "test":
            continue
        if kind not in ("add", "replace", "remove", "move", "copy"):
            raise PatchProblem(f"不支持的修改操作「{kind}」")
        given = {"op": kind, "path": str(op.get("path", ""))}
        source: Path = ()
        if kind in ("move", "copy"):
            given["from"] = str(op.get("from", ""))
            source = pointer_path(given["from"], current)
            value = copy.deepcopy(_get(current, source, given["from"]))
        path = pointer_path(given["path"], current)
        if not path:
            raise PatchProblem("不能整体替换项目数据：请逐项修改")
        if kind in ("add", "replace"):
            if "value" not in op:
                raise PatchProblem(f"修改操作缺少 value：{given['path']}")
            value = _typed(path, op["value"])
            given["value"] = value
        if kind != "remove":
            _make_parents(current, path)
        parent_path = path[:-1]
        was_list = isinstance(_get(current, parent_path, given["path"], missing=None), list)
        try:
            jsonpatch.apply_patch(current, [given], in_place=True)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException):
            raise PatchProblem(
                f"字段「{label_of(_loose_path(given['path']))}」不存在，无法修改", dotted(path)
            ) from None
        if kind == "move":
            edits.append(Remove(source))
            touched.append(source)
        if kind == "remove":
            edits.append(Remove(path))
        elif kind == "replace" or not was_list:
            edits.append(Set(path, value))
        else:
            last = path[-1]
            index = int(last) if last != "-" else len(_get(current, parent_path, given["path"])) - 1
            edits.append(Insert(parent_path, index, value))
        touched.append(path)
    return Planned(current, edits, touched)


def _make_parents(data: dict[str, Any], path: Path) -> None:
    """Create the mappings missing (or empty) along ``path`` — never lists, never over a value."""
    node: Any = data
    for step, following in itertools.pairwise(path):
        if isinstance(node, dict) and isinstance(step, str):
            if node.get(step) is None and isinstance(following, str) and following != "-":
                node[step] = {}
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return


_MISSING = object()


def _get(data: Any, path: Path, shown: str, *, missing: Any = _MISSING) -> Any:
    node = data
    for step in path:
        in_mapping = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_mapping or in_list:
            node = node[step]
        else:
            if missing is not _MISSING:
                return missing
            raise PatchProblem(f"字段「{label_of(_loose_path(shown))}」不存在", dotted(path))
    return node


def _typed(path: Path, value: Any) -> Any:
    """``value`` read by the kind of the field at ``path`` (rows and groups field by field)."""
    node = _node(path)
    if node is None:
        return value
    if isinstance(path[-1], int) or path[-1] == "-":
        if node.kind == "rows":  # a whole row
            item = FieldNode(node.path, node.label, None, False, "group", children=node.children)
            return _read(item, value, path)
        if node.kind == "section":
            return value
        if node.kind in ("lines", "dates"):
            return _read(node, [value], path)[0] if value not in (None, "") else value
    return _read(node, value, path)


def _read(node: FieldNode, value: Any, path: Path) -> Any:
    try:
        return read_input(node, value)
    except Unreadable as exc:
        raise PatchProblem(exc.message, dotted(tuple(p for p in path if p != "-"))) from None


def _node(path: Path) -> FieldNode | None:
    return find(tuple(str(step) for step in path if step != "-"))


__all__ = [
    "Conflict",
    "PatchProblem",
    "Planned",
    "conflicts",
    "jsonable",
    "label_of",
    "plan",
    "pointer_path",
    "same",
]
