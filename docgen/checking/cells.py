"""附件1 and 附件2 filled in by anyone: find each label's cell, read its value,
never guess. What a form says is then judged as data, by the same rules as a
data file (``docgen.api.check``).

A label is found by its text (spaces, line breaks and width ignored, a trailing
colon allowed). Its value is the next cell to its right — or, for the four
计划资金来源 sub-columns, the cell below in the same grid column — and when that
place holds another label (a form laid out differently: sources one per row, an
extra row), the other direction is tried; a label is never taken for a value.
A cell holding 「标签：值」 carries its own value. Placeholders (「XXX」, Word's
prompt) and the 「（盖章）」「（签字）」 prompts are not values. What cannot be found
is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from docgen.docx_reader import Cell, DocxContent, Paragraph, Table
from docgen.formatting import fold
from docgen.forms import Form
from docgen.normalize import is_placeholder, read_amount, without_prompts


@dataclass(frozen=True)
class CellSpec:
    label: str
    fact: str  # key shared across documents: name, owner_unit, …
    below: bool = False  # value in the row below (计划资金来源 sub-columns)


COMMON = (
    CellSpec("项目建设单位", "owner_unit"),
    CellSpec("项目负责人", "leader"),
    CellSpec("联系电话", "phone"),
    CellSpec("项目名称", "name"),
    CellSpec("项目类别", "category"),
)
APPLICATION = (
    *COMMON,
    CellSpec("参与建设单位", "participating_units"),
    CellSpec("项目建设地址", "location"),
    CellSpec("项目建设依据", "basis"),
    CellSpec("项目计划时间", "schedule"),
    CellSpec("项目准备情况", "preparation"),
    CellSpec("项目预计总投资（万元）", "total"),
    CellSpec("本年度预计投入（万元）", "this_year"),
    CellSpec("国家资金", "national", below=True),
    CellSpec("自治区资金", "autonomous_region", below=True),
    CellSpec("市级资金", "municipal", below=True),
    CellSpec("社会资金", "social", below=True),
    CellSpec("自筹资金", "self_funded", below=True),  # not on the annex; read where a form adds the column
    CellSpec("申报材料", "materials"),
    CellSpec("备注", "remarks"),
)
SECURITY = (
    *COMMON,
    CellSpec("项目建设内容", "construction_content"),
    CellSpec("网络安全保护基本情况", "network_security"),
    CellSpec("网络安全审查", "network_review"),
    CellSpec("密码保护应用基本情况", "cryptography"),
    CellSpec("密码保护审查", "crypto_review"),
)
FORM_CELLS: dict[Form, tuple[CellSpec, ...]] = {Form.APPLICATION: APPLICATION, Form.SECURITY: SECURITY}


_LABELS = {fold(spec.label) for specs in FORM_CELLS.values() for spec in specs} | {fold("计划资金来源")}


@dataclass
class CellValue:
    spec: CellSpec
    found: bool
    text: str = ""


def _cells(table: Table) -> list[tuple[int, Cell]]:
    return [(r, cell) for r, row in enumerate(table.rows) for cell in row if not cell.continues]


def _label_of(cell: Cell) -> tuple[str, str] | None:
    """(label, inline value) when ``cell`` is a label cell ('项目名称' or '项目名称：某平台')."""
    text = fold(cell.text)
    if text.rstrip(":") in _LABELS:
        return text.rstrip(":"), ""
    head, sep, tail = unicodedata.normalize("NFKC", cell.text).partition(":")
    if sep and fold(head) in _LABELS:
        return fold(head), tail.strip()
    return None


def read_cells(content: DocxContent, specs: tuple[CellSpec, ...]) -> dict[str, CellValue]:
    values = {spec.fact: CellValue(spec, False) for spec in specs}
    wanted = {fold(spec.label): spec for spec in specs}
    for table in content.tables:
        for r, row in enumerate(table.rows):
            live = [cell for cell in row if not cell.continues]
            for position, cell in enumerate(live):
                labelled = _label_of(cell)
                if labelled is None or labelled[0] not in wanted:
                    continue
                spec = wanted[labelled[0]]
                if values[spec.fact].found:
                    continue
                if labelled[1]:
                    text = labelled[1]
                else:
                    right = live[position + 1] if position + 1 < len(live) else None
                    beside = None if right is None or _label_of(right) is not None else right.text
                    below = _below(table, r, cell)
                    if spec.below and not (beside or "").strip():  # the annex: sub-column headers, amounts below
                        text = below if below is not None else (beside or "")
                    else:  # a value beside its label; else (a column of labels) below it
                        text = beside if beside is not None else (below or "")
                values[spec.fact] = CellValue(spec, True, _value_text(text))
    return values


def _value_text(text: str) -> str:
    """A cell's value without the 盖章/签字 prompt; '' for a placeholder."""
    text = without_prompts(text)
    return "" if is_placeholder(text) else text


def _below(table: Table, r: int, label: Cell) -> str | None:
    """The text of the cell under ``label`` in its grid column; None when there is none or it is a label."""
    if r + 1 >= len(table.rows):
        return None
    for cell in table.rows[r + 1]:
        if cell.column <= label.column < cell.column + cell.span and not cell.continues:
            return None if _label_of(cell) else cell.text
    return None


def parse_amount(text: str) -> Decimal | None:
    """An amount in a cell, read as every input reads it (docgen.normalize); 「—」「/」「无」 are 0."""
    return read_amount(fold(text), none_is_zero=True)


def header_line(content: DocxContent) -> tuple[str, str] | None:
    """(项目申报单位, date text) of the form's header line; None when the form has none.

    docgen puts a tab between the two; a hand-made header may use spaces, or start
    the date at once (「某局2026年11月20日」, 「某局 年 月 日」).
    """
    for block in content.blocks:
        if isinstance(block, Paragraph) and "项目申报单位" in block.text:
            after = unicodedata.normalize("NFKC", block.text).split("项目申报单位", 1)[1]
            after = re.sub(r"^\s*\((?:盖章|公章|签章)\)", "", after).lstrip(":").strip()
            if "\t" in after:
                name, _, date_text = after.partition("\t")
            else:
                match = re.search(r"\s{2,}|\d{4}\s*[年./-]|[〇○零一二三四五六七八九]{4}\s*年|(?<!\S)年", after)
                name, date_text = (after[: match.start()], after[match.start() :]) if match else (after, "")
            return _value_text(name.strip()), date_text.strip()
    return None
