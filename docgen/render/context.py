"""The template context: a display view of the data, key for key.

Templates see the data model's own paths (``project.investment.total``) with
values already written the way the forms print them: dates as 2026年11月20日,
amounts in 万元 without trailing zeros, lists one item per line. Where a form
prints something for an empty field (the blank date 「年   月   日」, the review
block's 「（符合/不符合）」), the display view says so. 附件3's sections are
WordprocessingML built from the data under ``report``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from docgen import filing
from docgen.formatting import amount, date_cn, fold
from docgen.messages import MSG
from docgen.models import ImageBlock, ProjectData, Section, TableBlock
from docgen.outline import Part, Plan, value_at
from docgen.output import confined
from docgen.pictures import PictureProblem, read_picture_file
from docgen.render import wordml
from docgen.render.errors import TemplateProblem
from docgen.render.styles import StyleKit

BLANK_DATE = "年   月   日"
BLANK_REVIEW_DATE = "20   年   月   日"
BLANK_REVIEW_RESULT = "（符合/不符合）"
TEXT_WIDTH_MM = 156
TEXT_WIDTH_TWIPS = int(TEXT_WIDTH_MM / 25.4 * 1440)
_PARAGRAPHS = re.compile(r"\n[ \t\u3000]*\n")  # a blank line between paragraphs of a text


def numbered(items: list[str]) -> str:
    cleaned = [item for item in items if item and item.strip()]
    return "\n".join(f"{index}．{item}" for index, item in enumerate(cleaned, start=1))


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def display(value: Any) -> Any:
    """Model -> nested dicts of display strings, key for key."""
    if isinstance(value, BaseModel):
        return {name: display(getattr(value, name)) for name in _field_names(type(value))}
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return date_cn(value)
    if isinstance(value, Decimal):
        return amount(value)
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return "\n".join(value)
        return [display(item) for item in value]
    return value


def form_context(data: ProjectData) -> dict[str, Any]:
    """What 附件1 and 附件2 print."""
    view: dict[str, Any] = display(data)
    project = data.project
    view["declaration"]["date"] = date_cn(data.declaration.date) or BLANK_DATE
    view["project"]["participating_units"] = "、".join(u for u in project.participating_units if u) or "无"
    view["project"]["materials"] = numbered(project.materials)
    for key in ("network_security", "cryptography"):
        entry = getattr(data.review, key)
        view["review"][key] = {
            "result": entry.result or BLANK_REVIEW_RESULT,
            "unit": entry.unit or "",
            "date": date_cn(entry.date) or BLANK_REVIEW_DATE,
        }
    return view


def blank_context() -> dict[str, Any]:
    """The display view of empty data: what a form printed for filling by hand shows."""
    view = form_context(ProjectData())
    view["project"]["participating_units"] = ""
    view["record"] = filing_record(ProjectData())
    return view


def filing_record(data: ProjectData) -> dict[str, Any]:
    """What the 备案信息表 prints: the rows 第十八条第（二）项 lists for the project's kind (every
    row, once, on a blank form), their values, the attachments, and the deadline."""
    kind = filing.kind_of(data)
    rows = [{"label": item.label, "value": filing.value_text(data, item)} for item in filing.items_for(kind)]
    rows.append({"label": filing.OTHER.label, "value": filing.value_text(data, filing.OTHER)})
    due = filing.deadline(data)
    item = f"第十八条第（二）项{filing.KIND_ITEMS[kind]}" if kind else "第十八条第（二）项"
    if kind is None:  # a blank form: say who attaches it
        attachments = f"（改建、扩建类项目）{filing.EVALUATION}"
    else:
        attachments = filing.EVALUATION if data.project.construction_type in ("改建", "扩建") else ""
    return {
        "kind": f"{filing.KIND_TITLES[kind]}（{item}）" if kind else "按建设性质填写相应各项（第十八条第（二）项）",
        "rows": rows,
        "attachments": f"附件：{attachments}" if attachments else "",
        "deadline": f"{date_cn(due.due)}前（{due.reason}，第十八条第（一）项）" if due else BLANK_DATE + "前",
        "filed_on": date_cn(data.filing.filed_on) or BLANK_DATE,
    }


# ------------------------------------------------------------------ 附件3


@dataclass
class Media:
    """Images a rendering adds to the package."""

    items: list[tuple[str, str, bytes, str]] = field(default_factory=list)  # (rel id, part name, bytes, ext)

    def add(self, blob: bytes, ext: str) -> tuple[str, int]:
        number = len(self.items) + 1
        rel_id = f"rIdDocgenImage{number}"
        self.items.append((rel_id, f"word/media/docgen-image{number}.{ext}", blob, ext))
        return rel_id, 10_000 + number


@dataclass
class ReportWriter:
    """Turns 附件3 sections into WordprocessingML, numbering tables and figures."""

    styles: StyleKit
    base_dir: Path | None
    media: Media = field(default_factory=Media)
    tables: int = 0
    figures: int = 0

    def text(self, text: str | None) -> str:
        if not text or not text.strip():
            return ""
        parts = _PARAGRAPHS.split(wordml.clean_text(text).strip())
        return "".join(wordml.paragraph(p.strip("\n"), self.styles.body) for p in parts if p.strip())

    def section(self, value: Section | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return self.text(value)
        out = []
        for block in value:
            if isinstance(block, str):
                out.append(self.text(block))
            elif isinstance(block, TableBlock):
                t = block.table
                out.append(self.table(t.caption, t.columns, t.rows))
            elif isinstance(block, ImageBlock):
                out.append(self.image(block))
        return "".join(out)

    def table(
        self, caption: str | None, columns: list[str], rows: list[list[str]], numeric: frozenset[int] = frozenset()
    ) -> str:
        self.tables += 1
        title = f"表{self.tables}" + (f"　{caption}" if caption else "")
        head = wordml.paragraph(title, self.styles.caption, align="center", keep_next=True)
        return head + wordml.table(columns, rows, self.styles.table_text, TEXT_WIDTH_TWIPS, numeric)

    def image(self, block: ImageBlock) -> str:
        image = block.image
        path = confined(self.base_dir, image.path or "")  # never outside the data file's folder
        try:
            if path is None:
                raise PictureProblem(MSG.picture_unreadable)
            info, blob = read_picture_file(path)  # validation read it too: this is the file as it is now
        except PictureProblem as problem:
            raise TemplateProblem(MSG.image_unreadable.format(path=image.path, reason=problem.message)) from None
        rel_id, doc_pr_id = self.media.add(blob, info.ext)
        width_mm = float(image.width_mm) if image.width_mm else TEXT_WIDTH_MM
        width_mm = min(width_mm, TEXT_WIDTH_MM)
        ratio = info.height / info.width if info.width else 0.75
        height_mm = width_mm * ratio
        if height_mm > 200:  # keep a picture and its caption on one page
            width_mm, height_mm = width_mm * 200 / height_mm, 200
        self.figures += 1
        name = f"图{self.figures}"
        picture = wordml.picture_paragraph(
            wordml.drawing(rel_id, doc_pr_id, name, width_mm, height_mm), self.styles.table_text
        )
        caption = name + (f"　{image.caption}" if image.caption else "")
        return picture + wordml.paragraph(caption, self.styles.caption, align="center")

    def lines(self, items: list[str]) -> str:
        return self.text("\n\n".join(f"{i}．{item}" for i, item in enumerate(items, start=1) if item))


def section_words(value: Section | None) -> str:
    """Everything a section says in words (its texts, and its tables' captions and cells), folded
    (NFKC, no spaces) so that what the clerk wrote can be compared with what docgen would add."""
    if value is None:
        return ""
    if isinstance(value, str):
        return fold(value)
    said = []
    for block in value:
        if isinstance(block, str):
            said.append(block)
        elif isinstance(block, TableBlock):
            t = block.table
            said += [t.caption or "", *t.columns, *(cell for row in t.rows for cell in row)]
        elif isinstance(block, ImageBlock):
            said.append(block.image.caption or "")
    return fold("\n".join(said))


#: an amount in 万 as people write it: 860万元, 860.00 万元, 1,200万
_WAN = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)万")


def states_amount(said: str, value: Decimal) -> bool:
    """The words (folded, as :func:`section_words` gives them) state this amount in 万元."""
    return any(Decimal(found.group(1).replace(",", "")) == value for found in _WAN.finditer(said))


def report_context(data: ProjectData, writer: ReportWriter) -> dict[str, Markup]:
    """附件3's sections; docgen's own sentences (the persons of 一（二）, the amounts under 五、) only
    where the clerk's text does not already say them, so the report says each thing once."""
    return {key: Markup(value) for key, value in _report_sections(data, writer).items()}


def _people(data: ProjectData, said: str) -> str:
    """「项目负责人：…；项目责任人：…」 for the persons the clerk's own 一（二） does not name already."""
    people = []
    for title, person in (("项目负责人", data.project.leader), ("项目责任人", data.project.responsible_person)):
        if not person.name or fold(person.name) in said:
            continue
        people.append(f"{title}：{person.name}" + (f"（联系电话：{person.phone}）" if person.phone else ""))
    return "；".join(people)


def _report_sections(data: ProjectData, writer: ReportWriter) -> dict[str, str]:
    project, report = data.project, data.requirements_report
    return {
        "name": writer.text(project.name),
        "owner_overview": writer.section(report.owner_overview)
        + writer.text(_people(data, section_words(report.owner_overview))),
        "basis": writer.lines(project.basis),
        "overview": writer.section(report.overview),
        "background": writer.section(report.necessity.background),
        "current_state": writer.section(report.necessity.current_state),
        "significance": writer.section(report.necessity.significance),
        "business": writer.section(report.analysis.business),
        "environment": writer.section(report.analysis.environment),
        "function_performance": writer.section(report.analysis.function_performance),
        "data_sharing": writer.section(report.analysis.data_sharing),
        "goals": writer.section(report.construction.goals),
        "scope": writer.section(report.construction.scope),
        "funding": writer.section(report.funding) + investment_tables(data, writer, section_words(report.funding)),
        "appendix": writer.lines(report.appendix),
    }


def investment_tables(data: ProjectData, writer: ReportWriter, said: str = "") -> str:
    """五、 tables from project.investment, so the amounts are never typed twice; the sentence of the
    总投资 and 本年度投入 only for what ``said`` (the clerk's own words, folded) does not state."""
    inv = data.project.investment
    out = ""
    if inv.items:
        rows = [
            [str(i), item.name or "", item.category or "", amount(item.amount)]
            for i, item in enumerate(inv.items, start=1)
        ]
        rows.append(["", "合计", "", amount(sum((it.amount or Decimal(0) for it in inv.items), Decimal(0)))])
        out += writer.table(
            "项目投资估算表", ["序号", "费用名称", "费用类别", "金额（万元）"], rows, numeric=frozenset({3})
        )
    if inv.total is not None:
        src = inv.sources
        named = [
            ("国家资金", src.national),
            ("自治区资金", src.autonomous_region),
            ("市级资金", src.municipal),
            ("社会资金", src.social),
        ]
        if src.self_funded is not None:  # 第四条's 自筹资金: a row of its own when given
            named.append(("自筹资金", src.self_funded))
        total = inv.total

        def share(value: Decimal | None) -> str:
            if value is None or not total:
                return ""
            return f"{(value * 100 / total).quantize(Decimal('0.1'))}%"

        rows = [[name, amount(value), share(value)] for name, value in named]
        known = sum((v for _, v in named if v is not None), Decimal(0))
        rows.append(["合计", amount(known), share(known)])
        out += writer.table("资金筹措表", ["资金来源", "金额（万元）", "占比"], rows, numeric=frozenset({1, 2}))
        clauses = [] if states_amount(said, total) else [f"项目预计总投资{amount(total)}万元"]
        if inv.this_year is not None and not states_amount(said, inv.this_year):
            clauses.append(f"本年度预计投入{amount(inv.this_year)}万元")
        out += writer.text("，".join(clauses) + "。" if clauses else "")
    return out


# ------------------------------------------------------------------ other jurisdictions' documents


def plan_context(data: ProjectData, plan: Plan, writer: ReportWriter) -> dict[str, Any]:
    """What a document of another 办法 prints: each part's content from its sources and tables
    (a part that does not apply, such as 工作秘密 for a project without, is empty and left out)."""
    doc = {}
    for part in plan.parts:
        applies = part.when is None or value_at(data, part.when) is True
        doc[part.key] = Markup(_part(data, part, writer) if applies else "")
    return {"doc": doc, "doc_basis": plan.basis}


def _part(data: ProjectData, part: Part, writer: ReportWriter) -> str:
    out, said = "", ""
    for path in part.sources:
        value = value_at(data, path)
        written = writer.text(value) if isinstance(value, str) else writer.section(value)
        out += written
        said += section_words(value) if written else ""
        if written and part.alternatives:
            break
    for table in part.tables:
        out += investment_tables(data, writer, said) if table == "investment" else _PLAN_TABLES[table](data, writer)
    return out


def _catalog_table(data: ProjectData, writer: ReportWriter) -> str:
    items = data.project.data_catalog.items
    if not items:
        return ""
    rows = [
        [str(i), item.name or "", display(item.shared) if item.shared is not None else "", item.basis or ""]
        for i, item in enumerate(items, start=1)
    ]
    return writer.table("信息资源目录", ["序号", "信息资源名称", "是否共享", "不予共享的依据"], rows)


def _products_table(data: ProjectData, writer: ReportWriter) -> str:
    products = data.project.products
    if not products:
        return ""

    def yes(value: bool | None) -> str:
        return display(value) if value is not None else ""

    rows = [
        [str(i), p.name or "", p.kind or "", yes(p.secure_reliable), yes(p.autonomous_controllable), yes(p.xinchuang)]
        for i, p in enumerate(products, start=1)
    ]
    return writer.table("关键软硬件产品", ["序号", "产品名称", "产品类型", "安全可靠", "自主可控", "信创"], rows)


def _basics_table(data: ProjectData, writer: ReportWriter) -> str:
    """江西 第十五条（一）: 项目名称、项目单位、主要任务、建设地点、建设依据和必要性、绩效目标、实施方式."""
    project, jx = data.project, data.jiangxi
    necessity = data.requirements_report.necessity.significance
    rows = [
        ["项目名称", project.name or ""],
        ["项目单位", project.owner_unit or ""],
        ["主要任务", jx.main_tasks or ""],
        ["建设地点", project.location or ""],
        ["项目建设依据和必要性", "；".join([*project.basis, *([necessity] if isinstance(necessity, str) else [])])],
        ["项目绩效目标", jx.performance_goals or ""],
        ["拟采用实施方式及主要原因", jx.implementation_mode or ""],
    ]
    return writer.table("项目基本情况", ["项目", "内容"], rows)


def _schedule_text(data: ProjectData, writer: ReportWriter) -> str:
    s = data.project.schedule
    if s.start is None and s.end is None:
        return ""
    return writer.text(f"建设周期：{date_cn(s.start) or '—'}至{date_cn(s.end) or '—'}。")


def _level_text(data: ProjectData, writer: ReportWriter) -> str:
    level = data.security.network_security.protection_level
    return writer.text(f"系统拟定为网络安全等级保护第{'一二三四五'[level - 1]}级。") if level else ""


def _deployment_text(data: ProjectData, writer: ReportWriter) -> str:
    return writer.text(f"部署环境：{data.project.deployment}。") if data.project.deployment else ""


#: the tables of other 办法's documents (the investment tables are written with what the part says)
_PLAN_TABLES = {
    "catalog": _catalog_table,
    "products": _products_table,
    "basics": _basics_table,
    "schedule": _schedule_text,
    "level": _level_text,
    "deployment": _deployment_text,
}
