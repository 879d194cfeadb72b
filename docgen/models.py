"""The data model of a 政务信息化项目 submission.

``Field(title=...)`` carries the form's own Chinese label and is the one source
of labels for messages, the JSON Schema and the starter file. Presence is not
enforced by pydantic: every field may be left out so that one bad value never
hides the other problems of a file. Fields a submission needs are marked
``mandatory`` and reported together with every other check.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from docgen.limits import MAX_KEYED_ROWS

MANDATORY = "x-docgen-mandatory"

# Closed lists: each defined once, as the Literal the model validates against.
Category = Literal["工程类", "货物类", "服务类"]
ConstructionType = Literal["新建", "改建", "扩建", "运维", "购买服务"]
CostCategory = Literal["工程费", "设备费", "预备费", "其他费用"]
Level = Literal["市本级", "县区", "园区"]
ReviewResult = Literal["符合", "不符合"]
AcceptanceResult = Literal["合格", "不合格"]
DeclarationType = Literal["年度申报", "专项申报"]
JiangxiCategory = Literal["基础设施类", "跨部门跨层级集成类", "支撑平台类", "跨部门共建类", "其他"]
JiangxiLevel = Literal["省直部门", "设区市", "县区"]
#: The 办法 docgen knows (docgen.rules.profiles holds one module per key).
ProfileKey = Literal["shizuishan", "qinzhou2016", "qinzhou2023", "guangxi", "jiangxi"]
CATEGORIES: tuple[str, ...] = get_args(Category)
#: What people write for a 项目类别 that is one of the list's (第十四条's own wording 「服务类（含运维类）」,
#: or 「运维类」): read as that value everywhere — data files, workbooks, filled forms.
CATEGORY_ALIASES: dict[str, str] = {
    "服务类(含运维类)": "服务类",
    "服务类(运维类)": "服务类",
    "服务类(含运维)": "服务类",
    "服务类(运维)": "服务类",
    "运维类": "服务类",
}


def field(
    title: str,
    description: str | None = None,
    *,
    mandatory: bool = False,
    default: Any = None,
    default_factory: Any = None,
    **constraints: Any,
) -> Any:
    """A model field with its Chinese label; ``mandatory`` marks what a submission needs."""
    extra: dict[str, Any] | None = {MANDATORY: True} if mandatory else None
    if default_factory is not None:
        return Field(
            default_factory=default_factory,
            title=title,
            description=description,
            json_schema_extra=extra,
            **constraints,
        )
    return Field(default=default, title=title, description=description, json_schema_extra=extra, **constraints)


#: Amounts in 万元: at most 10 whole digits (beyond any budget) and 6 decimals — to the 分, as forms in 元
#: are written (8,600,000.50 元 is 860.00005 万元).
Amount = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=6, allow_inf_nan=False)]
#: The years a date or a year field may name: the deadlines the rules count (a month after a
#: tender, the end of a budget year) stay real days, and no day printed is out of this world.
FIRST_YEAR, LAST_YEAR = 1900, 2199
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
#: 是/否: true or false only. What people type (是/否、有/无) is read before the model sees it
#: (docgen.normalize); strict, so that "yes", "Y" or 1 are refused rather than guessed.
YesNo = Annotated[bool, Field(strict=True)]


class DocModel(BaseModel):
    """Base: unknown keys are kept (and reported as warnings), numbers read as text where text is due."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    @field_validator("*")
    @classmethod
    def _days_in_range(cls, value: Any) -> Any:
        """A day (or a list of days) between FIRST_YEAR and LAST_YEAR (9999-12-31 is no filing date)."""
        days = value if isinstance(value, list) else [value]
        if any(isinstance(day, dt.date) and not FIRST_YEAR <= day.year <= LAST_YEAR for day in days):
            raise ValueError(f"应在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间")
        return value


# ---------------------------------------------------------------- 附件1 表头


class Declaration(DocModel):
    applicant: str | None = field("项目申报单位", "附件1、附件2 表头左侧", mandatory=True)
    date: dt.date | None = field("申报日期", "附件1、附件2 表头右侧（年 月 日）；留空则印为空白日期")


