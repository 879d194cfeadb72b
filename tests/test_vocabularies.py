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


def test_chinese_numerals_are_written_and_read_back_by_one_module() -> None:
    from decimal import Decimal

    from docgen.docx_reader import format_number
    from docgen.formatting import cn
    from docgen.numerals import capital_amount, chinese_number, counting

    for n in range(1000):
        assert chinese_number(counting(n)) == n, counting(n)
        assert chinese_number(format_number(n, "chineseCounting")) == n if n else True
    assert [counting(n) for n in (10, 12, 20, 105, 110, 1005)] == [
        "十",
        "十二",
        "二十",
        "一百零五",
        "一百一十",
        "一千零五",
    ]
    assert format_number(105, "chineseCounting") == "一百〇五"  # Word's own zero
    assert format_number(105, "chineseLegalSimplified") == "壹佰零伍"
    assert [cn(n) for n in (3, 10, 15, 99)] == ["三", "十", "十五", "九十九"] and cn(2, count=True) == "两"
    assert chinese_number("二〇二六") == 2026 and chinese_number("12") == 12 and chinese_number("第一") is None
    assert capital_amount("捌佰陆拾万元整") == Decimal(860) and capital_amount("伍拾万零伍仟元") == Decimal("50.5")


def test_every_list_of_profiles_is_the_one_profiles_holds() -> None:
    from typing import get_args

    from docgen.models import ProfileKey, ProjectData
    from docgen.rules.profiles import PROFILES
    from docgen.serve.form import PROFILE_NAMES

    assert get_args(ProfileKey) == tuple(PROFILES)  # the data model's closed list
    described = ProjectData.model_fields["profile"].description or ""
    assert described == " / ".join(f"{key} {profile.label}" for key, profile in PROFILES.items())
    assert {key: profile.label for key, profile in PROFILES.items()} == PROFILE_NAMES  # the desk's choice
    shown = " ".join(CliRunner().invoke(main, ["validate", "--help"]).output.split())
    listed = "、".join(f"{key}（{profile.label}）" for key, profile in PROFILES.items())
    assert listed.replace("、", "") in shown.replace(" ", "").replace("、", "")


def test_the_facade_and_the_command_say_their_sentences_through_messages() -> None:
    """Help texts, choices and type names are the command's own words; any other Chinese text the
    facade, batch or the command writes is a sentence of messages.py (its policy)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    inline: list[str] = []
    for name in ("api.py", "batch.py", "cli.py", "inputs.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        allowed: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node) is not None:
                allowed.add(id(node.body[0].value))  # type: ignore[attr-defined]
            owned = (
                [n.value for n in node.keywords if n.arg in ("help", "short_help", "metavar", "label")]
                if isinstance(node, ast.Call)
                else []
            )
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("Choice"):
                owned += node.args
            if isinstance(node, ast.Assign) and any(ast.unparse(t).endswith((".name", ".help")) for t in node.targets):
                owned.append(node.value)
            allowed.update(id(inner) for value in owned for inner in ast.walk(value))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and id(node) not in allowed:
                allowed.update(id(inner) for inner in ast.walk(node))
                parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
                if any(
                    cjk.search(part)
                    for part in parts
                    if not re.fullmatch(r"[（）「」：、；\s]*|第|行|工作表「|」第", part)
                ):
                    inline.append(f"{name}:{node.lineno}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed:  # noqa: SIM102
                if cjk.search(node.value):
                    inline.append(f"{name}:{node.lineno} {node.value[:20]}")
    assert inline == []
