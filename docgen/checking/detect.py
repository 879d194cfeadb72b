"""Which form a document is, from its content: labels for 附件1/2, the outline for 附件3."""

from __future__ import annotations

from docgen.checking.report import outline_headings_found
from docgen.docx_reader import DocxContent, Paragraph
from docgen.formatting import fold
from docgen.forms import Form


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


def is_checklist(content: DocxContent) -> bool:
    """The 申报材料清单 docgen writes beside the forms (its title says so)."""
    return any(
        isinstance(block, Paragraph) and "申报材料清单" in fold(block.text) and len(fold(block.text)) < 80
        for block in content.blocks[:5]
    )
