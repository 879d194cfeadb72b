"""A table as its reader sees it: a grid of boxes, each box one cell however many grid
columns (gridSpan) and rows (vMerge) it covers, with the tables nested in it as grids of
their own. Reading a form on the grid, not in cell order, lets a label find its value to
its right or below it whatever the cell splits of each row are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docgen.docx_reader import DocxContent, Paragraph, Table


@dataclass(eq=False)
class Box:
    """One cell as the reader sees it: its text (without its nested tables') and the grid
    rows and columns it covers (``bottom`` and ``right`` exclusive)."""

    text: str
    top: int
    left: int
    bottom: int
    right: int
    grid: Grid
    nested: list[Grid] = field(default_factory=list)


@dataclass(eq=False)
class Grid:
    """A table's boxes by grid position. ``parent`` is the box a nested table sits in;
    ``before`` the paragraphs between the previous table and this one (a caption, a unit);
    ``continued`` the table that goes on with this one over a page (nothing written between)."""

    boxes: list[Box] = field(default_factory=list)
    at: dict[tuple[int, int], Box] = field(default_factory=dict)
    rows: int = 0
    parent: Box | None = None
    before: list[str] = field(default_factory=list)
    continued: Grid | None = None

    def row(self, r: int) -> list[Box]:
        """The distinct boxes that cover row ``r``, left to right."""
        found: list[Box] = []
        for column in sorted(c for row, c in self.at if row == r):
            box = self.at[(r, column)]
            if not any(box is seen for seen in found):
                found.append(box)
        return found


def build(table: Table, parent: Box | None = None, before: list[str] | None = None) -> Grid:
    """The grid of ``table``: a vertical-merge continuation joins the box above it."""
    grid = Grid(parent=parent, before=before or [], rows=len(table.rows))
    for r, cells in enumerate(table.rows):
        for cell in cells:
            columns = range(cell.column, cell.column + max(cell.span, 1))
            above = grid.at.get((r - 1, cell.column))
            if cell.continues and above is not None:
                above.bottom = r + 1
                if cell.own_text.strip():  # text typed into a continuation still shows
                    above.text = f"{above.text}\n{cell.own_text}".strip("\n")
                for c in columns:
                    grid.at[(r, c)] = above
                continue
            box = Box(cell.own_text, r, cell.column, r + 1, cell.column + max(cell.span, 1), grid)
            box.nested = [build(inner, box) for inner in cell.tables]
            grid.boxes.append(box)
            for c in columns:
                grid.at[(r, c)] = box
    return grid


def grids(content: DocxContent) -> list[Grid]:
    """Every table of the document as a grid, nested ones after their table, in reading order."""
    found: list[Grid] = []
    paragraphs: list[str] = []
    last: Grid | None = None
    for block in content.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                paragraphs.append(block.text)
                last = None
            continue
        grid = build(block, before=paragraphs[-3:])
        if last is not None:
            last.continued = grid
        found += list(_with_nested(grid))
        paragraphs = []
        last = grid
    return found


def _with_nested(grid: Grid) -> Iterator[Grid]:
    yield grid
    for box in grid.boxes:
        for inner in box.nested:
            yield from _with_nested(inner)


def right_of(box: Box, r: int) -> Iterator[Box]:
    """The boxes right of ``box`` on row ``r``, nearest first."""
    grid, seen = box.grid, {id(box)}
    last = max((column for row, column in grid.at if row == r), default=-1)
    for column in range(box.right, last + 1):
        found = grid.at.get((r, column))
        if found is None or id(found) in seen:
            continue
        seen.add(id(found))
        yield found


def below(box: Box) -> Box | None:
    """The box under ``box`` that begins in its first column, if any: in the table that goes on
    over the page when ``box`` is in the last row (a form broken between its labels and values)."""
    grid = box.grid
    if box.bottom >= grid.rows and grid.continued is not None:
        return grid.continued.at.get((0, box.left))
    return grid.at.get((box.bottom, box.left))
