"""YAML reader: ruamel.yaml in round-trip mode, which keeps line numbers.

Round-trip mode never builds Python objects from tags (it is as safe as
``safe_load``), and the same library rewrites files without losing comments
when docgen records a review. Floats are read as Decimal from their text, so an
amount like ``2.40`` never passes through binary floating point.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from docgen.errors import InputError
from docgen.limits import MAX_NUMBER_CHARS, read_number, too_deep
from docgen.messages import MSG, YAML_PROBLEM_FALLBACK, YAML_PROBLEMS
from docgen.sources import fast_yaml
from docgen.sources.document import MAX_DEPTH, DataPath, Positions, RawDocument, check_shape
from docgen.sources.text import unfold_chinese


class _DecimalConstructor(RoundTripConstructor):
    """Round-trip constructor that reads YAML floats as Decimal."""


def _construct_decimal(self: RoundTripConstructor, node: Any) -> Decimal | str:
    written = str(self.construct_scalar(node))
    text = written.replace("_", "").strip().lower()
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    if text in special:
        return Decimal(special[text])
    number = read_number(text)
    if isinstance(number, str):
        return written  # too long or too large to be meant: the field reports it as written
    return Decimal(number)


def _construct_int(self: RoundTripConstructor, node: Any) -> Any:
    written = str(self.construct_scalar(node))
    if len(written) > MAX_NUMBER_CHARS:
        return written  # Python would refuse to read (or print) it: the field reports it as written
    return RoundTripConstructor.construct_yaml_int(self, node)


_DecimalConstructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_DecimalConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)

#: Explicit tags that only say what the plain reading says anyway (``!!str 0952``): text,
#: numbers, yes/no, nothing, lists and mappings. Any other tag (``!!set``, ``!!binary``,
#: ``!!timestamp``, ``!!omap``, ``!python/…``, a custom ``!x``) builds something that is no data.
_DATA_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


def make_yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _DecimalConstructor
    yaml.allow_duplicate_keys = False
    return yaml


_FULL_WIDTH_COLON_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([a-z_][a-z0-9_]*)[ \t]*：", re.MULTILINE)


def _refuse_full_width_colons(text: str, name: str) -> None:
    """「name：石嘴山」 typed with the Chinese colon is no key at all for YAML: the error it causes
    shows up lines later as 「缩进不一致」. Said here, on its own line, as what it is."""
    match = _FULL_WIDTH_COLON_KEY.search(text)
    if match:
        colon = match.end() - 1
        line = text.count("\n", 0, colon) + 1
        column = colon - (text.rfind("\n", 0, colon) + 1) + 1
        raise InputError(MSG.yaml_full_width_colon.format(key=match.group(1)), file=name, line=line, column=column)


def parse(text: str, name: str) -> RawDocument:
    """Plain project files are read with libyaml (fast_yaml); anything else, and every error, by ruamel.

    Both take out the spaces YAML's folding (``>``) puts between Chinese lines (``unfold_chinese``)."""
    _refuse_full_width_colons(text, name)
    try:
        data, positions = fast_yaml.parse(text)
    except fast_yaml.NotPlain:
        return parse_with_ruamel(text, name)
    check_shape(data, name)
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=positions)


def parse_with_ruamel(text: str, name: str) -> RawDocument:
    _refuse_full_width_colons(text, name)
    if too_deep(text):
        raise InputError(MSG.input_too_deep.format(name=name, limit=MAX_DEPTH))
    try:
        if "!" in text:  # no tag without one
            _refuse_tags(text, name)
        loaded = make_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise InputError(MSG.yaml_syntax.format(problem=_explain(exc)), file=name, line=line, column=column) from None
    except RecursionError:
        raise InputError(MSG.input_too_deep.format(name=name, limit=MAX_DEPTH)) from None
    except ValueError:
        raise InputError(MSG.yaml_bad_value.format(name=name)) from None
    except YAMLError:
        raise InputError(MSG.yaml_unreadable.format(name=name)) from None
    check_shape(loaded, name)
    positions = Positions()
    try:
        data = _plain(loaded, (), positions)
    except InputError as exc:
        raise exc.located(name) from None
    if not isinstance(data, dict):
        raise InputError(MSG.input_not_mapping.format(name=name))
    return RawDocument(data=data, positions=positions)


def _refuse_tags(text: str, name: str) -> None:
    """Refuse an explicit tag that would build something other than data (see ``_DATA_TAGS``),
    naming it and its line, before anything is constructed."""
    for event in make_yaml().parse(text):
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in _DATA_TAGS:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            mark = event.start_mark
            raise InputError(MSG.yaml_tag.format(tag=shown), file=name, line=mark.line + 1, column=mark.column + 1)


_DUPLICATE_KEY = re.compile(r'found duplicate key "(.*)" with value')


def _explain(exc: MarkedYAMLError) -> str:
    """The parser's problem in Chinese (never the parser's English): the first known phrase wins,
    the problem before its context ('expected <block end>' says more than 'while parsing …')."""
    duplicate = _DUPLICATE_KEY.search(str(exc.problem or ""))
    if duplicate:
        return MSG.yaml_duplicate_key.format(key=duplicate.group(1))
    for part in (exc.problem, exc.context):
        text = str(part or "")
        for start, chinese in YAML_PROBLEMS.items():
            if start in text:
                return chinese
    return YAML_PROBLEM_FALLBACK


