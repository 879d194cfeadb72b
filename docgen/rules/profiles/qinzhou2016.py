"""《“智慧钦州”建设项目和资金管理暂行办法》（钦政办〔2016〕10号） — rules.md §2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from docgen.formatting import date_cn
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Kind, Need, Profile, Rule, RuleBook, Violation
from docgen.rules.helpers import is_blank, true_flags, wan

ERR, WARN, INFO, DOC = Kind.ERROR, Kind.WARNING, Kind.INFO, Kind.DOCUMENT
BOOK = RuleBook()
N = Decimal
P = ("project",)
#: 第九条: below this 总投资 an 实施方案 replaces the 可研/初设; from it, the full procedure.
IMPLEMENTATION_PLAN_LIMIT = {"limit": N(500)}

#: 第十条: what departments may not build on their own (data fields and the article's words).
OWN_INFRASTRUCTURE = ("machine_room",)
OWN_INFRASTRUCTURE_EXT = (
    "department_private_network",
    "computing_platform",
    "storage_backup_platform",
    "security_platform",
    "website_platform",
    "internet_egress",
)


def own_infrastructure(data: ProjectData) -> Iterator[Violation]:
    """钦州 2016 第十条 and 2023 稿 第十四条 share the same list."""
    for name, title in true_flags(data.project.infrastructure, OWN_INFRASTRUCTURE):
        yield Violation((*P, "infrastructure", name), f"项目私自新建或扩建「{title}」，原则上不允许")
    for name, title in true_flags(data.project.infrastructure_ext, OWN_INFRASTRUCTURE_EXT):
        yield Violation((*P, "infrastructure_ext", name), f"项目私自新建或扩建「{title}」，原则上不允许")


BOOK.note("QZ16-02", "第二条", INFO, "“智慧钦州”建设项目的范围（网络、机房、信息安全、系统集成、应用平台等）")
BOOK.note("QZ16-04", "第四条", INFO, "适用于使用市级财政资金和政府融资资金的建设项目")
BOOK.note("QZ16-06", "第六条", INFO, "项目申报分为年度申报和专项申报")


@BOOK.check(
    "QZ16-07.1",
    "第七条",
    ERR,
    "每年{month}月{day}日前将下一年度拟建项目报送至市发改委",
    thresholds={"month": N(9), "day": N(30)},
    reading="“9月30日前”含当日（AMB-20）",
)
def _annual_deadline(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    plan = data.plan
    if plan.declaration_type != "年度申报" or plan.plan_year is None or plan.submitted_on is None:
        return
    due = dt.date(plan.plan_year - 1, int(rule.t("month")), int(rule.t("day")))
    if plan.submitted_on > due:
        yield Violation(
            ("plan", "submitted_on"),
            f"{plan.plan_year}年度拟建项目应在{date_cn(due)}前报送市发改委，实际报送日期为{date_cn(plan.submitted_on)}",
        )


@BOOK.check("QZ16-08.1", "第八条", ERR, "专项申报项目须先报市发改委预审", waivable=True)
def _prereview(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.plan.declaration_type == "专项申报" and is_blank(data.plan.prereview_opinion):
        yield Violation(("plan", "prereview_opinion"), "专项申报项目须先报市发改委预审，数据中没有「预审意见」")


@BOOK.check("QZ16-07.2", "第七条", WARN, "综合评估必要性、可行性、安全性、协同共享范围和资金来源")
def _coverage(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    report = data.requirements_report
    missing = []
    if report.necessity.significance is None:
        missing.append("必要性")
    if report.analysis.environment is None and report.construction.scope is None:
        missing.append("可行性")
    if is_blank(data.security.network_security.summary):
        missing.append("安全性")
    if report.analysis.data_sharing is None:
        missing.append("协同共享范围")
    if data.project.investment.total is None:
        missing.append("资金来源")
    if missing:
        yield Violation(("requirements_report",), f"申报材料未说明{'、'.join(missing)}，市发改委将对此综合评估")


@BOOK.needs("QZ16-08.2", "第八条", DOC, "项目报审时应提交建设方案等相应材料")
def _plan_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("construction_plan", "项目报审")
    if data.plan.declaration_type == "专项申报":
        yield Need("prereview_opinion", "专项申报项目", present=not is_blank(data.plan.prereview_opinion))


def _below(data: ProjectData, rule: Rule) -> bool:
    total = data.project.investment.total
    return total is not None and total < rule.t("limit")


BOOK.note("QZ16-08.3", "第八条", INFO, "市发改委应在{workdays}个工作日内完成预审", thresholds={"workdays": N(15)})
BOOK.note("QZ16-09.1", "第九条", INFO, "经市政府审定的项目须按基本程序报市发改委审批")


@BOOK.needs(
    "QZ16-09.2",
    "第九条",
    DOC,
    "总投资{limit}万元以下的项目，以项目实施方案代替可行性研究报告暨初步设计方案和投资概算",
    thresholds=IMPLEMENTATION_PLAN_LIMIT,
    reading="“500万元以下”读作低于500万元（第九条另写“500万元以上（含500万元）”）",
)
def _small_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _below(data, rule):
        yield Need(
            "implementation_plan",
            f"总投资{wan(rule.t('limit'))}以下，以实施方案代替可行性研究报告暨初步设计方案和投资概算",
        )


@BOOK.needs(
    "QZ16-09.4",
    "第九条",
    DOC,
    "实施方案应包括需求分析、建设内容、技术方案、部署方案、共享协同、信息安全、投资概算、招标方案八部分",
    thresholds=IMPLEMENTATION_PLAN_LIMIT,
    reading="列入材料清单；docgen 不读取实施方案正文",
)
def _plan_sections(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _below(data, rule):
        yield Need("implementation_plan", "实施方案须包括需求分析、建设内容、技术方案等八部分内容")


@BOOK.check(
    "QZ16-09.3", "第九条", WARN, "实施方案应委托具有相应资质的咨询机构编制", thresholds=IMPLEMENTATION_PLAN_LIMIT
)
def _consulting(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if _below(data, rule) and is_blank(data.project.consulting_org):
        yield Violation((*P, "consulting_org"), "实施方案应委托具有相应资质的咨询机构编制，数据中未填写编制机构")


@BOOK.needs(
    "QZ16-09.5",
    "第九条",
    DOC,
    "总投资{limit}万元以上（含）的项目严格按照政府固定资产投资项目建设程序报批",
    thresholds=IMPLEMENTATION_PLAN_LIMIT,
    reading="办法未列文件；按政府投资项目通常程序列项目建议书、可行性研究报告、初步设计（AMB-12）",
)
def _large_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    total = data.project.investment.total
    if total is not None and total >= rule.t("limit"):
        why = f"总投资{wan(rule.t('limit'))}以上（含），按政府固定资产投资项目建设程序报批"
        yield from (Need(doc, why, stage="报批") for doc in ("proposal", "feasibility", "preliminary_design"))


@BOOK.check(
    "QZ16-10",
    "第十条",
    ERR,
    "各部门原则上不允许私自新建或扩建机房、专网、运算、存储备份、安全、网站平台和互联网出口",
    waivable=True,
)
def _infrastructure(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from own_infrastructure(data)


@BOOK.needs("QZ16-11", "第十一条", DOC, "国家、自治区拨款新建的项目应将建设方案等材料抄送市发改委")
def _upper_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.qinzhou.upper_level_funded is True:
        yield Need("construction_plan", "国家、自治区相关部门拨款新建的项目，抄送市发改委")


def not_planned(data: ProjectData, what: str) -> Iterator[Violation]:
    if data.plan.in_annual_plan is False:
        yield Violation(("plan", "in_annual_plan"), f"项目未列入{what}，市财政局原则上不予安排经费")
    if data.approval.approved_on is None and data.plan.in_annual_plan is not None:
        yield Violation(
            ("approval", "approved_on"), "项目未经市发改委审批（没有立项批复日期），市财政局原则上不予安排经费"
        )


@BOOK.check("QZ16-13", "第十三条", ERR, "未列入年度建设计划及未经市发改委审批的项目原则上不予安排经费", waivable=True)
def _funding(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from not_planned(data, "年度建设计划")


BOOK.note("QZ16-14", "第十四条", INFO, "建设资金核定下达后严格执行")
BOOK.note("QZ16-15", "第十五条", INFO, "项目建设完成后由市发改委组织审查评估验收")


@BOOK.check(
    "QZ16-16", "第十六条", WARN, "连续{failures}次未能通过总体验收等情形绩效评价不合格", thresholds={"failures": N(2)}
)
def _performance(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    attempts = data.acceptance.attempts
    if attempts is not None and attempts >= rule.t("failures"):
        yield Violation(("acceptance", "attempts"), f"连续{attempts}次未能通过总体验收，绩效评价不合格")


@BOOK.check("QZ16-19", "第十九条", WARN, "按季度报送建设资金使用情况，年底报送预算执行情况")
def _quarterly(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    start = data.project.schedule.start
    if start is None or data.approval.approved_on is None:
        return
    today = ctx.current_date()
    quarters_due = max(0, (today.year - start.year) * 4 + (today.month - 1) // 3 - (start.month - 1) // 3)
    sent = len(data.reporting.quarterly_funds_reports)
    if sent < quarters_due:
        yield Violation(
            ("reporting", "quarterly_funds_reports"),
            f"自{date_cn(start)}开工以来应按季度报送建设资金使用情况{quarters_due}次，记录只有{sent}次",
        )


@BOOK.check("QZ16-21", "第二十一条", ERR, "报审前必须分析信息共享需求，不支持信息共享和业务协同的不予审批")
def _sharing(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    catalog = data.project.data_catalog
    if data.requirements_report.analysis.data_sharing is None and not catalog.items:
        yield Violation(
            ("requirements_report", "analysis", "data_sharing"),
            "报审前必须分析信息共享需求、明确共享信息的基本内容：既没有信息共享需求分析，也没有信息资源目录",
        )


@BOOK.check("QZ16-24", "第二十四条", DOC, "落实等级保护；试运行期间开展信息安全风险评估")
def _security(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.security.network_security.protection_level is None:
        yield Violation(
            ("security", "network_security", "protection_level"),
            "未填写「网络安全等级保护定级（级）」：应落实非涉密信息系统等级保护",
        )
    a = data.acceptance
    if a.trial_run_end is not None and a.risk_assessment is not True:
        yield Violation(("acceptance", "risk_assessment"), "试运行期间应组织开展信息安全风险评估，数据中未记录")


@BOOK.check("QZ16-25", "第二十五条", WARN, "优先选用本国先进、成熟、安全的技术和产品")
def _domestic(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for index, product in enumerate(data.project.products):
        if product.domestic is False:
            yield Violation(
                (*P, "products", index, "domestic"),
                f"关键产品「{product.name}」不是国产产品：应优先选用本国先进、成熟、安全的技术和产品",
            )


BOOK.note("QZ16-26", "第二十六条", INFO, "涉密项目由具有涉密资质的单位承建（非涉密工具不检查）")


PROFILE = Profile(
    key="qinzhou2016",
    short_name="钦州2016",
    name="《“智慧钦州”建设项目和资金管理暂行办法》（钦政办〔2016〕10号）",
    jurisdiction="广西·钦州市",
    seed="003_53ff5dffc5c8bb6d.txt",
    status="现行（2016年2月24日起施行）",
    rules=BOOK.rules,
)
