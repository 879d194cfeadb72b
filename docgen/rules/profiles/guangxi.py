"""《广西政务信息化项目建设管理办法》（征求意见稿），自治区本级项目 — rules.md §4.

Applies to 自治区本级 projects only; do not use it for municipal projects (AMB-14).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from docgen.formatting import amount, cn
from docgen.forms import Form
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Kind, Need, Profile, Rule, RuleBook, Stage, Violation
from docgen.rules.helpers import empty_chapters, is_blank

ERR, WARN, INFO, DOC = Kind.ERROR, Kind.WARNING, Kind.INFO, Kind.DOCUMENT
BOOK = RuleBook()
N = Decimal
P = ("project",)
CONTRACT_PARTIES = ("用户单位", "项目建设单位", "项目实施单位")


BOOK.note("GX-02", "第二条", INFO, "政务信息化项目的定义和范围")
BOOK.note("GX-03", "第三条", INFO, "适用于使用自治区本级财政资金、中央财政资金建设和运维的项目")
BOOK.note("GX-04", "第四条", INFO, "用户单位、大数据发展局、财政厅、自治区信息中心的职责")


@BOOK.check("GX-05", "第五条", WARN, "原则上区直各部门不再自建和单独运维本部门政务信息化项目")
def _own_build(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    gx = data.guangxi
    if gx.user_unit and data.project.owner_unit and gx.user_unit.strip() == data.project.owner_unit.strip():
        yield Violation(
            (*P, "owner_unit"),
            "「项目建设单位」与「用户单位」相同：原则上区直各部门不再自建和单独运维本部门政务信息化项目",
        )


BOOK.note("GX-06", "第六条", INFO, "自治区大数据发展局每年6月组织年度计划编制")
BOOK.note("GX-07.1", "第七条第（一）（二）项", INFO, "部门年度计划符合总体规划并结合业务需求")


@BOOK.needs(
    "GX-07.2", "第七条第（三）项", DOC, "部门年度计划明确必要性、目标、内容和规模、功能、数据、安全、运维、经费等需求"
)
def _plan_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need(
        "annual_plan", "部门年度计划明确建设必要性、目标、内容、功能、数据、安全、运维、经费等需求", stage="计划"
    )


@BOOK.needs("GX-07.3", "第七条第（四）项", DOC, "部门年度计划由本单位云长审定后提交")
def _cloud_chief_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need(
        "cloud_chief_approval", "落实云长制", stage="计划", present=data.guangxi.cloud_chief_approved is True or None
    )


BOOK.note("GX-09", "第九条", INFO, "年度计划审查论证后报自治区人民政府批准")


@BOOK.check("GX-10", "第十条", ERR, "未纳入年度计划的项目，经自治区人民政府同意后补充列入")
def _in_plan(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.plan.in_annual_plan is False and is_blank(data.plan.supplementary_approval):
        yield Violation(
            ("plan", "supplementary_approval"), "项目未纳入年度计划，也没有经自治区人民政府同意补充列入的批准"
        )


BOOK.note("GX-11", "第十一条", INFO, "在建项目投资和合同期内运维经审核后统筹安排")


@BOOK.needs("GX-12", "第十二条", DOC, "编制项目需求分析报告并经用户单位书面确认")
def _requirements_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("requirements_report", "项目建设单位编制项目需求分析报告")
    yield Need(
        "user_confirmation",
        "需求分析报告经用户单位书面确认",
        present=data.guangxi.user_confirmed_requirements is True or None,
    )


def _scheme_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("annual_scheme", "年度建设（运维）方案", stage="计划")


@BOOK.check(
    "GX-13",
    "第十三条",
    DOC,
    "年度建设（运维）方案包括内容、功能、数据、架构、标准、周期、路径、保障、培训、概算等",
    needs=_scheme_needs,
    reading="docgen 按这十项生成年度建设（运维）方案（--forms 年度建设（运维）方案），各项取自数据；"
    "任一项没有内容为错误",
)
def _scheme_chapters(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from empty_chapters(data, Form.ANNUAL_SCHEME.value)


BOOK.note("GX-14", "第十四条", INFO, "方案评审内容")


@BOOK.needs("GX-15", "第十五条", DOC, "年度项目采购方案明确采购内容、预算和方式")
def _procurement_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("procurement_plan", "明确采购内容、预算和方式", stage="采购")


@BOOK.check("GX-16.1", "第十六条", ERR, "用户单位、项目建设单位、项目实施单位三方签订项目采购合同", stage=Stage.PROCURE)
def _parties(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    parties = data.procurement.contract_parties
    if not parties:
        return
    joined = "".join(parties)
    missing = [p for p in CONTRACT_PARTIES if p not in joined and not _names_party(data, p, parties)]
    if missing:
        yield Violation(("procurement", "contract_parties"), f"项目采购合同应由三方签订，缺少{'、'.join(missing)}")


def _names_party(data: ProjectData, role: str, parties: list[str]) -> bool:
    name = {"用户单位": data.guangxi.user_unit, "项目建设单位": data.project.owner_unit}.get(role)
    return bool(name) and any(name.strip() == p.strip() for p in parties)  # type: ignore[union-attr]


@BOOK.check(
    "GX-16.2",
    "第十六条",
    ERR,
    "合同期限原则上不超过{max_years:cn}年",
    thresholds={"max_years": N(3)},
    waivable=True,
    stage=Stage.PROCURE,
)
def _term(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    years = data.procurement.contract_term_years
    if years is not None and years > rule.t("max_years"):
        yield Violation(
            ("procurement", "contract_term_years"),
            f"「合同期限（年）」为{amount(years)}年，原则上不超过{cn(rule.t('max_years'))}年",
        )


ADJUSTMENT_REASONS = ("技术方案优化完善", "根据国家和自治区部署改变建设内容", "调整建设进度")


@BOOK.check("GX-18", "第十八条", ERR, "方案调整理由应符合三种情况之一")
def _adjustment(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    reason = data.guangxi.adjustment_reason
    if reason is not None and reason.strip() not in ADJUSTMENT_REASONS:
        yield Violation(
            ("guangxi", "adjustment_reason"),
            f"「方案调整理由」「{reason}」不属于规定的三种情况（{'、'.join(ADJUSTMENT_REASONS)}）",
        )


@BOOK.needs(
    "GX-20",
    "第二十条",
    DOC,
    "验收申请附实施总结、财务、审计、技术文档、安全风险评估报告和用户单位确认书",
    stage=Stage.ACCEPT,
)
def _acceptance_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.acceptance.completed_on is not None or data.acceptance.applied_on is not None:
        for doc in (
            "acceptance_application",
            "construction_summary",
            "financial_report",
            "audit_report",
            "technical_documents",
            "risk_assessment_report",
            "user_acknowledgement",
        ):
            yield Need(doc, "完成合同内容后申请验收", stage="验收")


@BOOK.needs("GX-21", "第二十一条", DOC, "完成验收后须形成项目验收报告", stage=Stage.ACCEPT)
def _report_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.acceptance.final_on is not None:
        yield Need("acceptance_report", "完成验收", stage="验收")


BOOK.note("GX-22", "第二十二条", INFO, "未通过验收的整改后重新申请", stage=Stage.ACCEPT)
BOOK.note("GX-23", "第二十三条", INFO, "同步开展项目档案建设管理")


@BOOK.check("GX-25.1", "第二十五条", DOC, "建立安全管理制度、技术措施和应急处置机制，网络安全同步规划、建设、验收")
def _security(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.security.network_security.summary):
        yield Violation(("security", "network_security", "summary"), "未说明安全管理制度、技术措施和应急处置机制")


@BOOK.check("GX-25.2", "第二十五条", WARN, "每年定期开展网络安全检测与风险评估", stage=Stage.ACCEPT)
def _yearly_assessment(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    in_service = data.acceptance.in_service_on
    if in_service is None:
        return
    done = {day.year for day in data.reporting.security_assessments}
    missing = [year for year in range(in_service.year + 1, ctx.current_date().year) if year not in done]
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        yield Violation(("reporting", "security_assessments"), f"应每年开展网络安全检测与风险评估，{years}没有记录")


BOOK.note("GX-25.3", "第二十五条", INFO, "鼓励采用国产化信息基础设施产品")
BOOK.note("GX-26", "第二十六条", INFO, "涉及敏感数据的，遵守隐私保护和数据脱敏规定")


@BOOK.check("GX-29", "第二十九条", WARN, "未接入数据共享交换平台、未对接一体化平台等应及时整改")
def _platforms(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.connects_share_exchange is False:
        yield Violation((*P, "connects_share_exchange"), "未接入自治区数据共享交换平台，应及时整改")
    if data.guangxi.connects_integrated_platform is False:
        yield Violation(("guangxi", "connects_integrated_platform"), "未按要求对接自治区数字政务一体化平台，应及时整改")


BOOK.note("GX-30", "第三十条", INFO, "未落实数字广西建设要求的，原则上不安排下一年度项目")
BOOK.note("GX-31", "第三十一条", INFO, "第三方双评估")


PROFILE = Profile(
    key="guangxi",
    short_name="广西",
    title="广西本级征求意见稿",
    name="《广西政务信息化项目建设管理办法》（征求意见稿）",
    jurisdiction="广西壮族自治区（自治区本级）",
    seed="002_e05c2d3081f05101.txt",
    status="征求意见稿",
    rules=BOOK.rules,
    forms=(Form.ANNUAL_SCHEME, Form.MATERIALS),
    asks="部门年度计划（第七条）、项目需求分析报告（第十二条）、年度建设（运维）方案（第十三条）、年度项目采购方案（第十五条）",
    scope_note="只适用于自治区本级项目，不用于市县项目（AMB-14）",
)
