"""Readers by input format. Each returns plain data plus where every key stood.

Readers know nothing of the data model: they turn bytes into dicts, lists,
strings, Decimals and dates, and record line numbers by data path so that a
finding can point at the line a person has to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import InputError
from docgen.messages import MSG
from docgen.output import reason

DataPath = tuple[str | int, ...]

#: Inputs larger than this are refused before parsing (a project file is a few KiB).
MAX_INPUT_BYTES = 20 * 1024 * 1024
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


#: The start of an old binary Office file (.doc, .xls): an OLE compound document.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of ASCII text is zero."""
    head = raw[:200]
    return len(head) >= 8 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first; GB18030 (a superset of GBK) second.

    Files saved by Chinese editions of Windows tools are often GBK; reading them
    beats refusing them. Anything that is neither is refused with a clear message.
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(MSG.input_too_large.format(name=name, limit=MAX_INPUT_BYTES // 1024**2))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise InputError(MSG.input_utf16.format(name=name))  # what Notepad saves as "Unicode"
    if raw.startswith(OLE_MAGIC):
        raise InputError(MSG.input_old_office.format(name=name))
    if b"\x00" in raw[:4096]:
        raise InputError(MSG.input_binary.format(name=name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(MSG.input_encoding.format(name=name, pos=exc.start)) from None


def read_text(path: Path) -> str:
    """The decoded text of a project file, or a Chinese InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(MSG.input_missing.format(name=path)) from None
    except IsADirectoryError:
        raise InputError(MSG.input_is_dir.format(name=path)) from None
    except OSError as exc:
        raise InputError(MSG.input_unreadable.format(name=path, reason=reason(exc))) from None
    return decode_text(raw, str(path))


def parse(text: str, path: Path) -> RawDocument:
    """Parse ``text`` by the suffix of ``path`` (.yaml/.yml or .json)."""
    from docgen.sources import json_source, yaml_source

    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = json_source.parse(text, str(path))
    elif suffix in {".yaml", ".yml"}:
        doc = yaml_source.parse(text, str(path))
    else:
        raise InputError(MSG.input_suffix.format(name=path))
    doc.path = path
    return doc


def read(path: Path) -> RawDocument:
    """Read a project file by its suffix (.yaml/.yml or .json)."""
    return parse(read_text(path), path)


def set_path(node: Any, path: tuple[str, ...], value: Any, make: Callable[[], Any] = dict) -> None:
    """``node[path[0]]…[path[-1]] = value``, creating missing mappings with ``make``."""
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = make()
            node[key] = child
        node = child
    node[path[-1]] = value


def _is_cjk(char: str) -> bool:
    """A Chinese character or a full-width mark (、，。「」（）…), which YAML's folding should not space."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs (Extension A and the main block)
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # Extensions B …
        or char in "“”‘’…—"
    )


def unfold_chinese(text: str, folds: list[int]) -> str:
    """A folded block (``>``) joins its lines with a space; between Chinese text that space is
    a typo the author never typed (「初稿； 已与…」), so it is removed where either side is Chinese.
    ``folds`` are the positions of the spaces the folding put in."""
    drop = {
        position
        for position in folds
        if 0 < position < len(text) - 1
        and text[position] == " "
        and (_is_cjk(text[position - 1]) or _is_cjk(text[position + 1]))
    }
    return "".join(char for index, char in enumerate(text) if index not in drop)


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
