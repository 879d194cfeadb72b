"""docgen: 政务信息化项目申报材料的生成与检查。

The public face: everything a script needs is importable from ``docgen``::

    import docgen
    project = docgen.load("项目.yaml", profile="江西")
    if project.findings.ok:
        docgen.build(project, "out", forms="申报表,审查表")
    with docgen.Batch(["plan.xlsx"], "out") as run:
        for result in run:
            print(result.source, result.status)

This module only re-exports (``from … import X as X`` for type checkers; at run time each name
is imported when first used, see ``_HOMES``) and ``__all__`` is the one list of public names.
No public name is also the name of a module of the package: ``import docgen.render`` is always
the subpackage.
"""

import importlib as _importlib
import pkgutil as _pkgutil
import typing as _typing

if _typing.TYPE_CHECKING:
    from docgen.api import BuildResult as BuildResult
    from docgen.api import CheckResult as CheckResult
    from docgen.api import ExtractResult as ExtractResult
    from docgen.api import ReviewResult as ReviewResult
    from docgen.api import build as build
    from docgen.api import build_blank as build_blank
    from docgen.api import check as check
    from docgen.api import check_pdf_tools as check_pdf_tools
    from docgen.api import check_templates as check_templates
    from docgen.api import diff as diff
    from docgen.api import extract as extract
    from docgen.api import json_schema as json_schema
    from docgen.api import output_name as output_name
    from docgen.api import own_rules as own_rules
    from docgen.api import parse_forms as parse_forms
    from docgen.api import profile_rules as profile_rules
    from docgen.api import render_blank as render_blank
    from docgen.api import render_documents as render_documents
    from docgen.api import review_project as review_project
    from docgen.api import validate as validate
    from docgen.api import write_change_notice as write_change_notice
    from docgen.api import write_summary as write_summary
    from docgen.batch import Batch as Batch
    from docgen.batch import BatchSummary as BatchSummary
    from docgen.batch import ProjectResult as ProjectResult
    from docgen.changes import DiffResult as DiffResult
    from docgen.changes import FieldChange as FieldChange
    from docgen.checking.extract import Change as Change
    from docgen.errors import Code as Code
    from docgen.errors import DocgenError as DocgenError
    from docgen.errors import EnvironmentProblem as EnvironmentProblem
    from docgen.errors import Finding as Finding
    from docgen.errors import Findings as Findings
    from docgen.errors import InputError as InputError
    from docgen.errors import Location as Location
    from docgen.errors import Severity as Severity
    from docgen.errors import TemplateFailure as TemplateFailure
    from docgen.errors import ValidationFailed as ValidationFailed
    from docgen.forms import FORMS as FORMS
    from docgen.forms import Form as Form
    from docgen.models import ProjectData as ProjectData
    from docgen.project import LoadedProject as LoadedProject
    from docgen.project import load as load
    from docgen.project import load_data as load_data
    from docgen.review import entries_from_options as entries_from_options
    from docgen.review import read_review_file as read_review_file
    from docgen.review import record_review as record_review
    from docgen.rules.engine import Kind as Kind
    from docgen.rules.engine import Profile as Profile
    from docgen.rules.engine import Rule as Rule
    from docgen.rules.profiles import PROFILES as PROFILES
    from docgen.summary import Summary as Summary

#: Where each public name lives: imported on first use, so that ``import docgen.cli`` (every
#: command's start) does not load rendering, checking and spreadsheets it may not need.
_HOMES = {
    "BuildResult": "docgen.api",
    "CheckResult": "docgen.api",
    "ExtractResult": "docgen.api",
    "ReviewResult": "docgen.api",
    "build": "docgen.api",
    "build_blank": "docgen.api",
    "check": "docgen.api",
    "check_pdf_tools": "docgen.api",
    "check_templates": "docgen.api",
    "diff": "docgen.api",
    "extract": "docgen.api",
    "json_schema": "docgen.api",
    "output_name": "docgen.api",
    "own_rules": "docgen.api",
    "parse_forms": "docgen.api",
    "profile_rules": "docgen.api",
    "render_blank": "docgen.api",
    "render_documents": "docgen.api",
    "review_project": "docgen.api",
    "validate": "docgen.api",
    "write_change_notice": "docgen.api",
    "write_summary": "docgen.api",
    "Batch": "docgen.batch",
    "BatchSummary": "docgen.batch",
    "ProjectResult": "docgen.batch",
    "DiffResult": "docgen.changes",
    "FieldChange": "docgen.changes",
    "Change": "docgen.checking.extract",
    "Code": "docgen.errors",
    "DocgenError": "docgen.errors",
    "EnvironmentProblem": "docgen.errors",
    "Finding": "docgen.errors",
    "Findings": "docgen.errors",
    "InputError": "docgen.errors",
    "Location": "docgen.errors",
    "Severity": "docgen.errors",
    "TemplateFailure": "docgen.errors",
    "ValidationFailed": "docgen.errors",
    "FORMS": "docgen.forms",
    "Form": "docgen.forms",
    "ProjectData": "docgen.models",
    "LoadedProject": "docgen.project",
    "load": "docgen.project",
    "load_data": "docgen.project",
    "entries_from_options": "docgen.review",
    "read_review_file": "docgen.review",
    "record_review": "docgen.review",
    "Kind": "docgen.rules.engine",
    "Profile": "docgen.rules.engine",
    "Rule": "docgen.rules.engine",
    "PROFILES": "docgen.rules.profiles",
    "Summary": "docgen.summary",
}


#: The package's modules: ``docgen.api`` after ``import docgen`` imports it, as an eager face did.
_MODULES = {info.name for info in _pkgutil.iter_modules(__path__)}


def __getattr__(name: str) -> _typing.Any:
    home = _HOMES.get(name)
    if home is None:
        if name in _MODULES:
            return _importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    value = getattr(_importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "FORMS",
    "PROFILES",
    "Batch",
    "BatchSummary",
    "BuildResult",
    "Change",
    "CheckResult",
    "Code",
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
    "ReviewResult",
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
    "profile_rules",
    "read_review_file",
    "record_review",
    "render_blank",
    "render_documents",
    "review_project",
    "validate",
    "write_change_notice",
    "write_summary",
]
