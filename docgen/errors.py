"""Findings and the exception tree.

Location is kept as data (file, line, column, field path) and turned into text in
one place — :meth:`Location.describe` — so every output (terminal, JSON, batch
report) says the same thing the same way, and no prefix is ever added twice.
Every error docgen reports to a person is a :class:`DocgenError`; lower layers
raise subclasses of it (``PackageError``, ``TemplateProblem``, ``PdfProblem``),
so nothing is translated by hand on the way up.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Code(StrEnum):
    """docgen's own finding codes: stable (scripts and reports key on them), documented in README.

    String-valued, so a code is the same text in JSON, in reports and on the terminal. A rule
    of a 办法 has its own id (``SZS-14.3``); docgen's own rules and everything else say one of these.
    """

    # errors docgen reports (DocgenError.code)
    ERROR = "DG-ERROR"
    INPUT = "DG-INPUT"
    INVALID = "DG-INVALID"
    ENVIRONMENT = "DG-ENVIRONMENT"
    TEMPLATE = "DG-TEMPLATE"
    PDF = "DG-PDF"
    DESK = "DG-DESK"  # the desk refuses a request (docgen serve)
    WORK = "DG-WORK"  # a job of the desk's workers overran its time or memory
    # docgen's own rules (rules/own.py) and validation
    TYPE = "DG-TYPE"
    REQUIRED = "DG-REQUIRED"
    UNKNOWN_KEY = "DG-UNKNOWN-KEY"
    SCHEDULE = "DG-SCHEDULE"
    THIS_YEAR = "DG-THIS-YEAR"
    SOURCES = "DG-SOURCES"
    ITEMS = "DG-ITEMS"
    PHONE = "DG-PHONE"
    TABLE = "DG-TABLE"
    IMAGE = "DG-IMAGE"
    DECL_DATE = "DG-DECL-DATE"
    APPENDIX = "DG-APPENDIX"
    REVIEW = "DG-REVIEW"
    CONTROL_CHAR = "DG-CONTROL-CHAR"
    WAIVER = "DG-WAIVER"
    NORMALIZED = "DG-NORMALIZED"
    # batch
    BUILD = "DG-BUILD"
    # templates check
    TEMPLATE_UNDEFINED = "DG-TEMPLATE-UNDEFINED"
    TEMPLATE_MISSING = "DG-TEMPLATE-MISSING"
    # check: documents someone else wrote
    CHECK_READ = "DG-CHECK-READ"
    CHECK_FORM = "DG-CHECK-FORM"
    CHECK_LABEL = "DG-CHECK-LABEL"
    CHECK_SUM = "DG-CHECK-SUM"
    CHECK_CONSISTENCY = "DG-CHECK-CONSISTENCY"
    CHECK_SKIPPED = "DG-CHECK-SKIPPED"
    CHECK_TITLE = "DG-CHECK-TITLE"
    CHECK_MISSING = "DG-CHECK-MISSING"
    CHECK_EMPTY = "DG-CHECK-EMPTY"
    CHECK_ORDER = "DG-CHECK-ORDER"
    # extract
    EXTRACT_SOURCE = "DG-EXTRACT-SOURCE"
    EXTRACT_UNREAD = "DG-EXTRACT-UNREAD"
    EXTRACT_UNIT = "DG-EXTRACT-UNIT"  # an amount in 元 converted to 万元 (a 提示)


@dataclass(frozen=True)
class Location:
    """Where something is: a file (as shown to a person), a line and a column (1-based)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """「p.jsonl 第2行第5列」, 「第7行」, 「p.yaml」 or ''."""
        where = ""
        if self.line is not None:
            where = f"第{self.line}行" + (f"第{self.column}列" if self.column is not None else "")
        if self.file:
            return f"{self.file} {where}" if where else self.file
        return where


