"""Documents other 办法 name in prose (钦州2016 项目实施方案, 江西 技术方案 and 运维实施方案, 广西
年度建设（运维）方案): recognised by their title or chapters, and judged against their outline
(``docgen.outline.PLANS``) — every chapter found, in order, with content.

A chapter is found by its words (spaces, punctuation and its number aside), as 附件3's headings are;
a chapter that applies only to some projects (江西's 工作秘密) is not asked for.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from docgen.checking.report import split_number
from docgen.docx_reader import DocxContent, Paragraph, Table
from docgen.errors import Code, Finding, Severity
from docgen.forms import FORMS, Form
from docgen.normalize import is_placeholder
from docgen.outline import PLANS_BY_FORM, Plan

_PUNCT = re.compile(r"[\s\u3000、，,.。．:：;；()（）《》“”\"'‘’\-—_/]")


def _key(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def _titles(plan: Plan) -> list[str]:
    return [_key(part.title) for part in plan.parts]


def _heading_positions(content: DocxContent, plan: Plan) -> dict[int, int]:
    """Chapter index → block index of its heading (the first paragraph that is that chapter's words)."""
    titles = _titles(plan)
    found: dict[int, int] = {}
    for index, block in enumerate(content.blocks):
        if not isinstance(block, Paragraph) or not block.seen.strip():
            continue
        _number, rest = split_number(block.seen)
        key = _key(rest)
        for chapter, title in enumerate(titles):
            if chapter not in found and key and (key == title or (key.startswith(title) and len(key) < len(title) + 4)):
                found[chapter] = index
                break
    return found


def detect_plan(content: DocxContent) -> Form | None:
    """The plan a document is: its title is a plan's own, or it carries most of one plan's chapters."""
    head = [_key(block.seen) for block in content.blocks[:8] if isinstance(block, Paragraph)]
    for form_value in PLANS_BY_FORM:
        if any(_key(FORMS[Form(form_value)].title) in line for line in head):
            return Form(form_value)
    best = max(PLANS_BY_FORM.values(), key=lambda plan: len(_heading_positions(content, plan)))
    found = len(_heading_positions(content, best))
    return Form(best.form) if found >= max(4, len(best.parts) - 2) else None


def _has_content(content: DocxContent, start: int, end: int) -> bool:
    for block in content.blocks[start + 1 : end]:
        if isinstance(block, Table):
            if any(cell.text.strip() or cell.has_object for row in block.rows for cell in row):
                return True
        elif block.has_object or (block.seen.strip() and not is_placeholder(block.seen)):
            return True
    return False


def check_plan(content: DocxContent, form: Form) -> list[Finding]:
    """Missing, empty and misplaced chapters of a plan document, citing the article that lists them."""
    plan = PLANS_BY_FORM[form.value]
    positions = _heading_positions(content, plan)
    ordered = sorted(positions.values())
    article = plan.basis[plan.basis.rindex("》") + 1 :] if "》" in plan.basis else plan.basis
    article = re.sub(r"^（[^）]*）", "", article)
    findings = []

    def add(code: Code, message: str, chapter: int) -> None:
        findings.append(
            Finding(
                Severity.ERROR,
                code,
                f"{message}（{FORMS[form].title}，{article}）",
                label=plan.parts[chapter].text,
                article=article,
                file=content.name,
            )
        )

    for chapter, part in enumerate(plan.parts):
        if chapter not in positions:
            if part.when is None:
                add(Code.CHECK_MISSING, f"缺少章节「{part.text}」", chapter)
            continue
        start = positions[chapter]
        end = next((i for i in ordered if i > start), len(content.blocks))
        if not _has_content(content, start, end):
            add(Code.CHECK_EMPTY, f"章节「{part.text}」没有内容", chapter)
    chapters = sorted(positions, key=positions.__getitem__)
    for before, after in pairwise(chapters):
        if after < before:
            add(Code.CHECK_ORDER, f"章节「{plan.parts[after].text}」应在「{plan.parts[before].text}」之前", after)
    return findings
