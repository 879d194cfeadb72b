"""The one editor of data files: the desk's saves and ``docgen review`` change a YAML text here.

An edit touches only the text of the values it changes: comments, key order, quoting and
the layout of everything else stay byte for byte. The common edits — a value typed into a
field, a row added to or taken out of a list, a key added to a mapping — are made on the text
itself at the positions libyaml reports (about a millisecond); anything else, and any edit whose
result does not read back as intended, goes through ruamel.yaml's round trip (slower, still
comment-keeping). Every result is read back and compared with the data it must hold before
it is returned, so an edit never silently writes something else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.errors import InputError
from docgen.sources.document import RawDocument
from docgen.sources.yaml_source import REMOVE, EditPath, InsertAt, dump, edit, parse

try:
    import yaml
    from yaml import CSafeLoader as _Loader
    from yaml import SafeDumper as _Dumper  # libyaml's emitter escapes characters beyond the BMP (𠮷)
except ImportError:  # pragma: no cover - PyYAML without libyaml: every edit takes the round trip
    yaml = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Encoding:
    """How a data file is stored, so a rewrite stores it the same way."""

    codec: str  # utf-8, utf-8-sig (with BOM) or gb18030
    crlf: bool  # Windows line endings throughout

    @classmethod
    def of(cls, blob: bytes) -> Encoding:
        if blob.startswith(b"\xef\xbb\xbf"):
            codec = "utf-8-sig"
        else:
            try:
                blob.decode("utf-8")
                codec = "utf-8"
            except UnicodeDecodeError:
                codec = "gb18030"
        return cls(codec, b"\r\n" in blob and blob.count(b"\n") == blob.count(b"\r\n"))

    def encode(self, text: str) -> bytes:
        text = text.replace("\r\n", "\n")
        return (text.replace("\n", "\r\n") if self.crlf else text).encode(self.codec)


@dataclass(frozen=True)
class Set:
    """Give the key (or list item) at ``path`` the value ``value``; missing keys are added."""

    path: EditPath
    value: Any


@dataclass(frozen=True)
class Insert:
    """Insert ``value`` into the list at ``path`` before position ``index`` (``index`` = length appends)."""

    path: EditPath
    index: int
    value: Any


@dataclass(frozen=True)
class Remove:
    """Take the key or list item at ``path`` out."""

    path: EditPath


Edit = Set | Insert | Remove


class _Unsupported(Exception):
    """This edit needs the round trip."""


@dataclass(frozen=True)
class Edited:
    text: str
    #: how it was made: "text" (the values' own text replaced), "round trip" (ruamel.yaml), or
    #: "rewrite" (written anew from the data: comments lost — only when neither could do it)
    how: str
    #: the text as read back (to check it): handed on, so the caller need not read it again
    raw: RawDocument


def apply(text: str, edits: Sequence[Edit], expected: dict[str, Any]) -> str:
    """``text`` with ``edits`` made, which must read back as ``expected`` (the data after the edits,
    as ``docgen.sources.yaml_source.parse`` reads it)."""
    return edited(text, edits, expected).text


def edited(text: str, edits: Sequence[Edit], expected: dict[str, Any]) -> Edited:
    """``apply``, saying how the text was made (and handing on the text as read back)."""
    try:
        result = text
        for change in edits:
            result = _surgical(result, change)
        raw = _read_as(result, expected)
        if raw is not None:
            return Edited(result, "text", raw)
    except _Unsupported:
        pass
    try:
        result = edit(text, _as_round_trip(edits))
    except Exception:  # ruamel's round trip has bugs of its own with some comments: the dump below is right
        result = ""
    raw = _read_as(result, expected) if result else None
    if raw is not None:
        return Edited(result, "round trip", raw)
    if len(edits) > 1:  # what neither does for all the edits at once, they may do one edit each
        made = _one_by_one(text, edits)
        raw = _read_as(made, expected) if made is not None else None
        if made is not None and raw is not None:
            return Edited(made, "round trip", raw)
    result = dump(expected, ["（此文件由 docgen 重写：原有的注释未能保留）"])
    raw = _read_as(result, expected)
    if raw is not None:
        return Edited(result, "rewrite", raw)
    raise InputError("数据文件无法按要求修改（内部错误：修改后的内容与预期不符），已保留原文件")


def apply_to_data(data: dict[str, Any], edits: Sequence[Edit]) -> dict[str, Any]:
    """The data ``edits`` would give (a deep copy: ``data`` is left as it is)."""
    import copy

    out = copy.deepcopy(data)
    for change in edits:
        *parents, last = change.path
        node: Any = out
        for step, key in enumerate(parents):
            following = change.path[step + 1]
            if isinstance(node, dict):
                if not isinstance(node.get(key), dict | list):
                    node[key] = [] if isinstance(following, int) else {}
                node = node[key]
            else:
                node = node[key]
        if isinstance(change, Insert):
            target = node.get(last) if isinstance(node, dict) else node[last]
            if not isinstance(target, list):
                target = []
                node[last] = target
            target.insert(change.index, copy.deepcopy(change.value))
        elif isinstance(change, Remove):
            if isinstance(node, dict):
                node.pop(last, None)
            elif isinstance(last, int) and 0 <= last < len(node):
                del node[last]
        elif isinstance(node, list) and isinstance(last, int) and last >= len(node):
            node.append(copy.deepcopy(change.value))
        else:
            node[last] = copy.deepcopy(change.value)
    return out


def _one_by_one(text: str, edits: Sequence[Edit]) -> str | None:
    """``edits`` made in turn, each on the text the one before left: on the text itself where it can
    be, else by the round trip, each step read back against the data it must hold (None when a step
    cannot be made so). Both keep comments, so a mix of them does too."""
    try:
        data = parse(text, "数据文件").data
    except InputError:
        return None
    result = text
    for change in edits:
        data = apply_to_data(data, [change])
        try:
            step = _surgical(result, change)
            if _read_as(step, data) is None:
                raise _Unsupported
        except _Unsupported:
            try:
                step = edit(result, _as_round_trip([change]))
            except Exception:  # ruamel's own bugs with some comments: the caller writes the data anew
                return None
            if _read_as(step, data) is None:
                return None
        result = step
    return result


def _read_as(text: str, expected: dict[str, Any]) -> RawDocument | None:
    """``text`` as read, when it holds ``expected``; None otherwise."""
    try:
        raw = parse(text, "数据文件")
    except InputError:
        return None
    return raw if raw.data == expected else None


def _as_round_trip(edits: Sequence[Edit]) -> list[tuple[EditPath, Any]]:
    """The edits as ``yaml_source.edit`` takes them (an insertion rewrites the whole list)."""
    changes: list[tuple[EditPath, Any]] = []
    for change in edits:
        if isinstance(change, Set):
            changes.append((change.path, change.value))
        elif isinstance(change, Remove):
            changes.append((change.path, REMOVE))
        else:
            changes.append(((*change.path, InsertAt(change.index)), change.value))
    return changes


# ---------------------------------------------------------------- the text itself


def _compose(text: str) -> Any:
    if yaml is None:
        raise _Unsupported
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        raise _Unsupported from None


def _find(root: Any, path: EditPath) -> tuple[Any, Any, Any]:
    """(parent node, key node or None, value node) at ``path``; value node None when the key is missing."""
    parent, key_node, node = None, None, root
    for step in path:
        if node is None:
            raise _Unsupported
        parent = node
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            key_node, node = pair if pair else (None, None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            key_node = None
            node = node.value[step] if 0 <= step < len(node.value) else None
        else:
            raise _Unsupported
    return parent, key_node, node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The position just after the line break that ends the line holding ``index``."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _block(node: Any) -> bool:
    """True for a node written in block style (a list of ``-`` items, a mapping of ``key:`` lines)."""
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _end(text: str, node: Any) -> int:
    """Where the text of ``node`` ends, as the start of the line after it: block nodes and block
    scalars end at the start of a line already (maybe before its indentation); plain values end
    at their line's end (after a comment, if any)."""
    end = node.end_mark.index
    start = _line_start(text, end)
    if not text[start:end].strip(" "):
        return start
    return _line_end(text, end)


