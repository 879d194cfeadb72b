"""Which form a document is, from its content: labels for 附件1/2, the outline for 附件3."""

from __future__ import annotations

from docgen.checking.cells import labels_found
from docgen.checking.plans import detect_plan
from docgen.checking.report import outline_headings_found
from docgen.docx_reader import DocxContent, Paragraph
from docgen.formatting import fold
from docgen.forms import Form

#: Labels only one of the two forms has: two of them tell which form a document is.
_OWN_LABELS = {
    Form.SECURITY: ("construction_content", "network_security", "network_review", "cryptography", "crypto_review"),
    Form.APPLICATION: (
        "total",
        "this_year",
        "sources",
        "national",
        "municipal",
        "schedule",
        "start",
        "preparation",
        "basis",
        "location",
        "materials",
    ),
}


def detect_form(content: DocxContent) -> Form | None:
    """The form a document is, from its content: the outline for 附件3; for 附件1/2, the labels only
    that form has (the annex's words or an office's) in the document's tables, however laid out;
    another 办法's document (钦州 实施方案, 江西 技术方案 …) by its title or chapters."""
    plan = detect_plan(content)
    if plan is not None:
        return plan
    if outline_headings_found(content) >= 3:
        return Form.REQUIREMENTS
    counts = {form: labels_found(content, facts) for form, facts in _OWN_LABELS.items()}
    best = max(counts, key=lambda form: counts[form])
    if counts[best] >= 2 and counts[Form.SECURITY] != counts[Form.APPLICATION]:
        return best
    titled = _titled(content)
    if titled is not None:  # a form written as paragraphs under its title: 「项目名称：…」 lines
        counts = {form: labels_found(content, facts, paragraphs=True) for form, facts in _OWN_LABELS.items()}
        if counts[titled] >= 2 and counts[titled] > min(counts.values()):
            return titled
    return None


#: The words a form's title ends with (「石嘴山市政务信息化项目申报表」「…网络安全和密码保护审查表」).
_TITLE_WORDS = {Form.SECURITY: "审查表", Form.APPLICATION: "申报表"}


def _titled(content: DocxContent) -> Form | None:
    """The form a title near the top names: a short line ending with 「申报表」 or 「审查表」."""
    lines = [fold(block.text) for block in content.blocks[:8] if isinstance(block, Paragraph) and block.text.strip()]
    for line in lines[:4]:
        for form, word in _TITLE_WORDS.items():
            if line.endswith(word) and len(line) <= 40:
                return form
    return None


def is_checklist(content: DocxContent) -> bool:
    """The 申报材料清单 docgen writes beside the forms (its title says so)."""
    return any(
        isinstance(block, Paragraph) and "申报材料清单" in fold(block.text) and len(fold(block.text)) < 80
        for block in content.blocks[:5]
    )
