"""JSON Schema of the data, with the forms' Chinese labels as titles.

Fields a submission needs are listed under ``required`` so that an editor
(VS Code with a YAML plugin, for instance) flags and completes them.
"""

from __future__ import annotations

from typing import Any

from docgen.models import MANDATORY, ProjectData


def project_schema() -> dict[str, Any]:
    schema = ProjectData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = "政务信息化项目申报数据（docgen）。带 * 的字段为申报必填。"
    _mark_required(schema)
    return schema


def _mark_required(schema: dict[str, Any]) -> None:
    """Move docgen's mandatory marker into JSON Schema's ``required`` lists."""
    bodies = [schema, *schema.get("$defs", {}).values()]
    for body in bodies:
        properties = body.get("properties", {})
        required = [name for name, prop in properties.items() if prop.pop(MANDATORY, False)]
        if required:
            body["required"] = required
