"""``docgen diff``: what changed between two versions of a project, by the forms' labels.

Any two inputs docgen reads (YAML, JSON, a .docx docgen built or a filled 附件1/附件2 through
``extract``) are compared field by field. Each change is named by its label, grouped by the
form it appears on, and flagged when it is 备案 information: 第十八条第（一）项 asks for the 备案
to be updated within one month of a change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from docgen import filing
from docgen.checking.extract import shown_paths
from docgen.formatting import date_cn
from docgen.forms import Form
from docgen.models import ProjectData, field_labels
from docgen.render.context import display
from docgen.rules.engine import dotted

SHORT = 80  # a long text (a report section) is shown to this many characters each side

#: The groups a change is listed under, in the forms' order.
GROUPS = ("附件1 申报表", "附件2 网络安全和密码保护审查表", "附件3 需求分析报告", "备案信息表", "不印在表上的信息")


@dataclass(frozen=True)
class FieldChange:
    field: str  # data path: project.leader.phone, project.investment.items[0].amount
    label: str  # the form's label: 「项目负责人 › 联系电话」
    group: str  # the first of GROUPS it appears on
    before: str
    after: str
    filing: bool  # 备案信息 (第十八条): to be filed again within one month


@dataclass
class DiffResult:
    old: str
    new: str
    project: str
    changes: list[FieldChange] = field(default_factory=list)
    due: dt.date | None = None  # by when the 备案 must be updated (when 备案 information changed)
    changed_on: dt.date | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.changes else 0

    @property
    def filing_changes(self) -> list[FieldChange]:
        return [c for c in self.changes if c.filing]

    def to_json(self) -> str:
        return json.dumps(
            {
                "old": self.old,
                "new": self.new,
                "project": self.project,
                "changes": [asdict(c) for c in self.changes],
                "filing_due": self.due.isoformat() if self.due else None,
            },
            ensure_ascii=False,
            indent=2,
        )


def _plain(node: Any, path: tuple[str | int, ...], out: dict[tuple[str | int, ...], Any]) -> None:
    """Leaves by path; a list of texts and a report section are one value each."""
    if isinstance(node, dict):
        if set(node) in ({"table"}, {"image"}):
            out[path] = node
            return
        for key, value in node.items():
            _plain(value, (*path, key), out)
    elif isinstance(node, list) and node and all(isinstance(item, dict) for item in node) and not _section(path):
        for index, item in enumerate(node):
            _plain(item, (*path, index), out)
    else:
        out[path] = node


def _section(path: tuple[str | int, ...]) -> bool:
    return bool(path) and path[0] == "requirements_report"


def _text(value: Any) -> str:
    """A value as the forms print it (display), 「（空）」 for nothing; tables and pictures by their caption."""
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, list):
        return "；".join(_text(item) for item in value)
    if isinstance(value, dict):
        if "table" in value:
            table = value["table"] or {}
            return f"表格「{table.get('caption') or ''}」（{len(table.get('rows') or [])}行）"
        if "image" in value:
            image = value["image"] or {}
            return f"图片「{image.get('caption') or image.get('path') or ''}」"
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(display(value))


def _shorten(before: str, after: str) -> tuple[str, str]:
    """Long texts cut around their first difference, so the change itself shows."""
    if len(before) <= SHORT and len(after) <= SHORT:
        return before, after
    start = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after))
    )
    start = max(0, start - 20)

    def cut(text: str) -> str:
        piece = text[start : start + SHORT]
        return ("…" if start else "") + piece + ("…" if start + SHORT < len(text) else "")

    return cut(before), cut(after)


def _group(path: tuple[str | int, ...]) -> str:
    key = dotted(path)
    flat = ".".join(str(step) for step in path if not isinstance(step, int))
    for form, group in ((Form.APPLICATION, GROUPS[0]), (Form.SECURITY, GROUPS[1])):
        if any(flat == shown or flat.startswith(shown + ".") for shown in shown_paths(form)):
            return group
    if key.startswith("requirements_report") or flat.startswith("project.investment.items"):
        return GROUPS[2]
    if _is_filing(path) or flat.startswith("filing."):
        return GROUPS[3]
    return GROUPS[4]


def _is_filing(path: tuple[str | int, ...]) -> bool:
    steps = tuple(str(step) for step in path if not isinstance(step, int))
    return any(steps[: len(known)] == known for known in _FILING_PATHS)


_FILING_PATHS = frozenset(filing.filing_paths())  # fixed by 第十八条: computed once, not per field


def compare(old: ProjectData, new: ProjectData, *, old_name: str, new_name: str, today: dt.date) -> DiffResult:
    result = DiffResult(old_name, new_name, new.project.name or old.project.name or "")
    result.changes = field_changes(
        old.model_dump(mode="python", exclude_defaults=True), new.model_dump(mode="python", exclude_defaults=True)
    )
    if result.filing_changes:
        result.changed_on = new.filing.changed_on or today
        result.due = filing.add_months(result.changed_on, filing.MONTHS)
    return result


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Every field whose printed value differs between two versions of a project's data, by label,
    in the forms' order. The data may be as validated or as read from a file (the desk's versions)."""
    before: dict[tuple[str | int, ...], Any] = {}
    after: dict[tuple[str | int, ...], Any] = {}
    _plain(old, (), before)
    _plain(new, (), after)
    changes: list[FieldChange] = []
    for path in sorted(set(before) | set(after), key=lambda p: [str(s) for s in p]):
        old_text, new_text = _text(before.get(path)), _text(after.get(path))
        if old_text == new_text or not path:
            continue
        try:
            labels = field_labels(path)
        except (KeyError, TypeError, AttributeError):
            labels = [str(step) for step in path]
        shown_before, shown_after = _shorten(old_text, new_text)
        steps = labels[1:] or labels  # the section's own name (项目信息 …) is the group's
        label = " › ".join(step for i, step in enumerate(steps) if i == 0 or step != steps[i - 1])
        changes.append(FieldChange(dotted(path), label, _group(path), shown_before, shown_after, _is_filing(path)))
    changes.sort(key=lambda c: GROUPS.index(c.group))
    return changes


def notice_rows(result: DiffResult) -> list[dict[str, str]]:
    """The rows of the 备案信息变更说明: every change, its basis when it is 备案 information."""
    when = date_cn(result.changed_on) if result.changed_on else ""
    return [
        {
            "project": result.project,
            "item": change.label,
            "before": change.before,
            "after": change.after,
            "date": when if change.filing else "",
            "basis": "第十八条第（一）项：备案信息变更后一个月内更新" if change.filing else "（不属于备案信息）",
        }
        for change in result.changes
    ]


__all__ = ["GROUPS", "DiffResult", "FieldChange", "compare", "field_changes", "notice_rows"]
