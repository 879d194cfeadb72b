"""Checks declared as data: each rule has a stable code, a severity, the article
it comes from (or None for docgen's own consistency checks) and a check function
that yields violations by data path. The engine adds labels and line numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Finding, Severity
from docgen.models import ProjectData, field_labels


@dataclass(frozen=True)
class Violation:
    path: tuple[str | int, ...]
    message: str
    severity: Severity | None = None  # overrides the rule's own, e.g. a heuristic reported as a warning


@dataclass(frozen=True)
class CheckContext:
    """What a check may need besides the data: the folder relative paths start from,
    and the day deadlines are measured against (today unless a test fixes it)."""

    base_dir: Path | None = None
    today: dt.date | None = None

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()


CheckFn = Callable[[ProjectData, CheckContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    check: CheckFn
    article: str | None = None
    source: str | None = None


def run_rules(
    rules: Sequence[Rule],
    data: ProjectData,
    context: CheckContext,
    line_for: Callable[[tuple[str | int, ...]], int | None],
) -> list[Finding]:
    return [
        finding_at(
            violation.severity or rule.severity, rule.code, violation.message, violation.path, line_for, rule.article
        )
        for rule in rules
        for violation in rule.check(data, context)
    ]


def finding_at(
    severity: Severity,
    code: str,
    message: str,
    path: tuple[str | int, ...],
    line_for: Callable[[tuple[str | int, ...]], int | None],
    article: str | None = None,
) -> Finding:
    """A finding about the value at ``path``, with its labels and line filled in."""
    return Finding(
        severity=severity,
        code=code,
        message=message,
        field=dotted(path),
        label=" › ".join(field_labels(path)),
        article=article,
        line=line_for(path),
    )


def dotted(path: Sequence[str | int]) -> str:
    """('project', 'items', 2, 'amount') -> 'project.items[2].amount'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
