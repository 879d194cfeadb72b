"""What a prepared template reads from its context: every variable chain and where it stands.

A template's variables are read from its compiled Jinja source: every chain like
``project.leader.name`` that starts at a name the template does not define itself
(loop variables and ``set`` are its own), with the part, the paragraph number and the
paragraph's visible text. Rendering names the paragraph of an undefined variable with
it; ``templates check`` lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from jinja2 import Environment, nodes

_TAGS = re.compile(r"<[^>]+>|\{[{%#].*?[}%#]\}")


class Compiled(Protocol):
    """A compiled part of a template: its name in the package and its Jinja source."""

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> str: ...


@dataclass(frozen=True)
class Use:
    path: tuple[str, ...]
    part: str
    paragraph: int  # 1-based, in the part's body
    text: str  # the paragraph's visible text, for finding it in Word


def uses(env: Environment, parts: Iterable[Compiled]) -> list[Use]:
    """Every variable chain the template ``parts`` read from the context, where it stands."""
    found: list[Use] = []
    for part in parts:
        tree = env.parse(part.source)
        own = _own_names(tree)
        # The compiled source has one paragraph per line (a line break precedes every <w:p>).
        texts = [_TAGS.sub("", line).strip() for line in part.source.split("\n")]
        for chain, lineno in _chains(tree):
            if chain[0] in own:
                continue
            text = texts[lineno - 1] if 0 < lineno <= len(texts) else ""
            if not text:  # a value cell: name the nearest text before it
                before = next((t for t in reversed(texts[: max(lineno - 1, 0)]) if t), "")
                text = f"「{before[:20]}」之后" if before else ""
            found.append(Use(chain, part.name, max(lineno - 1, 1), text[:40]))
    return found


def _own_names(tree: nodes.Template) -> set[str]:
    names: set[str] = set()
    for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.With)):
        targets = []
        if isinstance(node, nodes.For | nodes.Assign | nodes.AssignBlock):
            targets = [node.target]
        elif isinstance(node, nodes.With):
            targets = list(node.targets)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
            targets = list(node.args)
        for target in targets:
            names.update(n.name for n in target.find_all(nodes.Name))
            if isinstance(target, nodes.Name):
                names.add(target.name)
    names.update({"loop", "range", "caller", "true", "false", "none", "True", "False", "None"})
    return names


def _chains(tree: nodes.Template) -> list[tuple[tuple[str, ...], int]]:
    """(('project', 'leader', 'name'), line) for every outermost attribute chain on a name."""
    chains = []
    inner = {id(node.node) for node in tree.find_all((nodes.Getattr, nodes.Getitem)) if hasattr(node, "node")}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if id(node) in inner:
            continue
        path: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr | nodes.Getitem):
            if isinstance(current, nodes.Getattr):
                path.append(current.attr)
            elif isinstance(current.arg, nodes.Const) and isinstance(current.arg.value, str):
                path.append(current.arg.value)
            else:
                path.clear()  # an index computed at render time: check the name only
            current = current.node
        if isinstance(current, nodes.Name) and current.ctx == "load":
            chains.append(((current.name, *reversed(path)), node.lineno))
    return sorted(set(chains), key=lambda item: (item[1], item[0]))
