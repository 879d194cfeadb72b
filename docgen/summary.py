"""``docgen summary``: the 汇总表 a 数据局 sends up (第十六条、第十八条): one row per project of a
city's (or a county's) plan, a totals row, and every finding on a second sheet.

Read from the same inputs as ``batch`` (files, folders, .jsonl, .xlsx). A project that cannot
be read is a row with its error, never dropped. The workbook holds values only — no formula
that WPS or Excel could compute differently; the totals are summed here, in Decimal, exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen import filing
from docgen.errors import Finding, InputError, Severity
from docgen.formatting import date_cn
from docgen.inputs import items
from docgen.messages import MSG
from docgen.output import atomic_write, ensure_file_target
from docgen.project import LoadedProject, checked_profile, load_raw

AMOUNT_FORMAT = "#,##0.00####"  # two decimals, up to six when an amount has them (万元 to the 分)
SHEET = "项目汇总"
FINDINGS_SHEET = "问题清单"


@dataclass(frozen=True)
class Column:
    header: str
    amount: bool = False  # 万元, two decimals, summed in the totals row


COLUMNS = (
    Column("序号"),
    Column("项目名称"),
    Column("项目建设单位"),
    Column("所属层级"),
    Column("项目类别"),
    Column("建设性质"),
    Column("项目预计总投资（万元）", amount=True),
    Column("本年度预计投入（万元）", amount=True),
    Column("国家资金（万元）", amount=True),
    Column("自治区资金（万元）", amount=True),
    Column("市级资金（万元）", amount=True),
    Column("社会资金（万元）", amount=True),
    Column("自筹资金（万元）", amount=True),
    Column("申报日期"),
    Column("适用办法"),
    Column("材料要求（按投资额）"),
    Column("错误数"),
    Column("警告数"),
    Column("网络安全审查"),
    Column("密码保护审查"),
    Column("备案状态"),
    Column("备案期限"),
    Column("数据来源"),
    Column("说明"),
)


@dataclass
class SummaryRow:
    values: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    broken: bool = False


@dataclass
class Summary:
    rows: list[SummaryRow]
    today: dt.date

    @property
    def totals(self) -> dict[str, Decimal]:
        return {
            column.header: sum(
                (row.values[column.header] for row in self.rows if isinstance(row.values.get(column.header), Decimal)),
                Decimal(0),
            )
            for column in COLUMNS
            if column.amount
        }

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.broken or any(f.severity is Severity.ERROR for f in row.findings))


def _bands(project: LoadedProject) -> str:
    """The documents the 办法 asks for by the project's investment (第十五条、第十六条 in 石嘴山)."""
    bands: dict[tuple[str, str], list[str]] = {}
    for material in project.required:
        for _rule, article, condition in material.bases:
            if "万元" in condition:
                bands.setdefault((article, condition), []).append(material.title)
    return "；".join(f"{article}（{condition}）：{'、'.join(titles)}" for (article, condition), titles in bands.items())


def _review(entry: Any) -> str:
    if entry.result is None:
        return "未审查"
    parts = [entry.result, entry.unit or "", date_cn(entry.date)]
    return "，".join(p for p in parts if p)


def project_row(project: LoadedProject, source: str, today: dt.date) -> SummaryRow:
    data = project.data
    p = data.project
    sources = p.investment.sources
    due = filing.deadline(data)
    values: dict[str, Any] = {
        "项目名称": p.name or "（未填写）",
        "项目建设单位": p.owner_unit or "",
        "所属层级": p.level or "",
        "项目类别": p.category or "",
        "建设性质": p.construction_type or "",
        "项目预计总投资（万元）": p.investment.total,
        "本年度预计投入（万元）": p.investment.this_year,
        "国家资金（万元）": sources.national,
        "自治区资金（万元）": sources.autonomous_region,
        "市级资金（万元）": sources.municipal,
        "社会资金（万元）": sources.social,
        "自筹资金（万元）": sources.self_funded,
        "申报日期": date_cn(data.declaration.date),
        "适用办法": project.profile.short_name,
        "材料要求（按投资额）": _bands(project),
        "错误数": len(project.findings.errors),
        "警告数": len(project.findings.warnings),
        "网络安全审查": _review(data.review.network_security),
        "密码保护审查": _review(data.review.cryptography),
        "备案状态": filing.status(data, today),
        "备案期限": date_cn(due.due) if due else "",
        "数据来源": source,
        "说明": "",
    }
    return SummaryRow(values, list(project.findings))


def broken_row(source: str, error: InputError) -> SummaryRow:
    values: dict[str, Any] = {column.header: "" for column in COLUMNS}
    values |= {"项目名称": "（无法读取）", "错误数": 1, "警告数": 0, "数据来源": source, "说明": error.message}
    return SummaryRow(values, [error.to_finding()], broken=True)


def collect(inputs: Iterable[Path], *, profile: str | None = None, today: dt.date | None = None) -> Summary:
    """One row per project of the inputs (as ``batch`` reads them), in input order."""
    day = today or dt.date.today()
    key = checked_profile(profile)
    rows: list[SummaryRow] = []
    for item in items(inputs):
        try:
            project = load_raw(item.read(), profile=key, today=day)
        except InputError as exc:
            rows.append(broken_row(item.source, exc))
            continue
        rows.append(project_row(project, item.source, day))
    if not rows:
        raise InputError(MSG.summary_nothing)
    return Summary(rows, day)


def _width(text: Any) -> int:
    """Display width: a Chinese character is two columns wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def workbook_bytes(summary: Summary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.create_sheet(SHEET, 0)
    book.remove(book.worksheets[1])  # the workbook's own empty first sheet
    headers = [column.header for column in COLUMNS]
    sheet.append(headers)
    for number, row in enumerate(summary.rows, start=1):
        sheet.append([number if c.header == "序号" else row.values.get(c.header) for c in COLUMNS])
    totals = summary.totals
    sheet.append(["", "合计"] + [totals.get(c.header, "") if c.amount else "" for c in COLUMNS[2:]])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if column.amount:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = AMOUNT_FORMAT
        widest = max(
            _width(c.value) if c.value is not None else 0 for (c,) in sheet.iter_rows(min_col=index, max_col=index)
        )
        sheet.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
    sheet.freeze_panes = "C2"  # the header and the 项目名称 stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row - 1}"

    findings = book.create_sheet(FINDINGS_SHEET)
    findings.append(["项目名称", "数据来源", "严重程度", "编号", "条款", "内容", "字段", "行"])
    for row in summary.rows:
        for finding in row.findings:
            findings.append(
                [
                    row.values["项目名称"],
                    row.values["数据来源"],
                    finding.severity.label,
                    str(finding.code),  # the code as plain text in the cell
                    finding.article or "",
                    finding.message,
                    finding.label or finding.field or "",
                    finding.line,
                ]
            )
    for cell in findings[1]:
        cell.font, cell.fill = bold, fill
    for index, width in enumerate((36, 24, 8, 14, 22, 80, 36, 6), start=1):
        findings.column_dimensions[get_column_letter(index)].width = width
    findings.freeze_panes = "A2"
    findings.auto_filter.ref = f"A1:H{max(findings.max_row, 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(summary: Summary, target: Path) -> Path:
    ensure_file_target(target)
    atomic_write(target, workbook_bytes(summary))
    return target
