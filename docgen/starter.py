"""The starter file of ``docgen init``: every key, each with its Chinese label.

Generated from the data model, so it never drifts from what docgen reads.
"""

from __future__ import annotations

from typing import Any

from docgen.fields import FieldNode, project_fields

HEADER = """\
# 政务信息化项目申报数据（docgen 数据模板）
#
# 按注释填写后运行：docgen validate 本文件  检查；docgen build 本文件 -o 输出文件夹  生成附件1–3。
# 带「*」的字段为申报必填。金额单位为万元（可写到分，最多6位小数），日期写作 2026-11-25 这样的年-月-日。
# 需求分析报告的章节可写一段文字（空行分段），也可写成列表：文字段落、
#   - table: {caption: 表题, columns: [列1, 列2], rows: [[值, 值]]}
#   - image: {path: 图片文件（相对于本文件）, caption: 图题}
"""

EXAMPLES: dict[str, str] = {"schema_version": "1", "profile": "shizuishan"}


def starter_yaml() -> str:
    lines = [HEADER]
    _emit(project_fields(), 0, lines)
    return "\n".join(lines) + "\n"


def starter_json() -> str:
    """The same starter as JSON (which has no comments): every key, values empty; labels via ``docgen schema``."""
    import json

    return json.dumps(_skeleton(project_fields()), ensure_ascii=False, indent=2) + "\n"


def _skeleton(nodes: tuple[FieldNode, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for node in nodes:
        if node.kind == "group":
            out[node.name] = _skeleton(node.children)
        elif node.kind in ("rows", "lines", "dates"):
            out[node.name] = []
        else:
            out[node.name] = 1 if node.name == "schema_version" else (EXAMPLES.get(node.name) or None)
    return out


def _comment(node: FieldNode) -> str:
    text = node.label
    if node.mandatory:
        text = "*" + text
    if node.description:
        text += f"（{node.description}）"
    return text


def _emit(nodes: tuple[FieldNode, ...], indent: int, lines: list[str], list_item: bool = False) -> None:
    pad = "  " * indent
    for index, node in enumerate(nodes):
        lead = pad if not (list_item and index == 0) else pad[:-2] + "- "
        comment = _comment(node)
        if node.kind == "group":
            lines.append(f"{lead}{node.name}:  # {comment}")
            _emit(node.children, indent + 1, lines)
        elif node.kind == "rows":
            # Empty, with the item's keys as comments: an untouched placeholder item would be
            # an error for a feature the user does not use (a product list, waivers …).
            lines.append(f"{lead}{node.name}: []  # {comment}（需要时按下面的格式逐项填写，去掉行首的 #）")
            item: list[str] = []
            _emit(node.children, indent + 2, item, list_item=True)
            inner = "  " * (indent + 1)
            lines += [f"{inner}# {line[len(inner) :]}" for line in item]
        elif node.kind in ("lines", "dates"):
            lines.append(f"{lead}{node.name}: []  # {comment}")
        else:
            value = EXAMPLES.get(node.name, "")
            if node.choices and not value and "/" not in comment:
                comment += "；可选：" + " / ".join(node.choices)
            lines.append(f"{lead}{node.name}: {value}".rstrip() + f"  # {comment}")
