"""《“数字钦州”建设项目和资金管理暂行办法》（征求意见稿），read from its 起草说明 — rules.md §3.

Only the explanation of the draft is in the seeds; articles are the draft's as
the explanation numbers them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from docgen.formatting import date_cn
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Kind, Need, Profile, Rule, RuleBook, Stage, Violation, When
from docgen.rules.helpers import add_months, failed_reviews, is_blank, wan
from docgen.rules.profiles.qinzhou2016 import FUNDING_READING, deployed_on, not_planned, own_infrastructure

ERR, WARN, INFO, DOC = Kind.ERROR, Kind.WARNING, Kind.INFO, Kind.DOCUMENT
BOOK = RuleBook()
N = Decimal
P = ("project",)


#: 第九条 (AMB-03): up to this 总投资 no 初步设计方案 and 投资概算 are approved.
DESIGN_EXEMPT_LIMIT = N(400)
#: 第十五条 (AMB-04): below this 总投资 (the 政府采购限额) the 市发展改革委 arranges the supervision.
PROCUREMENT_LIMIT = N(50)


def _relaxed(data: ProjectData) -> bool:
    total = data.project.investment.total
    return total is not None and total <= DESIGN_EXEMPT_LIMIT


BOOK.note("QZ23-02", "第二条", INFO, "建设项目的范围")
BOOK.note("QZ23-03", "第三条", INFO, "建设资金包括中央、自治区、市级财政资金和其他财政性资金")
BOOK.note(
    "QZ23-06", "第六条", INFO, "申报分为年度申报和专项申报", reading="2016年办法的9月30日期限未见重申，不检查（AMB-13）"
)


@BOOK.needs("QZ23-09.1", "第九条", DOC, "建设项目原则上包括编报项目建议书、可行性研究报告、初步设计方案等环节")
def _stage_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("proposal", "建设项目原则上编报项目建议书", stage="报批")
    yield Need("feasibility", "建设项目原则上编报可行性研究报告", stage="报批")
    if not _relaxed(data):
        yield Need(
            "preliminary_design", f"总投资超过{wan(DESIGN_EXEMPT_LIMIT)}，审批初步设计方案和投资概算", stage="报批"
        )


BOOK.note(
    "QZ23-09.2",
    "第九条",
    DOC,
    "总投资{limit}万元以下的项目不再审批初步设计方案和投资概算",
    thresholds={"limit": DESIGN_EXEMPT_LIMIT},
    reading="“400万元以下”含400万元（AMB-03）",
)


@BOOK.check("QZ23-11.1", "第十一条", ERR, "应当采用安全可靠并符合信创技术要求的软硬件产品")
def _products(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    exception = data.qinzhou.xinchuang_exception
    if not is_blank(exception.approval):
        return  # 第十一条: the 保密行政管理部门's approval covers the exception
    for index, product in enumerate(data.project.products):
        for key, what in (("secure_reliable", "安全可靠"), ("xinchuang", "符合信创技术要求")):
            if getattr(product, key) is False:
                yield Violation((*P, "products", index, key), f"关键产品「{product.name}」不是{what}的产品")


@BOOK.needs("QZ23-11.2", "第十一条", DOC, "报批阶段对产品安全可靠及采用信创技术情况进行说明")
def _xinchuang_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("xinchuang_statement", "项目报批阶段说明产品安全可靠及采用信创技术情况", stage="报批")


@BOOK.needs("QZ23-11.3", "第十一条", DOC, "无法实现安全可靠替代的，应评估论证并经市保密行政管理部门批准")
def _exception_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    exception = data.qinzhou.xinchuang_exception
    if not is_blank(exception.reason):
        yield Need(
            "xinchuang_approval", "现阶段无法实现安全可靠替代", stage="报批", present=not is_blank(exception.approval)
        )


BOOK.note("QZ23-13", "第十三条", INFO, "完成审批手续的项目报市财政局开展财政投资评审", stage=Stage.APPROVE)
#: 第十四条: 钦州市电子政务外网、内网及钦州市电子政务云平台（壮美广西·钦州市云）.
GOVERNMENT_PLACES = ("电子政务外网", "电子政务内网", "政务外网", "政务内网", "政务云", "钦州市云")


@BOOK.check(
    "QZ23-14.1",
    "第十四条",
    WARN,
    "项目原则上依托钦州市电子政务外网、内网及钦州市电子政务云平台（壮美广西·钦州市云）建设",
    reading="与石嘴山第十一条同样检查「部署环境」",
)
def _deployment(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from deployed_on(data, GOVERNMENT_PLACES, "钦州市电子政务外网、内网及钦州市电子政务云平台")


@BOOK.check(
    "QZ23-14",
    "第十四条",
    ERR,
    "各部门原则上不允许私自新建或扩建机房、专网、运算、存储备份、安全、网站平台和互联网出口",
    waivable=True,
)
def _infrastructure(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from own_infrastructure(data)


BUILT = When(construction_type=("新建", "改建", "扩建"))
SUPERVISION_READING = (
    "“委托工程监理单位对项目建设进行工程监理”是建设阶段的义务：申报时不检查，完成招标、签订合同或开始建设后"
    "检查；只对新建、改建、扩建项目"
)


@BOOK.check(
    "QZ23-15.1",
    "第十五条",
    ERR,
    "项目实行工程监理制，应委托工程监理单位对项目建设进行工程监理",
    when=BUILT,
    stage=Stage.PROCURE,
    reading=SUPERVISION_READING,
)
def _supervision(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    total = data.project.investment.total
    if total is not None and total < PROCUREMENT_LIMIT:
        return  # 第十五条: below the 政府采购限额 the 市发展改革委 arranges the supervision
    if is_blank(data.project.supervisor_org):
        yield Violation(
            (*P, "supervisor_org"), "项目已进入采购和建设阶段，实行工程监理制，数据中未填写「工程监理单位」"
        )


BOOK.note(
    "QZ23-15.2",
    "第十五条",
    INFO,
    "总投资{limit}万元以下（未达政府采购限额）的项目，工程监理由市发展改革委统筹解决",
    thresholds={"limit": PROCUREMENT_LIMIT},
    reading="按“未达到政府采购限额标准”读作低于50万元（AMB-04）",
)


@BOOK.check("QZ23-16", "第十六条", DOC, "同步规划、同步建设、同步运行密码保障系统并定期开展密码应用安全性评估")
def _crypto(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.security.cryptography.summary):
        yield Violation(("security", "cryptography", "summary"), "未说明密码保障系统（「密码保护应用基本情况」为空）")


BOOK.note("QZ23-17", "第十七条", INFO, "市财政局根据年度建设计划统筹安排资金", stage=Stage.APPROVE)


@BOOK.check(
    "QZ23-18",
    "第十八条",
    ERR,
    "未列入年度建设工作方案及未经市发展改革委审批的项目原则上不予安排经费",
    waivable=True,
    stage=Stage.APPROVE,
    reading=FUNDING_READING,
)
def _funding(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from not_planned(data, "年度建设工作方案")


@BOOK.check(
    "QZ23-22.1",
    "第二十二条",
    ERR,
    "项目建设完成后半年（{months}个月）内申请组织验收",
    thresholds={"months": N(6)},
    stage=Stage.ACCEPT,
)
def _acceptance_deadline(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    done = data.acceptance.completed_on
    if done is None:
        return
    due = add_months(done, int(rule.t("months")))
    applied = data.acceptance.applied_on
    late = applied > due if applied else ctx.current_date() > due
    if late:
        what = f"实际于{date_cn(applied)}申请" if applied else "尚未申请"
        yield Violation(
            ("acceptance", "applied_on"),
            f"项目于{date_cn(done)}建设完成，应在半年内即{date_cn(due)}前申请验收，{what}",
        )


@BOOK.needs("QZ23-22.2", "第二十二条", DOC, "申请验收时提交建设总结、财务报告、审计报告等", stage=Stage.ACCEPT)
def _acceptance_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.acceptance.completed_on is not None:
        for doc in ("construction_summary", "financial_report", "audit_report"):
            yield Need(doc, "申请验收", stage="验收")


@BOOK.needs("QZ23-29.1", "第二十九条", DOC, "报审前分析信息共享需求，编制项目信息资源目录")
def _catalog_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    catalog = data.project.data_catalog
    yield Need("data_sharing_analysis", "项目报审前", stage="报批", present=bool(catalog.provided and catalog.items))


@BOOK.check("QZ23-29.2", "第二十九条", ERR, "不支持信息共享和业务协同的项目（不产生数据的除外）不予审批、不予安排资金")
def _sharing(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.qinzhou.produces_data is not False and data.qinzhou.supports_sharing is False:
        yield Violation(
            ("qinzhou", "supports_sharing"),
            "项目不支持信息共享和业务协同（且不是不产生数据的项目），不予审批、不予安排资金",
        )


BOOK.note("QZ23-30", "第三十条", INFO, "信息资源无偿使用、按授权范围使用")


@BOOK.check("QZ23-32.1", "第三十二条", DOC, "开展网络安全等级保护备案或测评，定期检测与风险评估")
def _network_security(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.security.network_security.protection_level is None or is_blank(data.security.network_security.summary):
        yield Violation(("security", "network_security"), "未说明网络安全等级保护备案或测评及网络安全管理制度")


@BOOK.check("QZ23-32.2", "第三十二条", ERR, "认定不符合密码应用和网络安全要求的信息系统不安排运行维护经费")
def _om_funding(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    yield from failed_reviews(data, "市财政局不安排运行维护经费")


PROFILE = Profile(
    key="qinzhou2023",
    short_name="钦州2023",
    title="钦州2023征求意见稿",
    name="《“数字钦州”建设项目和资金管理暂行办法》（征求意见稿）",
    jurisdiction="广西·钦州市",
    seed="000_79a4e29b226a8c3d.txt",
    status="征求意见稿（依起草说明）",
    rules=BOOK.rules,
    asks="项目建议书、可行性研究报告、初步设计方案（第九条）、产品安全可靠及采用信创技术情况说明（第十一条）、"
    "项目信息资源目录（第二十九条）",
)
