"""docgen: 政务信息化项目申报材料的生成与检查。"""

from docgen.api import (
    BuildResult,
    LoadedProject,
    build,
    load,
    load_data,
    render_blank,
    render_form,
    validate,
)
from docgen.errors import DocgenError, Finding, InputError, Severity, ValidationFailed
from docgen.forms import FORMS
from docgen.models import ProjectData

__all__ = [
    "FORMS",
    "BuildResult",
    "DocgenError",
    "Finding",
    "InputError",
    "LoadedProject",
    "ProjectData",
    "Severity",
    "ValidationFailed",
    "build",
    "load",
    "load_data",
    "render_blank",
    "render_form",
    "validate",
]
