"""The 编制提纲 of 附件3 (forms.md §3.1): the headings a 需求分析报告 must carry, in order.

One definition for the template script, the report writer and ``docgen check``.
"""

from __future__ import annotations

from dataclasses import dataclass


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
