"""What every reader returns: plain data, and the line every key and list item stood on.

Readers know nothing of the data model: they turn bytes into dicts, lists, strings,
Decimals and dates, and record line numbers by data path so that a finding can point
at the line a person has to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.limits import MAX_DEPTH as MAX_DEPTH  # the bounds every reader keeps, in one place
from docgen.limits import MAX_NODES as MAX_NODES
from docgen.limits import check_shape as check_shape

DataPath = tuple[str | int, ...]


@dataclass
class Positions:
    """Line numbers (1-based) of the input's keys and list items, by data path."""

    lines: dict[DataPath, int] = field(default_factory=dict)

    def line_for(self, path: DataPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


@dataclass
class RawDocument:
    data: Any
    positions: Positions
    path: Path | None = None


def set_path(node: Any, path: tuple[str, ...], value: Any, make: Callable[[], Any] = dict) -> None:
    """``node[path[0]]…[path[-1]] = value``, creating missing mappings with ``make``."""
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = make()
            node[key] = child
        node = child
    node[path[-1]] = value
