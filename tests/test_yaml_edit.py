"""The one editor of data files (docgen.sources.yaml_edit): an edit changes the values it names and
nothing else — comments, key order and every other line stay byte for byte — and always reads back
as the data it must hold. Random edits (hypothesis) on every sample and on the starter file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from helpers import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.sources import yaml_edit
from docgen.sources.yaml_edit import Insert, Remove, Set
from docgen.sources.yaml_source import parse
from docgen.starter import starter_yaml

TEXTS = {
    "contract": (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8"),
    "service": (SAMPLES / "service-12345-om.yaml").read_text(encoding="utf-8"),
    "tendered": (SAMPLES / "tendered-project.yaml").read_text(encoding="utf-8"),
    "starter": starter_yaml(),
}


def run(text: str, edits: list[Any]) -> yaml_edit.Edited:
    expected = yaml_edit.apply_to_data(parse(text, "x.yaml").data, edits)
    result = yaml_edit.edited(text, edits, expected)
    assert parse(result.text, "x.yaml").data == expected
    return result


def changed_lines(before: str, after: str) -> set[str]:
    return set(before.splitlines()) - set(after.splitlines())


def test_a_typed_value_changes_only_its_own_line() -> None:
    text = TEXTS["contract"]
    result = run(text, [Set(("project", "owner_unit"), "石嘴山市城市管理局𠮷")])
    assert result.how == "text"
    assert changed_lines(text, result.text) == {"  owner_unit: 石嘴山市政务服务管理局  # 项目建设单位"}
    assert "  owner_unit: 石嘴山市城市管理局𠮷  # 项目建设单位" in result.text


def test_text_of_several_lines_becomes_a_block_keeping_its_comment() -> None:
    result = run(TEXTS["contract"], [Set(("project", "preparation"), "第一行\n第二行")])
    assert (
        result.how == "text"
        and "  preparation: |-                # 项目准备情况\n    第一行\n    第二行\n" in result.text
    )


def test_rows_are_added_and_removed_in_place() -> None:
    text = TEXTS["contract"]
    added = run(text, [Insert(("project", "investment", "items"), 1, {"name": "新模块", "amount": Decimal("12.5")})])
    assert added.how == "text" and len(changed_lines(text, added.text)) == 0
    removed = run(text, [Remove(("project", "investment", "items", 0))])
    assert removed.how == "text"
    assert changed_lines(text, removed.text) == {"      - {name: 应用系统开发, category: 工程费, amount: 480}"}


def test_the_starter_files_empty_lists_become_lists_and_back() -> None:
    text = TEXTS["starter"]
    one = run(text, [Insert(("project", "investment", "items"), 0, {"name": "甲", "amount": 1})])
    assert one.how == "text" and "    items:  # 投资构成" in one.text
    empty = run(one.text, [Remove(("project", "investment", "items", 0))])
    assert empty.how == "text" and "    items: []  # 投资构成" in empty.text


def test_a_key_is_added_to_a_flow_mapping() -> None:
    text = TEXTS["contract"]
    result = run(
        text,
        [
            Insert(("project", "investment", "items"), 7, {}),
            Set(("project", "investment", "items", 7, "name"), "新增模块, 二期"),
        ],
    )
    assert result.how == "text" and '      - {name: "新增模块, 二期"}' in result.text


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**9),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.text(alphabet="甲乙 丙:#,-[]{}'\"\n|>𠮷　", max_size=20),
)


def _leaf_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            out += _leaf_paths(value, (*path, key))
        return out
    if isinstance(node, list):
        out = [path]
        for index, value in enumerate(node):
            out += _leaf_paths(value, (*path, index))
        return out
    return [path]


@st.composite
def edits(draw: Any, name: str) -> list[Any]:
    data = parse(TEXTS[name], "x.yaml").data
    made: list[Any] = []
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _leaf_paths(data) if p]
        path = draw(st.sampled_from(paths))
        current: Any = data
        for step in path:
            current = current[step]
        choice = draw(st.sampled_from(["set", "insert", "remove"] if isinstance(current, list) else ["set", "remove"]))
        if choice == "insert":
            value = draw(
                st.one_of(SCALARS, st.dictionaries(st.sampled_from(["name", "amount", "note"]), SCALARS, max_size=3))
            )
            change: Any = Insert(path, draw(st.integers(0, len(current))), value)
        elif choice == "remove":
            change = Remove(path)
        else:
            change = Set(path, draw(SCALARS))
        made.append(change)
        data = yaml_edit.apply_to_data(data, [change])
    return made


@pytest.mark.parametrize("name", sorted(TEXTS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_edit_reads_back_as_intended_and_keeps_comments(name: str, data: Any) -> None:
    text = TEXTS[name]
    chosen = data.draw(edits(name))
    result = run(text, chosen)
    assert result.how in ("text", "round trip"), chosen  # never written anew: comments stay
    if result.how == "text" and not any(isinstance(change, Remove) for change in chosen):
        kept = [line for line in text.splitlines() if line.lstrip().startswith("#")]  # a removed key takes its own
        assert all(line in result.text for line in kept)


def test_a_list_under_a_key_is_cleared_in_place_keeping_the_keys_comment() -> None:
    text = TEXTS["tendered"]
    result = run(text, [Set(("project", "app_integrations"), None), Remove(("security", "cryptography", "summary"))])
    assert result.how == "text"
    assert "  app_integrations:   # 对接的APP（第十一条）" in result.text
    assert "  cryptography: {}                  # 密码保护应用基本情况" in result.text


def test_edits_neither_way_makes_together_are_made_one_by_one_keeping_comments() -> None:
    """Found by the property above: a report-table row emptied (the round trip's) together with a
    mapping's only key removed (the text's; the round trip leaves the mapping null) — each edit in
    its own way, and every comment stays."""
    text = TEXTS["tendered"]
    chosen = [
        Set(("requirements_report", "analysis", "business", 1, "table", "rows", 1), None),
        Remove(("security", "cryptography", "summary")),
    ]
    result = run(text, chosen)
    assert result.how == "round trip"
    assert "# 密码保护应用基本情况" in result.text and "# 审查部分（审查单位填写；申报时可留空）" in result.text