# ---------------------------------------------------------------- 项目


class Person(DocModel):
    name: str | None = field("姓名", mandatory=True)
    phone: str | None = field("联系电话", "座机如 0952-2011234，手机如 13800000000", mandatory=True)


class Schedule(DocModel):
    start: dt.date | None = field("起始时间", "日期，如 2026-11-25", mandatory=True)
    end: dt.date | None = field("完成时间", "日期，如 2026-11-25", mandatory=True)


class InvestmentItem(DocModel):
    name: str | None = field("费用名称", mandatory=True)
    category: CostCategory | None = field(
        "费用类别", "工程费 / 设备费 / 预备费 / 其他费用（第四条：前三项合计为适用口径）", mandatory=True
    )
    amount: Amount | None = field("金额（万元）", mandatory=True)


class Sources(DocModel):
    national: Amount | None = field("国家资金", "万元", mandatory=True)
    autonomous_region: Amount | None = field("自治区资金", "万元", mandatory=True)
    municipal: Amount | None = field("市级资金", "万元", mandatory=True)
    social: Amount | None = field("社会资金", "万元", mandatory=True)
    self_funded: Amount | None = field(
        "自筹资金", "万元；第四条“使用财政资金、自筹资金或引导社会资本建设”；附件1 只印前四栏，可留空"
    )


class Investment(DocModel):
    total: Amount | None = field("项目预计总投资（万元）", mandatory=True)
    this_year: Amount | None = field("本年度预计投入（万元）", mandatory=True)
    items: list[InvestmentItem] = field(
        "投资构成",
        "逐项列出费用，合计应等于总投资；用于附件3 五、投资估算表",
        default_factory=list,
        max_length=MAX_KEYED_ROWS,
    )
    sources: Sources = field("计划资金来源（万元）", default_factory=Sources)


class Infrastructure(DocModel):
    machine_room: YesNo | None = field("机房")
    network: YesNo | None = field("网络")
    cloud_platform: YesNo | None = field("云平台")
    servers: YesNo | None = field("服务器")
    base_software: YesNo | None = field("基础软件")
    office_equipment: YesNo | None = field("办公电子设备")


class InfrastructureExt(DocModel):
    department_private_network: YesNo | None = field("部门专网")
    computing_platform: YesNo | None = field("运算平台")
    storage_backup_platform: YesNo | None = field("存储备份平台")
    security_platform: YesNo | None = field("安全平台")
    website_platform: YesNo | None = field("网站平台")
    internet_egress: YesNo | None = field("互联网出口")
    data_center: YesNo | None = field("数据中心")
    storage_devices: YesNo | None = field("存储设备")
    server_network_devices: YesNo | None = field("服务端网络设备")
    internet_egress_lease: YesNo | None = field("单独租赁互联网出口线路")
    private_network_lease: YesNo | None = field("未整合到电子政务内外网的专网租赁")


class XinchuangException(DocModel):
    reason: str | None = field("无法替代的原因及评估论证")
    approval: str | None = field("市保密行政管理部门批准文件")


class CatalogItem(DocModel):
    name: str | None = field("信息资源名称", mandatory=True)
    shared: YesNo | None = field("是否共享")
    basis: str | None = field("不予共享的依据", "不予共享时须注明法律、法规或政策依据（第十条）")


class DataCatalog(DocModel):
    provided: YesNo | None = field("已提供信息资源目录")
    items: list[CatalogItem] = field("信息资源目录", default_factory=list, max_length=MAX_KEYED_ROWS)


class Product(DocModel):
    name: str | None = field("产品名称", mandatory=True)
    kind: str | None = field("产品类型", "信息安全设备 / 核心网络设备 / 基础软件 / 系统软件 / 业务应用软件")
    autonomous_controllable: YesNo | None = field("自主可控")
    secure_reliable: YesNo | None = field("安全可靠")
    xinchuang: YesNo | None = field("符合信创要求")
    domestic: YesNo | None = field("国产")