def _surgical(text: str, change: Edit) -> str:
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode) or not change.path:
        raise _Unsupported
    if isinstance(change, Set):
        return _set(text, root, change)
    if isinstance(change, Insert):
        return _insert(text, root, change)
    return _remove(text, root, change)


def _set(text: str, root: Any, change: Set) -> str:
    parent, key_node, node = _find(root, change.path)
    if node is None and isinstance(parent, yaml.MappingNode) and parent.flow_style:
        return _flow_add(text, parent, str(change.path[-1]), change.value)
    if node is None:
        if not (isinstance(parent, yaml.MappingNode) and _block(parent) and parent.value):
            raise _Unsupported
        if isinstance(change.value, dict | list) and change.value:
            raise _Unsupported
        column: int = parent.value[0][0].start_mark.column
        at = _end(text, parent.value[-1][1])
        line = " " * column + _key(str(change.path[-1])) + ":" + _inline(change.value, column + 2) + "\n"
        return text[:at] + line + text[at:]
    if not isinstance(node, yaml.ScalarNode):
        return _collection_replaced(text, key_node, node, change.value)
    if isinstance(change.value, dict | list):
        raise _Unsupported
    start, end = node.start_mark.index, node.end_mark.index
    comment = ""
    if node.style in ("|", ">"):
        end = _end(text, node) - 1  # keep the line break that ends the block
        header = text[start : text.find("\n", start)]
        indicator = re.match(r"[|>][-+0-9]*", header)
        comment = header[indicator.end() :] if indicator else ""  # `|-   # 项目准备情况` keeps its comment
    elif start == end and node.value == "" and key_node is not None:
        start = end = key_node.end_mark.index + 1  # `key:` with nothing: right after the colon
        if text[start - 1 : start] != ":":
            raise _Unsupported
    column = key_node.start_mark.column + 2 if key_node is not None else node.start_mark.column
    flow = isinstance(parent, yaml.MappingNode | yaml.SequenceNode) and parent.flow_style
    rendered = " " + _flow_scalar(change.value) if flow else _inline(change.value, column)
    if comment.strip():
        rendered = rendered.replace("\n", comment + "\n", 1) if "\n" in rendered else rendered + comment
    before = text[:start]
    if before.endswith(" ") and (rendered.startswith(" ") or not rendered):
        before = before.rstrip(" ") if not rendered else before[:-1]
    return before + rendered + text[end:]


