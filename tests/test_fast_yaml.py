"""The libyaml fast path reads exactly what ruamel reads, or hands the file to ruamel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLES

from docgen.errors import InputError
from docgen.sources import fast_yaml, yaml_source

SNIPPETS = [
    "a: yes\nb: no\nc: on\nd: off\ne: y\n",
    "a: 010\n",
    "a: 0952\n",
    "a: 1_000\n",
    "a: 0x1F\nb: 0o17\n",
    "a: .inf\nb: -.inf\nc: .nan\n",
    "a: 2026-11-20\n",
    "a: 2026-11-20 10:00:00\n",
    "a: 2026-1-5\n",
    "a: 2026-13-40\n",
    "a: 1:30\nb: 12:30:15\n",
    "a: 1e3\nb: 1.5e-3\nc: +5\nd: -0\ne: 0\nf: 0.0\ng: .5\nh: 5.\n",
    "a: ~\nb:\nc: Null\nd: NULL\ne: TRUE\nf: True\ng: FALSE\n",
    "a: 'quoted'\nb: \"x\\ny\"\nc: '123'\nd: \"true\"\n",
    "a: |\n  block\n  text\nb: >-\n  folded\n  text\n",
    "a:\n  - 1\n  - [2, 3]\n  - {b: c}\n  -\n    d: e\n",
    "a: !!str 123\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "? complex\n: key\n",
    "项目:\n  名称: 某平台   # 注释\n  金额: 860.50\n",
    "1: one\n",
    "a: 123abc\nb: 0952-2011234\nc: 2.40\nd: '007'\n",
    "a:\n\tb: 1\n",
    "---\na: 1\n---\nb: 2\n",
    "- just\n- a list\n",
    "",
    "a: [1, 2\n",
    "<<: {a: 1}\nb: 2\n",
]


def outcome(reader, text: str):  # type: ignore[no-untyped-def]
    try:
        raw = reader(text, "t.yaml")
    except InputError as exc:
        return ("error", exc.message)
    return ("ok", raw.data, raw.positions.lines)


@pytest.mark.parametrize("text", SNIPPETS)
def test_both_readers_agree(text: str) -> None:
    assert repr(outcome(yaml_source.parse, text)) == repr(outcome(yaml_source.parse_with_ruamel, text))


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_the_samples_take_the_fast_path_and_read_the_same(sample: str) -> None:
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    data, positions = fast_yaml.parse(text)
    reference = yaml_source.parse_with_ruamel(text, sample)
    assert data == reference.data and positions.lines == reference.positions.lines


def test_the_starter_file_reads_the_same(tmp_path: Path) -> None:
    from docgen.starter import starter_yaml

    text = starter_yaml()
    assert repr(outcome(yaml_source.parse, text)) == repr(outcome(yaml_source.parse_with_ruamel, text))


FOLDED = [
    ("a: >-\n  初稿；\n  已与自治区对接。\n", {"a": "初稿；已与自治区对接。"}),
    ("a: >-\n  内设6个科室，\n  项目负责人\n", {"a": "内设6个科室，项目负责人"}),
    ("a: >-\n  English\n  words\n", {"a": "English words"}),  # Latin lines keep YAML's space
    ("a: >\n  甲\n  乙\n\n  丙\n", {"a": "甲乙\n丙\n"}),  # a blank line is a paragraph: ruamel reads it
    ("a:\n  - >-\n    子系统，\n    依托政务云\n", {"a": ["子系统，依托政务云"]}),
]


@pytest.mark.parametrize(("text", "expected"), FOLDED)
def test_folded_chinese_lines_join_without_a_space_on_both_paths(text: str, expected: dict[str, Any]) -> None:
    assert yaml_source.parse(text, "t.yaml").data == expected
    assert yaml_source.parse_with_ruamel(text, "t.yaml").data == expected


def test_the_contract_prints_no_stray_space_between_chinese_lines() -> None:
    import docgen

    data = docgen.load(SAMPLES / "contract-example.yaml").data
    for text in (data.security.construction_content, data.project.preparation, data.security.cryptography.summary):
        assert text and "， " not in text and "； " not in text and "。 " not in text, text
