"""《江西省数字化项目建设管理办法》 — rules.md §5."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from docgen.formatting import cn, date_cn
from docgen.forms import Form
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Kind, Need, Profile, Rule, RuleBook, Stage, Violation, When
from docgen.rules.helpers import add_months, empty_chapters, failed_reviews, is_blank, label, true_flags, wan

ERR, WARN, INFO, DOC = Kind.ERROR, Kind.WARNING, Kind.INFO, Kind.DOCUMENT
BOOK = RuleBook()
N = Decimal
P = ("project",)
BIG_CATEGORIES = ("基础设施类", "跨部门跨层级集成类")
#: 第九条 (AMB-18): 投资额 from which a project goes to the provincial library, by category.
LIBRARY_THRESHOLDS = {"big": N(1000), "other": N(500)}
PROVINCIAL = "省直部门"
BUILT = When(construction_type=("新建", "改建", "扩建"))


def provincial(data: ProjectData) -> bool:
    """A 省直部门 project (「项目层级（江西）」): 第八条's; a 设区市 or 县区 one follows 第九条、第二十三条."""
    return data.jiangxi.level == PROVINCIAL


BOOK.note("JX-02", "第二条", INFO, "适用于使用财政性资金建设、运维的数字化项目")
BOOK.note(
    "JX-03", "第三条", WARN, "做到“五统一”，不符合的原则上不得自建、自管、自用、自维", reading="需人工判断，不自动检查"
)
BOOK.note("JX-05", "第五条", INFO, "各设区市参照省级做法管理")