def _collection_replaced(text: str, key_node: Any, node: Any, value: Any) -> str:
    """A list or mapping under a key replaced by a scalar (or an empty ``[]``/``{}``): the key's line
    keeps its comment."""
    if key_node is None or (isinstance(value, dict | list) and value):
        raise _Unsupported
    column: int = key_node.start_mark.column + 2
    rendered = _inline(value, column)
    if "\n" in rendered:
        raise _Unsupported
    if node.flow_style:
        start, end = node.start_mark.index, node.end_mark.index
        if "\n" in text[start:end]:
            raise _Unsupported
        before = text[:start]
        if before.endswith(" "):
            before = before[:-1] if rendered else before.rstrip(" ")
        return before + rendered + text[end:]
    colon = key_node.end_mark.index
    if text[colon : colon + 1] != ":":
        raise _Unsupported
    line_end = _line_end(text, colon)
    comment = text[colon + 1 : line_end].rstrip("\n")
    kept = comment if comment.strip().startswith("#") else ""
    return text[: colon + 1] + rendered + kept + "\n" + text[_end(text, node) :]


def _flow_scalar(value: Any) -> str:
    """A scalar inside ``{…}`` or ``[…]``: quoted when it holds what ends a value there."""
    if isinstance(value, dict | list) or (isinstance(value, str) and "\n" in value):
        raise _Unsupported
    written = _scalar(value)
    if isinstance(value, str) and (any(ch in written for ch in ",[]{}#") or ": " in written or written.endswith(":")):
        written = _quoted(value)
    return written or "null"


def _flow_add(text: str, mapping: Any, key: str, value: Any) -> str:
    """A key added to a ``{…}`` mapping, before its closing brace."""
    end = mapping.end_mark.index - 1
    if text[end : end + 1] != "}":
        raise _Unsupported
    pair = _key(key) + ": " + _flow_scalar(value)
    before = text[:end].rstrip(" ")
    joined = pair if before.endswith("{") else ", " + pair
    return before + joined + text[end:]


def _insert(text: str, root: Any, change: Insert) -> str:
    _parent, key_node, node = _find(root, change.path)
    if isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value and key_node is not None:
        # `key: []` becomes a block list under its key
        start, end = node.start_mark.index, node.end_mark.index
        rest = _line_end(text, end)
        tail = text[end:rest] if text[end:rest].endswith("\n") else text[end:rest] + "\n"
        item = _item(change.value, key_node.start_mark.column + 2)
        return text[:start].rstrip(" ") + tail + item + text[rest:]
    if not isinstance(node, yaml.SequenceNode) or not _block(node) or not node.value:
        raise _Unsupported
    first = node.value[0]
    dash = _line_start(text, first.start_mark.index)
    indent = text[dash : first.start_mark.index]
    if indent.strip(" ") != "-" or not indent.endswith(" "):
        raise _Unsupported  # an item not written as `<spaces>- value` on its own line
    column = indent.index("-")
    item = _item(change.value, column)
    if change.index >= len(node.value):
        at = _end(text, node.value[-1])
    else:
        at = _line_start(text, node.value[change.index].start_mark.index)
    return text[:at] + item + text[at:]


