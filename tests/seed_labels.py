"""Labels of the annexes, read from the seed text itself (not from our templates).

The seed is the 办法's plain-text export (tests/fixtures/seed_001_shizuishan.txt,
a verbatim copy of shared/seeds/001_00320f1afbe0bc50.txt). Table cells are lines
starting with a TAB; pieces inside one line are separated by runs of four or more
spaces (the blanks of 「年   月   日」 are three).
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parent / "fixtures" / "seed_001_shizuishan.txt"

#: Pieces that are blanks to fill rather than labels: the header date and the
#: review date print the date itself once one is given.
DATE_BLANKS = {"年月日"}
REVIEW_PIECES = {"审查结果：（符合/不符合）", "审查单位：", "20年月日"}


def _annex_blocks() -> dict[int, list[str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    starts = {}
    for index, line in enumerate(lines):
        match = re.fullmatch(r"附件 ([123])", line.strip())
        if match:
            starts[int(match.group(1))] = index
    bounds = sorted(starts.items())
    blocks = {}
    for position, (number, start) in enumerate(bounds):
        end = bounds[position + 1][1] if position + 1 < len(bounds) else len(lines)
        blocks[number] = lines[start:end]
    return blocks


def pieces(number: int) -> list[str]:
    """Every non-blank text piece of annex ``number``, white space removed, in order."""
    out = []
    for line in _annex_blocks()[number]:
        for piece in re.split(r"\t| {4,}", line):
            squashed = re.sub(r"\s+", "", piece)
            if squashed:
                out.append(squashed)
    return out


def form_labels(number: int, *, dated: bool, reviewed: bool) -> list[str]:
    skip = set()
    if dated:
        skip |= DATE_BLANKS
    if reviewed:
        skip |= REVIEW_PIECES
    return [p for p in pieces(number) if p not in skip]


def outline_headings() -> list[str]:
    """附件3's headings in order; the outline's own title (编制提纲) is not part of a report.

    The seed types the closing line 「附件:」 with an ASCII colon; docgen prints it as GB/T 9704
    writes 附件说明, 「附件：」 (full-width): the one deliberate difference from the seed's text."""
    return [p.replace("附件:", "附件：") for p in pieces(3)[1:] if not p.endswith("编制提纲")]