class Project(DocModel):
    name: str | None = field("项目名称", mandatory=True)
    category: Category | None = field(
        "项目类别",
        "工程类 / 货物类 / 服务类（含运维类）（第十四条）；写作“服务类（含运维类）”或“运维类”读作服务类",
        mandatory=True,
    )
    construction_type: ConstructionType | None = field(
        "建设性质", "新建 / 改建 / 扩建 / 运维 / 购买服务（第二条）", mandatory=True
    )
    owner_unit: str | None = field("项目建设单位", mandatory=True)
    leader: Person = field("项目负责人", default_factory=Person)
    participating_units: list[str] = field("参与建设单位", "没有时留空，表中印“无”", default_factory=list)
    location: str | None = field("项目建设地址", mandatory=True)
    basis: list[str] = field("项目建设依据", "政策文件，带文号", default_factory=list, mandatory=True)
    schedule: Schedule = field("项目计划时间", default_factory=Schedule)
    preparation: str | None = field("项目准备情况", mandatory=True)
    investment: Investment = field("投资", default_factory=Investment)
    materials: list[str] = field("申报材料", "申报材料清单", default_factory=list)
    remarks: str | None = field("备注")
    # ---- 以下为规则审查所需信息（不直接出现在附件表格中）
    free_maintenance_years: Amount | None = field("免费运维期（年）", "工程类不少于三年（第十四条）")
    service_period_years: Amount | None = field("服务期（年）", "服务类不超过三年（第十四条）")
    post_maintenance_funding: str | None = field("免费运维期后运维资金来源", "第十四条")
    infrastructure: Infrastructure = field(
        "信息化基础设施和办公电子设备", "第十三条第一项", default_factory=Infrastructure
    )
    superior_approval: YesNo | None = field("已获得上级主管部门准许", "第十三条第二项")
    data_catalog: DataCatalog = field("信息资源目录", "第十条、第十三条第三项", default_factory=DataCatalog)
    duplicate_of: str | None = field("与之重复的已有系统", "第十三条第四项")
    unfinished_similar_project: str | None = field("未完成竣工验收的同类在建项目", "第十三条第五项")
    integrates_existing_systems: YesNo | None = field("已与现有系统充分整合", "第十三条第六项")
    classified: YesNo | None = field("是否涉密", "第四条：本办法适用于非涉密项目")
    level: Level | None = field("项目层级", "市本级 / 县区 / 园区")
    responsible_person: Person = field("项目责任人", "第二十三条；附件3 一（二）", default_factory=Person)
    implementing_body: str | None = field("项目实施机构", "第二十三条")
    deployment: str | None = field("部署环境", "如：自治区政务云（第十一条）")
    domains: list[str] = field(
        "涉及领域", "政务服务 / 便民服务 / 社会治理 / 城市管理（第十一条）", default_factory=list
    )
    app_integrations: list[str] = field("对接的APP", "如：我的宁夏、宁政通（第十一条）", default_factory=list)
    includes_om_content: YesNo | None = field("工程类项目包含运维内容", "第十四条")
    includes_construction: YesNo | None = field("服务类项目包括建设内容", "第十四条：服务类不得包括建设内容")
    data_to_city_platform: YesNo | None = field("建成后数据全量接入市级大数据平台", "第十条")
    budget_estimate: Amount | None = field("投资概算（万元）", "初步设计批复的概算；第十六条")
    is_industry_project: YesNo | None = field("属于行业项目", "第十五条")
    is_common_support: YesNo | None = field("属于重点基础性、公共支撑性项目", "第九条")
    consulting_org: str | None = field("可行性研究报告编制咨询机构", "第十五条")
    supervisor_org: str | None = field(
        "工程监理单位", "第二十三条（钦州2023稿第十五条、江西第二十六条）：完成招标、开始建设后检查"
    )
    products: list[Product] = field("关键产品清单", "第二十二条：优先采购自主可控产品", default_factory=list)
    is_common_capability_pilot: YesNo | None = field("属于共性能力空白领域先行建设", "第十二条")
    existing_city_system: str | None = field("市行业主管部门已建的同类系统", "第十二条：县区不再单独建设")
    # ---- 多个地区办法共用的信息（各地区独有的信息在 qinzhou、guangxi、jiangxi 部分）
    infrastructure_ext: InfrastructureExt = field(
        "其他基础设施", "钦州第十条、江西第十七条", default_factory=InfrastructureExt
    )
    connects_share_exchange: YesNo | None = field("接入政务数据共享交换平台", "江西第十一条；广西第二十九条")


