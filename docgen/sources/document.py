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

from docgen.errors import InputError
from docgen.messages import MSG

DataPath = tuple[str | int, ...]

#: Deeper nesting than this is refused (the data model is six levels deep).
MAX_DEPTH = 32
#: More values than this in one project is refused (guards against alias bombs).
MAX_NODES = 200_000


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


def check_shape(data: Any, name: str) -> None:
    """Refuse data that is too deep or too large before anything walks it."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise InputError(MSG.input_too_many_nodes.format(name=name, limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise InputError(MSG.input_too_deep.format(name=name, limit=MAX_DEPTH))
        if isinstance(node, dict):
            # A YAML alias is counted at every use, so an alias bomb stops here.
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
