"""《“智慧钦州”建设项目和资金管理暂行办法》（钦政办〔2016〕10号） — rules.md §2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from docgen.formatting import date_cn
from docgen.forms import Form
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Kind, Need, Profile, Rule, RuleBook, Stage, Violation
from docgen.rules.helpers import empty_chapters, is_blank, label, true_flags, wan

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


def deployed_on(data: ProjectData, places: tuple[str, ...], named: str) -> Iterator[Violation]:
    """钦州 2016 第十条 and 2023 稿 第十四条: the project is built on the government networks and
    cloud — checked as 石嘴山 第十一条 is (a warning when the 部署环境 is not one of them)."""
    where = data.project.deployment
    if is_blank(where):
        yield Violation((*P, "deployment"), f"未填写{label(*P, 'deployment')}：项目原则上应依托{named}建设")
    elif not any(place in (where or "") for place in places):
        yield Violation((*P, "deployment"), f"{label(*P, 'deployment')}为「{where}」：项目原则上应依托{named}建设")


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


def _plan_sections(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _below(data, rule):
        yield Need("implementation_plan", "实施方案须包括需求分析、建设内容、技术方案等八部分内容")


@BOOK.check(
    "QZ16-09.4",
    "第九条",
    DOC,
    "实施方案应包括需求分析、建设内容、技术方案、部署方案、共享协同、信息安全、投资概算、招标方案八部分",
    thresholds=IMPLEMENTATION_PLAN_LIMIT,
    needs=_plan_sections,
    reading="docgen 按这八部分生成项目实施方案（--forms 项目实施方案），各部分取自数据（需求分析取需求分析报告的"
    "三（一）（三），部署方案空着时取运行环境需求分析）；任一部分没有内容为错误；check 按这八部分检查收到的实施方案",
)
def _plan_chapters(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if _below(data, rule):
        yield from empty_chapters(data, Form.IMPLEMENTATION_PLAN.value)


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


#: 第十条: 电子政务内网、外网及云计算中心 (a 政务云 is today's 云计算中心).
GOVERNMENT_PLACES = ("电子政务内网", "电子政务外网", "政务内网", "政务外网", "云计算中心", "政务云")


@BOOK.check(
    "QZ16-10.1",
    "第十条",
    WARN,
    "经批准建设的项目原则上应依托电子政务内网、外网及云计算中心进行建设",
    reading="与石嘴山第十一条同样检查「部署环境」；“云计算中心”包括今天的政务云",
)
def _deployment(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from deployed_on(data, GOVERNMENT_PLACES, "电子政务内网、外网及云计算中心")


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
    """No funds for a project outside the plan or not approved — said at the stage funds are
    arranged (立项 and after): at 申报 both are the normal state."""
    if data.plan.in_annual_plan is False:
        yield Violation(("plan", "in_annual_plan"), f"项目未列入{what}，市财政局原则上不予安排经费")
    if data.approval.approved_on is None:
        yield Violation(
            ("approval", "approved_on"),
            "项目已进入安排经费的环节，但未经市发改委审批（没有立项批复日期），市财政局原则上不予安排经费",
        )


FUNDING_READING = (
    "讲的是安排经费：经费在审批（第九条）之后安排，申报时尚未列入计划、尚未审批是正常状态，不检查；"
    "项目已立项、招标、实施或报送资金使用情况（环节为立项及以后）时检查"
)


@BOOK.check(
    "QZ16-13",
    "第十三条",
    ERR,
    "未列入年度建设计划及未经市发改委审批的项目原则上不予安排经费",
    waivable=True,
    stage=Stage.APPROVE,
    reading=FUNDING_READING,
)
def _funding(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from not_planned(data, "年度建设计划")


BOOK.note("QZ16-14", "第十四条", INFO, "建设资金核定下达后严格执行", stage=Stage.APPROVE)
BOOK.note("QZ16-15", "第十五条", INFO, "项目建设完成后由市发改委组织审查评估验收", stage=Stage.ACCEPT)


@BOOK.check(
    "QZ16-16",
    "第十六条",
    WARN,
    "无合理原因未按计划完成、擅自变更建设内容、连续{failures}次未能通过总体验收等情形绩效评价不合格",
    thresholds={"failures": N(2)},
    stage=Stage.APPROVE,
    reading="第（一）项：「完成时间」已过、尚无「项目建设完成日期」（或晚于完成时间）且没有写明原因；"
    "第（四）项：写有「建设内容变更情况」而没有批准文件（第十四条）；第（三）项：未通过总体验收的次数",
)
def _performance(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    end, done = data.project.schedule.end, data.acceptance.completed_on
    late = end is not None and (done > end if done is not None else ctx.current_date() > end)
    if late and is_blank(data.qinzhou.delay_reason):
        what = f"于{date_cn(done)}完成" if done else "尚未完成"
        yield Violation(
            ("qinzhou", "delay_reason"),
            f"项目计划于{date_cn(end)}完成建设，{what}，未写明合理原因：无合理原因没有按计划完成建设任务的，"
            "绩效评价不合格（第（一）项）",
        )
    if not is_blank(data.qinzhou.scope_change) and is_blank(data.qinzhou.scope_change_approval):
        yield Violation(
            ("qinzhou", "scope_change_approval"),
            "建设内容有变更而没有批准文件：擅自变更建设内容的，绩效评价不合格（第（四）项）",
        )
    attempts = data.acceptance.attempts
    if attempts is not None and attempts >= rule.t("failures"):
        yield Violation(("acceptance", "attempts"), f"连续{attempts}次未能通过总体验收，绩效评价不合格（第（三）项）")


@BOOK.check(
    "QZ16-19",
    "第十九条",
    WARN,
    "按季度报送建设资金使用情况，年底报送预算执行情况",
    stage=Stage.APPROVE,
    reading="季度报告自开工（「起始时间」）起计；年底报告：批复当年起到完成当年止，最近一个已过的年底"
    "之后（当年或次年）应有「年底预算执行情况报送日期」",
)
def _quarterly(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    start = data.project.schedule.start
    approved = data.approval.approved_on
    if start is None or approved is None:
        return
    today = ctx.current_date()
    quarters_due = max(0, (today.year - start.year) * 4 + (today.month - 1) // 3 - (start.month - 1) // 3)
    sent = len(data.reporting.quarterly_funds_reports)
    if sent < quarters_due:
        yield Violation(
            ("reporting", "quarterly_funds_reports"),
            f"自{date_cn(start)}开工以来应按季度报送建设资金使用情况{quarters_due}次，记录只有{sent}次",
        )
    end = data.project.schedule.end
    last_year = min(today.year - 1, end.year if end else today.year - 1)
    if last_year < approved.year:
        return  # no year end has passed since funds were arranged
    reported = data.reporting.year_end_budget_report
    if reported is None or reported.year < last_year:
        what = f"最近一次报送为{date_cn(reported)}" if reported else "没有报送记录"
        yield Violation(
            ("reporting", "year_end_budget_report"),
            f"{last_year}年底应向市财政局报送预算执行情况，{what}",
        )


@BOOK.check("QZ16-21", "第二十一条", ERR, "报审前必须分析信息共享需求，不支持信息共享和业务协同的不予审批")
def _sharing(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    catalog = data.project.data_catalog
    if data.requirements_report.analysis.data_sharing is None and not catalog.items:
        yield Violation(
            ("requirements_report", "analysis", "data_sharing"),
            "报审前必须分析信息共享需求、明确共享信息的基本内容：既没有信息共享需求分析，也没有信息资源目录",
        )
    if data.qinzhou.supports_sharing is False:
        yield Violation(
            ("qinzhou", "supports_sharing"),
            "项目不支持信息共享和业务协同，市发改委不予审批，市财政局不予安排资金",
        )


@BOOK.check(
    "QZ16-24",
    "第二十四条",
    DOC,
    "落实涉密系统分级保护和非涉密系统等级保护；试运行期间开展信息安全风险评估；涉密系统投入使用前经保密行政管理部门审查批准",
    reading="非涉密项目须有等级保护定级；涉密项目落实分级保护（不要求等级保护定级），投入使用前须有审查批准文件",
)
def _security(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    secret = data.project.classified is True
    if not secret and data.security.network_security.protection_level is None:
        yield Violation(
            ("security", "network_security", "protection_level"),
            "未填写「网络安全等级保护定级（级）」：应落实非涉密信息系统等级保护",
        )
    a = data.acceptance
    if a.trial_run_end is not None and a.risk_assessment is not True:
        yield Violation(("acceptance", "risk_assessment"), "试运行期间应组织开展信息安全风险评估，数据中未记录")
    if secret and a.in_service_on is not None and is_blank(data.qinzhou.secrecy_approval):
        yield Violation(
            ("qinzhou", "secrecy_approval"),
            f"涉密信息系统于{date_cn(a.in_service_on)}投入使用，没有保密行政管理部门的审查批准文件：投入使用前应经审查批准",
        )


@BOOK.check("QZ16-25", "第二十五条", WARN, "优先选用本国先进、成熟、安全的技术和产品")
def _domestic(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for index, product in enumerate(data.project.products):
        if product.domestic is False:
            yield Violation(
                (*P, "products", index, "domestic"),
                f"关键产品「{product.name}」不是国产产品：应优先选用本国先进、成熟、安全的技术和产品",
            )


BOOK.note("QZ16-26", "第二十六条", INFO, "涉密项目由具有涉密资质的单位承建，设备和产品优先国产、经认可或批准")
CLASSIFIED = "涉密“智慧钦州”建设项目"


@BOOK.check(
    "QZ16-26.1",
    "第二十六条",
    ERR,
    "涉密项目由具有相应涉密信息系统集成资质的单位设计、承建和监理",
    stage=Stage.PROCURE,
    reading="设计、承建、监理单位在采购中确定：完成招标、签订合同后检查",
)
def _classified_units(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.classified is True and data.qinzhou.classified_qualification is not True:
        yield Violation(
            ("qinzhou", "classified_qualification"),
            f"{CLASSIFIED}应由具有相应涉密信息系统集成资质的单位设计、承建和监理，数据中未确认",
        )


@BOOK.check(
    "QZ16-26.2",
    "第二十六条",
    ERR,
    "涉密项目建成后应当通过保密测评机构的检测评估，报市保密行政管理部门审批",
    stage=Stage.ACCEPT,
)
def _classified_assessment(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    a = data.acceptance
    built = a.completed_on or a.final_on
    if data.project.classified is True and built is not None and is_blank(data.qinzhou.secrecy_approval):
        yield Violation(
            ("qinzhou", "secrecy_approval"),
            f"{CLASSIFIED}于{date_cn(built)}建成，应通过保密测评机构的检测评估并报市保密行政管理部门审批，数据中没有审批文件",
        )


PROFILE = Profile(
    key="qinzhou2016",
    short_name="钦州2016",
    name="《“智慧钦州”建设项目和资金管理暂行办法》（钦政办〔2016〕10号）",
    jurisdiction="广西·钦州市",
    seed="003_53ff5dffc5c8bb6d.txt",
    status="现行（2016年2月24日起施行）",
    rules=BOOK.rules,
    forms=(Form.IMPLEMENTATION_PLAN, Form.MATERIALS),
    asks="建设方案（第八条）；总投资500万元以下的项目实施方案（第九条）；500万元以上按政府固定资产投资项目建设程序报批",
)