# ---------------------------------------------------------------- 附件2


class NetworkSecurity(DocModel):
    protection_level: int | None = field("网络安全等级保护定级（级）", "第一级至第五级", ge=1, le=5)
    summary: str | None = field("网络安全保护基本情况", mandatory=True)


class Cryptography(DocModel):
    summary: str | None = field("密码保护应用基本情况", mandatory=True)


class Security(DocModel):
    construction_content: str | None = field("项目建设内容", mandatory=True)
    network_security: NetworkSecurity = field("网络安全保护基本情况", default_factory=NetworkSecurity)
    cryptography: Cryptography = field("密码保护应用基本情况", default_factory=Cryptography)


class ReviewEntry(DocModel):
    result: ReviewResult | None = field("审查结果", "符合 / 不符合")
    unit: str | None = field("审查单位")
    date: dt.date | None = field("审查日期", "日期，如 2026-11-25")


class Review(DocModel):
    network_security: ReviewEntry = field("网络安全审查", default_factory=ReviewEntry)
    cryptography: ReviewEntry = field("密码保护审查", default_factory=ReviewEntry)


# ---------------------------------------------------------------- 附件3


class Table(DocModel):
    caption: str | None = field("表题")
    columns: list[str] = field("表头", default_factory=list, mandatory=True)
    rows: list[list[str]] = field("表格行", default_factory=list)


class TableBlock(DocModel):
    table: Table = field("表格", default_factory=Table)


class Image(DocModel):
    path: str | None = field("图片文件", "相对于数据文件所在文件夹", mandatory=True)
    caption: str | None = field("图题")
    width_mm: Amount | None = field("图片宽度（毫米）", "默认按版心宽度（156毫米）缩放")


class ImageBlock(DocModel):
    image: Image = field("图片", default_factory=Image)


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, TableBlock) or (isinstance(value, dict) and "table" in value):
        return "table"
    if isinstance(value, ImageBlock) or (isinstance(value, dict) and "image" in value):
        return "image"
    return None


def _section_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "blocks"
    return None


Block = Annotated[
    Annotated[str, Tag("text")] | Annotated[TableBlock, Tag("table")] | Annotated[ImageBlock, Tag("image")],
    Discriminator(_block_kind),
]
Section = Annotated[
    Annotated[str, Tag("text")] | Annotated[list[Block], Tag("blocks")],
    Discriminator(_section_kind),
]


def section(title: str, description: str | None = None, *, mandatory: bool = True) -> Any:
    text = description or "一段文字（空行分段），或由文字、表格、图片依次组成"
    return field(title, text, mandatory=mandatory)


def plan_section(title: str, description: str) -> Any:
    """A chapter of another jurisdiction's document: asked by that 办法's rule when the document is."""
    return section(title, description + "；一段文字，或由文字、表格、图片依次组成", mandatory=False)


class Necessity(DocModel):
    background: Section | None = section("（一）项目提出的背景和依据")
    current_state: Section | None = section("（二）现有信息系统装备和信息化应用状况及存在问题和差距")
    significance: Section | None = section("（三）项目建设的意义和必要性")


class Analysis(DocModel):
    business: Section | None = section("（一）业务功能、业务流程、业务量分析")
    environment: Section | None = section("（二）运行环境需求分析（政务网络、公共云平台、大数据服务平台等基础资源）")
    function_performance: Section | None = section("（三）功能和性能需求分析")
    data_sharing: Section | None = section("（四）政务信息共享开放需求分析")


class Construction(DocModel):
    goals: Section | None = section("（一）建设目标")
    scope: Section | None = section("（二）建设规模和内容")


