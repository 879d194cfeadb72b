"""The fifth blind corpus: 30 documents (16 filled 附件1 and 6 附件2 as offices ordinarily fill them, 1 report
sound; 7 with faults) written — verdicts and all, in ``manifest.yaml`` under ``blind: fifth`` — before docgen
was run on them. This round measures false alarms above all: ordinary, well-filled forms with each office's
small variations — amounts in 万元 with two decimals, mobile phones, labels abbreviated (「建设单位」「参建单位」
「计划时间」「预计总投资（万元）」「本年度投资（万元）」「资金来源」「网络安全基本情况」), 计划资金来源 as one
row of four 「名称：金额」 cells or a nested name | amount table, WPS labels broken where the column wraps and
values indented with full-width spaces, the plan in two paragraphs, 「填报单位」「填报日期」 header labels, the
header as the table's first row or its date on a paragraph of its own, 「金额单位：万元」 above the table, check
boxes for 项目类别, 「无」 in optional cells, row 2 of the seed's grid left unmerged, padded dates, review cells
left wholly empty at 申报 or filled with ☑符合 and a seal note, and a report in Heading styles with a space after
each number.

Run from the repository root:  .venv/bin/python tests/corpus/fifth_blind.py [NAME.docx …]
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from blind_forms import (
    Filled,
    Grid,
    Nested,
    day,
    day_padded,
    docx_grid,
    filled,
    form_document,
    make,
    new_document,
    official_application,
    official_security,
    para,
    report_blocks,
    wan,
)
from docx.enum.text import WD_ALIGN_PARAGRAPH
from third_blind import KEYS, S, grid_map

SOURCE_NAMES = ("国家资金", "自治区资金", "市级资金", "社会资金")
SHORT = {
    "项目建设单位": "建设单位",
    "项目负责人": "负责人",
    "参与建设单位": "参建单位",
    "项目建设地址": "建设地址",
    "项目建设依据": "建设依据",
    "项目计划时间": "计划时间",
    "项目准备情况": "准备情况",
    "项目预计\n总投资（万元）": "预计总投资（万元）",
    "本年度预计\n投入（万元）": "本年度投资（万元）",
    "计划资金来源": "资金来源",
}


def two(v: Filled) -> Callable[[str], str]:
    return lambda k: wan(v[k], 2)


def plan_lines(v: Filled, write: Callable[[str | None], str] = day) -> str:
    return f"起始时间：{write(v['project.schedule.start'])}\n完成时间：{write(v['project.schedule.end'])}"


def save_grid(path: Path, v: Filled, grid: Grid, **header: Any) -> None:
    d = form_document(v, **header)
    docx_grid(d, grid)
    d.save(path)


def sources_in_one_row(v: Filled, grid: Grid) -> Grid:
    """Rows 10–11 (names over amounts) made one row: the label, then 「名称：金额」 in each of four cells."""
    row = ["计划资金来源（万元）"]
    for name, key in zip(SOURCE_NAMES, KEYS, strict=True):
        row += [f"{name}：{wan(v[S + key], 2)}", "<"]
    return [*grid[:9], row, *grid[11:]]


# ---------------------------------------------------------------- 附件1, sound


def a01_two_decimals(path: Path) -> None:
    v = filled(path.name)
    save_grid(path, v, official_application(v, two(v)))


def a02_short_labels(path: Path) -> None:
    v = filled(path.name)
    save_grid(path, v, grid_map(official_application(v, two(v)), lambda c: SHORT.get(c, c)))


def a03_sources_one_row(path: Path) -> None:
    v = filled(path.name)
    save_grid(path, v, sources_in_one_row(v, official_application(v, two(v))))


def a04_sources_nested_column(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, two(v))
    nested = Nested([[name, wan(v[S + key], 2)] for name, key in zip(SOURCE_NAMES, KEYS, strict=True)])
    save_grid(path, v, [*grid[:9], ["计划资金来源（万元）", nested, *["<"] * 7], *grid[11:]])


def a05_wps_wrapped_labels(path: Path) -> None:
    wrapped = {
        "项目建设单位": "项目建设\n单位",
        "参与建设单位": "参与建设\n单位",
        "项目建设地址": "项目建设\n地址",
        "项目建设依据": "项目建设\n依据",
        "项目准备情况": "项目准备\n情况",
        "计划资金来源": "计划资金\n来源",
        "项目预计\n总投资（万元）": "项目预计总投\n资（万元）",
    }
    v = filled(path.name)
    v.basis = "\n".join("　　" + line for line in v.basis.split("\n"))
    v.preparation = "　　" + v.preparation
    v.location = "　　" + v.location
    save_grid(path, v, grid_map(official_application(v), lambda c: wrapped.get(c, c)))


def a06_plan_two_paragraphs(path: Path) -> None:
    v = filled(path.name)
    save_grid(path, v, official_application(v, plan=plan_lines(v)))


def a07_filled_by_labels(path: Path) -> None:
    v = filled(path.name)
    save_grid(
        path, v, official_application(v), unit_label="填报单位：", date_text=f"填报日期：{day(v['declaration.date'])}"
    )


def a08_header_in_first_row(path: Path) -> None:
    v = filled(path.name)
    first = [
        "项目申报单位",
        v.text("declaration.applicant"),
        "<",
        "<",
        "申报日期",
        "<",
        day(v["declaration.date"]),
        "<",
        "<",
    ]
    save_grid(path, v, [first, *official_application(v, two(v))], header=False)


def a09_units_in_amounts(path: Path) -> None:
    labels = {"项目预计\n总投资（万元）": "项目总投资", "本年度预计\n投入（万元）": "本年度投资"}
    v = filled(path.name)
    grid = official_application(v, lambda k: f"{wan(v[k], 2)}万元")
    save_grid(path, v, grid_map(grid, lambda c: labels.get(c, c)))


def a10_check_boxes(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v)
    grid[3][6] = "☑工程类　□货物类　□服务类（含运维类）"
    save_grid(path, v, grid)


def a11_none_in_optional(path: Path) -> None:
    v = filled(path.name, participating="无", remarks="无")
    save_grid(path, v, official_application(v))


def a12_unit_above_table(path: Path) -> None:
    labels = {"项目预计\n总投资（万元）": "项目预计总投资", "本年度预计\n投入（万元）": "本年度预计投入"}
    v = filled(path.name)
    d = form_document(v)
    p = para(d, "金额单位：万元")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx_grid(d, grid_map(official_application(v, two(v)), lambda c: labels.get(c, c)))
    d.save(path)


def a13_row_two_unmerged(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v)
    grid[1][:4] = ["", "", "<", "<"]
    save_grid(path, v, grid)


def a14_padded_dates_date_below(path: Path) -> None:
    v = filled(path.name)
    d = form_document(v, header=False)
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    p = para(d, day_padded(v["declaration.date"]))
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    plan = f"起始时间：{day_padded(v['project.schedule.start'])}    完成时间：{day_padded(v['project.schedule.end'])}"
    docx_grid(d, official_application(v, two(v), plan=plan))
    d.save(path)


# ---------------------------------------------------------------- 附件2, sound


def security_document(path: Path, v: Filled, grid: Grid) -> None:
    save_grid(path, v, grid, number=2)


def reviewed(v: Filled, part: str, first: str, seal: str = "") -> str:
    return f"{first}\n审查单位：{v.text(f'review.{part}.unit')}{seal}\n{day(v[f'review.{part}.date'])}"


def s15_review_blank(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = grid[7][1] = ""
    security_document(path, v, grid)


def s16_ticked(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = reviewed(v, "network_security", "☑符合　□不符合")
    grid[7][1] = reviewed(v, "cryptography", "☑符合　□不符合")
    security_document(path, v, grid)


def s17_short_labels(path: Path) -> None:
    labels = {"网络安全保护\n基本情况": "网络安全基本情况", "密码保护应用\n基本情况": "密码应用基本情况"}
    v = filled(path.name)
    security_document(path, v, grid_map(official_security(v), lambda c: labels.get(c, c)))


def s18_sealed(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    grid[5][1] = reviewed(v, "network_security", "审查结果：符合", "（盖章）")
    grid[7][1] = reviewed(v, "cryptography", "审查结果：符合", "（盖章）")
    security_document(path, v, grid)


def s19_content_paragraphs(path: Path) -> None:
    v = filled(path.name)
    security_document(path, v, official_security(v))


# ---------------------------------------------------------------- reports


def styled_report(path: Path, project: str, unit: str, skip: set[tuple[int, int | None]]) -> None:
    d = new_document()
    chapter = ""
    for b in report_blocks(project, unit, skip=skip):
        if b.kind == "h1":
            chapter = b.number
            d.add_heading(f"{b.number} {b.text}", level=1)
        elif b.kind == "h2":
            d.add_heading(f"{b.number} {b.text}", level=2)
        else:
            para(d, b.text, bold=b.kind == "title", size=22 if b.kind == "title" else None, center=b.kind == "title")
        if b.kind == "text" and chapter == "五、":  # the investment table after the chapter's text
            para(d, "表1 项目投资估算表")
            docx_grid(
                d,
                [
                    ["序号", "费用名称", "金额（万元）", "<"],
                    ["^", "^", "本年度", "总投资"],
                    ["1", "软件开发费", "300.00", "500.00"],
                    ["2", "硬件设备购置费", "100.00", "260.00"],
                    ["合计", "<", "400.00", "760.00"],
                ],
            )
    d.save(path)


def r20_heading_styles(path: Path) -> None:
    styled_report(path, "石嘴山市智慧住建综合管理平台建设项目", "石嘴山市住房和城乡建设局", set())


def a28_separators_and_dashes(path: Path) -> None:
    v = filled(path.name)
    grid = official_application(v, lambda k: "—" if v[k] == 0 else f"{Decimal(str(v[k])):,.2f}")
    grid[3][6] = "服务类（含运维类）"
    save_grid(path, v, grid)


LABELS = (
    "项目建设单位", "项目负责人", "联系电话", "参与建设单位", "项目名称", "项目类别", "项目建设地址", "项目建设依据",
    "项目计划时间", "项目准备情况", "项目预计\n总投资（万元）", "本年度预计\n投入（万元）", "计划资金来源",
    "申报材料", "备注",
)  # fmt: skip


def a29_sealed_header_colons(path: Path) -> None:
    v = filled(path.name)
    grid = grid_map(official_application(v), lambda c: f"{c}：" if c in LABELS else c)
    save_grid(path, v, grid, unit_label="项目申报单位（盖章）：")


def s30_dotted_dates(path: Path) -> None:
    v = filled(path.name)
    grid = official_security(v)
    for row, part in ((5, "network_security"), (7, "cryptography")):
        dotted = v.text(f"review.{part}.date").replace("-", ".")
        grid[row][1] = f"审查结果：符合\n审查单位：{v.text(f'review.{part}.unit')}\n{dotted}"
    save_grid(path, v, grid, number=2, unit_label="项目申报单位（盖章）：")


# ---------------------------------------------------------------- faulty


def f21_this_year_over_total(path: Path) -> None:
    a01_two_decimals(path)


def f22_sources_one_row_short(path: Path) -> None:
    a03_sources_one_row(path)


def f23_short_labels_no_phone(path: Path) -> None:
    a02_short_labels(path)


def f24_location_to_be_decided(path: Path) -> None:
    v = filled(path.name, location="待定")
    save_grid(path, v, official_application(v))


def f25_end_before_start(path: Path) -> None:
    a06_plan_two_paragraphs(path)


def f26_network_to_be_added(path: Path) -> None:
    v = filled(path.name, network="待补充")
    security_document(path, v, official_security(v))


def f27_report_missing_sharing(path: Path) -> None:
    styled_report(path, "石嘴山市统计数据综合管理平台建设项目", "石嘴山市统计局", {(2, 3)})


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-两位小数万元手机.docx": a01_two_decimals,
    "申报表-标签略写.docx": a02_short_labels,
    "申报表-资金来源一行四格.docx": a03_sources_one_row,
    "申报表-资金来源嵌套竖表.docx": a04_sources_nested_column,
    "申报表-WPS标签折行值缩进.docx": a05_wps_wrapped_labels,
    "申报表-计划时间分两段.docx": a06_plan_two_paragraphs,
    "申报表-填报单位填报日期.docx": a07_filled_by_labels,
    "申报表-申报单位日期在表内首行.docx": a08_header_in_first_row,
    "申报表-金额带万元总投资略写.docx": a09_units_in_amounts,
    "申报表-复选框勾选类别.docx": a10_check_boxes,
    "申报表-参与单位写无.docx": a11_none_in_optional,
    "申报表-表上方金额单位.docx": a12_unit_above_table,
    "申报表-第二行两格未合并.docx": a13_row_two_unmerged,
    "申报表-日期补零表头日期另起一段.docx": a14_padded_dates_date_below,
    "审查表-申报时审查栏空白.docx": s15_review_blank,
    "审查表-勾选符合分行.docx": s16_ticked,
    "审查表-标签略写未审查.docx": s17_short_labels,
    "审查表-审查单位盖章.docx": s18_sealed,
    "审查表-建设内容多段.docx": s19_content_paragraphs,
    "报告-标题样式编号后空格.docx": r20_heading_styles,
    "申报表-两位小数本年度超总投资.docx": f21_this_year_over_total,
    "申报表-资金来源一行四格合计不符.docx": f22_sources_one_row_short,
    "申报表-标签略写缺电话.docx": f23_short_labels_no_phone,
    "申报表-建设地址待定.docx": f24_location_to_be_decided,
    "申报表-完成时间早于起始.docx": f25_end_before_start,
    "审查表-网络安全情况待补充.docx": f26_network_to_be_added,
    "报告-标题样式缺共享开放一节.docx": f27_report_missing_sharing,
    "申报表-千分位金额零写横杠.docx": a28_separators_and_dashes,
    "申报表-申报单位盖章标签带冒号.docx": a29_sealed_header_colons,
    "审查表-审查日期点号申报单位盖章.docx": s30_dotted_dates,
}


if __name__ == "__main__":
    make(MAKERS)
