"""The documents of a submission package: one table of their keys, names and titles.

:class:`Form` is what every layer passes around; it accepts the English key
(``application``), the short Chinese name a person types (``申报表``, ``审查表``),
the annex number (``附件1``) and the full title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Form(StrEnum):
    APPLICATION = "application"
    SECURITY = "security"
    REQUIREMENTS = "requirements"
    MATERIALS = "materials"
    FILING = "filing"
    CHANGES = "changes"
    OPINION = "opinion"
    # documents other 办法 name in prose (their outlines: docgen.outline.PLANS)
    IMPLEMENTATION_PLAN = "implementation_plan"
    ANNUAL_SCHEME = "annual_scheme"
    TECHNICAL_PLAN = "technical_plan"
    OM_PLAN = "om_plan"

    @property
    def spec(self) -> FormSpec:
        return FORMS[self]

    @classmethod
    def parse(cls, name: str | Form) -> Form | None:
        """The form a person or a script named, or None when no form has that name."""
        if isinstance(name, Form):
            return name
        text = "".join(name.split())
        for form, spec in FORMS.items():
            if text in (form.value, spec.suffix, spec.title, spec.annex, *spec.aliases):
                return form
        return None


@dataclass(frozen=True)
class FormSpec:
    template: str  # file name in the templates folder
    suffix: str  # output file name: <项目名称>-<suffix>.docx; also the short Chinese name
    title: str  # the annex's own title
    annex: str  # 附件1 … ('' for docgen's own checklist)
    aliases: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        """「附件1 申报表」: how messages name the form."""
        return f"{self.annex} {self.suffix}" if self.annex else self.suffix


#: A blank form's file name starts with this (空白-申报表.docx).
BLANK_PREFIX = "空白-"

FORMS: dict[Form, FormSpec] = {
    Form.APPLICATION: FormSpec(
        "application.docx", "申报表", "石嘴山市政务信息化项目申报表", "附件1", ("项目申报表", "申请表")
    ),
    Form.SECURITY: FormSpec(
        "security.docx",
        "网络安全和密码保护审查表",
        "石嘴山市政务信息化项目网络安全和密码保护审查表",
        "附件2",
        ("审查表", "网络安全审查表"),
    ),
    Form.REQUIREMENTS: FormSpec(
        "requirements.docx", "需求分析报告", "政务信息化项目需求分析报告", "附件3", ("项目需求分析报告",)
    ),
    Form.MATERIALS: FormSpec("materials.docx", "申报材料清单", "申报材料清单", "", ("材料清单",)),
    Form.FILING: FormSpec("filing.docx", "备案信息表", "政务信息化项目备案信息表", "", ("备案表", "备案")),
    Form.CHANGES: FormSpec("changes.docx", "备案信息变更说明", "政务信息化项目备案信息变更说明", "", ("变更说明",)),
    Form.OPINION: FormSpec("opinion.docx", "技术审查意见", "政务信息化项目技术审查意见", "", ("审查意见",)),
    Form.IMPLEMENTATION_PLAN: FormSpec(
        "qinzhou-implementation-plan.docx", "项目实施方案", "“智慧钦州”建设项目实施方案", "", ("实施方案",)
    ),
    Form.ANNUAL_SCHEME: FormSpec(
        "guangxi-annual-scheme.docx",
        "年度建设（运维）方案",
        "广西壮族自治区本级政务信息化项目年度建设（运维）方案",
        "",
        ("年度建设方案", "年度运维方案", "建设（运维）方案"),
    ),
    Form.TECHNICAL_PLAN: FormSpec("jiangxi-technical-plan.docx", "技术方案", "江西省数字化项目技术方案", ""),
    Form.OM_PLAN: FormSpec("jiangxi-om-plan.docx", "运维实施方案", "江西省数字化项目运维实施方案", ""),
}
#: What a build writes when no form is named: the submission package. The 备案信息表 (第十八条)
#: belongs to a later stage and is written when asked for (``--forms 备案信息表``).
PACKAGE: tuple[Form, ...] = (Form.APPLICATION, Form.SECURITY, Form.REQUIREMENTS, Form.MATERIALS)
#: What ``build`` writes on request (the 变更说明 is written by ``diff -o``).
BUILDABLE: tuple[Form, ...] = (*PACKAGE, Form.FILING)
#: The 办法's annexes (each has a blank form); the 材料清单 is docgen's own.
ANNEXES: tuple[Form, ...] = (Form.APPLICATION, Form.SECURITY, Form.REQUIREMENTS)
#: The documents other 办法 name in prose, built from their outlines (docgen.outline.PLANS).
PLAN_FORMS: tuple[Form, ...] = (Form.IMPLEMENTATION_PLAN, Form.ANNUAL_SCHEME, Form.TECHNICAL_PLAN, Form.OM_PLAN)
#: Every form ``build`` knows; which a project may have is its 办法's (``Profile.forms``).
ALL_BUILDABLE: tuple[Form, ...] = (*BUILDABLE, *PLAN_FORMS)
#: The forms that have a blank version to fill in by hand.
BLANKS: tuple[Form, ...] = (*ANNEXES, Form.FILING)
#: The forms whose cells ``extract`` reads back into data.
CELL_FORMS: tuple[Form, ...] = (Form.APPLICATION, Form.SECURITY)


def form_names(forms: Iterable[Form]) -> str:
    """「application（申报表）、security（网络安全和密码保护审查表）…」 for messages and help."""
    return "、".join(f"{form.value}（{form.spec.suffix}）" for form in forms)
