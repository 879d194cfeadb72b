"""《石嘴山市政务信息化项目管理办法》（送审稿） — every rule of rules.md §1.

Each rule: id, article, kind, text, thresholds (numbers), and the check or the
documents it requires. Where rules.md §7 lists a disputed wording the reading
chosen is in ``reading`` and is tested on both sides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from docgen import filing
from docgen.errors import Severity
from docgen.formatting import amount, cn, date_cn
from docgen.forms import PACKAGE, Form
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, CheckFn, Kind, Need, Profile, Rule, RuleBook, Stage, Violation, When
from docgen.rules.helpers import add_months, cost_sum, failed_reviews, is_blank, label, stated_level, true_flags, wan

ERR, WARN, INFO, DOC = Kind.ERROR, Kind.WARNING, Kind.INFO, Kind.DOCUMENT
BOOK = RuleBook()
N = Decimal

APPLICABILITY_COSTS = ("工程费", "设备费", "预备费")
REVIEWED_TYPES = ("新建", "扩建", "改建")  # 第十三条 (AMB-11)
REVIEWED = When(construction_type=REVIEWED_TYPES)
#: 运维 and 购买服务 projects (服务类（含运维类）, 第十四条): no 立项 documents (第十七条: 政府采购).
SERVICE_TYPES = ("运维", "购买服务")
ENGINEERING = When(category=("工程类",))
SERVICE = When(category=("服务类",))
#: 第四条: from this sum of 工程费+设备费+预备费 every rule applies.
FULL_RULES_FLOOR = N(60)
#: 第十五条: the 总投资 bands that decide the documents.
LARGE_PROJECT = N(5000)
MIDDLE_PROJECT = N(1500)
PUBLIC_DOMAINS = ("政务服务", "便民服务", "社会治理", "城市管理")
REQUIRED_APPS = ("我的宁夏", "宁政通")

P = ("project",)


def applicable_amount(data: ProjectData) -> Decimal | None:
    """第四条's measure: 工程费+设备费+预备费; the total when no items are given."""
    found = cost_sum(data, APPLICABILITY_COSTS)
    return found if found is not None else data.project.investment.total


def full_rules_apply(data: ProjectData) -> bool:
    """第四条, both sentences as written: the full rule set applies from 60万 on
    工程费+设备费+预备费 (first sentence, AMB-01); a project whose 总投资 is below 60万 follows
    the 办法 for 备案 and 建设指导 only (second sentence, its own measure).

    A project in neither sentence — the three costs below 60万, the 总投资 not (e.g. 50 and 70):
    mostly 服务类 projects whose costs are 其他费用 — is checked in full: 第二条 brings 运维 and
    购买服务 projects into the 办法, and 第十四条 regulates 服务类 projects, which would otherwise
    almost never be reached.
    """
    floor = FULL_RULES_FLOOR
    measure = applicable_amount(data)
    if measure is not None and measure >= floor:
        return True
    total = data.project.investment.total
    return not (total is not None and total < floor)


def classified(data: ProjectData) -> bool:
    """第四条: the 办法 applies to 非涉密 projects only."""
    return data.project.classified is True


# ---------------------------------------------------------------- 第四条、第九条


BOOK.note("SZS-02", "第二条", INFO, "适用于党政机关等使用各级财政资金新建、扩建、改建、运维及政府购买服务的信息化项目")
BOOK.note("SZS-03", "第三条", INFO, "政务信息化系统的范围按《政务信息系统定义和范围》（GB/T 40692-2021）")
BOOK.note(
    "SZS-04.1",
    "第四条",
    INFO,
    "工程费、设备费及预备费合计总投资{floor}万元（含）以上的非涉密项目适用本办法全部规定",
    thresholds={"floor": FULL_RULES_FLOOR},
    reading="“超过60万元（含）”读作 ≥ 60万元，口径为工程费+设备费+预备费（AMB-01）；没有投资构成时按总投资。"
    "两句之间的项目（三项合计低于60万元而总投资不低于60万元，如三项50万元、总投资70万元，多为服务类）"
    "第四条两句均未涵盖，docgen 按全部规定审查：第二条把运维、购买服务项目纳入本办法，第十四条专门规定服务类项目",
)
BOOK.note(
    "SZS-04.2",
    "第四条",
    INFO,
    "总投资低于{floor}万元的非涉密项目，参照本办法开展项目备案和建设指导工作",
    thresholds={"floor": FULL_RULES_FLOOR},
    reading="口径为总投资（第四条第二句本身的口径），只适用备案规定（第十八条）",
)


