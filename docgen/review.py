"""Recording review results (网络安全审查, 密码保护审查) into a project's data file.

The file keeps its comments and key order (YAML is rewritten by ruamel's round
trip, only the review lines change). The updated data is validated before
anything is written: with errors the file is left as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import InputError
from docgen.messages import MSG
from docgen.output import atomic_write
from docgen.project import LoadedProject, load_raw
from docgen.sources import Positions, RawDocument, parse, read, read_text, set_path
from docgen.sources.yaml_source import rewrite
from docgen.validation import build_model

REVIEW_KEYS = ("network_security", "cryptography")
ReviewEntries = dict[str, dict[str, Any]]


def entries_from_options(
    results: dict[str, str | None], *, unit: str | None = None, date: dt.date | None = None
) -> ReviewEntries:
    """``results`` maps ``network_security`` / ``cryptography`` to 符合 or 不符合; the unit and
    date go to every review given."""
    entries: ReviewEntries = {}
    for key in REVIEW_KEYS:
        result = results.get(key)
        if result is None:
            continue
        entry: dict[str, Any] = {"result": result}
        if unit is not None:
            entry["unit"] = unit
        if date is not None:
            entry["date"] = date
        entries[key] = entry
    return entries


def read_review_file(path: str | Path) -> ReviewEntries:
    """A review file (YAML/JSON): ``network_security`` and/or ``cryptography``, each with result, unit, date.

    Its values are checked against the data model; a wrong one is an InputError naming
    the field and its line.
    """
    source = Path(path)
    raw = read(source)
    unknown = [key for key in raw.data if key not in REVIEW_KEYS]
    if unknown:
        raise InputError(MSG.review_file_keys.format(name=source.name, keys="、".join(unknown)))
    shifted = Positions({("review", *key): line for key, line in raw.positions.lines.items()})
    _model, findings = build_model(RawDocument(data={"review": raw.data}, positions=shifted, path=source))
    if findings:
        lines = "；".join(f.format() for f in findings)
        raise InputError(MSG.review_file_invalid.format(name=source.name, problems=lines))
    entries: ReviewEntries = {}
    for key in REVIEW_KEYS:
        value = raw.data.get(key)
        if isinstance(value, dict):
            entries[key] = {k: v for k, v in value.items() if k in ("result", "unit", "date") and v is not None}
    return entries


@dataclass(frozen=True)
class PreparedReview:
    """A review recorded in memory: the data file's new text and the validated project; nothing written."""

    source: Path
    text: str
    project: LoadedProject

    def write(self) -> None:
        atomic_write(self.source, self.text.encode("utf-8"))


def record_review(path: str | Path, entries: ReviewEntries) -> LoadedProject:
    """Write each review's result, unit and date (as given) into the data file; return the project."""
    prepared = prepare_review(path, entries)
    prepared.write()
    return prepared.project


def prepare_review(path: str | Path, entries: ReviewEntries) -> PreparedReview:
    """The data file with each review's result, unit and date (as given), validated, not yet written."""
    source = Path(path)
    text = read_text(source)
    raw = parse(text, source)  # refuses unreadable input with a Chinese message
    updates: dict[tuple[str, ...], Any] = {
        ("review", key, name): value for key, entry in entries.items() for name, value in entry.items()
    }
    if not updates:
        raise InputError(MSG.review_nothing)
    if source.suffix.lower() == ".json":
        for dotted_path, value in updates.items():
            set_path(raw.data, dotted_path, value)
        new_text = json.dumps(raw.data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        new_text = rewrite(text, updates)
    project = load_raw(parse(new_text, source))
    project.require_ok()
    return PreparedReview(source, new_text, project)
