"""How many of the corpus's verdicts `check` and `extract` give right — the figure README reports.

Run from the repository root:
    .venv/bin/python tests/corpus/score.py [--blind | --second | --third | --fourth | --fifth] [-v]

A document's verdict is right when `check` (with and without --form) gives exactly the manifest's
findings and exit code and, for a filled form, `extract` gives every value of the entry (typed and
values), lists exactly the unread labels and exits as said. Counted apart:

* a false alarm: an error or warning on a document the reviewer found sound (no error, no warning);
* a silent wrong value: `extract` writes a value that is not the one on the form, without listing it
  as unread (a value it leaves out and lists is not silent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from docgen.cli import main  # noqa: E402
from docgen.sources.yaml_source import parse  # noqa: E402

DOCS = HERE / "docs"


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def at(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return plain(node)


def findings(output: str) -> list[str]:
    return sorted(f"{f['severity']} {f['code']} {f['label'] or '-'}" for f in json.loads(output))


def judge(entry: dict[str, Any]) -> tuple[list[str], bool, list[str]]:
    """What went wrong (empty: the verdict is right), whether it is a false alarm, the silent wrong values."""
    runner = CliRunner()
    path = str(DOCS / entry["file"])
    wrong: list[str] = []
    expected = sorted(entry["findings"])
    runs = [("check", runner.invoke(main, ["check", path, "--format", "json"]))]
    if entry["form"] is not None:
        runs.append(("check --form", runner.invoke(main, ["check", path, "--form", entry["form"], "--format", "json"])))
    alarm = False
    sound = not any(f.split()[0] in ("error", "warning") for f in expected)
    for name, result in runs:
        try:
            got = findings(result.output)
        except ValueError:
            wrong.append(f"{name}: exit {result.exit_code}, not JSON: {result.output[:200]}")
            continue
        if got != expected or result.exit_code != entry["exit"]:
            missing = [f for f in expected if f not in got]
            extra = [f for f in got if f not in expected]
            wrong.append(f"{name}: exit {result.exit_code} (want {entry['exit']}); missing {missing}; extra {extra}")
        if sound and any(f.split()[0] in ("error", "warning") for f in got):
            alarm = True
    silent: list[str] = []
    if "extract" in entry:
        want = entry["extract"]
        result = runner.invoke(main, ["extract", path])
        data = parse(result.stdout, "extracted.yaml").data if result.stdout.strip() else {}
        unread = [line for line in result.stderr.splitlines() if "DG-EXTRACT-UNREAD" in line]
        if result.exit_code != want["exit"]:
            wrong.append(f"extract: exit {result.exit_code} (want {want['exit']})")
        for label in want["unread"]:
            if not any(label in line for line in unread):
                wrong.append(f"extract: 「{label}」 not listed as unread")
        if len(unread) != len(want["unread"]):
            wrong.append(f"extract: unread {unread}")
        for dotted, value in (want.get("typed", {}) | want["values"]).items():
            got = at(data, dotted)
            if got != value:
                wrong.append(f"extract: {dotted} = {got!r} (want {value!r})")
                if got is not None:
                    silent.append(f"{dotted} = {got!r} (on the form: {value!r})")
    return wrong, alarm, silent


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--blind", action="store_true", help="only the first blind set (entries with blind: true)")
    chosen.add_argument("--second", action="store_true", help="only the second blind set (entries with blind: second)")
    chosen.add_argument("--third", action="store_true", help="only the third blind set (entries with blind: third)")
    chosen.add_argument("--fourth", action="store_true", help="only the fourth blind set (entries with blind: fourth)")
    chosen.add_argument("--fifth", action="store_true", help="only the fifth blind set (entries with blind: fifth)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what is wrong with each document")
    args = parser.parse_args()
    manifest = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))
    entries = [
        e
        for e in manifest["documents"]
        if (not args.blind or e.get("blind") is True)
        and (not args.second or e.get("blind") == "second")
        and (not args.third or e.get("blind") == "third")
        and (not args.fourth or e.get("blind") == "fourth")
        and (not args.fifth or e.get("blind") == "fifth")
    ]
    right = alarms = sound = 0
    silent_total: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for entry in entries:
        wrong, alarm, silent = judge(entry)
        kind = entry["file"].split("-")[0]
        tally = by_kind.setdefault(kind, [0, 0])
        tally[1] += 1
        if not any(f.split()[0] in ("error", "warning") for f in entry["findings"]):
            sound += 1
        if not wrong:
            right += 1
            tally[0] += 1
        alarms += alarm
        silent_total += [f"{entry['file']}: {s}" for s in silent]
        if wrong and args.verbose:
            print(f"✗ {entry['file']}")
            for line in wrong:
                print(f"    {line}")
    print(f"documents: {len(entries)}; right verdicts: {right} ({100 * right / len(entries):.0f}%)")
    for kind, (good, total) in by_kind.items():
        print(f"  {kind}: {good}/{total}")
    print(f"false alarms (an error or warning on a sound document): {alarms} of {sound} sound documents")
    print(f"silent wrong values from extract: {len(silent_total)}")
    for line in silent_total:
        print(f"    {line}")


if __name__ == "__main__":
    main_()