def _remove(text: str, root: Any, change: Remove) -> str:
    parent, key_node, node = _find(root, change.path)
    if node is None:
        return text
    if isinstance(parent, yaml.MappingNode | yaml.SequenceNode) and parent.flow_style:
        return _flow_remove(text, parent, key_node or node, node)
    if isinstance(parent, yaml.SequenceNode):
        if not _block(parent):
            raise _Unsupported
        index = parent.value.index(node)
        start = _line_start(text, node.start_mark.index)
        if text[start : node.start_mark.index].strip(" ") != "-":
            raise _Unsupported
        if len(parent.value) == 1:
            return _emptied(text, root, change.path[:-1], start, _end(text, node), "[]")
    elif isinstance(parent, yaml.MappingNode) and _block(parent) and key_node is not None:
        index = next(i for i, (k, _v) in enumerate(parent.value) if k is key_node)
        start = _line_start(text, key_node.start_mark.index)
        if text[start : key_node.start_mark.index].strip(" "):
            raise _Unsupported  # the first key of a list item (`- name: …`)
        if len(parent.value) == 1:
            return _emptied(text, root, change.path[:-1], start, _end(text, node), "{}")
    else:
        raise _Unsupported
    siblings = parent.value
    if index + 1 < len(siblings):
        following = siblings[index + 1]
        following_start = following[0].start_mark.index if isinstance(following, tuple) else following.start_mark.index
        end = _line_start(text, following_start)
    else:
        end = _end(text, node)
    return text[:start] + text[end:]


def _flow_remove(text: str, parent: Any, first: Any, last: Any) -> str:
    """An entry taken out of ``{…}`` or ``[…]`` with the comma that joined it to its neighbours."""
    start, end = first.start_mark.index, last.end_mark.index
    if "\n" in text[parent.start_mark.index : parent.end_mark.index]:
        raise _Unsupported  # a flow collection over several lines: left to the round trip
    after = text[end:]
    stripped = after.lstrip(" ")
    if stripped.startswith(","):
        end += len(after) - len(stripped) + 1
        while text[end : end + 1] == " ":
            end += 1
    else:
        before = text[:start].rstrip(" ")
        if before.endswith(","):
            start = len(before) - 1
    return text[:start] + text[end:]


def _emptied(text: str, root: Any, path: EditPath, start: int, end: int, empty: str) -> str:
    """The list (mapping) at ``path`` loses its last item (key): it is written ``key: []`` (``{}``) —
    a block with nothing in it would read as no value at all."""
    _parent, key_node, _node = _find(root, path)
    if key_node is None:
        raise _Unsupported
    colon = key_node.end_mark.index
    if text[colon : colon + 1] != ":" or _line_end(text, colon) > start:
        raise _Unsupported
    line_end = _line_end(text, colon) - 1
    return text[: colon + 1] + " " + empty + text[colon + 1 : line_end].rstrip(" ") + text[line_end:start] + text[end:]


# ---------------------------------------------------------------- values as YAML text


def _key(name: str) -> str:
    return name if name.isidentifier() else str(_scalar(name))


def _scalar(value: Any) -> str:
    """One scalar as YAML writes it in one line."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _Unsupported
        return str(int(value)) if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30)
        dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
        if "\n" in dumped:
            raise _Unsupported
        return dumped
    raise _Unsupported


def _literal(value: str, column: int) -> str | None:
    """A text of several lines as a ``|-`` block indented to ``column``; None when it cannot be one."""
    lines = value.split("\n")
    if value.endswith("\n") or not lines[0] or lines[0][0] in " \t" or any(line != line.rstrip() for line in lines):
        return None
    if any((ord(ch) < 0x20 and ch not in "\t\n") or ch in "\u2028\u2029\ufeff\x85\x7f" for ch in value):
        return None
    pad = " " * column
    return "|-\n" + "\n".join(pad + line if line else "" for line in lines)


def _inline(value: Any, column: int) -> str:
    """What follows ``key:`` (or ``-``) for ``value``: a space and the scalar, a block, or nothing."""
    if isinstance(value, str) and "\n" in value:
        block = _literal(value, column)
        return " " + (block if block is not None else _quoted(value))
    if isinstance(value, dict | list):
        if value:
            raise _Unsupported
        return " {}" if isinstance(value, dict) else " []"
    written = _scalar(value)
    return " " + written if written else ""


def _quoted(value: str) -> str:
    dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30, default_style='"')
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in dumped:
        raise _Unsupported
    return dumped


def _item(value: Any, column: int) -> str:
    """A list item ``- value`` at ``column`` (a mapping's keys one per line under its first)."""
    pad = " " * column
    if isinstance(value, dict):
        if not value:
            return pad + "- {}\n"
        lines = []
        for number, (key, inner) in enumerate(value.items()):
            lead = pad + "- " if number == 0 else pad + "  "
            if isinstance(inner, dict | list) and inner:
                raise _Unsupported
            lines.append(lead + _key(str(key)) + ":" + _inline(inner, column + 4) + "\n")
        return "".join(lines)
    if isinstance(value, list):
        raise _Unsupported
    return pad + "-" + _inline(value, column + 2) + "\n"


__all__ = ["Edit", "Edited", "Encoding", "Insert", "Remove", "Set", "apply", "apply_to_data", "edited"]
