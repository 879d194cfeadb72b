"""The three documents of a submission package and their templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormSpec:
    key: str
    template: str  # file name in the templates folder
    suffix: str  # output file name: <项目名称>-<suffix>.docx
    title: str  # the annex's own title
    annex: bool = True  # one of the 办法's annexes (has a blank form); False for docgen's own checklist


FORMS: dict[str, FormSpec] = {
    spec.key: spec
    for spec in (
        FormSpec("application", "application.docx", "申报表", "石嘴山市政务信息化项目申报表"),
        FormSpec(
            "security",
            "security.docx",
            "网络安全和密码保护审查表",
            "石嘴山市政务信息化项目网络安全和密码保护审查表",
        ),
        FormSpec("requirements", "requirements.docx", "需求分析报告", "政务信息化项目需求分析报告"),
        FormSpec("materials", "materials.docx", "申报材料清单", "申报材料清单", annex=False),
    )
}
ANNEXES: tuple[str, ...] = tuple(key for key, spec in FORMS.items() if spec.annex)
