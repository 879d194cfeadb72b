"""附件1 and 附件2 filled in by anyone: find each label's cell, read its value,
report empty mandatory cells and amounts that disagree.

A label is found by its text (spaces, line breaks and width ignored, a trailing
colon allowed). Its value is the next cell to its right — or, for the four
计划资金来源 sub-columns, the cell below in the same grid column. A cell holding
「标签：值」 carries its own value. What cannot be found is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from docgen.docx_reader import Cell, DocxContent, Paragraph, Table
from docgen.errors import Finding, Severity
from docgen.formatting import amount, fold


@dataclass(frozen=True)
class CellSpec:
    label: str
    fact: str  # key shared across documents: name, owner_unit, …
    mandatory: bool = True
    below: bool = False  # value in the row below (计划资金来源 sub-columns)
    article: str | None = None


COMMON = (
    CellSpec("项目建设单位", "owner_unit"),
    CellSpec("项目负责人", "leader"),
    CellSpec("联系电话", "phone"),
    CellSpec("项目名称", "name"),
    CellSpec("项目类别", "category", article="第十四条"),
)
APPLICATION = (
    *COMMON,
    CellSpec("参与建设单位", "participating_units", mandatory=False),
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
    CellSpec("申报材料", "materials", article="第十五条、第十六条"),
    CellSpec("备注", "remarks", mandatory=False),
)
SECURITY = (
    *COMMON,
    CellSpec("项目建设内容", "construction_content"),
    CellSpec("网络安全保护基本情况", "network_security", article="第十三条第（七）项"),
    CellSpec("网络安全审查", "network_review", mandatory=False),
    CellSpec("密码保护应用基本情况", "cryptography", article="第十三条第（七）项"),
    CellSpec("密码保护审查", "crypto_review", mandatory=False),
)
FORM_CELLS = {"application": APPLICATION, "security": SECURITY}
FORM_NAMES = {"application": "附件1 申报表", "security": "附件2 网络安全和密码保护审查表"}

_SCHEDULE = re.compile(r"起始时间[:：]\s*(?P<start>.*?)\s*完成时间[:：]\s*(?P<end>.*)", re.DOTALL)
_BLANK_DATE = re.compile(r"^[\s年月日]*$")


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
                    values[spec.fact] = CellValue(spec, True, labelled[1])
                elif spec.below:
                    values[spec.fact] = CellValue(spec, True, _below(table, r, cell))
                else:
                    right = live[position + 1] if position + 1 < len(live) else None
                    text = "" if right is None or _label_of(right) is not None else right.text
                    values[spec.fact] = CellValue(spec, True, text)
    return values


def _below(table: Table, r: int, label: Cell) -> str:
    if r + 1 >= len(table.rows):
        return ""
    for cell in table.rows[r + 1]:
        if cell.column <= label.column < cell.column + cell.span and not cell.continues:
            return "" if _label_of(cell) else cell.text
    return ""


def _is_blank(spec: CellSpec, text: str) -> bool:
    if spec.fact == "schedule":
        match = _SCHEDULE.search(text)
        return match is None or any(_BLANK_DATE.match(match.group(part)) for part in ("start", "end"))
    return not fold(text)


def parse_amount(text: str) -> Decimal | None:
    cleaned = fold(text).replace(",", "").removesuffix("万元").removesuffix("万")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def check_cells(content: DocxContent, form: str) -> tuple[list[Finding], dict[str, str]]:
    """Findings for one filled 附件1/附件2, and the facts it states (for cross-document checks)."""
    specs = FORM_CELLS[form]
    values = read_cells(content, specs)
    findings: list[Finding] = []

    def add(severity: Severity, code: str, spec_label: str, message: str, article: str | None) -> None:
        suffix = f"（{article}）" if article else ""
        findings.append(Finding(severity, code, message + suffix, label=spec_label, article=article, file=content.name))

    for value in values.values():
        spec = value.spec
        if not value.found:
            if spec.mandatory:
                add(Severity.ERROR, "DG-CHECK-LABEL", spec.label, f"找不到「{spec.label}」栏", spec.article)
        elif spec.mandatory and _is_blank(spec, value.text):
            add(Severity.ERROR, "DG-CHECK-EMPTY", spec.label, f"「{spec.label}」栏未填写", spec.article)
    header = header_line(content)
    if header is not None and not fold(header[0]):
        add(Severity.ERROR, "DG-CHECK-EMPTY", "项目申报单位", "表头「项目申报单位」未填写", None)
    if form == "application":
        findings += _sums(content.name, values)
    facts = {fact: v.text.strip() for fact, v in values.items() if v.found and fold(v.text)}
    return findings, facts


def header_line(content: DocxContent) -> tuple[str, str] | None:
    """(项目申报单位, date text) of the form's header line; None when the form has none.

    docgen puts a tab between the two; a hand-made header may use spaces, or start
    the date at once (「某局2026年11月20日」, 「某局 年 月 日」).
    """
    for block in content.blocks:
        if isinstance(block, Paragraph) and "项目申报单位" in block.text:
            after = unicodedata.normalize("NFKC", block.text).split("项目申报单位", 1)[1].lstrip(":").strip()
            if "\t" in after:
                name, _, date_text = after.partition("\t")
            else:
                match = re.search(r"\s{2,}|\d{4}\s*年|(?<!\S)年", after)
                name, date_text = (after[: match.start()], after[match.start() :]) if match else (after, "")
            return name.strip(), date_text.strip()
    return None


def _sums(name: str, values: dict[str, CellValue]) -> list[Finding]:
    findings: list[Finding] = []
    amounts: dict[str, Decimal | None] = {}
    for fact in ("total", "this_year", "national", "autonomous_region", "municipal", "social"):
        value = values[fact]
        if not value.found or not fold(value.text):
            amounts[fact] = None
            continue
        parsed = parse_amount(value.text)
        if parsed is None:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "DG-CHECK-NUMBER",
                    f"「{value.spec.label}」栏「{value.text.strip()}」不是金额（万元）",
                    label=value.spec.label,
                    file=name,
                )
            )
        amounts[fact] = parsed
    total, this_year = amounts["total"], amounts["this_year"]
    if total is not None and this_year is not None and this_year > total:
        findings.append(
            Finding(
                Severity.ERROR,
                "DG-CHECK-SUM",
                f"「本年度预计投入（万元）」{amount(this_year)} 大于「项目预计总投资（万元）」{amount(total)}",
                label="本年度预计投入（万元）",
                file=name,
            )
        )
    parts = [amounts[f] for f in ("national", "autonomous_region", "municipal", "social")]
    if total is not None and all(p is not None for p in parts):
        found = sum(parts, Decimal(0))  # type: ignore[arg-type]
        if found != total:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "DG-CHECK-SUM",
                    f"「计划资金来源」四项合计 {amount(found)} 万元，"
                    f"与「项目预计总投资（万元）」{amount(total)} 不一致",
                    label="计划资金来源",
                    file=name,
                )
            )
    return findings
