# ruff: noqa: E501  (table rows read best on one line)
"""Layouts written after the blind corpus was measured and the reader was read: each holds one of the
causes the blind corpus found, in a layout of its own, so that a fix is kept for the general shape
and not for the blind document. Their manifest entries have no ``blind`` key: they are not part of
the blind figure.

Run from the repository root:  .venv/bin/python tests/corpus/after_reading.py [NAME.docx …]
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from blind_forms import (
    APP_TITLE,
    Filled,
    amounts_in_wan,
    day,
    docx_grid,
    filled,
    form_document,
    heading_styled,
    make,
    new_document,
    official_application,
    official_security,
    para,
    report_blocks,
)


def extra_fields(path: Path) -> None:
    """An office's own fields between the annex's: 「职务」 after 项目建设单位's value, 「电子邮箱」 and
    「邮政编码：」 rows — each ends the value before it; nothing of theirs is read."""
    v = filled(path.name)
    grid = official_application(v, amounts_in_wan(v))
    grid[0] = ["项目建设单位", v.text("project.owner_unit"), "<", "职务", "<", "局长", "项目负责人", v.text("project.leader.name"), "<"]  # fmt: skip
    grid[1] = ["电子邮箱", "zrzyj@szs.gov.cn", "<", "<", "<", "<", "联系电话", v.text("project.leader.phone"), "<"]
    grid[4] = ["项目建设地址", v.location, "<", "<", "邮政编码：", "<", "753000", "<", "<"]
    d = form_document(v)
    docx_grid(d, grid)
    d.save(path)


def joined_labels(leader: str) -> Callable[[Path], None]:
    """「项目负责人及联系电话」 as one label over two rows, its value one cell written as ``leader``."""

    def make(path: Path) -> None:
        v = filled(path.name)
        grid = official_application(v, amounts_in_wan(v))
        grid[0] = ["项目建设单位", v.text("project.owner_unit"), "<", "<", "项目负责人及联系电话", "<", leader.format(**_person(v)), "<", "<"]  # fmt: skip
        grid[1] = ["^"] * 9
        d = form_document(v)
        docx_grid(d, grid)
        d.save(path)

    return make


def _person(v: Filled) -> dict[str, str]:
    return {"name": v.text("project.leader.name"), "phone": v.text("project.leader.phone")}


def label_over_value(path: Path) -> None:
    """A two-column block where each cell holds its label on the first line and the value under it
    (「项目名称¶某某项目」); the date line right-aligned above the unit's line."""
    v = filled(path.name)
    grid = official_application(v, amounts_in_wan(v))
    grid[1] = ["联系电话", v.text("project.leader.phone"), "<", "<", "<", "<", "<", "<", "<"]
    rest = [row for n, row in enumerate(grid) if n not in (0, 3)]
    d = new_document()
    para(d, APP_TITLE, bold=True, center=True)
    para(d, day(v["declaration.date"])).alignment = 2
    para(d, f"项目申报单位：{v.text('declaration.applicant')}")
    docx_grid(
        d,
        [
            [f"项目名称\n{v['project.name']}", f"项目类别\n{v['project.category']}"],
            [f"项目建设单位\n{v['project.owner_unit']}", f"项目负责人\n{v['project.leader.name']}"],
        ],
    )
    docx_grid(d, rest)
    d.save(path)


def review_columns(path: Path) -> None:
    """The review as a table with the two reviews as columns and their parts as rows."""
    v = filled(path.name)
    r, c = "review.network_security.", "review.cryptography."
    d = form_document(v, 2)
    docx_grid(d, [*official_security(v)[:5], official_security(v)[6]])
    docx_grid(
        d,
        [
            ["审查事项", "网络安全审查", "密码保护审查"],
            ["审查结果", v.text(r + "result"), v.text(c + "result")],
            ["审查单位", v.text(r + "unit"), v.text(c + "unit")],
            ["审查日期", day(v[r + "date"]), day(v[c + "date"])],
        ],
    )
    d.save(path)


def first_chapter_last(path: Path) -> None:
    """Chapter 一 placed after 五 (no chapter before it stays in place); second-level titles run into
    their text after a full-width 「．」."""
    d = new_document()
    blocks = report_blocks("石嘴山市不动产登记“一窗受理”平台建设项目", "石嘴山市自然资源局", order=[1, 2, 3, 4, 0])
    for n, b in enumerate(blocks):
        if b.kind == "h2":
            p = d.add_paragraph()
            p.add_run(f"{b.number}{b.text}．").bold = True
            p.add_run(blocks[n + 1].text)
        elif b.kind == "text" and blocks[n - 1].kind == "h2":
            continue
        else:
            para(d, (b.number + b.text) if b.kind == "h1" else b.text, bold=b.kind in ("title", "h1"))
    d.save(path)


def section_in_another_chapter(path: Path) -> None:
    """二（三） written under chapter 三, after 三（二）."""
    blocks = report_blocks("石嘴山市智慧教育云平台扩容项目", "石嘴山市教育局")
    at = next(n for n, b in enumerate(blocks) if b.text == "项目建设的意义和必要性")
    moved = blocks[at : at + 2]
    del blocks[at : at + 2]
    to = next(n for n, b in enumerate(blocks) if b.text == "功能和性能需求分析")
    blocks[to:to] = moved
    d = new_document()
    heading_styled(d, blocks)
    d.save(path)


MAKERS: dict[str, Callable[[Path], None]] = {
    "申报表-另加职务邮箱邮编栏.docx": extra_fields,
    "申报表-负责人及电话一栏.docx": joined_labels("{name}，{phone}"),
    "申报表-负责人及电话只写姓名.docx": joined_labels("{name}"),
    "申报表-标签与值同格日期在上.docx": label_over_value,
    "审查表-两项审查分列.docx": review_columns,
    "报告-第一章在最后标题句点接正文.docx": first_chapter_last,
    "报告-一节写在另一章.docx": section_in_another_chapter,
}


if __name__ == "__main__":
    make(MAKERS)
