"""The rules docgen declares are exactly the rows of rules.md (a verbatim copy in
tests/fixtures): same ids, articles and kinds, every jurisdiction; and
``docgen rules`` lists them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.rules.profiles import PROFILES

RULES_MD = Path(__file__).parent / "fixtures" / "rules.md"
ROW = re.compile(r"\| ((?:SZS|QZ16|QZ23|GX|JX)-[0-9.]+) \| [^|]+ \| [^|]+ \| ([^|]+) \| [^|]+ \| [^|]+ \| ([^|]+) \|")
PREFIX = {"shizuishan": "SZS", "qinzhou2016": "QZ16", "qinzhou2023": "QZ23", "guangxi": "GX", "jiangxi": "JX"}
#: Duties rules.md missed and a reading of the articles found (issue 20), each with its article and kind.
ADDED = {
    "SZS-17.3": ("第十七条", "warning"),
    "SZS-23.2": ("第二十三条", "error"),
    "QZ16-10.1": ("第十条", "warning"),
    "QZ16-26.1": ("第二十六条", "error"),
    "QZ16-26.2": ("第二十六条", "error"),
    "QZ23-14.1": ("第十四条", "warning"),
    "JX-23.1": ("第二十三条", "warning"),
}


def catalogue() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match.group(1)] = (match.group(2).strip(), match.group(3).split()[0])
    return rows


@pytest.mark.parametrize("profile", list(PROFILES))
def test_profile_declares_every_row_of_its_jurisdiction(profile: str) -> None:
    rows = {k: v for k, v in {**catalogue(), **ADDED}.items() if k.startswith(PREFIX[profile] + "-")}
    declared = {rule.id: rule for rule in PROFILES[profile].rules}
    assert set(declared) == set(rows)
    for rule_id, (article, kind) in rows.items():
        rule = declared[rule_id]
        # 钦州2023 rows add the 起草说明 paragraph after the draft's article number.
        assert article.startswith(rule.article), (rule_id, article, rule.article)
        assert rule.kind.value == kind, rule_id


def test_the_counts_are_those_of_rules_md_and_the_added_duties() -> None:
    assert {key: len(p.rules) for key, p in PROFILES.items()} == {
        "shizuishan": 60 + 2,
        "qinzhou2016": 24 + 3,
        "qinzhou2023": 22 + 1,
        "guangxi": 29,
        "jiangxi": 55 + 1,
    }


def test_rules_text_lists_id_article_kind_and_thresholds() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert "《石嘴山市政务信息化项目管理办法》" in result.output
    line = next(line for line in result.output.splitlines() if line.startswith("SZS-14.3"))
    assert "第十四条" in line and "错误" in line and "min_years=3" in line


def test_rules_json_for_another_profile() -> None:
    result = CliRunner().invoke(main, ["rules", "--profile", "qinzhou2023", "--format", "json"])
    data = json.loads(result.output)
    assert data["profile"] == "qinzhou2023" and len(data["rules"]) == 22 + 1
    rule = next(r for r in data["rules"] if r["id"] == "QZ23-09.2")
    assert rule["thresholds"] == {"limit": 400} and "AMB-03" in rule["reading"]


def test_an_unknown_profile_is_refused_in_chinese() -> None:
    result = CliRunner().invoke(main, ["validate", "x.yaml", "--profile", "beijing"])
    assert result.exit_code == 2
    with pytest.raises(docgen.errors.InputError, match="未知的适用办法"):
        docgen.api.profile_rules("beijing")
