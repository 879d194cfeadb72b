"""The house's shape, checked: imports flow one way, CLI → facade → {rules, render,
checking, readers} → the data model and its base, and the four middle parts do not
import each other. Read from the source, so a new module is checked as it lands."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "docgen"

#: Each module's layer; a package name covers every module below it.
LAYERS: dict[str, tuple[int, str]] = {
    # base: the data model and what every layer shares
    "docgen.errors": (0, "base"),
    "docgen.messages": (0, "base"),
    "docgen.formatting": (0, "base"),
    "docgen.forms": (0, "base"),
    "docgen.models": (0, "base"),
    "docgen.outline": (0, "base"),
    "docgen.source_data": (0, "base"),
    "docgen.output": (0, "base"),
    "docgen.cli_chinese": (0, "base"),
    "docgen.normalize": (0, "base"),  # one reading of typed values: every reader and checking use it
    "docgen.fields": (0, "base"),  # the data model walked as a tree of fields (starter file, browser form)
    "docgen.filing": (0, "base"),  # 第十八条: what each kind of project files, and by when
    # reading a .docx package (bounded, no DTDs): beneath rendering and checking alike
    "docgen.docx_package": (1, "package"),
    "docgen.docx_reader": (1, "package"),
    # the four parts the facade drives
    "docgen.rules": (2, "rules"),
    "docgen.render": (2, "render"),
    "docgen.checking": (2, "checking"),
    "docgen.sources": (2, "readers"),
    "docgen.spreadsheet": (2, "readers"),
    "docgen.starter": (2, "readers"),
    "docgen.schema": (2, "readers"),
    # the facade
    "docgen.validation": (3, "facade"),
    "docgen.project": (3, "facade"),
    "docgen.materials": (3, "facade"),
    "docgen.review": (3, "facade"),
    "docgen.api": (3, "facade"),
    "docgen.batch": (3, "facade"),
    "docgen.changes": (3, "facade"),
    "docgen.summary": (3, "facade"),
    "docgen": (3, "facade"),
    # the command line
    "docgen.cli": (4, "cli"),
    "docgen.__main__": (4, "cli"),
    # the browser desk and HTTP API: another face over the facade, beside the command line
    "docgen.serve": (4, "serve"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> tuple[int, str]:
    candidates = [key for key in LAYERS if name == key or name.startswith(key + ".")]
    assert candidates, f"{name} has no layer: add it to LAYERS"
    return LAYERS[max(candidates, key=len)]


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docgen"):
            if node.module == "docgen":  # from docgen import api → the submodule
                found.update(f"docgen.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("docgen"))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_flow_one_way(path: Path) -> None:
    name = module_name(path)
    level, part = layer_of(name)
    for target in imported(path):
        target_level, target_part = layer_of(target)
        assert target_level <= level, f"{name} ({part}) imports {target} ({target_part}), a layer above it"
        if level == target_level == 2:
            assert part == target_part, f"{name} ({part}) imports {target} ({target_part}): parts do not import parts"


def test_nothing_below_the_command_line_imports_it() -> None:
    for path in MODULES:
        if layer_of(module_name(path))[1] != "cli":
            assert not {t for t in imported(path) if layer_of(t)[1] == "cli"}, path


def test_the_public_face_lists_what_it_exports() -> None:
    import docgen

    assert sorted(docgen.__all__) == sorted(set(docgen.__all__))
    for name in docgen.__all__:
        assert hasattr(docgen, name), name
