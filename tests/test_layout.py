"""The house's shape is checked by import-linter (``lint-imports``, run by scripts/test.sh) from the
contracts in pyproject.toml. Checked here: that those contracts catch what they are for — an
upward import, two parts importing each other, a cycle through an import inside a function, a
module importing its package's face back — and that the README shows the layers as the contract
states them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT

LINT = "from importlinter.cli import lint_imports_command; raise SystemExit(lint_imports_command())"


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {contract["id"]: contract for contract in config["tool"]["importlinter"]["contracts"]}


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the copy of the package in ``tree`` (with the repository's contracts)."""
    return subprocess.run(
        [sys.executable, "-c", LINT, str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docgen", tmp_path / "docgen", ignore=shutil.ignore_patterns("*.docx", "__pycache__"))
    return tmp_path


def test_the_package_as_it_stands_keeps_every_contract(tree: Path) -> None:
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


BREAKS = {
    # module, the line added at its end, the contract that catches it
    "upward": ("docgen/models.py", "from docgen import api", "layers"),
    "part-to-part": ("docgen/render/wordml.py", "from docgen.rules import engine", "layers"),
    "cycle-in-a-function": ("docgen/summary.py", "def _later():\n    from docgen import api", "no-cycles"),
    "face-imported-back": ("docgen/sources/text.py", "def _later():\n    from docgen import sources", "face-sources"),
    "desk-imports-cli": ("docgen/serve/web.py", "def _later():\n    from docgen import cli", "desk-beside-cli"),
    "unlisted-module": ("docgen/newcomer.py", "X = 1", "layers"),
}


@pytest.mark.parametrize("case", BREAKS, ids=list(BREAKS))
def test_each_contract_catches_what_it_is_for(tree: Path, case: str) -> None:
    module, line, contract = BREAKS[case]
    path = tree / module
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + f"\n\n{line}\n", "utf-8")
    result = lint(tree)
    broken = " ".join(result.stdout.split("Broken contracts", 1)[-1].split())  # the report wraps long lines
    assert result.returncode != 0 and str(contracts()[contract]["name"]) in broken, result.stdout


def readme_layers() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    development = text[text.index("## 开发") :]
    block = re.search(r"```\n(# 依赖层次.*?)```", development, re.S)
    assert block, "README's development section shows the layers in a block starting with 「# 依赖层次」"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()[1:]]
    return [line for line in lines if line]


def test_the_readme_shows_the_layers_as_the_contract_states_them() -> None:
    layers = contracts()["layers"]
    assert layers["containers"] == ["docgen"] and layers["exhaustive"] is True  # every module has a layer
    assert readme_layers() == layers["layers"]