def _plain(node: Any, path: DataPath, positions: Positions) -> Any:
    """Copy ruamel's commented containers into plain ones, recording lines."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            key_text = str(key)
            try:
                line, _col = node.lc.key(key)
                positions.lines[(*path, key_text)] = line + 1
            except (KeyError, TypeError):
                pass
            out[key_text] = _plain(value, (*path, key_text), positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            try:
                line, _col = node.lc.item(index)
                positions.lines[(*path, index)] = line + 1
            except (KeyError, TypeError, IndexError):
                pass
            items.append(_plain(value, (*path, index), positions))
        return items
    if isinstance(node, datetime):
        return node
    if isinstance(node, date):
        return node
    if isinstance(node, bool | int | Decimal) or node is None:
        return node
    if isinstance(node, FoldedScalarString):
        return unfold_chinese(str(node), getattr(node, "fold_pos", None) or [])
    if isinstance(node, str):
        return str(node)
    if isinstance(node, TaggedScalar) and str(node.tag) in _DATA_TAGS:  # !!str 0952…: the text as written
        return str(node.value)
    # Tags are refused before loading; anything else built is no data either (never its repr)
    raise InputError(MSG.yaml_not_data, line=positions.line_for(path))


#: An ``edit`` value: take the key (or list item) out.
REMOVE = object()
#: A path into the data: mapping keys and list indexes.
EditPath = tuple[str | int, ...]


class InsertAt(int):
    """The last step of an ``edit`` path: insert into the list at this position (later items move down)."""


def edit(text: str, changes: list[tuple[EditPath, Any]], *, null: str = "") -> str:
    """``text`` with each change applied in order — ``(path, value)`` sets, ``(path, REMOVE)``
    takes out; a path may hold list indexes (an index one past the end appends) — comments,
    key order and untouched values kept exactly as written. Text with line breaks is written
    as a ``|-`` block. ``null``: how an empty value is written ('' leaves ``key:`` as the starter
    file has it)."""
    import io

    from ruamel.yaml.scalarstring import LiteralScalarString

    yaml = YAML(typ="rt", pure=True)  # ruamel's own scalars re-dump exactly as written
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the contract's layout
    yaml.representer.ignore_aliases = lambda *_args: True
    yaml.representer.add_representer(
        type(None), lambda rep, _value: rep.represent_scalar("tag:yaml.org,2002:null", null)
    )
    yaml.representer.add_representer(Decimal, _represent_amount)
    if too_deep(text):
        raise InputError(MSG.input_too_deep.format(name="YAML", limit=MAX_DEPTH))
    document = yaml.load(text) if text.strip() else CommentedMap()
    check_shape(document, "YAML")  # an alias bomb is refused here, before dumping would expand it
    if not isinstance(document, CommentedMap):
        raise InputError(MSG.input_not_mapping.format(name="YAML"))

    def plain(value: Any) -> Any:
        if isinstance(value, str) and "\n" in value:
            return LiteralScalarString(value)
        if isinstance(value, dict):
            mapping = CommentedMap()
            for key, item in value.items():
                mapping[key] = plain(item)
            return mapping
        if isinstance(value, list):
            return _sequence([plain(item) for item in value])
        return value

    for path, value in changes:
        node: Any = document
        parent: Any = None
        for step, key in enumerate(path[:-1]):
            following = path[step + 1]
            child = node[key] if _has(node, key) else None
            if not isinstance(child, dict | list):
                child = CommentedSeq() if isinstance(following, int) else CommentedMap()
                _put(node, key, child)
            parent, node = (node, key), child
        last = path[-1]
        if value is REMOVE:
            if _has(node, last):
                del node[last]
            if isinstance(node, list) and not node and parent is not None:
                _put(parent[0], parent[1], _sequence([]))  # `[]` again, its comments where they were
        else:
            _put(node, last, plain(value))
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _sequence(items: list[Any]) -> CommentedSeq:
    """A YAML list; an empty one written ``[]`` (a block list with no item would not parse)."""
    seq = CommentedSeq(items)
    if not items:
        seq.fa.set_flow_style()
    return seq


def _has(node: Any, key: str | int) -> bool:
    if isinstance(node, list):
        return isinstance(key, int) and 0 <= key < len(node)
    return key in node


def _put(node: Any, key: str | int, value: Any) -> None:
    if isinstance(node, list):
        if not isinstance(key, int):
            raise InputError(MSG.input_not_mapping.format(name="YAML"))
        if isinstance(key, InsertAt):
            node.insert(int(key), value)
        elif key >= len(node):
            node.append(value)
        else:
            node[key] = value
    else:
        node[key] = value


def _represent_amount(representer: Any, value: Decimal) -> Any:
    """A whole amount as an integer (860), others as a plain decimal (12.5) — never through a float."""
    if value == value.to_integral_value():
        return representer.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def dump(data: dict[str, Any], header: list[str] | None = None) -> str:
    """YAML text for plain data (dicts, lists, str, Decimal, date …), in the contract's layout.

    Amounts are written as plain numbers from their decimal text (never through a float).
    ``header`` lines become comments at the top.
    """
    import io

    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_args: True
    yaml.representer.add_representer(Decimal, _represent_amount)
    out = io.StringIO()
    for entry in header or []:
        for line in entry.splitlines() or [""]:  # a value of several lines stays inside the comment
            out.write(f"# {line}\n")
    yaml.dump(data, out)
    return out.getvalue()
