"""Checking one document someone else wrote (what it lacks, what its tables add up to), and
where the documents of one package disagree with each other."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docgen.checking.cells import parse_amount
from docgen.checking.detect import detect_form
from docgen.checking.extract import NOT_READ, SeveralProjects, in_scope, put, read_form
from docgen.checking.plans import check_plan
from docgen.checking.report import check_report, find_headings, unfold
from docgen.docx_reader import Cell, DocxContent, Paragraph, Table
from docgen.errors import Code, Finding, Severity
from docgen.formatting import amount, fold
from docgen.forms import PLAN_FORMS, Form
from docgen.models import field_labels
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


def check_document(content: DocxContent, judge: Judge, form: Form | None = None) -> CheckedDocument:
    """Findings for one document. A filled 附件1/附件2 is read into data and judged by ``judge``
    (the rules ``validate`` applies), keeping what the form shows; 附件3 is checked against
    the outline."""
    chosen = form or detect_form(content)
    if chosen is None:
        finding = Finding(
            Severity.ERROR,
            Code.CHECK_FORM,
            "无法判断是哪一种表单（附件1、附件2 或附件3）；请用 --form 指定",
            file=content.name,
        )
        return CheckedDocument(content.name, None, [finding])
    if chosen in PLAN_FORMS:
        return CheckedDocument(content.name, chosen, check_plan(content, chosen))
    if chosen is Form.REQUIREMENTS:
        findings = check_report(content)
        facts = report_facts(content)
        findings += _report_sums(content)
        return CheckedDocument(content.name, chosen, findings, facts)
    try:
        reading = read_form(content, chosen)
    except SeveralProjects as refused:  # two projects' forms in one file: said, never merged
        return CheckedDocument(
            content.name, chosen, [Finding(Severity.ERROR, Code.CHECK_FORM, str(refused), file=content.name)]
        )
    findings = [
        Finding(Severity.ERROR, Code.CHECK_LABEL, f"找不到「{spec.label}」栏", label=spec.label, file=content.name)
        for spec in reading.missing
    ]
    for problem in reading.problems:  # what could not be read, said in the form's words; units converted
        if problem.field is None:
            continue
        label = " › ".join(field_labels(tuple(problem.field.split("."))))
        if problem.code == Code.EXTRACT_UNREAD:
            message = problem.message.removesuffix(NOT_READ)
            findings.append(Finding(Severity.ERROR, Code.TYPE, message, field=problem.field, label=label))
        else:
            findings.append(dataclasses.replace(problem, label=label))
    unread = tuple(".".join(path) for path in reading.unread)
    quiet = reading.missing_paths() + unread
    data = copy.deepcopy(reading.data)
    for path, written in reading.placeholders.items():  # judged as validate judges 「待定」 in a data file
        put(data, path, written)
    findings += [
        f
        for f in judge(data)
        if in_scope(f.field, chosen)
        and not _under(f.field, quiet)
        and not _over(f.field, unread)
        and f.code != Code.NORMALIZED
    ]  # how validate would store a value (「（0952）2011234」 as 0952-2011234) says nothing of the form;
    # a group with a value that could not be read (a review whose result is 「基本符合」) is not judged
    # again as incomplete: the unread value is its finding
    return CheckedDocument(content.name, chosen, [f.at(content.name) for f in findings], reading.facts)


def _over(field_path: str | None, paths: tuple[str, ...]) -> bool:
    return field_path is not None and any(p.startswith(field_path + ".") for p in paths)


def _under(field_path: str | None, paths: tuple[str, ...]) -> bool:
    return field_path is not None and any(field_path == p or field_path.startswith(p + ".") for p in paths)


def report_facts(content: DocxContent) -> dict[str, str]:
    """项目名称 from 一（一）, 总投资 from the total row of the investment table in 五."""
    content = unfold(content)
    headings = find_headings(content).found
    by_index = {f.outline_index: f for f in headings}
    facts: dict[str, str] = {}
    name_hit = by_index.get(1)
    if name_hit is not None:
        text = name_hit.inline or _next_text(content, name_hit.block_index)
        if text:
            facts["name"] = re.sub(r"^(?:本?项目(?:的)?名称(?:为|是)?|名称)[:：]?", "", text.strip())
    funding_hit = by_index.get(_outline_index("项目投资估算及资金筹措"))
    if funding_hit is not None:
        after = [f.block_index for f in headings if f.block_index > funding_hit.block_index]
        end = min(after, default=len(content.blocks))
        for position in range(funding_hit.block_index + 1, end):
            block = content.blocks[position]
            if isinstance(block, Table):
                total = _table_total(block, _caption_unit(content, position))
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


#: Header words of the column that holds a table's amounts, best first; and of columns that never do.
_AMOUNT_HEADERS = (("合计", "金额", "投资", "估算", "预算"), ("费用", "资金", "万元", "价"))
_NOT_AMOUNT = ("单价", "数量", "序号", "比例", "%", "占比", "单位", "说明", "备注", "名称", "内容")
_TOTAL_ROWS = {"合计", "总计", "总投资", "合计金额", "投资合计", "总合计", "总投资合计"}


def _unit_factor(text: str) -> Decimal | None:
    """1 for 万元, 1/10000 for 元, from 「单位：万元」「金额（元）」; None when no unit is written."""
    folded = fold(text)
    if "万元" in folded:
        return Decimal(1)
    if re.search(r"(?:单位[:：]?|[（(])元", folded) or folded.endswith("元"):
        return Decimal("0.0001")
    return None


def _caption_unit(content: DocxContent, position: int) -> Decimal | None:
    """The unit a caption gives a table (「单位：万元」 in the paragraph just before or after it)."""
    around = content.blocks[max(0, position - 2) : position] + content.blocks[position + 1 : position + 2]
    for block in around:
        if isinstance(block, Paragraph) and "单位" in block.text:
            return _unit_factor(block.text.split("单位", 1)[1])
    return None


def _amount_column(table: Table, caption: Decimal | None) -> tuple[int, Decimal] | None:
    """(grid column, unit factor) of the amounts: the header cell that names them, with the unit
    from the header or the caption — or 万元 when the header says 金额 and nothing says otherwise."""
    if not table.rows:
        return None
    header = [cell for cell in table.rows[0] if not any(word in fold(cell.text) for word in _NOT_AMOUNT)]
    for words in _AMOUNT_HEADERS:
        for cell in header:
            if any(word in fold(cell.text) for word in words):
                unit = _unit_factor(cell.text) or caption
                if unit is None and ("金额" in cell.text or "投资" in cell.text):
                    unit = Decimal(1)
                if unit is not None:
                    return cell.column, unit
    return None


def _is_total(row: list[Cell]) -> bool:
    return any(re.sub(r"[(（].*?[)）]", "", fold(cell.text)) in _TOTAL_ROWS for cell in row[:2])


def _table_total(table: Table, caption: Decimal | None = None) -> Decimal | None:
    found = _amount_column(table, caption)
    if found is None:
        return None
    column, unit = found
    for row in table.rows[1:]:
        if _is_total(row):
            for cell in row:
                if cell.column == column:
                    value = parse_amount(cell.text)
                    return None if value is None else (value * unit).normalize()
    return None


def _report_sums(content: DocxContent) -> list[Finding]:
    """Every table with an amount column and a 合计 row: the rows add up to it."""
    findings = []
    positions = [i for i, block in enumerate(content.blocks) if isinstance(block, Table)]
    for number, position in enumerate(positions, start=1):
        table = content.blocks[position]
        assert isinstance(table, Table)
        caption = _caption_unit(content, position)
        found, total = _amount_column(table, caption), _table_total(table, caption)
        if found is None or total is None:
            continue
        column, unit = found
        parts = []
        for row in table.rows[1:]:
            if _is_total(row):
                break
            parts += [parse_amount(cell.text) for cell in row if cell.column == column and cell.text.strip()]
        known = [p * unit for p in parts if p is not None]
        if parts and len(known) == len(parts):
            added = sum(known, Decimal(0)).normalize()
            if added != total:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        Code.CHECK_SUM,
                        f"第{number}个表格各行金额合计 {amount(added)} 万元，与「合计」行 {amount(total)} 万元不一致",
                        label="合计",
                        file=content.name,
                    )
                )
    return findings


def _comparable(fact: str, value: str) -> str:
    """A fact in normal form: width folded, no spaces, no closing 。 or quotes; phone numbers
    without dashes or brackets of any kind; amounts as numbers."""
    if fact == "total":
        parsed = parse_amount(value)
        return amount(parsed) if parsed is not None else fold(value)
    text = fold(value).strip("「」“”\"'《》").rstrip("。.;；,，")
    return re.sub(r"[-－—–‐‑―()（）]", "", text) if fact == "phone" else text


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
                Finding(Severity.ERROR, Code.CHECK_CONSISTENCY, f"「{label}」在各文件中不一致：{shown}", label=label)
            )
    return findings