@BOOK.check(
    "SZS-04.3",
    "第四条",
    ERR,
    "本办法只适用于非涉密项目",
    always=True,
    scope=True,
    reading="涉密项目只得到这一条，本办法的其他规定都不检查；按国家保密管理有关规定办理",
)
def _classified(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if classified(data):
        yield Violation(
            (*P, "classified"),
            f"{label(*P, 'classified')}为“是”：本办法只适用于非涉密项目，涉密项目按国家保密管理有关规定办理",
        )


BOOK.note("SZS-05", "第五条", INFO, "市数据局统一规划并组织必要性与技术审查；审批、监督、采购、安全等部门各负其责")
BOOK.note(
    "SZS-06", "第六条", INFO, "项目建设单位负责需求申报、采购、实施、资金、备案、测评整改、验收、资产管理和后期运维资金"
)


@BOOK.check("SZS-09.1", "第九条", ERR, "各县区、市直各部门不得新增非涉密的网络、机房、服务器等基础设施采购和运维")
def _no_new_infrastructure(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    infra = data.project.infrastructure
    for name, title in true_flags(infra, ("network", "machine_room", "servers")):
        yield Violation(
            (*P, "infrastructure", name), f"项目含非涉密的「{title}」采购或运维：各县区、市直各部门不得新增"
        )


@BOOK.check("SZS-09.2", "第九条", WARN, "重点基础性、公共支撑性项目原则上由自治区统一建设")
def _common_support(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.is_common_support is True:
        yield Violation(
            (*P, "is_common_support"),
            "项目属于重点基础性、公共支撑性项目，原则上由自治区统一建设，各县区、市直各部门不再单独建设",
        )


# ---------------------------------------------------------------- 第十条、第十一条、第十二条


@BOOK.check("SZS-10.2", "第十条", ERR, "不予共享的目录须注明相关法律、法规或政策依据")
def _unshared_basis(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for index, item in enumerate(data.project.data_catalog.items):
        if item.shared is False and is_blank(item.basis):
            yield Violation(
                (*P, "data_catalog", "items", index, "basis"),
                f"信息资源「{item.name or index + 1}」不予共享，须注明相关法律、法规或政策依据",
            )


@BOOK.check(
    "SZS-10.3",
    "第十条",
    WARN,
    "原则上全目录共享",
    reading="注明依据的个别不共享目录是第十条本身允许的例外；目录全部不共享时才提示",
)
def _share_all(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    items = data.project.data_catalog.items
    if items and all(item.shared is False for item in items):
        yield Violation((*P, "data_catalog", "items"), "信息资源目录全部不予共享，原则上应全目录共享")


@BOOK.check("SZS-10.4", "第十条", WARN, "项目建成后数据须全量接入市级大数据平台")
def _city_platform(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.data_to_city_platform is False:
        yield Violation((*P, "data_to_city_platform"), "项目建成后数据须全量接入市级大数据平台，数据中填写为“否”")


@BOOK.check("SZS-11.1", "第十一条", WARN, "政务信息系统依托自治区政务云平台集约化部署")
def _regional_cloud(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    where = data.project.deployment
    if is_blank(where):
        yield Violation((*P, "deployment"), f"未填写{label(*P, 'deployment')}：政务信息系统应依托自治区政务云平台部署")
    elif "自治区政务云" not in (where or ""):
        yield Violation(
            (*P, "deployment"), f"{label(*P, 'deployment')}为「{where}」，政务信息系统应依托自治区政务云平台部署"
        )


@BOOK.check(
    "SZS-11.2", "第十一条", ERR, "涉及政务服务、便民服务、社会治理、城市管理的，需与“我的宁夏”APP和“宁政通”APP对接"
)
def _apps(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    domains = [d for d in data.project.domains if d in PUBLIC_DOMAINS]
    if not domains:
        return
    joined = "".join(data.project.app_integrations)
    missing = [app for app in REQUIRED_APPS if app not in joined]
    if missing:
        yield Violation(
            (*P, "app_integrations"),
            f"项目涉及{'、'.join(domains)}，需与“我的宁夏”APP和“宁政通”APP对接，"
            f"{label(*P, 'app_integrations')}缺少{'、'.join(f'“{m}”' for m in missing)}",
        )


@BOOK.needs("SZS-12.1", "第十二条", DOC, "共性能力空白领域先行建设的，须经上级行业主管部门和自治区政府办公厅同意")
def _pilot_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.project.is_common_capability_pilot is True:
        yield Need("pilot_approval", "共性能力空白领域先行建设")


@BOOK.check("SZS-12.2", "第十二条", WARN, "市行业主管部门建设的系统原则上满足各级单位使用，各县区不再单独建设")
def _county_duplicate(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.level == "县区" and not is_blank(data.project.existing_city_system):
        yield Violation(
            (*P, "existing_city_system"),
            f"县区项目，市行业主管部门已建「{data.project.existing_city_system}」，原则上各县区不再单独建设",
        )


# ---------------------------------------------------------------- 第十三条（七种情况）


BOOK.note("SZS-12.3", "第十二条", INFO, "接口、标准与自治区重点项目一致，同步做好系统对接和数据互通")
BOOK.note(
    "SZS-13.0",
    "第十三条",
    INFO,
    "新建、扩建、改建的项目统一实行审查制度；七种情况原则上不受理",
    reading="七种情况只适用于新建、扩建、改建项目（AMB-11）",
)


@BOOK.check(
    "SZS-13.1",
    "第十三条第（一）项",
    ERR,
    "含机房、网络、云平台、服务器、基础软件等基础设施和办公电子设备的，原则上不受理",
    waivable=True,
    when=REVIEWED,
)
def _infrastructure(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for name, title in true_flags(data.project.infrastructure):
        yield Violation((*P, "infrastructure", name), f"项目含「{title}」等信息化基础设施和办公电子设备，原则上不受理")


@BOOK.check(
    "SZS-13.2", "第十三条第（二）项", ERR, "未获得上级主管部门准许的，原则上不受理", waivable=True, when=REVIEWED
)
def _superior_approval(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.superior_approval is not True:
        yield Violation((*P, "superior_approval"), "未获得上级主管部门准许，原则上不受理")


@BOOK.check("SZS-13.3", "第十三条第（三）项", ERR, "未提供数据资源目录的，原则上不受理", waivable=True, when=REVIEWED)
def _catalog_provided(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    catalog = data.project.data_catalog
    if catalog.provided is not True or not catalog.items:
        yield Violation(
            (*P, "data_catalog"), "未提供数据资源目录（信息资源目录），不符合政务信息资源共享要求，原则上不受理"
        )


@BOOK.check("SZS-13.4", "第十三条第（四）项", ERR, "属于重复设计、开发的，原则上不受理", waivable=True, when=REVIEWED)
def _duplicate(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if not is_blank(data.project.duplicate_of):
        yield Violation((*P, "duplicate_of"), f"项目与「{data.project.duplicate_of}」重复设计、开发，原则上不受理")


@BOOK.check(
    "SZS-13.5",
    "第十三条第（五）项",
    ERR,
    "现有同类型在建项目未完成竣工验收的，原则上不受理",
    waivable=True,
    when=REVIEWED,
)
def _unfinished(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if not is_blank(data.project.unfinished_similar_project):
        yield Violation(
            (*P, "unfinished_similar_project"),
            f"现有同类型在建项目「{data.project.unfinished_similar_project}」未完成竣工验收，原则上不受理",
        )


@BOOK.check(
    "SZS-13.6", "第十三条第（六）项", ERR, "新建系统与现有系统未充分整合的，原则上不受理", waivable=True, when=REVIEWED
)
def _integration(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.integrates_existing_systems is False:
        yield Violation((*P, "integrates_existing_systems"), "新建系统与现有系统未充分整合，原则上不受理")


@BOOK.check(
    "SZS-13.7",
    "第十三条第（七）项",
    ERR,
    "未明确系统安全防护和商用密码防护的，原则上不受理",
    waivable=True,
    when=REVIEWED,
)
def _security_defined(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.security.network_security.summary):
        yield Violation(
            ("security", "network_security", "summary"),
            "未明确系统安全防护（「网络安全保护基本情况」为空），原则上不受理",
        )
    if is_blank(data.security.cryptography.summary):
        yield Violation(
            ("security", "cryptography", "summary"), "未明确商用密码防护（「密码保护应用基本情况」为空），原则上不受理"
        )
    # 附件2's reviews: a protection found 「不符合」 is a protection not made clear
    yield from failed_reviews(data, "系统安全防护或商用密码防护未达到要求，原则上不受理")


# ---------------------------------------------------------------- 第十四条


def _service_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.project.construction_type in SERVICE_TYPES:
        yield Need("application_form", f"{data.project.construction_type}项目以申报表按服务类（含运维类）分类申报")


@BOOK.check(
    "SZS-14.1",
    "第十四条",
    ERR,
    "按工程类、货物类、服务类（含运维类）分类申报",
    needs=_service_needs,
    reading="“服务类（含运维类）”“运维类”读作服务类。运维、购买服务项目不编制第十五条的立项文件"
    "（第十三条审查、第十七条立项只对新建、改建、扩建；服务类进行政府采购），以申报表（附件1）分类申报；"
    "投资概算500万元以上的另按第十六条编制需求分析报告",
)
def _category(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.category is None:
        yield Violation(
            (*P, "category"), "未填写「项目类别」：申报的项目应按照工程类、货物类、服务类（含运维类）分类申报"
        )


@BOOK.check("SZS-14.2", "第十四条", ERR, "工程类项目应包含运维内容", when=ENGINEERING)
def _om_content(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.includes_om_content is not True:
        yield Violation((*P, "includes_om_content"), "「项目类别」为工程类，应包含运维内容")


@BOOK.check(
    "SZS-14.3",
    "第十四条",
    ERR,
    "工程类项目应包含至少{min_years:cn}年的系统免费运维期",
    thresholds={"min_years": N(3)},
    reading="“至少三年以上”读作不少于三年（恰为三年符合）",
    when=ENGINEERING,
)
def _free_maintenance(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    years = data.project.free_maintenance_years
    need = rule.t("min_years")
    if years is None:
        yield Violation(
            (*P, "free_maintenance_years"), f"「项目类别」为工程类，未填写「免费运维期（年）」，应不少于{cn(need)}年"
        )
    elif years < need:
        yield Violation(
            (*P, "free_maintenance_years"),
            f"「项目类别」为工程类，「免费运维期（年）」为{amount(years)}年，应不少于{cn(need)}年",
        )


@BOOK.check(
    "SZS-14.4",
    "第十四条",
    ERR,
    "服务类项目服务期不超过{max_years:cn}年",
    thresholds={"max_years": N(3)},
    reading="运维类属服务类，同样不超过三年（AMB-10）；恰为三年符合",
    when=SERVICE,
)
def _service_period(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    years = data.project.service_period_years
    cap = rule.t("max_years")
    if years is None:
        yield Violation(
            (*P, "service_period_years"), f"「项目类别」为服务类，未填写「服务期（年）」（不超过{cn(cap)}年）"
        )
    elif years > cap:
        yield Violation(
            (*P, "service_period_years"),
            f"「项目类别」为服务类，「服务期（年）」为{amount(years)}年，不得超过{cn(cap)}年",
        )


@BOOK.check(
    "SZS-14.5",
    "第十四条",
    ERR,
    "服务类项目不得包括建设内容",
    reading="数据声明含建设内容为错误；投资构成列有工程费或设备费时提示（警告）",
    when=SERVICE,
)
def _service_construction(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if data.project.includes_construction is True:
        yield Violation((*P, "includes_construction"), "「项目类别」为服务类，不得包括建设内容")
        return
    for index, item in enumerate(data.project.investment.items):
        if item.category in ("工程费", "设备费"):
            yield Violation(
                (*P, "investment", "items", index, "category"),
                f"「项目类别」为服务类，投资构成中「{item.name}」列为{item.category}，似含建设内容（服务类不得包括建设内容）",
                severity=Severity.WARNING,
            )


@BOOK.check(
    "SZS-14.6",
    "第十四条",
    ERR,
    "同时报送项目免费运维期后运维资金来源",
    reading="只有工程类项目有免费运维期，故只对工程类要求（AMB-09）",
    when=ENGINEERING,
)
def _post_funding(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.project.post_maintenance_funding):
        yield Violation(
            (*P, "post_maintenance_funding"), "「项目类别」为工程类，应同时报送「免费运维期后运维资金来源」"
        )


# ---------------------------------------------------------------- 第十五条、第十六条


def _band(data: ProjectData) -> str | None:
    """'large' ≥ 5000, 'middle' 1500–5000, 'small' < 1500 on 总投资 (AMB-02); None when unknown."""
    total = data.project.investment.total
    if total is None:
        return None
    if total >= LARGE_PROJECT:
        return "large"
    if total >= MIDDLE_PROJECT:
        return "middle"
    return "small"


@BOOK.needs(
    "SZS-15.3",
    "第十五条",
    DOC,
    "总投资{min}万元以上的项目应提供项目建议书、可行性研究报告和初步设计",
    thresholds={"min": LARGE_PROJECT},
    reading="恰为5000万元归入最高一档（AMB-02）；第十五条的立项文件只对新建、改建、扩建项目（运维、购买服务见第十四条）",
    when=REVIEWED,
)
def _large_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _band(data) == "large":
        why = f"总投资{wan(rule.t('min'))}以上"
        yield from (Need(doc, why) for doc in ("proposal", "feasibility", "preliminary_design"))


@BOOK.needs(
    "SZS-15.4",
    "第十五条",
    DOC,
    "总投资{min}万元（含）至{max}万元的项目应提供可行性研究报告（代项目建议书）、初步设计",
    thresholds={"min": MIDDLE_PROJECT, "max": LARGE_PROJECT},
    reading="恰为1500万元归入本档，“1500万元以下”读作低于1500万元（AMB-02）；只对新建、改建、扩建项目",
    when=REVIEWED,
)
def _middle_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _band(data) == "middle":
        why = f"总投资{wan(rule.t('min'))}（含）至{wan(rule.t('max'))}"
        yield Need("feasibility", why + "，可行性研究报告代项目建议书并包含建设必要性内容")
        yield Need("preliminary_design", why)


@BOOK.needs(
    "SZS-15.5",
    "第十五条",
    DOC,
    "总投资{max}万元以下的项目应提供初步设计（含建设必要性和可行性论证）",
    thresholds={"max": MIDDLE_PROJECT},
    reading="只对新建、改建、扩建项目：运维、购买服务项目没有初步设计（第十四条、第十七条）",
    when=REVIEWED,
)
def _small_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _band(data) == "small":
        yield Need("preliminary_design", f"总投资{wan(rule.t('max'))}以下，初步设计包含建设必要性和可行性论证内容")


@BOOK.needs(
    "SZS-10.1", "第十条", DOC, "可行性研究报告、初步设计编制应当包含信息资源目录", when=REVIEWED,
    reading="随第十五条的可行性研究报告、初步设计，只对新建、改建、扩建项目",
)  # fmt: skip
def _catalog_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if _band(data) is not None:
        catalog = data.project.data_catalog
        # Part of the 可研/初设 (第十条), not a document of its own to list in 申报材料; a catalogue
        # missing from the data is SZS-13.3's finding.
        present = bool(catalog.provided and catalog.items)
        yield Need("data_catalog", "可行性研究报告、初步设计应当包含", present=present, separate=False)


BOOK.note("SZS-15.1", "第十五条", INFO, "项目建议书、可行性研究报告、初步设计报市数据局技术审查")


@BOOK.needs("SZS-15.2", "第十五条", DOC, "属于行业项目的，需由自治区行业主管部门出具意见书")
def _industry_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.project.is_industry_project is True:
        yield Need("industry_opinion", "属于行业项目")


@BOOK.check(
    "SZS-15.6",
    "第十五条",
    WARN,
    "可行性研究报告应委托有相应业务能力的咨询机构编制",
    thresholds={"min": MIDDLE_PROJECT},
    when=REVIEWED,
)
def _consulting(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if _band(data) in ("large", "middle") and is_blank(data.project.consulting_org):
        yield Violation(
            (*P, "consulting_org"),
            f"总投资{wan(rule.t('min'))}以上须提供可行性研究报告，未填写{label(*P, 'consulting_org')}"
            "（应委托有相应业务能力的咨询机构编制）",
        )


def budget_estimate(data: ProjectData) -> Decimal | None:
    """第十六条's 投资概算: the estimate when given, else 总投资 (AMB-05)."""
    return data.project.budget_estimate if data.project.budget_estimate is not None else data.project.investment.total


@BOOK.needs(
    "SZS-16.1",
    "第十六条",
    DOC,
    "投资概算{min}万元以上的，应编制《项目需求分析报告》（附件3）、填写申报表（附件1），报自治区政府办公厅审查",
    thresholds={"min": N(500)},
    reading="有「投资概算（万元）」时用概算，否则用总投资；恰为500万元需要（AMB-05）",
)
def _report_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    estimate = budget_estimate(data)
    if estimate is not None and estimate >= rule.t("min"):
        why = f"投资概算{wan(rule.t('min'))}以上，报自治区政府办公厅审查"
        yield Need("requirements_report", why)
        yield Need("application_form", why)


BOOK.note("SZS-16.2", "第十六条", INFO, "市本级项目由市数据局汇总报送；县区项目经县区数据局审核后报市数据局")


@BOOK.check("SZS-17.1", "第十七条", WARN, "必要性与技术审查通过后，由市审批局立项", stage=Stage.APPROVE)
def _sequence_approval(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    passed, approved = data.review_process.tech_review_passed_on, data.approval.approved_on
    if passed and approved and approved < passed:
        yield Violation(
            ("approval", "approved_on"),
            f"立项批复日期{date_cn(approved)}早于技术审查通过日期{date_cn(passed)}：应在必要性与技术审查通过后立项",
        )


# ---------------------------------------------------------------- 第十八条（备案）


def _deadline(
    event: dt.date | None, done: dt.date | None, months: int, ctx: CheckContext
) -> tuple[dt.date, bool] | None:
    """(deadline, late) for a duty due ``months`` after ``event``; None when nothing to say yet."""
    if event is None:
        return None
    due = add_months(event, months)
    if done is not None:
        return due, done > due
    return due, ctx.current_date() > due


BOOK.note("SZS-17.2", "第十七条", INFO, "货物类、服务类项目进行政府采购；市财政局统筹安排资金", stage=Stage.APPROVE)


#: 第五条, 第十七条: the 市审批服务管理局 (市审批局) approves 市级 新建、改建、扩建 projects.
APPROVER_WORDS = ("审批服务管理局", "审批局", "行政审批服务局", "审批服务局")


@BOOK.check(
    "SZS-17.3",
    "第十七条",
    WARN,
    "市级新建、改建、扩建项目由市审批局（市审批服务管理局）立项",
    when=REVIEWED,
    stage=Stage.APPROVE,
    reading="第五条、第十七条：市审批服务管理局负责市级新建、改建、扩建项目审批；「审批部门」名称中有"
    "“审批局”“审批服务管理局”“行政审批服务局”即为该局；县区、园区项目由其所在地审批，不检查",
)
def _approver(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    approver = data.approval.approver
    if data.project.level in ("县区", "园区") or is_blank(approver):
        return
    if not any(word in (approver or "") for word in APPROVER_WORDS):
        yield Violation(
            ("approval", "approver"),
            f"「审批部门」为「{approver}」：市级{data.project.construction_type}项目应由市审批局（市审批服务管理局）立项",
        )


BOOK.note("SZS-18.1", "第十八条", INFO, "所有项目实行“全口径”备案", always=True, stage=Stage.FILE)


@BOOK.check(
    "SZS-18.2",
    "第十八条第（一）项",
    ERR,
    "运行维护资金使用情况应在一个预算年度结束后{months:cn}个月内备案",
    thresholds={"months": N(1)},
    always=True,
    stage=Stage.FILE,
    reading="预算年度为公历年，截止日为次年1月31日（含当日）（AMB-06）",
)
def _om_filing(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    year = data.filing.budget_year
    if year is None or data.project.construction_type != "运维":
        return
    result = _deadline(dt.date(year, 12, 31), data.filing.filed_on, int(rule.t("months")), ctx)
    if result and result[1]:
        due = result[0]
        what = f"于{date_cn(data.filing.filed_on)}备案" if data.filing.filed_on else "尚未备案"
        yield Violation(
            ("filing", "filed_on"),
            f"{year}年度运行维护资金使用情况应在{date_cn(due)}前备案（预算年度结束后一个月内），{what}",
        )


@BOOK.check(
    "SZS-18.3",
    "第十八条第（一）项",
    ERR,
    "新建、改建、扩建和政府购买服务类项目应在完成招标后{months:cn}个月内备案",
    thresholds={"months": N(1)},
    always=True,
    stage=Stage.FILE,
    reading="招标完成以中标通知书日期为准；期限为次月对应日（无对应日取月末），含当日（AMB-06、AMB-08）",
)
def _tender_filing(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    if data.project.construction_type not in ("新建", "改建", "扩建", "购买服务"):
        return
    tender = data.procurement.tender_completed_on
    result = _deadline(tender, data.filing.filed_on, int(rule.t("months")), ctx)
    if tender and result and result[1]:
        what = f"于{date_cn(data.filing.filed_on)}备案" if data.filing.filed_on else "尚未备案"
        yield Violation(
            ("filing", "filed_on"),
            f"完成项目招标（{date_cn(tender)}）后一个月内、即{date_cn(result[0])}前应备案，{what}",
        )


@BOOK.check(
    "SZS-18.4",
    "第十八条第（一）项",
    ERR,
    "备案信息变更后{months:cn}个月内更新",
    thresholds={"months": N(1)},
    always=True,
    stage=Stage.FILE,
)
def _change_filing(data: ProjectData, rule: Rule, ctx: CheckContext) -> Iterator[Violation]:
    changed = data.filing.changed_on
    result = _deadline(changed, data.filing.updated_on, int(rule.t("months")), ctx)
    if changed and result and result[1]:
        what = f"于{date_cn(data.filing.updated_on)}更新" if data.filing.updated_on else "尚未更新"
        yield Violation(
            ("filing", "updated_on"),
            f"备案信息于{date_cn(changed)}变更，应在{date_cn(result[0])}前向市数据局更新，{what}",
        )


_STAGE = "到备案环节（已招标、已备案，或运维项目已给出预算年度）才检查：已备案而缺项为错误，尚未备案时为警告"


def _filing_content(kind: str) -> CheckFn:
    """第十八条第（二）项: at the 备案 stage (filed, tendered, or a 运维 budget year given) every
    row of the kind's 备案信息 is filled. A project still being applied for is not asked."""

    def check(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
        if not filing.at_filing_stage(data) or filing.kind_of(data) != kind:
            return
        filed = data.filing.filed_on is not None
        due = filing.deadline(data)
        for item in filing.items_for(kind):
            if filing.value_text(data, item):
                continue
            if filed:  # filed without it: the 备案 is incomplete
                yield Violation(item.path, f"备案信息缺少「{item.label}」（备案环节，备案信息表的该行为空）")
            else:  # tendered, not yet filed: what the 备案 will need
                when = f"，应在{date_cn(due.due)}前备案" if due else ""
                message = f"备案时须写明「{item.label}」（备案环节{when}）"
                yield Violation(item.path, message, severity=Severity.WARNING)

    return check


BOOK.check(
    "SZS-18.5",
    "第十八条第（二）项第1目",
    ERR,
    "新建、改建、扩建类项目备案信息应包括规定的十一项内容",
    always=True,
    stage=Stage.FILE,
    reading="备案类型按「建设性质」确定（AMB-22）；“密码应用、安全性评估情况”按两项（AMB-07）；" + _STAGE,
)(_filing_content("construction"))


@BOOK.needs(
    "SZS-18.6", "第十八条第（二）项第1目", DOC, "改建、扩建类项目还应提交前期项目第三方评价报告", always=True,
    stage=Stage.FILE,
)  # fmt: skip
def _evaluation_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    if data.project.construction_type in ("改建", "扩建"):
        yield Need("third_party_evaluation", f"{data.project.construction_type}类项目备案", stage="备案")


# ---------------------------------------------------------------- 第二十条至第二十五条


BOOK.check(
    "SZS-18.7",
    "第十八条第（二）项第2目",
    ERR,
    "购买服务类项目备案信息应包括规定的七项内容",
    always=True,
    stage=Stage.FILE,
    reading=_STAGE,
)(_filing_content("service"))
BOOK.check(
    "SZS-18.8",
    "第十八条第（二）项第3目",
    ERR,
    "运行维护类项目备案信息应包括规定的五项内容",
    always=True,
    stage=Stage.FILE,
    reading=_STAGE,
)(_filing_content("om"))
BOOK.note("SZS-18.9", "第十八条第（二）项第4目", INFO, "其他应备案内容", always=True, stage=Stage.FILE)
BOOK.note("SZS-19", "第十九条", INFO, "项目建设单位对申报材料的真实性负责")


@BOOK.check(
    "SZS-20", "第二十条", ERR, "批复核定的建设内容、规模、标准、投资概算等控制指标必须严格遵守", stage=Stage.PROCURE
)
def _within_approval(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    settled, approved = data.procurement.settlement_amount, data.approval.approved_estimate
    if settled is not None and approved is not None and settled > approved:
        yield Violation(
            ("procurement", "settlement_amount"),
            f"「结算金额（万元）」{wan(settled)}超过批复核定的投资概算{wan(approved)}，批复的控制指标必须严格遵守",
        )


def _security_needs(data: ProjectData, rule: Rule) -> Iterator[Need]:
    yield Need("security_form", f"{data.project.construction_type}项目须明确系统安全防护和商用密码防护")


@BOOK.check(
    "SZS-21",
    "第二十一条",
    DOC,
    "落实网络安全等级保护和国家密码管理要求，同步规划、同步建设、同步运行",
    needs=_security_needs,
    reading="附件2 适用于新建、改建、扩建项目（AMB-24）；「网络安全等级保护定级（级）」未填、"
    "「网络安全保护基本情况」也未写明定级（如“第三级”“三级等保”）时为警告",
    when=REVIEWED,
)
def _protection_level(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    network = data.security.network_security
    if network.protection_level is None and stated_level(network.summary) is None:
        yield Violation(
            ("security", "network_security", "summary"),
            "「网络安全保护基本情况」未写明网络安全等级保护定级（如“第三级”），"
            "「网络安全等级保护定级（级）」也未填写：应落实网络安全等级保护要求",
            severity=Severity.WARNING,
        )


@BOOK.check("SZS-22", "第二十二条", WARN, "优先采购自主可控的关键产品、工程和服务")
def _autonomous(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    for index, product in enumerate(data.project.products):
        if product.autonomous_controllable is False:
            yield Violation(
                (*P, "products", index, "autonomous_controllable"),
                f"关键产品「{product.name}」不是自主可控产品：应优先采购自主可控的关键产品",
            )


@BOOK.check("SZS-23", "第二十三条", ERR, "项目建设单位应明确项目实施机构和项目责任人")
def _accountable(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.project.implementing_body):
        yield Violation((*P, "implementing_body"), "项目建设单位应明确「项目实施机构」，数据中未填写")
    if is_blank(data.project.responsible_person.name):
        yield Violation((*P, "responsible_person", "name"), "项目建设单位应明确「项目责任人」，数据中未填写")


@BOOK.check(
    "SZS-23.2",
    "第二十三条",
    ERR,
    "严格执行工程监理制度：项目建设委托工程监理单位",
    when=REVIEWED,
    stage=Stage.PROCURE,
    reading="工程监理是建设阶段的义务：申报时不检查，完成招标、签订合同或开始建设后检查；"
    "只对新建、改建、扩建项目（运维、购买服务项目没有项目建设）",
)
def _supervision(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    if is_blank(data.project.supervisor_org):
        yield Violation((*P, "supervisor_org"), under_way(data) + "，应执行工程监理制度，数据中未填写「工程监理单位」")


def under_way(data: ProjectData) -> str:
    """「项目已于2026年6月15日完成招标」: the fact that puts a project in its construction stage."""
    tender = data.procurement.tender_completed_on
    if tender is not None:
        return f"项目已于{date_cn(tender)}完成招标"
    if data.procurement.contract_signed_on is not None:
        return f"项目已于{date_cn(data.procurement.contract_signed_on)}签订合同"
    return "项目已进入采购和建设阶段"


BOOK.note("SZS-24", "第二十四条", INFO, "违反规定或批复要求的，市数据局要求限期整改")


@BOOK.check("SZS-25.1", "第二十五条", WARN, "通过初步验收并试运行满足要求后开展竣工验收", stage=Stage.ACCEPT)
def _acceptance_sequence(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    a = data.acceptance
    steps = [
        ("prelim_on", "初步验收", a.prelim_on),
        ("trial_run_start", "试运行开始", a.trial_run_start),
        ("trial_run_end", "试运行结束", a.trial_run_end),
        ("final_on", "竣工验收", a.final_on),
    ]
    known = [step for step in steps if step[2] is not None]
    for (_, before_name, before), (key, name, after) in pairwise(known):
        if after < before:  # type: ignore[operator]
            yield Violation(
                ("acceptance", key),
                f"{name}日期{date_cn(after)}早于{before_name}日期{date_cn(before)}：应初步验收、试运行满足要求后再竣工验收",
            )


@BOOK.check("SZS-25.2", "第二十五条", ERR, "未经验收或者验收不合格的项目不得正式投入使用", stage=Stage.ACCEPT)
def _in_service(data: ProjectData, rule: Rule, _ctx: CheckContext) -> Iterator[Violation]:
    a = data.acceptance
    if a.in_service_on is None:
        return
    if a.result != "合格" or a.final_on is None:
        yield Violation(("acceptance", "in_service_on"), "项目未经验收或验收不合格，不得正式投入使用")
    elif a.final_on > a.in_service_on:
        yield Violation(
            ("acceptance", "in_service_on"),
            f"正式投入使用日期{date_cn(a.in_service_on)}早于竣工验收日期{date_cn(a.final_on)}：未经验收不得正式投入使用",
        )


# ---------------------------------------------------------------- the rules


BOOK.note("SZS-29", "第二十九条", INFO, "未明确事项参照宁发改高技〔2019〕444号和宁数办发〔2023〕6号执行")


def describe_scope(data: ProjectData) -> str:
    """One sentence for the 材料清单: which part of the 办法 applies to this project, and why."""
    floor = FULL_RULES_FLOOR
    if classified(data):
        return "本项目为涉密项目，不适用本办法（第四条），按国家保密管理有关规定办理，本办法的其他规定不作要求"
    measure, total = cost_sum(data, APPLICABILITY_COSTS), data.project.investment.total
    if measure is not None and measure >= floor:
        return f"本项目工程费、设备费及预备费合计{wan(measure)}，不低于{wan(floor)}，适用本办法全部规定（第四条）"
    if total is not None and total < floor:
        return f"本项目总投资{wan(total)}，低于{wan(floor)}，参照本办法开展备案和建设指导（第四条）"
    if measure is not None and total is not None:
        return (
            f"本项目工程费、设备费及预备费合计{wan(measure)}、总投资{wan(total)}，"
            "第四条两句均未明确涵盖，按适用本办法全部规定审查"
        )
    return "未填写投资，按适用本办法全部规定审查（第四条）"


PROFILE = Profile(
    key="shizuishan",
    short_name="石嘴山",
    name="《石嘴山市政务信息化项目管理办法》",
    jurisdiction="宁夏·石嘴山市",
    seed="001_00320f1afbe0bc50.txt",
    status="送审稿",
    rules=BOOK.rules,
    full_rules_apply=full_rules_apply,
    outside=classified,
    forms=(*PACKAGE, Form.FILING),
    package=PACKAGE,
    asks="项目建议书、可行性研究报告、初步设计（第十五条）、项目需求分析报告和申报表（第十六条，附件3、附件1）、"
    "网络安全和密码保护审查表（附件2）、备案信息（第十八条）",
    scope_note=f"非涉密项目；总投资低于{amount(FULL_RULES_FLOOR)}万元的项目只适用备案规定（第四条、第十八条）",
    describe_scope=describe_scope,
)
