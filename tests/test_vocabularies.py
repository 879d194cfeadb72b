"""docgen's vocabularies are typed and written once: the DG-* codes are one enum whose values are
the codes people and scripts read (the JSON stays plain text), and the sentences of input, output
and the command line are one fixed set of names."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import ROOT, SAMPLES

import docgen
from docgen.cli import main
from docgen.errors import Code
from docgen.messages import MSG

PACKAGE = ROOT / "docgen"


def string_literals(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_every_dg_code_is_written_once_in_the_enum() -> None:
    written = {
        str(path.relative_to(ROOT)): codes
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        and (codes := [s for s in string_literals(path) if re.fullmatch(r"DG-[A-Z0-9-]+", s)])
    }
    assert written == {}, "say Code.X, not the code's text"
    values = [code.value for code in Code]
    assert len(values) == len(set(values)) and all(re.fullmatch(r"DG-[A-Z0-9-]+", v) for v in values)


def test_docgens_own_rules_are_codes_of_the_enum() -> None:
    assert {rule.id for rule in docgen.own_rules()} <= set(Code)


def test_the_json_says_the_codes_as_plain_text() -> None:
    result = CliRunner().invoke(main, ["validate", str(SAMPLES / "broken-rules.yaml"), "--format", "json"])
    findings = json.loads(result.output)
    assert result.exit_code == 1 and {"DG-TYPE", "DG-SCHEDULE"} <= {f["code"] for f in findings}
    project = docgen.load(SAMPLES / "broken-rules.yaml")
    first = project.findings[0].to_dict()
    assert type(first["code"]) is str  # the enum member itself never reaches a serializer
    text = CliRunner().invoke(main, ["validate", str(SAMPLES / "broken-rules.yaml")]).output
    assert "[错误] DG-TYPE " in text and "Code." not in text


def test_every_sentence_is_named_once_and_used() -> None:
    keys = [name for name in vars(MSG) if not name.startswith("_")]
    assert keys and all(isinstance(getattr(MSG, key), str) for key in keys)
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if path.name != "messages.py")
    unused = [key for key in keys if not re.search(rf"\bMSG\.{key}\b", source)]
    assert unused == []
