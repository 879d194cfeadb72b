"""The documents the 办法 name, and how a free-text 申报材料 line is matched to one.

Each document has the title printed in the 材料清单, the words that identify it
in a person's own list (「项目初步设计（含建设必要性和可行性论证）」 names 初步设计),
and, for the three annexes, the docgen form that is that document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from docgen.forms import FORMS, Form


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    aliases: tuple[str, ...]
    form: Form | None = None  # the docgen form that produces it


def _docs(*items: Document) -> dict[str, Document]:
    return {item.key: item for item in items}


DOCUMENTS: dict[str, Document] = _docs(
    Document("proposal", "项目建议书", ("项目建议书", "建议书")),
    Document("feasibility", "可行性研究报告", ("可行性研究报告", "可研报告")),
    Document("preliminary_design", "项目初步设计", ("初步设计",)),
    # The annexes as the articles name them (第十六条 says 「建设申报表」; the annex's own title is in FORMS).
    Document("requirements_report", "项目需求分析报告", ("需求分析报告",), form=Form.REQUIREMENTS),
    Document("application_form", "石嘴山市政务信息化项目建设申报表", ("申报表",), form=Form.APPLICATION),
    Document(
        "security_form", FORMS[Form.SECURITY].title, ("网络安全和密码保护审查表", "密码保护审查表"), form=Form.SECURITY
    ),
    Document("data_catalog", "信息资源目录（编入可行性研究报告或初步设计）", ("信息资源目录", "数据资源目录")),
    Document("industry_opinion", "自治区行业主管部门意见书", ("意见书",)),
    Document(
        "pilot_approval",
        "上级行业主管部门及自治区政府办公厅同意先行建设的意见",
        ("同意先行建设", "政府办公厅同意", "上级行业主管部门同意"),
    ),
    Document("third_party_evaluation", "前期项目第三方评价报告", ("第三方评价报告",)),
    Document("construction_plan", "建设方案", ("建设方案",)),
    Document("implementation_plan", "项目实施方案", ("项目实施方案", "实施方案"), form=Form.IMPLEMENTATION_PLAN),
    Document("prereview_opinion", "市发改委预审意见", ("预审意见",)),
    Document("xinchuang_statement", "产品安全可靠及采用信创技术情况说明", ("信创", "安全可靠")),
    Document("xinchuang_approval", "市保密行政管理部门批准文件", ("保密行政管理部门",)),
    Document("data_sharing_analysis", "信息共享需求分析及项目信息资源目录", ("信息共享需求", "信息资源目录")),
    Document("annual_plan", "部门年度计划", ("年度计划",)),
    Document("cloud_chief_approval", "本单位云长审定意见", ("云长",)),
    Document("user_confirmation", "用户单位对需求分析报告的书面确认", ("书面确认", "用户单位确认")),
    Document("annual_scheme", "年度建设（运维）方案", ("年度建设", "运维方案"), form=Form.ANNUAL_SCHEME),
    Document("procurement_plan", "年度项目采购方案", ("采购方案",)),
    Document("technical_plan", "技术方案", ("技术方案",), form=Form.TECHNICAL_PLAN),
    Document("graded_protection_plan", "分级保护建设方案", ("分级保护",)),
    Document("om_plan", "运维实施方案", ("运维实施方案",), form=Form.OM_PLAN),
    Document("party_review_record", "党委（党组）或办公会议审议意见", ("审议",)),
    Document("affordability_report", "财政承受能力评估报告", ("财政承受能力",)),
    Document("evaluation_report", "论证评估报告", ("论证评估",)),
    Document("acceptance_application", "验收申请报告", ("验收申请",)),
    Document("construction_summary", "项目建设（实施）总结报告", ("建设总结", "实施总结")),
    Document("financial_report", "财务报告", ("财务报告",)),
    Document("audit_report", "审计报告", ("审计报告",)),
    Document("technical_documents", "技术文档", ("技术文档",)),
    Document("risk_assessment_report", "安全风险评估报告", ("风险评估报告",)),
    Document("user_acknowledgement", "用户单位确认书", ("确认书",)),
    Document("acceptance_report", "项目验收报告", ("验收报告",)),
    Document("data_sharing_report", "数据资源共享报告", ("数据资源共享报告",)),
    Document("data_sharing_confirmation", "数据共享情况确认书", ("数据共享情况确认书",)),
    Document("secure_reliable_statement", "软硬件产品的安全可靠情况", ("安全可靠情况",)),
    Document("test_report", "第三方测评报告（含功能和性能测评报告）", ("测评报告",)),
    Document("crypto_assessment_report", "密码应用安全性评估报告", ("密码应用安全性评估",)),
    Document("secrecy_risk_assessment", "保密风险评估", ("保密风险评估",)),
    Document("archive_acceptance", "档案专项验收情况", ("档案专项验收",)),
    Document("extension_request", "竣工验收延期申请", ("延期申请",)),
    Document("performance_report", "项目绩效评价报告", ("绩效评价报告",)),
    Document("site_selection", "规划选址审批", ("规划选址",)),
    Document("land_pre_review", "用地预审", ("用地预审",)),
    Document("environmental_assessment", "环境影响评价", ("环境影响评价", "环评")),
    Document("energy_assessment", "节能评估", ("节能评估", "节能审查")),
)

_PARENTHESIZED = re.compile(r"[（(][^（）()]*[）)]")
_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’]")


def normalize(text: str) -> str:
    """Width-folded, without spaces, quotes or book-title marks."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def listed_in(document: Document, listed: Iterable[str]) -> bool:
    """True when one line of ``listed`` names ``document`` (remarks in parentheses aside)."""
    for line in listed:
        text = normalize(line)
        main = text
        while True:  # nested parentheses: strip innermost first
            stripped = _PARENTHESIZED.sub("", main)
            if stripped == main:
                break
            main = stripped
        if any(normalize(alias) in main for alias in document.aliases):
            return True
    return False
