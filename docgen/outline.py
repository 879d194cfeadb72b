"""The 编制提纲 of 附件3 (forms.md §3.1): the headings a 需求分析报告 must carry, in order.

One definition for the template script, the report writer and ``docgen check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = 一、… ; 2 = （一）… ; 0 = the closing 附件 line
    number: str  # 一、 / （一） / ''
    title: str  # without the number
    key: str | None  # context key of the section's text in the template (report.<key>)
    parent: str = ""  # number + title of the level-1 heading above a level-2 one

    @property
    def text(self) -> str:
        return f"{self.number}{self.title}"

    @property
    def quoted(self) -> str:
        """How a message names it: 「三、需求分析（二）运行环境需求分析…」."""
        return f"「{self.parent}{self.text}」"


def _outline() -> tuple[Heading, ...]:
    rows: list[tuple[int, str, str, str | None]] = [
        (1, "一、", "项目基本信息", None),
        (2, "（一）", "项目名称", "name"),
        (2, "（二）", "项目建设单位概况和负责人、项目责任人", "owner_overview"),
        (2, "（三）", "项目建设相关依据文件", "basis"),
        (2, "（四）", "项目概况", "overview"),
        (1, "二、", "项目建设的必要性", None),
        (2, "（一）", "项目提出的背景和依据", "background"),
        (2, "（二）", "现有信息系统装备和信息化应用状况及存在问题和差距", "current_state"),
        (2, "（三）", "项目建设的意义和必要性", "significance"),
        (1, "三、", "需求分析", None),
        (2, "（一）", "业务功能、业务流程、业务量分析", "business"),
        (2, "（二）", "运行环境需求分析（政务网络、公共云平台、大数据服务平台等基础资源）", "environment"),
        (2, "（三）", "功能和性能需求分析", "function_performance"),
        (2, "（四）", "政务信息共享开放需求分析", "data_sharing"),
        (1, "四、", "项目建设需求", None),
        (2, "（一）", "建设目标", "goals"),
        (2, "（二）", "建设规模和内容", "scope"),
        (1, "五、", "项目投资估算及资金筹措", "funding"),
        (0, "", "附件：编制依据及与项目有关的政策、技术、经济资料", "appendix"),
    ]
    headings = []
    parent = ""
    for level, number, title, key in rows:
        if level == 1:
            parent = number + title
        headings.append(Heading(level, number, title, key, parent if level == 2 else ""))
    return tuple(headings)


REPORT_OUTLINE: tuple[Heading, ...] = _outline()


# ---------------------------------------------------------------- other jurisdictions' documents

#: A part's content is data: the model's own sections and texts (``sources``, written in order), and
#: tables docgen makes from the data (``tables``: investment, catalog, products, basics, schedule).
DataPath = tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One chapter of a document a 办法 names: its heading, the words of the article it comes from,
    and where its content comes from."""

    number: str  # 一、
    title: str
    key: str  # the template's placeholder: doc.<key>
    sources: tuple[DataPath, ...] = ()
    tables: tuple[str, ...] = ()
    when: DataPath | None = None  # only when this yes/no field is true (涉及工作秘密的…)
    alternatives: bool = False  # the first source given is the content; the others stand in for it

    @property
    def text(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True)
class Plan:
    """A document one 办法 asks for in prose (钦州2016 第九条's 项目实施方案 …), as an outline."""

    form: str  # docgen.forms.Form value
    profile: str  # the profile key whose document it is
    title: str  # printed under the project's name; names the jurisdiction
    basis: str  # the 办法 and article that list the contents, as the document prints them
    parts: tuple[Part, ...]
    note: str = ""  # how the outline was drawn from the 办法, when it does not list the contents itself

    def part(self, key: str) -> Part:
        return next(part for part in self.parts if part.key == key)


_ANALYSIS = ("requirements_report", "analysis")
_SHARING = (*_ANALYSIS, "data_sharing")
_NETWORK = ("security", "network_security", "summary")
_CRYPTO = ("security", "cryptography", "summary")
_SCOPE = ("requirements_report", "construction", "scope")
_FUNDING = ("requirements_report", "funding")
_BASICS = Part("一、", "基本情况", "basics", tables=("basics",))

