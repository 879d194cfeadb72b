"""Checking documents someone else wrote: which form a file is, what it lacks,
and where the documents of one package disagree with each other."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.checking.cells import FORM_CELLS, parse_amount, read_cells
from docgen.checking.extract import PATHS, in_scope, read_form
from docgen.checking.report import check_report, find_headings, outline_headings_found
from docgen.docx_reader import DocxContent, Paragraph, Table
from docgen.errors import Finding, Severity
from docgen.formatting import amount, fold
from docgen.forms import Form
from docgen.outline import REPORT_OUTLINE

#: Judges data read from a filled form the way ``validate`` judges a data file.
Judge = Callable[[dict[str, Any]], list[Finding]]

#: Facts several documents state, with the label a message uses.
FACT_LABELS = {
    "name": "项目名称",
    "owner_unit": "项目建设单位",
    "leader": "项目负责人",
    "phone": "联系电话",
    "category": "项目类别",
    "total": "项目预计总投资（万元）",
}


@dataclass
class CheckedDocument:
    name: str
    form: Form | None
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)


def detect_form(content: DocxContent) -> Form | None:
    """The form a document is, from its content: labels for 附件1/2, the outline for 附件3."""
    labels = {fold(cell.text) for table in content.tables for row in table.rows for cell in row}
    if {fold("网络安全保护基本情况"), fold("密码保护应用基本情况")} <= labels:
        return Form.SECURITY
    if fold("计划资金来源") in labels or fold("项目预计总投资（万元）") in labels:
        return Form.APPLICATION
    if outline_headings_found(content) >= 3:
        return Form.REQUIREMENTS
    return None


def check_document(content: DocxContent, judge: Judge, form: Form | None = None) -> CheckedDocument:
    """Findings for one document. A filled 附件1/附件2 is read into data and judged by ``judge``
    (the rules ``validate`` applies), keeping what the form shows; 附件3 is checked against
    the outline."""
    chosen = form or detect_form(content)
    if chosen is None:
        finding = Finding(
            Severity.ERROR,
            "DG-CHECK-FORM",
            "无法判断是哪一种表单（附件1、附件2 或附件3）；请用 --form 指定",
            file=content.name,
        )
        return CheckedDocument(content.name, None, [finding])
    if chosen is Form.REQUIREMENTS:
        findings = check_report(content)
        facts = report_facts(content)
        findings += _report_sums(content)
        return CheckedDocument(content.name, chosen, findings, facts)
    reading = read_form(content, chosen, keep_unreadable=True)
    findings = [
        Finding(Severity.ERROR, "DG-CHECK-LABEL", f"找不到「{spec.label}」栏", label=spec.label, file=content.name)
        for spec in reading.missing
    ]
    unlabelled = {".".join(path) for spec in reading.missing if (path := PATHS[spec.fact]) is not None}
    findings += [
        f.at(content.name) for f in judge(reading.data) if in_scope(f.field, chosen) and f.field not in unlabelled
    ]
    return CheckedDocument(content.name, chosen, findings, reading.facts)


def report_facts(content: DocxContent) -> dict[str, str]:
    """项目名称 from 一（一）, 总投资 from the 合计 row of the first amount table in 五."""
    found, _ = find_headings(content)
    by_index = {f.outline_index: f for f in found}
    facts: dict[str, str] = {}
    name_hit = by_index.get(1)
    if name_hit is not None:
        text = name_hit.inline or _next_text(content, name_hit.block_index)
        if text:
            facts["name"] = text
    funding_hit = by_index.get(_outline_index("项目投资估算及资金筹措"))
    if funding_hit is not None:
        for block in content.blocks[funding_hit.block_index + 1 :]:
            if isinstance(block, Table):
                total = _table_total(block)
                if total is not None:
                    facts["total"] = amount(total)
                    break
    return facts


def _outline_index(title: str) -> int:
    return next(i for i, h in enumerate(REPORT_OUTLINE) if h.title == title)


def _next_text(content: DocxContent, index: int) -> str:
    for block in content.blocks[index + 1 :]:
        if isinstance(block, Paragraph) and block.text.strip():
            return block.text.strip()
        if isinstance(block, Table):
            return ""
    return ""


def _amount_column(table: Table) -> int | None:
    if not table.rows:
        return None
    for cell in table.rows[0]:
        if "金额" in cell.text or "万元" in cell.text:
            return cell.column
    return None


def _table_total(table: Table) -> Decimal | None:
    column = _amount_column(table)
    if column is None:
        return None
    for row in table.rows[1:]:
        if any(fold(cell.text) in ("合计", "总计") for cell in row):
            for cell in row:
                if cell.column == column:
                    return parse_amount(cell.text)
    return None


def _report_sums(content: DocxContent) -> list[Finding]:
    """Every table with an amount column and a 合计 row: the rows add up to it."""
    findings = []
    for number, table in enumerate(content.tables, start=1):
        column, total = _amount_column(table), _table_total(table)
        if column is None or total is None:
            continue
        parts = []
        for row in table.rows[1:]:
            if any(fold(cell.text) in ("合计", "总计") for cell in row):
                break
            parts += [parse_amount(cell.text) for cell in row if cell.column == column]
        known = [p for p in parts if p is not None]
        if parts and len(known) == len(parts):
            found = sum(known, Decimal(0))
            if found != total:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        "DG-CHECK-SUM",
                        f"第{number}个表格各行金额合计 {amount(found)} 万元，与「合计」行 {amount(total)} 不一致",
                        label="合计",
                        file=content.name,
                    )
                )
    return findings


def _comparable(fact: str, value: str) -> str:
    if fact == "total":
        parsed = parse_amount(value)
        return amount(parsed) if parsed is not None else fold(value)
    return re.sub(r"[-－—()（）]", "", fold(value)) if fact == "phone" else fold(value)


def consistency(documents: Iterable[CheckedDocument]) -> list[Finding]:
    """Facts stated by several documents of one package that do not agree."""
    documents = [d for d in documents if d.form]
    findings = []
    for fact, label in FACT_LABELS.items():
        stated = [(d, d.facts[fact]) for d in documents if fact in d.facts]
        distinct = {_comparable(fact, value) for _, value in stated}
        if len(distinct) > 1:
            shown = "；".join(
                f"{d.form.spec.caption if d.form else ''}（{d.name}）为「{value}」" for d, value in stated
            )
            findings.append(
                Finding(Severity.ERROR, "DG-CHECK-CONSISTENCY", f"「{label}」在各文件中不一致：{shown}", label=label)
            )
    return findings


def docx_files(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The files to check, each with whether it was found in a folder (rather than named)."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            found += [
                (p, True)
                for p in sorted(path.iterdir())
                if p.suffix.lower() == ".docx" and p.is_file() and not p.name.startswith(("~$", "."))
            ]
        else:
            found.append((path, False))
    return found


__all__ = [
    "FORM_CELLS",
    "CheckedDocument",
    "Judge",
    "check_document",
    "consistency",
    "detect_form",
    "docx_files",
    "read_cells",
]