class RequirementsReport(DocModel):
    owner_overview: Section | None = section("（二）项目建设单位概况和负责人、项目责任人")
    overview: Section | None = section("（四）项目概况")
    necessity: Necessity = field("二、项目建设的必要性", default_factory=Necessity)
    analysis: Analysis = field("三、需求分析", default_factory=Analysis)
    construction: Construction = field("四、项目建设需求", default_factory=Construction)
    funding: Section | None = section(
        "五、项目投资估算及资金筹措", "资金筹措说明；投资估算表、资金筹措表由「投资」部分的数字自动生成"
    )
    appendix: list[str] = field("附件：编制依据及与项目有关的政策、技术、经济资料", default_factory=list)


# ---------------------------------------------------------------- 规则所需的过程信息


class ReviewProcess(DocModel):
    tech_review_passed_on: dt.date | None = field("市数据局技术审查通过日期", "第十六条、第十七条")


class Approval(DocModel):
    approved_on: dt.date | None = field("立项批复日期")
    approver: str | None = field("审批部门")
    doc_no: str | None = field("批复文号")
    approved_scope: str | None = field("批复建设内容")
    approved_estimate: Amount | None = field("批复投资概算（万元）")
    tender_items: str | None = field("批复招标事项")


class Procurement(DocModel):
    tender_completed_on: dt.date | None = field("完成项目招标日期", "以中标通知书日期为准")
    winning_bidder: str | None = field("中标单位")
    settlement_amount: Amount | None = field("结算金额（万元）")
    contract_signed_on: dt.date | None = field("合同签订日期")
    contract_term_years: Amount | None = field("合同期限（年）", "广西第十六条")
    contract_parties: list[str] = field(
        "合同签订方", "广西第十六条：用户单位、项目建设单位、项目实施单位", default_factory=list
    )
    ip_clause: YesNo | None = field("采购文件和合同明确成果及知识产权归政府所有", "江西第三十一条")


class Filing(DocModel):
    filed_on: dt.date | None = field("备案日期")
    changed_on: dt.date | None = field("备案信息变更日期")
    updated_on: dt.date | None = field("备案信息更新日期")
    budget_year: Year | None = field("预算年度")
    main_functions: str | None = field("主要功能")
    service_content: str | None = field("服务内容")
    om_content: str | None = field("运维服务内容")
    funds_usage: str | None = field("资金使用情况")
    info_sharing: str | None = field("信息共享开放")
    mlps_filing_status: str | None = field("网络安全等级保护备案情况")
    crypto_application: str | None = field("密码应用")
    security_assessment: str | None = field("安全性评估情况")
    other: str | None = field("其他应备案内容", "第十八条第（二）项第4目")


class Acceptance(DocModel):
    prelim_on: dt.date | None = field("初步验收日期")
    trial_run_start: dt.date | None = field("试运行开始日期")
    trial_run_end: dt.date | None = field("试运行结束日期")
    final_on: dt.date | None = field("竣工验收日期")
    result: AcceptanceResult | None = field("验收结果")
    in_service_on: dt.date | None = field("正式投入使用日期")
    completed_on: dt.date | None = field("项目建设完成日期")
    applied_on: dt.date | None = field("申请验收日期")
    attempts: int | None = field("未通过总体验收次数", "钦州2016 第十六条", ge=0)
    risk_assessment: YesNo | None = field("试运行期间已开展信息安全风险评估", "钦州2016 第二十四条")
    application_late: YesNo | None = field("不能按期申请竣工验收", "江西第三十条")
    extension_request: str | None = field("延期申请", "江西第三十条")
    data_sharing_confirmed: YesNo | None = field("数据共享情况已经数据资源管理部门确认", "江西第三十条")
    crypto_confirmed: YesNo | None = field("安全可靠及密码应用情况已经密码管理部门确认", "江西第三十条")


class Plan(DocModel):
    declaration_type: DeclarationType | None = field("申报类型", "年度申报 / 专项申报")
    plan_year: Year | None = field("计划年度", "项目拟列入的年度")
    submitted_on: dt.date | None = field("报送日期")
    in_annual_plan: YesNo | None = field("已列入年度建设计划")
    prereview_opinion: str | None = field("预审意见", "钦州2016 第八条：专项申报须先经市发改委预审")
    supplementary_approval: str | None = field("补充列入年度计划的批准", "广西第十条")


