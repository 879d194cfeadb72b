"""Recording review results (网络安全审查, 密码保护审查) into a project's data file.

The file keeps its comments, key order, encoding, line endings and (JSON) number
types: only the review lines change. A review value that is not valid leaves the
file as it was; errors elsewhere in the applicant's data do not stop a reviewer.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.errors import Code, InputError
from docgen.messages import MSG
from docgen.models import field_labels
from docgen.normalize import read_day
from docgen.output import atomic_write
from docgen.project import LoadedProject, load_raw
from docgen.sources import Positions, RawDocument, parse, read, read_text, set_path, yaml_edit
from docgen.sources.yaml_edit import Encoding
from docgen.validation import build_model

REVIEW_KEYS = ("network_security", "cryptography")
ReviewEntries = dict[str, dict[str, Any]]


def entries_from_options(
    results: dict[str, str | None], *, unit: str | None = None, date: dt.date | str | None = None
) -> ReviewEntries:
    """``results`` maps ``network_security`` / ``cryptography`` to 符合 or 不符合; the unit and
    date go to every review given. A date given as text (a form field) is read the one way dates
    are read; text that is no day (9999-99-99) is refused (InputError), never dropped."""
    if isinstance(date, str):
        date = review_day(date)
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


def review_day(text: str) -> dt.date | None:
    """A review date typed by a person (2026-11-22, 2026年11月22日 …); None when left empty;
    InputError when it is not a day."""
    if not text.strip():
        return None
    day = read_day(text)
    if day is None:
        raise InputError(MSG.not_a_day.format(value=text.strip()))
    return day


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
class ReviewChange:
    """A value a recorded review replaces: its label, the old value and the new one."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PreparedReview:
    """A review recorded in memory: the data file's new bytes, the project as it will be, and the
    review values it replaces; nothing written yet."""

    source: Path
    blob: bytes
    project: LoadedProject
    replaced: tuple[ReviewChange, ...] = ()

    def write(self) -> None:
        atomic_write(self.source, self.blob)


def record_review(path: str | Path, entries: ReviewEntries) -> LoadedProject:
    """Write each review's result, unit and date (as given) into the data file; return the project."""
    prepared = prepare_review(path, entries)
    prepared.write()
    return prepared.project


def _json_value(value: Any) -> Any:
    """Data read from JSON back to JSON types: a Decimal stays a number (2.4, not "2.4")."""
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _shown(value: Any) -> str:
    return "（空）" if value in (None, "") else str(value)


def prepare_review(path: str | Path, entries: ReviewEntries) -> PreparedReview:
    """The data file with each review's result, unit and date (as given), not yet written.

    Only the review lines change: the file keeps its encoding (UTF-8, UTF-8 with BOM, GBK),
    line endings, comments and key order, and a JSON file its number types. A review value
    that is not valid refuses the whole review (InputError); errors elsewhere in the applicant's
    data do not: the reviewer records the result, the errors are listed with the project.
    """
    source = Path(path)
    text = read_text(source)
    encoding = Encoding.of(source.read_bytes())
    raw = parse(text, source)  # refuses unreadable input with a Chinese message
    updates: dict[tuple[str, ...], Any] = {
        ("review", key, name): value for key, entry in entries.items() for name, value in entry.items()
    }
    if not updates:
        raise InputError(MSG.review_nothing)
    replaced = []
    for review_path, value in updates.items():
        old = raw.data.get("review", {}) if isinstance(raw.data.get("review"), dict) else {}
        old = old.get(review_path[1], {}) if isinstance(old.get(review_path[1]), dict) else {}
        before = old.get(review_path[2])
        if before not in (None, "") and str(before) != str(value):
            labels = field_labels(review_path)
            replaced.append(ReviewChange(f"{labels[-2]}」的「{labels[-1]}", _shown(before), _shown(value)))
    if source.suffix.lower() == ".json":
        data = _json_value(raw.data)
        for dotted_path, value in updates.items():
            set_path(data, dotted_path, _json_value(value))
        new_text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:  # the one editor of data files (the desk's too): only the review lines change
        changes = [yaml_edit.Set(review_path, value) for review_path, value in updates.items()]
        new_text = yaml_edit.apply(text, changes, yaml_edit.apply_to_data(raw.data, changes))
    project = load_raw(parse(new_text, source))
    wrong = [f for f in project.findings if f.code == Code.TYPE and (f.field or "").startswith("review.")]
    if wrong:
        problems = "；".join(f.format() for f in wrong)
        raise InputError(MSG.review_file_invalid.format(name=source.name, problems=problems))
    return PreparedReview(source, encoding.encode(new_text), project, tuple(replaced))