@dataclass(frozen=True)
class Finding:
    """One problem found in the data or in a document.

    ``field`` is the data path (``project.leader.phone``), ``label`` the Chinese
    breadcrumb of the form's own labels (``项目信息 › 项目负责人 › 联系电话``),
    ``article`` the article of the 办法 the rule comes from, or None.
    """

    severity: Severity
    code: str  # a Code, or the id of a 办法's rule (SZS-14.3)
    message: str
    field: str | None = None
    label: str | None = None
    article: str | None = None
    line: int | None = None
    file: str | None = None
    column: int | None = None

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    def format(self) -> str:
        where = [part for part in (self.location.describe(), self.field) if part]
        place = f"（{'，'.join(where)}）" if where else ""
        return f"[{self.severity.label}] {self.code} {self.message}{place}"

    def at(self, file: str | None) -> Finding:
        """The same finding, said to be in ``file`` (None: no file named)."""
        return replace(self, file=file)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["code"] = str(self.code)
        for optional in ("file", "column"):
            if data[optional] is None:
                del data[optional]
        return data


class Findings(list[Finding]):
    """Every finding of one job, in order, with the counts a person and a script ask for."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """No errors (warnings and notes allowed)."""
        return not any(f.severity is Severity.ERROR for f in self)

    def to_json(self) -> str:
        return json.dumps([f.to_dict() for f in self], ensure_ascii=False, indent=2)


class DocgenError(Exception):
    """Base of every error docgen reports to a person; carries its exit code and where it happened.

    What a face needs to answer with is data on the type, never read from the (Chinese) message:
    ``exit_code`` for the command line, ``http_status`` for a web layer (``docgen serve``), which
    maps an error to its status by ``type(error).http_status`` — a subclass inherits its parent's
    unless it says otherwise. The base is 500: an error docgen did not classify is the server's.
    """

    exit_code = 1
    http_status = 500
    code: str = Code.ERROR

    def __init__(
        self,
        message: str,
        findings: list[Finding] | None = None,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.findings = Findings(findings or [])
        self.location = Location(file, line, column)

    def located(self, file: str | None = None, line: int | None = None) -> DocgenError:
        """The same error, placed in ``file`` (and at ``line`` when it knew none); returns self."""
        self.location = Location(
            file if file is not None else self.location.file,
            self.location.line if self.location.line is not None else line,
            self.location.column,
        )
        return self

    def format_message(self) -> str:
        where = self.location.describe()
        return f"{where}：{self.message}" if where else self.message

    def to_finding(self) -> Finding:
        """The error as one finding (JSON output, batch reports): the location stays data."""
        loc = self.location
        return Finding(Severity.ERROR, self.code, self.message, line=loc.line, file=loc.file, column=loc.column)

    def __str__(self) -> str:
        return self.format_message()

    def __reduce__(self) -> tuple[Any, ...]:
        """Errors cross process boundaries (the desk's workers) with their findings and location."""
        loc = self.location
        return (_rebuild, (type(self), self.message, list(self.findings), loc.file, loc.line, loc.column))


def _rebuild(
    kind: type[DocgenError],
    message: str,
    findings: list[Finding],
    file: str | None,
    line: int | None,
    column: int | None,
) -> DocgenError:
    error = kind.__new__(kind)
    DocgenError.__init__(error, message, findings, file=file, line=line, column=column)
    return error


class InputError(DocgenError):
    """The input cannot be read at all (missing file, bad YAML, wrong encoding, not a .docx)."""

    exit_code = 2
    http_status = 400  # the request's input: fix it and send again
    code = Code.INPUT


class ValidationFailed(DocgenError):
    """The data was read but has errors; nothing was written."""

    exit_code = 1
    http_status = 422  # read, but the data has errors (the findings say which)
    code = Code.INVALID


class EnvironmentProblem(DocgenError):
    """A component docgen needs (LibreOffice, fonts) is missing or broken."""

    exit_code = 3
    http_status = 503  # the server lacks a component: not the request's fault
    code = Code.ENVIRONMENT


class TemplateFailure(DocgenError):
    """A template cannot be prepared or rendered (broken or unknown file)."""

    exit_code = 2
    http_status = 500  # the server's templates
    code = Code.TEMPLATE
