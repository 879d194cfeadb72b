"""A fast path for reading ordinary project files, with libyaml (PyYAML's C parser).

ruamel.yaml's round-trip reader keeps comments and is docgen's reference reader,
but it is pure Python: about 20 ms for the contract example, most of a batch's
time per YAML project. Here libyaml composes the node tree (with line numbers)
and the scalars are resolved by YAML 1.2 core rules, as ruamel resolves them.

Anything outside the plain subset project files use — aliases, merge keys,
explicit tags, duplicate keys, numbers with leading zeros, underscores, octal or
hex, times of day, several documents, any syntax error — raises
:class:`NotPlain`, and the caller reads the file with ruamel instead, which
gives the same data or its own (Chinese-explained) error. A test compares both
readers on every sample and on tricky inputs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from docgen.limits import read_number
from docgen.sources.document import DataPath, Positions
from docgen.sources.text import unfold_chinese

try:
    import yaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml: always use ruamel
    yaml = None  # type: ignore[assignment]
    _Loader = None  # type: ignore[assignment,misc]

_STANDARD = "tag:yaml.org,2002:"
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
#: Plain scalars whose reading differs between YAML versions or needs ruamel's rules (whole scalar).
_AMBIGUOUS = re.compile(
    r"""^(?:
        [-+]?0[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?   # leading zeros
      | [-+]?[0-9][0-9_]*_[0-9_.]*                     # underscores
      | [-+]?0[xXoObB][0-9a-fA-F_]+                    # hex, octal, binary
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)     # infinities
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+).*  # date and time
      | [0-9]{4}-(?:[0-9]-[0-9]{1,2}|[0-9]{2}-[0-9])    # dates with one-digit parts
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?  # sexagesimal
    )$""",
    re.VERBOSE,
)


class NotPlain(Exception):
    """The text needs ruamel's full reader."""


def parse(text: str) -> tuple[Any, Positions]:
    """(data, positions) of ``text``; NotPlain when it is not in the plain subset."""
    if _Loader is None:
        raise NotPlain("libyaml missing")
    if "!" in text or ("&" in text and "*" in text):
        raise NotPlain("tags or anchors")  # explicit tags could make a plain '123' a string: ruamel decides
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise NotPlain(str(exc)) from None
    positions = Positions()
    if node is None:
        return None, positions
    return _construct(node, (), positions, 0, set(), text), positions


def _folded(node: Any, source: str) -> str:
    """A folded block's text with the spaces folding put between Chinese lines taken out.

    Read from the block's own lines in the simple case (no blank and no more-indented lines),
    where the folds are exactly the line ends; any other folded block goes to ruamel."""
    block = source[node.start_mark.index : node.end_mark.index].split("\n")[1:]
    lines = [line for line in block if line.strip()]
    if not lines:
        return str(node.value)
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    content = block[: max(i for i, line in enumerate(block) if line.strip()) + 1]
    if any(not line.strip() or len(line) - len(line.lstrip(" ")) != indent for line in content):
        raise NotPlain("folded block with blank or more-indented lines")
    stripped = [line[indent:].rstrip(" ") for line in content]
    joined = " ".join(stripped)
    if node.value.rstrip("\n") != joined:
        raise NotPlain("folded block read differently")
    folds, position = [], 0
    for line in stripped[:-1]:
        position += len(line)
        folds.append(position)
        position += 1
    rest: str = node.value[len(joined) :]
    return unfold_chinese(joined, folds) + rest


def _construct(node: Any, path: DataPath, positions: Positions, depth: int, seen: set[int], source: str) -> Any:
    if depth > 64:
        raise NotPlain("deep")
    if id(node) in seen:  # composed once and met again: an alias
        raise NotPlain("alias")
    seen.add(id(node))
    tag = node.tag or ""
    if isinstance(node, yaml.MappingNode):
        if tag != _STANDARD + "map":
            raise NotPlain("tag")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in out or key == "<<":
                raise NotPlain("duplicate or merge key")
            full = (*path, key)
            positions.lines[full] = key_node.start_mark.line + 1
            out[key] = _construct(value_node, full, positions, depth + 1, seen, source)
        return out
    if isinstance(node, yaml.SequenceNode):
        if tag != _STANDARD + "seq":
            raise NotPlain("tag")
        items = []
        for index, item in enumerate(node.value):
            positions.lines[(*path, index)] = item.start_mark.line + 1
            items.append(_construct(item, (*path, index), positions, depth + 1, seen, source))
        return items
    if isinstance(node, yaml.ScalarNode) and node.style == ">":
        return _folded(node, source)
    return _scalar(node)


def _key(node: Any) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise NotPlain("complex key")
    value = _scalar(node)
    if not isinstance(value, str):
        raise NotPlain("non-text key")
    return value


def _scalar(node: Any) -> Any:
    text = node.value
    if node.style not in (None, ""):  # quoted or block scalar: always text
        return text
    if _AMBIGUOUS.match(text):
        raise NotPlain("ambiguous scalar")
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text) or _FLOAT.match(text):
        return read_number(text)  # an int or a Decimal; a number too long to be meant stays text
    date = _DATE.match(text)
    if date:
        try:
            return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            raise NotPlain("bad date") from None
    return text
