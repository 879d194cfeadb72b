"""The starter file of ``docgen init``: every key, each with its Chinese label.

Generated from the data model, so it never drifts from what docgen reads.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from docgen.models import ProjectData, _model_classes, is_mandatory

HEADER = """\
# 政务信息化项目申报数据（docgen 数据模板）
#
# 按注释填写后运行：docgen validate 本文件  检查；docgen build 本文件 -o 输出文件夹  生成附件1–3。
# 带「*」的字段为申报必填。金额单位为万元（最多4位小数），日期写作 YYYY-MM-DD。
# 需求分析报告的章节可写一段文字（空行分段），也可写成列表：文字段落、
#   - table: {caption: 表题, columns: [列1, 列2], rows: [[值, 值]]}
#   - image: {path: 图片文件（相对于本文件）, caption: 图题}
"""

EXAMPLES: dict[str, str] = {"schema_version": "1", "profile": "shizuishan"}


def starter_yaml() -> str:
    lines = [HEADER]
    _emit(ProjectData, 0, lines)
    return "\n".join(lines) + "\n"


def starter_json() -> str:
    """The same starter as JSON (which has no comments): every key, values empty; labels via ``docgen schema``."""
    import json

    return json.dumps(_skeleton(ProjectData), ensure_ascii=False, indent=2) + "\n"


def _skeleton(model: type[BaseModel]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if _is_plain_model(annotation):
            out[name] = _skeleton(annotation)  # type: ignore[arg-type]  # a model class, tested above
        elif _is_list(annotation):
            out[name] = []
        else:
            out[name] = 1 if name == "schema_version" else (EXAMPLES.get(name) or None)
    return out


def _comment(info: Any) -> str:
    text = info.title or ""
    if is_mandatory(info):
        text = "*" + text
    if info.description:
        text += f"（{info.description}）"
    return text


def _is_list(annotation: Any) -> bool:
    return any(get_origin(candidate) is list for candidate in (annotation, *get_args(annotation)))


def _literal_choices(annotation: Any) -> list[str]:
    for candidate in (annotation, *get_args(annotation)):
        if get_origin(candidate) is Literal:
            return [str(v) for v in get_args(candidate)]
    return []


def _is_plain_model(annotation: Any) -> bool:
    origin = get_origin(annotation)
    return (
        origin not in (typing.Union, types.UnionType)
        and isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
    )


def _emit(model: type[BaseModel], indent: int, lines: list[str], list_item: bool = False) -> None:
    pad = "  " * indent
    for index, (name, info) in enumerate(model.model_fields.items()):
        lead = pad if not (list_item and index == 0) else pad[:-2] + "- "
        comment = _comment(info)
        annotation = info.annotation
        if _is_plain_model(annotation):
            lines.append(f"{lead}{name}:  # {comment}")
            _emit(annotation, indent + 1, lines)  # type: ignore[arg-type]  # a model class, tested above
        elif _is_list(annotation):
            models = _model_classes(annotation)
            if models and "str" not in str(annotation):
                # Empty, with the item's keys as comments: an untouched placeholder item would be
                # an error for a feature the user does not use (a product list, waivers …).
                lines.append(f"{lead}{name}: []  # {comment}（需要时按下面的格式逐项填写，去掉行首的 #）")
                item: list[str] = []
                _emit(models[0], indent + 2, item, list_item=True)
                inner = "  " * (indent + 1)
                lines += [f"{inner}# {line[len(inner) :]}" for line in item]
            else:
                lines.append(f"{lead}{name}: []  # {comment}")
        else:
            value = EXAMPLES.get(name, "")
            choices = _literal_choices(annotation)
            if choices and not value and "/" not in comment:
                comment += "；可选：" + " / ".join(choices)
            lines.append(f"{lead}{name}: {value}".rstrip() + f"  # {comment}")
