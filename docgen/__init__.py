"""docgen: 政务信息化项目申报材料的生成与检查。

The public face: everything a script needs is importable from ``docgen``::

    import docgen
    project = docgen.load("项目.yaml", profile="江西")
    if project.findings.ok:
        docgen.build(project, "out", forms="申报表,审查表")
    with docgen.Batch(["plan.xlsx"], "out") as run:
        for result in run:
            print(result.source, result.status)
"""

from docgen.api import (
    BuildResult,
    Change,
    CheckResult,
    ExtractResult,
    build,
    build_blank,
    check,
    check_pdf_tools,
    check_templates,
    diff,
    extract,
    json_schema,
    output_name,
    own_rules,
    parse_forms,
    render,
    render_blank,
    rules,
    summary,
    validate,
    write_change_notice,
)
from docgen.batch import Batch, BatchSummary, ProjectResult
from docgen.changes import DiffResult, FieldChange
from docgen.errors import (
    DocgenError,
    EnvironmentProblem,
    Finding,
    Findings,
    InputError,
    Location,
    Severity,
    TemplateFailure,
    ValidationFailed,
)
from docgen.forms import FORMS, Form
from docgen.models import ProjectData
from docgen.project import LoadedProject, load, load_data
from docgen.review import entries_from_options, read_review_file, record_review
from docgen.rules.engine import Kind, Profile, Rule
from docgen.rules.profiles import PROFILES
from docgen.summary import Summary

__all__ = [
    "FORMS",
    "PROFILES",
    "Batch",
    "BatchSummary",
    "BuildResult",
    "Change",
    "CheckResult",
    "DiffResult",
    "DocgenError",
    "EnvironmentProblem",
    "ExtractResult",
    "FieldChange",
    "Finding",
    "Findings",
    "Form",
    "InputError",
    "Kind",
    "LoadedProject",
    "Location",
    "Profile",
    "ProjectData",
    "ProjectResult",
    "Rule",
    "Severity",
    "Summary",
    "TemplateFailure",
    "ValidationFailed",
    "build",
    "build_blank",
    "check",
    "check_pdf_tools",
    "check_templates",
    "diff",
    "entries_from_options",
    "extract",
    "json_schema",
    "load",
    "load_data",
    "output_name",
    "own_rules",
    "parse_forms",
    "read_review_file",
    "record_review",
    "render",
    "render_blank",
    "rules",
    "summary",
    "validate",
    "write_change_notice",
]