class PartyReview(DocModel):
    meeting: str | None = field("审议会议")
    date: dt.date | None = field("审议日期")


class ImplementationPlan(DocModel):
    """钦州2016 第九条's 项目实施方案: the chapters the shared data does not already hold."""

    technical_solution: Section | None = plan_section("三、详细技术方案", "钦州2016 第九条")
    deployment_plan: Section | None = plan_section(
        "四、在电子政务内网、外网和云计算中心部署应用的方案", "钦州2016 第九条；空着时取「运行环境需求分析」"
    )
    tendering: Section | None = plan_section("八、招标投标方案", "钦州2016 第九条")


class Qinzhou(DocModel):
    upper_level_funded: YesNo | None = field("属国家、自治区相关部门拨款新建", "钦州2016 第十一条")
    supports_sharing: YesNo | None = field("支持信息共享和业务协同", "钦州2016 第二十一条；钦州2023稿 第二十九条")
    produces_data: YesNo | None = field("项目产生数据", "钦州2023稿 第二十九条")
    xinchuang_exception: XinchuangException = field(
        "暂无法实现安全可靠替代的说明", "钦州2023稿 第十一条", default_factory=XinchuangException
    )
    delay_reason: str | None = field(
        "未按计划完成建设任务的原因", "钦州2016 第十六条第（一）项：无合理原因未按计划完成的，绩效评价不合格"
    )
    scope_change: str | None = field("建设内容变更情况", "钦州2016 第十六条第（四）项")
    scope_change_approval: str | None = field(
        "变更建设内容的批准文件", "钦州2016 第十四条、第十六条第（四）项：变更须经批准，擅自变更的绩效评价不合格"
    )
    classified_qualification: YesNo | None = field(
        "设计、承建和监理单位具备涉密信息系统集成资质", "钦州2016 第二十六条（涉密项目）"
    )
    secrecy_approval: str | None = field(
        "保密行政管理部门的审查批准文件", "钦州2016 第二十四条、第二十六条（涉密项目投入使用前）"
    )
    implementation_plan: ImplementationPlan = field(
        "项目实施方案", "钦州2016 第九条（总投资500万元以下）", default_factory=ImplementationPlan
    )


class TechnicalPlan(DocModel):
    """江西 第十五条（二）'s 技术方案: the chapters the shared data does not already hold."""

    intensive: Section | None = plan_section("二、集约化建设", "列出需要统一纳入公共项目的建设需求（江西第十五条）")
    grading: Section | None = plan_section("五、等级保护", "空着时按「网络安全等级保护定级（级）」写明定级")
    products: Section | None = plan_section("七、软硬件产品的安全可靠情况", "空着时按「关键产品清单」列表")


class OmPlan(DocModel):
    """江西 第十五条（二）'s 运维实施方案."""

    content: Section | None = plan_section("二、运维内容和工作量", "江西第三十六条；空着时取「项目建设内容」")
    quality: Section | None = plan_section("六、服务质量评价", "江西第二十七条")


