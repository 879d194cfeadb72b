"""Which fields of the data a rule book reads, found in the source of its checks.

The desk shows a project the inputs of the 办法 it follows and no other jurisdiction's; which
inputs those are is read from the rules themselves — every path the modules of a book's checks
name (``data.project.investment.total``, an alias of it, ``label(*P, "classified")``, a
``Violation`` path) — so a field a new rule reads appears under its 办法 without a list to keep.

A path is kept as far as it is a field of the data model (``data.project.name.strip()`` reads
``project.name``); a loop over a list of items reads the list; a field reached only through a
helper that takes the whole project is not seen here (the desk shows the shared annex data to
every 办法 anyway).
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from collections.abc import Iterable, Iterator
from functools import cache
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from docgen.models import ProjectData, _model_classes
from docgen.rules.engine import WHEN_FIELDS, Rule

Path = tuple[str, ...]
#: the data's top-level parts that are groups (项目信息, 申报信息 …): named whole, they say no field
_PARTS = frozenset(
    name
    for name, info in ProjectData.model_fields.items()
    if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)
)


def model_prefix(steps: Iterable[str]) -> Path:
    """The longest start of ``steps`` that names fields of the data model (list items pass through)."""
    classes: list[type[BaseModel]] = [ProjectData]
    kept: list[str] = []
    for step in steps:
        info = next((cls.model_fields[step] for cls in classes if step in cls.model_fields), None)
        if info is None:
            break
        kept.append(step)
        classes = _model_classes(info.annotation)
    return tuple(kept)


def _constant_tuple(node: ast.AST, constants: dict[str, tuple[Any, ...]]) -> tuple[Any, ...] | None:
    """A tuple literal of strings (with ``*NAME`` of such constants), as far as it is constant."""
    if not isinstance(node, ast.Tuple | ast.List):
        return None
    out: list[Any] = []
    for element in node.elts:
        if isinstance(element, ast.Constant):
            out.append(element.value)
        elif isinstance(element, ast.Starred) and isinstance(element.value, ast.Name) and element.value.id in constants:
            out.extend(constants[element.value.id])
        else:
            out.append(None)  # a name: the path goes on, unknown from here
    return tuple(out)


def _strings(values: Iterable[Any]) -> Path:
    kept: list[str] = []
    for value in values:
        if not isinstance(value, str):
            break
        kept.append(value)
    return tuple(kept)


class _Reader(ast.NodeVisitor):
    """Collects model paths from one module: attribute chains from ``data`` (or a name bound to a
    part of it) and string paths written as tuples or as a call's leading arguments."""

    def __init__(self, constants: dict[str, tuple[Any, ...]]) -> None:
        self.constants = constants
        self.found: set[Path] = set()
        self.aliases: dict[str, Path] = {}

    def path_of(self, node: ast.AST) -> Path | None:
        """The model path an expression denotes, or None."""
        if isinstance(node, ast.Name):
            if node.id == "data":
                return ()
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.path_of(node.value)
            if base is None:
                return None
            longer = model_prefix((*base, node.attr))
            return longer if len(longer) > len(base) else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args:
            base = self.path_of(node.args[0])
            if base is None:
                return None
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                longer = model_prefix((*base, name.value))
                return longer if len(longer) > len(base) else base
            return base
        if isinstance(node, ast.Subscript):
            return self.path_of(node.value)
        return None

    def note(self, path: Path | None) -> None:
        """A path read; a whole top-level part (「项目信息」) is no field a rule reads by itself."""
        if path and (len(path) > 1 or path[0] not in _PARTS):
            self.found.add(path)

    def bind(self, target: ast.AST, value: ast.AST, *, item: bool = False) -> None:
        """A name bound to a part of the data: what is read through it counts, not the binding."""
        if isinstance(target, ast.Name):
            path = self.path_of(value)
            if path:
                self.aliases[target.id] = path
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and not item:
            for one, other in zip(target.elts, value.elts, strict=False):
                self.bind(one, other)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.bind(target, node.value)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.bind(node.target, node.iter, item=True)
        for statement in (*node.body, *node.orelse):
            self.visit(statement)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self.visit(node.iter)
        self.bind(node.target, node.iter, item=True)
        for condition in node.ifs:
            self.visit(condition)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id in self.aliases:  # the part passed on whole
            self.note(self.aliases[node.id])

    def visit_Attribute(self, node: ast.Attribute) -> None:
        path = self.path_of(node)
        if path:
            self.note(path)
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.note(self.path_of(node))
        leading = _constant_tuple(ast.Tuple(elts=list(node.args), ctx=ast.Load()), self.constants)
        self.note(model_prefix(_strings(leading or ())))
        self.generic_visit(node)

    def visit_Tuple(self, node: ast.Tuple) -> None:
        self.note(model_prefix(_strings(_constant_tuple(node, self.constants) or ())))
        self.generic_visit(node)


def _constants(tree: ast.Module) -> dict[str, tuple[Any, ...]]:
    """The module's names bound to tuples of strings (``P = ("project",)``)."""
    found: dict[str, tuple[Any, ...]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            value = _constant_tuple(statement.value, found)
            if isinstance(target, ast.Name) and value is not None and all(isinstance(v, str) for v in value):
                found[target.id] = value
    return found


@cache
def module_reads(module: ModuleType) -> frozenset[Path]:
    """Every model path the source of ``module`` names."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(module)))
    reader = _Reader(_constants(tree))
    reader.visit(tree)
    return frozenset(reader.found)


def _modules(rules: Iterable[Rule]) -> Iterator[ModuleType]:
    seen: set[str] = set()
    for rule in rules:
        for function in (rule.check, rule.needs):
            name = getattr(function, "__module__", None)
            if name and name not in seen and name in sys.modules:
                seen.add(name)
                yield sys.modules[name]


def book_reads(rules: Iterable[Rule]) -> frozenset[Path]:
    """The model paths the rules read: their modules' sources, and what their applicability tests."""
    rules = tuple(rules)
    found = {path for module in _modules(rules) for path in module_reads(module)}
    for rule in rules:
        for name, path in WHEN_FIELDS.items():
            if getattr(rule.when, name):
                found.add(tuple(str(step) for step in path))
    return frozenset(found)


@cache
def profile_reads(key: str) -> frozenset[Path]:
    """The model paths one 办法 (by its key) reads: its rules, and the documents it builds beyond the
    annexes — the chapters of its own documents (``docgen.outline``) and the 备案信息表's rows."""
    from docgen import filing
    from docgen.forms import Form
    from docgen.outline import PLANS_BY_FORM
    from docgen.rules.profiles import PROFILES

    profile = PROFILES[key]
    found = set(book_reads(profile.rules))
    for form in profile.forms:
        plan = PLANS_BY_FORM.get(form.value)
        if plan is not None:
            found |= {path for part in plan.parts for path in (*part.sources, *([part.when] if part.when else []))}
        if form is Form.FILING:
            found |= module_reads(filing)
    if any(rule.waivable for rule in profile.rules):
        found.add(("waivers",))
    return frozenset(found)


def reads_field(reads: frozenset[Path], path: Path) -> bool:
    """``path`` is read: itself, a group it belongs to, or (for a list of items) something inside it."""
    return any(path[: len(read)] == read or read[: len(path)] == path for read in reads)


__all__ = ["book_reads", "model_prefix", "module_reads", "profile_reads", "reads_field"]
