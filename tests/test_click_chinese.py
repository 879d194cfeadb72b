"""click's own words in Chinese (docgen.cli_chinese) hold only while click still says them: every
message docgen translates is one click looks up (``_(…)``/``ngettext(…)``) in the click installed,
so a click release that rewords or drops one fails here, not silently in front of a user."""

from __future__ import annotations

import ast
import importlib
import inspect
import tomllib
from importlib.metadata import version

from click.testing import CliRunner
from helpers import ROOT
from packaging.requirements import Requirement

from docgen import cli_chinese
from docgen.cli import main


def lookups() -> tuple[set[str], set[str]]:
    """The message ids click passes to ``_`` and to ``ngettext`` (singular and plural)."""
    words: set[str] = set()
    plurals: set[str] = set()
    for name in cli_chinese.CLICK_MODULES:
        tree = ast.parse(inspect.getsource(importlib.import_module(f"click.{name}")))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_":
                words.update(texts[:1])
            elif node.func.id == "ngettext":
                plurals.update(texts[:2])
    return words, plurals


#: Words click looks up through a variable (``_(extra["required"])``): checked by what help shows.
SHOWN_IN_HELP = {"required": "[必填]"}


def test_every_translated_word_is_one_click_looks_up() -> None:
    words, plurals = lookups()
    assert sorted(set(cli_chinese.WORDS) - words - set(SHOWN_IN_HELP)) == []
    assert sorted(set(cli_chinese.PLURALS) - plurals) == []


def test_words_click_looks_up_through_a_variable_show_in_help() -> None:
    shown = CliRunner().invoke(main, ["build", "--help"]).output  # -o is a required option
    for english, chinese in SHOWN_IN_HELP.items():
        assert chinese in shown and f"[{english}]" not in shown


def test_the_translations_keep_clicks_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name} if "{" in text else {text}

    for table in (cli_chinese.WORDS, cli_chinese.PLURALS):
        for english, chinese in table.items():
            if "{" in english:
                assert fields(english) == fields(chinese), english
            if "%(" in english:
                assert english.count("%(") == chinese.count("%("), english


def test_every_module_that_looks_words_up_is_translated() -> None:
    CliRunner().invoke(main, ["--help"])  # main installs the translations
    for name in cli_chinese.CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            assert module._ is cli_chinese.chinese, name
        if hasattr(module, "ngettext"):
            assert module.ngettext is cli_chinese.chinese_plural, name
    words, plurals = lookups()
    assert words and plurals  # click still looks its words up: the translation has something to replace


def test_click_is_pinned_to_the_range_these_tests_ran_on() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (pin,) = [Requirement(r) for r in project["dependencies"] if Requirement(r).name == "click"]
    assert pin.specifier.contains(version("click"))  # the click installed is one the pin allows
    assert any(spec.operator == "<" for spec in pin.specifier)  # an upper bound: a new click is tested first


def test_a_usage_error_reads_in_chinese() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "用法：" in result.output and "缺少参数" in result.output and "Usage" not in result.output