class Jiangxi(DocModel):
    level: JiangxiLevel | None = field(
        "项目层级（江西）",
        "省直部门 / 设区市（含开发区）/ 县区：第八条只适用省直部门，第九条、第二十三条适用设区市和县区",
    )
    work_secret: YesNo | None = field("涉及工作秘密", "江西第十五条")
    work_secret_protection: str | None = field(
        "工作秘密信息防护内容", "江西第十五条第（二）项：涉及工作秘密的，技术方案需包含信息防护内容"
    )
    started_on: dt.date | None = field("开工日期", "江西第十三条、第二十九条")
    predecessor_accepted: YesNo | None = field("原项目已竣工验收", "江西第十七条第（七）项")
    supervisor_classified_qualification: YesNo | None = field(
        "监理单位具备涉密信息系统集成工程监理资质", "江西第二十六条"
    )
    category: JiangxiCategory | None = field(
        "项目类别（江西）", "基础设施类 / 跨部门跨层级集成类 / 支撑平台类 / 跨部门共建类 / 其他"
    )
    om_cost: Amount | None = field("运维费（万元）")
    in_key_library: YesNo | None = field("已纳入省重点项目库")
    library_entered_on: dt.date | None = field("纳入重点项目库日期")
    main_tasks: str | None = field("主要任务")
    performance_goals: str | None = field("项目绩效目标")
    implementation_mode: str | None = field("拟采用实施方式及主要原因")
    party_review: PartyReview = field("党委（党组）或办公会议审议", default_factory=PartyReview)
    major_gov_investment: YesNo | None = field("属重大政府投资项目")
    affordability_assessed: YesNo | None = field("已进行财政承受能力评估")
    evaluation_report: str | None = field("论证评估报告")
    classified_experts: int | None = field("参与论证的保密科技领域专家人数", ge=0)
    technical_plan: TechnicalPlan = field(
        "技术方案", "江西第十五条第（二）项（建设类项目）", default_factory=TechnicalPlan
    )
    om_plan: OmPlan = field("运维实施方案", "江西第十五条第（二）项（运维类项目）", default_factory=OmPlan)
    new_civil_works: YesNo | None = field("涉及新建土建工程", "江西第二十一条：另需规划选址、用地预审、环评、节能评估")
    high_energy: YesNo | None = field("属高能耗项目", "江西第二十一条：另需节能评估")


class AnnualScheme(DocModel):
    """广西 第十三条's 年度建设（运维）方案: the chapters the shared data does not already hold."""

    architecture: Section | None = plan_section("四、技术架构", "广西第十三条")
    standards: Section | None = plan_section("五、标准规范", "广西第十三条")
    path: Section | None = plan_section("七、实施路径", "广西第十三条")
    service: Section | None = plan_section("八、服务保障", "广西第十三条")
    training: Section | None = plan_section("九、培训计划", "广西第十三条")


class Guangxi(DocModel):
    connects_integrated_platform: YesNo | None = field("对接数字政务一体化平台", "广西第二十九条")
    sensitive_data: YesNo | None = field("涉及商业机密、个人隐私等敏感数据", "广西第二十六条")
    user_unit: str | None = field("用户单位")
    cloud_chief_approved: YesNo | None = field("年度计划已由本单位云长审定")
    user_confirmed_requirements: YesNo | None = field("需求分析报告已经用户单位书面确认")
    scheme: AnnualScheme = field("年度建设（运维）方案", "广西第十三条", default_factory=AnnualScheme)
    adjustment_reason: str | None = field(
        "方案调整理由", "技术方案优化完善 / 根据国家和自治区部署改变建设内容 / 调整建设进度（广西第十八条）"
    )


class Reporting(DocModel):
    quarterly_funds_reports: list[dt.date] = field("季度建设资金使用情况报送日期", default_factory=list)
    year_end_budget_report: dt.date | None = field(
        "年底预算执行情况报送日期", "钦州2016 第十九条：最近一次向市财政局报送的日期"
    )
    performance_reports: list[dt.date] = field("绩效评价报告报送日期", default_factory=list)
    self_evaluation_on: dt.date | None = field("绩效自评报告报送日期")
    security_assessments: list[dt.date] = field("网络安全检测与风险评估日期", default_factory=list)


class Waiver(DocModel):
    rule: str | None = field("规则编号", "如 SZS-13.1", mandatory=True)
    basis: str | None = field("特殊规定依据", mandatory=True)


# ---------------------------------------------------------------- 根