PLANS: tuple[Plan, ...] = (
    Plan(
        "implementation_plan",
        "qinzhou2016",
        "“智慧钦州”建设项目实施方案",
        "《“智慧钦州”建设项目和资金管理暂行办法》（钦政办〔2016〕10号）第九条",
        (
            Part("一、", "需求分析", "requirements", ((*_ANALYSIS, "business"), (*_ANALYSIS, "function_performance"))),
            Part("二、", "主要建设内容", "scope", (_SCOPE,)),
            Part("三、", "详细技术方案", "technical", (("qinzhou", "implementation_plan", "technical_solution"),)),
            Part(
                "四、",
                "在电子政务内网、外网和云计算中心部署应用的方案",
                "deployment",
                (("qinzhou", "implementation_plan", "deployment_plan"), (*_ANALYSIS, "environment")),
                alternatives=True,
            ),
            Part("五、", "资源共享和业务协同需求", "sharing", (_SHARING,), ("catalog",)),
            Part("六、", "信息安全方案", "security", (_NETWORK, _CRYPTO)),
            Part("七、", "投资概算", "estimate", (_FUNDING,), ("investment",)),
            Part("八、", "招标投标方案", "tendering", (("qinzhou", "implementation_plan", "tendering"),)),
        ),
    ),
    Plan(
        "annual_scheme",
        "guangxi",
        "广西壮族自治区本级政务信息化项目年度建设（运维）方案",
        "《广西政务信息化项目建设管理办法》（征求意见稿）第十三条",
        (
            Part("一、", "建设和运维内容", "content", (_SCOPE,)),
            Part("二、", "功能应用", "functions", ((*_ANALYSIS, "function_performance"),)),
            Part("三、", "数据资源", "data", (_SHARING,), ("catalog",)),
            Part("四、", "技术架构", "architecture", (("guangxi", "scheme", "architecture"),)),
            Part("五、", "标准规范", "standards", (("guangxi", "scheme", "standards"),)),
            Part("六、", "建设周期", "period", (), ("schedule",)),
            Part("七、", "实施路径", "path", (("guangxi", "scheme", "path"),)),
            Part("八、", "服务保障", "service", (("guangxi", "scheme", "service"),)),
            Part("九、", "培训计划", "training", (("guangxi", "scheme", "training"),)),
            Part("十、", "投资概算", "estimate", (_FUNDING,), ("investment",)),
        ),
    ),
    Plan(
        "technical_plan",
        "jiangxi",
        "江西省数字化项目技术方案",
        "《江西省数字化项目建设管理办法》第十五条",
        (
            _BASICS,
            Part("二、", "集约化建设", "intensive", (("jiangxi", "technical_plan", "intensive"),)),
            Part("三、", "数据资源共享分析", "sharing", (_SHARING,), ("catalog",)),
            Part("四、", "系统及数据安全防护", "protection", (_NETWORK,)),
            Part("五、", "等级保护", "grading", (("jiangxi", "technical_plan", "grading"),), ("level",)),
            Part("六、", "密码应用", "crypto", (_CRYPTO,)),
            Part(
                "七、",
                "软硬件产品的安全可靠情况",
                "products",
                (("jiangxi", "technical_plan", "products"),),
                ("products",),
            ),
            Part(
                "八、",
                "工作秘密信息防护",
                "work_secret",
                (("jiangxi", "work_secret_protection"),),
                when=("jiangxi", "work_secret"),
            ),
        ),
    ),
    Plan(
        "om_plan",
        "jiangxi",
        "江西省数字化项目运维实施方案",
        "《江西省数字化项目建设管理办法》第十五条",
        (
            _BASICS,
            Part(
                "二、",
                "运维内容和工作量",
                "content",
                (("jiangxi", "om_plan", "content"), ("security", "construction_content")),
            ),
            Part("三、", "数据资源共享", "sharing", (_SHARING,), ("catalog",)),
            Part("四、", "密码应用和网络安全", "security", (_NETWORK, _CRYPTO)),
            Part(
                "五、", "承载环境（政务外网和政务云）", "environment", ((*_ANALYSIS, "environment"),), ("deployment",)
            ),
            Part("六、", "服务质量评价", "quality", (("jiangxi", "om_plan", "quality"),)),
            Part("七、", "运维经费和资金来源", "estimate", (_FUNDING,), ("investment",)),
        ),
        note="第十五条只要求运维类项目提交运维实施方案、未列其内容；提纲取本办法对运维项目的要求：基本情况（第十五条第（一）项）、"
        "运维工作量（第三十六条）、数据共享、密码和网络安全、依托政务外网和政务云（第三十七条）、服务质量评价（第二十七条）、"
        "资金来源（第十五条）",
    ),
)
PLANS_BY_FORM: dict[str, Plan] = {plan.form: plan for plan in PLANS}


def value_at(data: Any, path: DataPath) -> Any:
    """The value at ``path`` of the data model (None when a step is missing)."""
    node = data
    for step in path:
        node = getattr(node, step, None)
    return node


def _said(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_said(item) if isinstance(item, str) else item is not None for item in value)
    return value is not None


#: What the tables docgen makes from the data need to have something to show.
_TABLE_DATA: dict[str, tuple[DataPath, ...]] = {
    "investment": (("project", "investment", "items"), ("project", "investment", "total")),
    "catalog": (("project", "data_catalog", "items"),),
    "products": (("project", "products"),),
    "basics": (("project", "name"),),
    "schedule": (("project", "schedule", "start"),),
    "level": (("security", "network_security", "protection_level"),),
    "deployment": (("project", "deployment"),),
}


def part_applies(data: Any, part: Part) -> bool:
    return part.when is None or value_at(data, part.when) is True


def part_filled(data: Any, part: Part) -> bool:
    """The data gives the part something to say: one of its sources, or data for one of its tables."""
    if any(_said(value_at(data, path)) for path in part.sources):
        return True
    return any(_said(value_at(data, path)) for table in part.tables for path in _TABLE_DATA[table])


def empty_parts(data: Any, plan: Plan) -> list[Part]:
    """The parts of ``plan`` that apply to ``data`` and that it leaves empty."""
    return [part for part in plan.parts if part_applies(data, part) and not part_filled(data, part)]