@BOOK.check("JX-06", "第六条", WARN, "依托全省统一的政务云等集约化建设，没有上云的逐步迁网上云")
def _cloud(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    where = data.project.deployment
    if where is not None and "政务云" not in where:
        yield Violation((*P, "deployment"), f"「部署环境」为「{where}」：原则上依托全省统一的政务云集约化建设")


def _submitted_by(data: ProjectData, month: int, day: int) -> Iterator[Violation]:
    plan = data.plan
    if plan.plan_year is None or plan.submitted_on is None:
        return
    due = dt.date(plan.plan_year - 1, month, day)
    if plan.submitted_on > due:
        yield Violation(
            ("plan", "submitted_on"),
            f"{plan.plan_year}年度项目建设需求应在{date_cn(due)}前报送，实际报送日期为{date_cn(plan.submitted_on)}",
        )


@BOOK.check(
    "JX-08.1",
    "第八条",
    ERR,
    "每年{month}月底前征集省直部门下一年度数字化项目建设需求",
    thresholds={"month": N(6), "day": N(30)},
    when=When(jiangxi_level=(PROVINCIAL,)),
    reading="只适用省直部门的项目（「项目层级（江西）」为省直部门）；设区市、县区项目按第九条、第二十三条；"
    "“6月底前”含6月30日（AMB-20）",
)
def _june_deadline(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from _submitted_by(data, int(rule.t("month")), int(rule.t("day")))


@BOOK.check("JX-08.2", "第八条、第九条", WARN, "纳入省重点项目库的项目{years:count}年有效", thresholds={"years": N(2)})
def _library_validity(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    entered, applied = data.jiangxi.library_entered_on, data.declaration.date
    if entered and applied:
        until = add_months(entered, 12 * int(rule.t("years")))
        if applied > until:
            yield Violation(
                ("declaration", "date"),
                f"项目于{date_cn(entered)}纳入省重点项目库，有效期{cn(rule.t('years'), count=True)}年"
                f"至{date_cn(until)}，申报日期{date_cn(applied)}已过期",
            )


def provincial_library_amount(data: ProjectData) -> tuple[Decimal, Decimal] | None:
    """(measured amount, threshold) of 第九条 (AMB-18).

    1000 on 投资额 for 基础设施类/集成类; 500 on 投资额 less 运维 otherwise.
    """
    total = data.project.investment.total
    if total is None:
        return None
    if data.jiangxi.category in BIG_CATEGORIES:
        return total, LIBRARY_THRESHOLDS["big"]
    return total - (data.jiangxi.om_cost or Decimal(0)), LIBRARY_THRESHOLDS["other"]


BOOK.note(
    "JX-08.3", "第八条", WARN, "建设目标、主要内容、技术路线等相似的项目不得拆分申报", reading="需人工判断，不自动检查"
)


@BOOK.check(
    "JX-09.1",
    "第九条",
    ERR,
    "设区市基础设施类、跨部门跨层级集成类{big}万元以上，其他类{other}万元以上（不含运维）的项目，{month}月底前报省纳入重点项目库",
    thresholds={**LIBRARY_THRESHOLDS, "month": N(6), "day": N(30)},
    reading="适用设区市（含县区、开发区）的项目，省直部门的项目按第八条；"
    "1000万元按含运维的投资额、500万元按扣除运维费后的投资额（AMB-18）；“以上”含本数；6月30日含当日（AMB-20）",
)
def _library_route(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if provincial(data):
        return
    measured = provincial_library_amount(data)
    if measured is None or measured[0] < measured[1]:
        return
    yield from _submitted_by(data, int(rule.t("month")), int(rule.t("day")))
    if data.jiangxi.in_key_library is False:
        yield Violation(
            ("jiangxi", "in_key_library"),
            f"投资额{wan(measured[0])}达到{wan(measured[1])}，应报省领导小组办公室论证评估后纳入省重点项目库",
        )


@BOOK.needs("JX-09.2", "第九条", DOC, "重大政府投资项目实施前应当进行财政承受能力评估")
def _affordability_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.jiangxi.major_gov_investment is True:
        yield Need(
            "affordability_report",
            "重大政府投资项目实施前",
            present=data.jiangxi.affordability_assessed is True or None,
        )


@BOOK.check("JX-11", "第十一条", ERR, "应当将数字化系统平台接入政务数据共享交换平台")
def _share_exchange(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.connects_share_exchange is False:
        yield Violation((*P, "connects_share_exchange"), "数字化系统平台应当接入政务数据共享交换平台")


BOOK.note("JX-12", "第十二条", INFO, "跨部门共建、跨层级项目的组织方式")


@BOOK.check(
    "JX-13", "第十三条", ERR, "新建、改建、扩建、迁移、运维的数字化项目均需申报，不得未批先建", stage=Stage.APPROVE
)
def _not_before_approval(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    started, approved = data.jiangxi.started_on, data.approval.approved_on
    if started and (approved is None or started < approved):
        when = f"批复日期{date_cn(approved)}" if approved else "尚无立项批复"
        yield Violation(("jiangxi", "started_on"), f"开工日期{date_cn(started)}，{when}：不得未批先建")


BOOK.note(
    "JX-14",
    "第十四条",
    INFO,
    "按年度项目申报通知报送材料；涉密数字化项目审批、实施和运维按照国家有关保密规定执行",
    reading="本办法没有把涉密项目排除在外：第十五条、第十八条、第二十六条对涉密项目另有规定，照常检查",
)


@BOOK.check(
    "JX-15.1",
    "第十五条第（一）项",
    ERR,
    "申报材料基本情况包括名称、单位、主要任务、地点、依据和必要性、绩效目标、实施方式",
)
def _basic_info(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    items = [
        ((*P, "name"), data.project.name),
        ((*P, "owner_unit"), data.project.owner_unit),
        (("jiangxi", "main_tasks"), data.jiangxi.main_tasks),
        ((*P, "location"), data.project.location),
        ((*P, "basis"), data.project.basis),
        (("jiangxi", "performance_goals"), data.jiangxi.performance_goals),
        (("jiangxi", "implementation_mode"), data.jiangxi.implementation_mode),
    ]
    for path, value in items:
        if is_blank(value):
            yield Violation(path, f"申报材料基本情况缺少{label(*path)}")


def _technical_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("technical_plan", "建设类项目：集约化建设、数据共享、安全防护、等级保护、密码应用、安全可靠情况")


@BOOK.check(
    "JX-15.2",
    "第十五条第（二）项",
    DOC,
    "建设类项目提交技术方案",
    needs=_technical_needs,
    when=BUILT,
    reading="docgen 生成技术方案（--forms 技术方案）：一、基本情况（第十五条第（一）项），"
    "然后是第（二）项列出的六项内容，"
    "涉及工作秘密的加上信息防护内容；任一项没有内容为错误",
)
def _technical_chapters(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from empty_chapters(data, Form.TECHNICAL_PLAN.value)


def _secret_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.project.classified is True:
        yield Need("graded_protection_plan", "涉密项目")


@BOOK.check(
    "JX-15.3",
    "第十五条第（二）项",
    DOC,
    "涉及工作秘密的技术方案需包含信息防护内容；涉密项目同步提交分级保护建设方案",
    needs=_secret_needs,
)
def _work_secret(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.jiangxi.work_secret is True and is_blank(data.jiangxi.work_secret_protection):
        yield Violation(
            ("jiangxi", "work_secret_protection"),
            "项目涉及工作秘密，技术方案需包含信息防护内容，数据中未填写「工作秘密信息防护内容」",
        )


def _om_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("om_plan", "运维类项目")


@BOOK.check(
    "JX-15.4",
    "第十五条第（二）项",
    DOC,
    "运维类项目需提交运维实施方案",
    needs=_om_needs,
    when=When(construction_type=("运维",)),
    reading="本条未列运维实施方案的内容；docgen 的提纲取本办法对运维项目的要求：基本情况（第十五条第（一）项）、"
    "运维工作量（第三十六条）、数据共享、密码和网络安全、依托政务外网和政务云（第三十七条）、服务质量评价（第二十七条）、资金来源"
    "（第十五条）；任一项没有内容为错误",
)
def _om_chapters(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from empty_chapters(data, Form.OM_PLAN.value)


def _party_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    review = data.jiangxi.party_review
    yield Need("party_review_record", "申报项目", present=(not is_blank(review.meeting)) or None)


@BOOK.check(
    "JX-15.5", "第十五条", DOC, "申报项目应当经党委（党组）或办公会议审议通过，并明确资金来源", needs=_party_needs
)
def _sources(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    s = data.project.investment.sources
    values = [s.national, s.autonomous_region, s.municipal, s.social, s.self_funded]
    if all(v is None for v in values):
        yield Violation(
            ("project", "investment", "sources"), "申报项目应当明确资金来源，「计划资金来源（万元）」未填写"
        )


BOOK.note("JX-16", "第十六条", INFO, "重点支持的项目")


@BOOK.check(
    "JX-17.1",
    "第十七条第（一）项",
    ERR,
    "单独新建非涉密机房、数据中心、云平台或新增采购服务器、存储、服务端网络设备的，原则上不予支持",
    waivable=True,
)
def _infrastructure(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.classified is True:
        return
    flags = true_flags(data.project.infrastructure, ("machine_room", "cloud_platform", "servers"))
    ext = true_flags(data.project.infrastructure_ext, ("data_center", "storage_devices", "server_network_devices"))
    for name, title in flags:
        yield Violation((*P, "infrastructure", name), f"单独新建或新增采购非涉密「{title}」的项目，原则上不予支持")
    for name, title in ext:
        yield Violation((*P, "infrastructure_ext", name), f"单独新建或新增采购非涉密「{title}」的项目，原则上不予支持")


@BOOK.check(
    "JX-17.2", "第十七条第（二）项", ERR, "单独租赁互联网出口线路和未整合的专网租赁项目，原则上不予支持", waivable=True
)
def _leases(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for name, title in true_flags(data.project.infrastructure_ext, ("internet_egress_lease", "private_network_lease")):
        yield Violation((*P, "infrastructure_ext", name), f"「{title}」的项目原则上不予支持")


@BOOK.check(
    "JX-17.3", "第十七条第（三）项", ERR, "不在政务云部署的非涉密新建、升级改造项目，原则上不予支持", waivable=True
)
def _on_cloud(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.classified is True or data.project.construction_type not in ("新建", "改建", "扩建"):
        return
    where = data.project.deployment
    if where is not None and "政务云" not in where:
        yield Violation(
            (*P, "deployment"),
            f"非涉密{data.project.construction_type}项目不在政务云部署（「部署环境」为「{where}」），原则上不予支持",
        )


@BOOK.check("JX-17.4", "第十七条第（四）项", ERR, "不应用安全可靠产品的数字化系统，原则上不予支持", waivable=True)
def _secure_reliable(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for index, product in enumerate(data.project.products):
        if product.secure_reliable is False:
            yield Violation(
                (*P, "products", index, "secure_reliable"),
                f"关键产品「{product.name}」不是安全可靠产品，原则上不予支持",
            )


@BOOK.check(
    "JX-17.5", "第十七条第（五）项", ERR, "不符合密码应用或网络安全保密要求的项目，原则上不予支持", waivable=True
)
def _reviews(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from failed_reviews(data, "原则上不予支持")


@BOOK.check("JX-17.6", "第十七条第（六）项", WARN, "需求或绩效目标不明确、系统整合不到位的项目，原则上不予支持")
def _clarity(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.jiangxi.performance_goals):
        yield Violation(
            ("jiangxi", "performance_goals"), "未填写「项目绩效目标」：需求或绩效目标不明确的项目原则上不予支持"
        )
    if data.project.integrates_existing_systems is False:
        yield Violation((*P, "integrates_existing_systems"), "内部系统整合不到位的项目原则上不予支持")


@BOOK.check("JX-17.7", "第十七条第（七）项", ERR, "原项目尚未竣工验收的升级改造类项目，原则上不予支持", waivable=True)
def _predecessor(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.construction_type in ("改建", "扩建") and data.jiangxi.predecessor_accepted is False:
        yield Violation(("jiangxi", "predecessor_accepted"), "原项目尚未竣工验收的升级改造类项目，原则上不予支持")


@BOOK.needs("JX-18.1", "第十八条", DOC, "未经论证评估的项目不得提交联合会审")
def _evaluation_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need(
        "evaluation_report",
        "提交联合会审前",
        stage="报批",
        present=(not is_blank(data.jiangxi.evaluation_report)) or None,
    )


@BOOK.check("JX-18.2", "第十八条", ERR, "涉密项目论证应有至少{min}名保密科技领域专家参与", thresholds={"min": N(2)})
def _experts(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.classified is not True:
        return
    count = data.jiangxi.classified_experts or 0
    if count < rule.t("min"):
        yield Violation(
            ("jiangxi", "classified_experts"),
            f"涉密项目论证应有至少{cn(rule.t('min'))}名保密科技领域专家参与，数据中为{count}名",
        )


@BOOK.check("JX-19", "第十九条", ERR, "原则上不再受理未纳入年度重点项目库的项目", waivable=True)
def _library(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.jiangxi.in_key_library is False:
        yield Violation(("jiangxi", "in_key_library"), "项目未纳入年度重点项目库，原则上不再受理申请和审批")


#: 第二十一条: the approvals 省级 projects are spared, unless they involve new civil works or high energy use.
CIVIL_WORKS_APPROVALS = ("site_selection", "land_pre_review", "environmental_assessment", "energy_assessment")
HIGH_ENERGY_APPROVALS = ("energy_assessment",)


def _approvals_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    wanted: dict[str, str] = {}
    if data.jiangxi.high_energy is True:
        wanted |= dict.fromkeys(HIGH_ENERGY_APPROVALS, "高能耗项目")
    if data.jiangxi.new_civil_works is True:
        wanted |= {
            doc: wanted.get(doc, "") + ("、" if doc in wanted else "") + "涉及新建土建工程"
            for doc in CIVIL_WORKS_APPROVALS
        }
    for document, why in wanted.items():
        yield Need(document, f"{why}，不免除该项审批", stage="报批")


BOOK.note(
    "JX-21",
    "第二十一条",
    INFO,
    "省级项目原则上不再进行节能评估、规划选址、用地预审、环境影响评价等审批，涉及新建土建工程、高能耗项目的除外",
    needs=_approvals_needs,
    reading="办法未分列哪种情形需要哪项审批：涉及新建土建工程的列出规划选址、用地预审、环境影响评价和节能评估；"
    "高能耗项目列出节能评估",
)
BOOK.note(
    "JX-23",
    "第二十三条",
    INFO,
    "限额以上报省级论证评估，限额以下由设区市批复后备案",
    reading="“限额”取第九条的金额（AMB-15）",
)


@BOOK.check(
    "JX-23.1",
    "第二十三条",
    WARN,
    "限额以下的数字化项目由设区市批复立项后，报省领导小组办公室备案",
    stage=Stage.APPROVE,
    reading="适用设区市、县区的项目（「项目层级（江西）」不是省直部门）；“限额”取第九条的金额（AMB-15）；"
    "办法未定备案期限，批复立项后没有「备案日期」时提示",
)
def _county_filing(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    measured = provincial_library_amount(data)
    if provincial(data) or measured is None or measured[0] >= measured[1]:
        return
    if data.approval.approved_on is not None and data.filing.filed_on is None:
        yield Violation(
            ("filing", "filed_on"),
            f"投资额{wan(measured[0])}在限额{wan(measured[1])}以下，于{date_cn(data.approval.approved_on)}批复立项，"
            "应报省领导小组办公室备案，数据中没有「备案日期」",
        )


@BOOK.check("JX-24", "第二十四条", ERR, "项目单位应当确定项目实施机构和项目责任人")
def _accountable(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.project.implementing_body):
        yield Violation((*P, "implementing_body"), "项目单位应当确定「项目实施机构」，数据中未填写")
    if is_blank(data.project.responsible_person.name):
        yield Violation((*P, "responsible_person", "name"), "项目单位应当确定「项目责任人」，数据中未填写")


@BOOK.check("JX-25", "第二十五条", DOC, "建立安全管理制度，同步规划、建设、运行密码保障系统")
def _security(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.security.cryptography.summary):
        yield Violation(("security", "cryptography", "summary"), "未说明密码保障系统（「密码保护应用基本情况」为空）")
    if is_blank(data.security.network_security.summary):
        yield Violation(
            ("security", "network_security", "summary"),
            "未说明安全管理制度和等级保护测评（「网络安全保护基本情况」为空）",
        )


SUPERVISION_READING = (
    "“委托工程监理单位对项目建设进行工程监理”是建设阶段的义务：申报时不检查，完成招标、签订合同或开工后检查；"
    "只对新建、改建、扩建项目"
)


@BOOK.check(
    "JX-26.1",
    "第二十六条",
    ERR,
    "数字化项目建设实施工程监理制，委托工程监理单位对项目建设进行工程监理",
    when=BUILT,
    stage=Stage.PROCURE,
    reading=SUPERVISION_READING,
)
def _supervisor(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.project.supervisor_org):
        yield Violation(
            (*P, "supervisor_org"), "项目已进入采购和建设阶段，实施工程监理制，数据中未填写「工程监理单位」"
        )


@BOOK.check(
    "JX-26.2",
    "第二十六条",
    ERR,
    "涉密项目的监理单位应具备涉密信息系统集成工程监理资质",
    when=BUILT,
    stage=Stage.PROCURE,
    reading=SUPERVISION_READING,
)
def _classified_supervisor(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.classified is True and data.jiangxi.supervisor_classified_qualification is not True:
        yield Violation(
            ("jiangxi", "supervisor_classified_qualification"),
            "涉密项目的工程监理单位应当具备涉密信息系统集成工程监理资质",
        )


@BOOK.check("JX-27.1", "第二十七条", ERR, "建设期内每年年底前报送项目绩效评价报告", stage=Stage.APPROVE)
def _yearly_reports(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    start, end = data.project.schedule.start, data.project.schedule.end
    if start is None:
        return
    last = min(end.year if end else ctx.current_date().year, ctx.current_date().year - 1)
    done = {day.year for day in data.reporting.performance_reports if day.month <= 12}
    missing = [year for year in range(start.year, last + 1) if year not in done]
    if missing:
        yield Violation(
            ("reporting", "performance_reports"),
            f"建设期内每年年底前应报送绩效评价报告，{'、'.join(f'{y}年' for y in missing)}没有记录",
        )


def _started(data: ProjectData) -> bool:
    return data.jiangxi.started_on is not None or data.approval.approved_on is not None


@BOOK.needs("JX-27.2", "第二十七条", DOC, "建设类项目绩效评价报告包括建设进度和投资计划执行情况", stage=Stage.APPROVE)
def _construction_report(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _started(data) and data.project.construction_type in ("新建", "改建", "扩建"):
        yield Need(
            "performance_report", "建设期内每年年底前：建设进度、投资计划执行情况（已试运行的说明效果）", stage="建设期"
        )


@BOOK.needs(
    "JX-27.3",
    "第二十七条",
    DOC,
    "运维类和政府服务采购类项目绩效评价报告包括工作开展情况、阶段性总结和服务质量评价",
    stage=Stage.APPROVE,
)
def _service_report(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _started(data) and data.project.construction_type in ("运维", "购买服务"):
        yield Need("performance_report", "建设期内每年年底前：工作开展情况、阶段性总结和服务质量评价", stage="建设期")


BOOK.note("JX-28", "第二十八条", INFO, "严重逾期、重大损失应及时报告")


@BOOK.check(
    "JX-29",
    "第二十九条",
    WARN,
    "批复后原则上半年（{months}个月）未开工的，收回项目资金",
    thresholds={"months": N(6)},
    stage=Stage.APPROVE,
)
def _clawback(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    approved = data.approval.approved_on
    if approved is None:
        return
    due = add_months(approved, int(rule.t("months")))
    started = data.jiangxi.started_on
    if (started and started > due) or (started is None and ctx.current_date() > due):
        what = f"开工日期为{date_cn(started)}" if started else "尚未开工"
        yield Violation(
            ("jiangxi", "started_on"),
            f"项目于{date_cn(approved)}批复，半年内即{date_cn(due)}前应开工，{what}：原则上收回项目资金",
        )


@BOOK.check(
    "JX-30.1",
    "第三十条",
    ERR,
    "建成后经{months}个月试运行正常，组织终验，再申请竣工验收",
    thresholds={"months": N(6)},
    stage=Stage.ACCEPT,
)
def _trial_run(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    a = data.acceptance
    if a.trial_run_start and a.trial_run_end:
        until = add_months(a.trial_run_start, int(rule.t("months")))
        if a.trial_run_end < until:
            yield Violation(
                ("acceptance", "trial_run_end"),
                f"试运行自{date_cn(a.trial_run_start)}至{date_cn(a.trial_run_end)}，不足{cn(rule.t('months'))}个月",
            )
    if a.trial_run_end and a.final_on and a.final_on < a.trial_run_end:
        yield Violation(("acceptance", "final_on"), "终验日期早于试运行结束日期：应试运行正常后组织终验")
    if a.final_on and a.applied_on and a.applied_on < a.final_on:
        yield Violation(("acceptance", "applied_on"), "竣工验收申请日期早于终验日期：应终验后提出竣工验收申请")


@BOOK.needs(
    "JX-30.2",
    "第三十条",
    DOC,
    "不能按期申请竣工验收的，应当书面提出延期申请",
    reading="“按期”未定义，由数据标明（AMB-16）",
    stage=Stage.ACCEPT,
)
def _extension_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.acceptance.application_late is True:
        yield Need(
            "extension_request",
            "不能按期申请竣工验收",
            stage="验收",
            present=(not is_blank(data.acceptance.extension_request)) or None,
        )


@BOOK.check("JX-30.3", "第三十条", ERR, "竣工验收前数据共享、安全可靠及密码应用情况需经确认", stage=Stage.ACCEPT)
def _confirmations(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    a = data.acceptance
    if a.applied_on is None and a.final_on is None:
        return
    if a.data_sharing_confirmed is not True:
        yield Violation(
            ("acceptance", "data_sharing_confirmed"), "竣工验收前数据共享情况需经数据资源管理部门确认，数据中未确认"
        )
    if a.crypto_confirmed is not True:
        yield Violation(
            ("acceptance", "crypto_confirmed"), "竣工验收前安全可靠及密码应用情况需经省国家密码管理局确认，数据中未确认"
        )


ACCEPTANCE_DOCS = (
    "construction_summary",
    "data_sharing_report",
    "data_sharing_confirmation",
    "secure_reliable_statement",
    "financial_report",
    "audit_report",
    "test_report",
    "risk_assessment_report",
    "crypto_assessment_report",
    "secrecy_risk_assessment",
    "archive_acceptance",
)


@BOOK.needs(
    "JX-30.4", "第三十条", DOC, "竣工验收申请应当包括建设总结、数据资源共享报告等十一项材料", stage=Stage.ACCEPT
)
def _acceptance_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.acceptance.final_on is not None or data.acceptance.applied_on is not None:
        yield from (Need(doc, "竣工验收申请", stage="验收") for doc in ACCEPTANCE_DOCS)


@BOOK.check("JX-31", "第三十一条", ERR, "采购文件和合同明确项目成果及知识产权归政府所有", stage=Stage.PROCURE)
def _ip(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.procurement.contract_signed_on is not None and data.procurement.ip_clause is not True:
        yield Violation(("procurement", "ip_clause"), "政府采购文件和合同应明确项目成果及相关知识产权归政府所有")


BOOK.note("JX-32", "第三十二条", INFO, "竣工验收的组织", stage=Stage.ACCEPT)
BOOK.note("JX-34", "第三十四条", INFO, "跨层级项目经费列入同级财政预算")
BOOK.note("JX-36", "第三十六条", INFO, "每年8月底前形成下一年度运维项目预算建议")


@BOOK.check("JX-37.1", "第三十七条第（一）项", ERR, "未按要求共享数据资源的系统，原则上不安排运维经费", waivable=True)
def _sharing_om(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.construction_type == "运维" and data.project.connects_share_exchange is False:
        yield Violation((*P, "connects_share_exchange"), "未按要求共享数据资源的数字化系统，原则上不安排运维经费")


@BOOK.check(
    "JX-37.2", "第三十七条第（二）项", ERR, "不符合密码应用和网络安全要求的系统，原则上不安排运维经费", waivable=True
)
def _reviews_om(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.construction_type == "运维":
        yield from failed_reviews(data, "原则上不安排运维经费")


@BOOK.check(
    "JX-37.3",
    "第三十七条第（三）项",
    ERR,
    "未依托政务外网和政务云承载的非涉密系统，原则上不安排运维经费",
    waivable=True,
)
def _cloud_om(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    where = data.project.deployment
    if (
        data.project.construction_type == "运维"
        and data.project.classified is not True
        and where
        and "政务云" not in where
        and "政务外网" not in where
    ):
        yield Violation(
            (*P, "deployment"),
            f"未依托政务外网和政务云承载的非涉密系统（「部署环境」为「{where}」），原则上不安排运维经费",
        )


BOOK.note("JX-38", "第三十八条", INFO, "资金专款专用，结余退回")


@BOOK.check(
    "JX-40",
    "第四十条",
    ERR,
    "投入运行后{from_months}至{to_months}个月内开展绩效自评并报送",
    thresholds={"from_months": N(6), "to_months": N(12)},
    reading="读作6至12个月的时间窗（AMB-17）",
    stage=Stage.ACCEPT,
)
def _self_evaluation(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    start = data.acceptance.in_service_on
    if start is None:
        return
    earliest = add_months(start, int(rule.t("from_months")))
    latest = add_months(start, int(rule.t("to_months")))
    done = data.reporting.self_evaluation_on
    if done is None:
        if ctx.current_date() > latest:
            yield Violation(
                ("reporting", "self_evaluation_on"),
                f"投入运行后6至12个月内应开展绩效自评，期限{date_cn(latest)}已过，尚无记录",
            )
    elif not earliest <= done <= latest:
        yield Violation(
            ("reporting", "self_evaluation_on"),
            f"绩效自评应在{date_cn(earliest)}至{date_cn(latest)}之间（投入运行后6至12个月内），实际为{date_cn(done)}",
        )


BOOK.note("JX-41", "第四十一条", INFO, "违反规定的限期整改")
BOOK.note("JX-43", "第四十三条", INFO, "党的机关等参照执行")


PROFILE = Profile(
    key="jiangxi",
    short_name="江西",
    name="《江西省数字化项目建设管理办法》",
    jurisdiction="江西省",
    seed="004_13f924279338dc9b.txt",
    status="现行",
    rules=BOOK.rules,
    forms=(Form.TECHNICAL_PLAN, Form.OM_PLAN, Form.MATERIALS),
    asks="基本情况和技术方案（建设类项目，第十五条）、运维实施方案（运维类项目，第十五条），经党委（党组）或办公会议审议",
)