class ProjectData(DocModel):
    """一个政务信息化项目的申报数据。"""

    model_config = ConfigDict(title="政务信息化项目数据")

    schema_version: Literal[1] | None = field("数据格式版本", "目前为 1", mandatory=True)
    profile: ProfileKey | None = field(
        "适用办法",
        "shizuishan 石嘴山 / qinzhou2016 钦州2016 / qinzhou2023 钦州2023征求意见稿 / "
        "guangxi 广西本级征求意见稿 / jiangxi 江西",
        default="shizuishan",
    )
    declaration: Declaration = field("申报信息", default_factory=Declaration)
    project: Project = field("项目信息", default_factory=Project)
    security: Security = field("网络安全和密码保护审查表", default_factory=Security)
    review: Review = field("审查部分", "审查单位填写；申报时可留空", default_factory=Review)
    requirements_report: RequirementsReport = field("需求分析报告", default_factory=RequirementsReport)
    review_process: ReviewProcess = field("审查过程", default_factory=ReviewProcess)
    approval: Approval = field("立项批复", default_factory=Approval)
    procurement: Procurement = field("招标采购与合同", default_factory=Procurement)
    filing: Filing = field("备案", default_factory=Filing)
    acceptance: Acceptance = field("验收", default_factory=Acceptance)
    waivers: list[Waiver] = field("例外依据", "原则上不受理情形的特殊规定依据", default_factory=list)
    plan: Plan = field("年度计划与申报", "钦州、广西、江西办法", default_factory=Plan)
    reporting: Reporting = field("定期报送", default_factory=Reporting)
    qinzhou: Qinzhou = field("钦州办法所需信息", default_factory=Qinzhou)
    guangxi: Guangxi = field("广西办法所需信息", default_factory=Guangxi)
    jiangxi: Jiangxi = field("江西办法所需信息", default_factory=Jiangxi)


#: Keys that moved from 项目信息 to the section of the one 办法 that reads them: an old file
#: that still has them is told where they went (DG-UNKNOWN-KEY), not silently ignored.
MOVED_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("project", name): (section, name)
    for section, names in (
        ("qinzhou", ("upper_level_funded", "supports_sharing", "produces_data", "xinchuang_exception")),
        ("jiangxi", ("work_secret", "started_on", "predecessor_accepted", "supervisor_classified_qualification")),
        ("guangxi", ("connects_integrated_platform", "sensitive_data")),
    )
    for name in names
}


# ---------------------------------------------------------------- 标签


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    """The models reachable through list / Optional / Union / Annotated wrappers."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(_model_classes(arg))
    return found


def _fields_along(path: tuple[str | int, ...]) -> tuple[Any, ...]:
    """The model field (FieldInfo) at each step of ``path``: None for a list index or an unknown name."""
    return _fields_along_shape(tuple(-1 if isinstance(step, int) else step for step in path))


@functools.lru_cache(maxsize=8192)
def _fields_along_shape(path: tuple[str | int, ...]) -> tuple[Any, ...]:
    """_fields_along for a path whose list indices are all -1: every item of a list has the same
    fields, so each shape is looked up once (reading a project asks thousands of times)."""
    classes: list[type[BaseModel]] = [ProjectData]
    found: list[Any] = []
    for step in path:
        if isinstance(step, int):
            found.append(None)
            continue
        info = next((cls.model_fields[step] for cls in classes if step in cls.model_fields), None)
        found.append(info)
        classes = _model_classes(info.annotation) if info is not None else []
    return tuple(found)


def field_labels(path: tuple[str | int, ...]) -> list[str]:
    """Chinese labels along a data path: ('project', 'leader', 'phone') -> 项目信息, 项目负责人, 联系电话."""
    return [
        f"第{step + 1}项" if isinstance(step, int) else (info.title or step) if info is not None else step
        for step, info in zip(path, _fields_along(path), strict=True)
    ]


def shown_label(path: tuple[str | int, ...]) -> str:
    """The label a message shows for the value at ``path``: a list item names its list
    (「投资构成 第1项」, never a bare 「第1项」)."""
    labels = field_labels(path)
    if not labels:
        return ""
    if isinstance(path[-1], int) and len(labels) >= 2:
        return f"{labels[-2]} {labels[-1]}"
    return labels[-1]


def field_info(path: tuple[str | int, ...]) -> Any:
    """The model field a data path ends at, or None when the path is not a field of the model."""
    fields = _fields_along(path)
    return fields[-1] if fields else None


def is_mandatory(info: Any) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get(MANDATORY))
