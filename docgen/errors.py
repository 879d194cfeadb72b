"""Findings and the exception tree.

Location is kept as data (field path, line, file) and turned into text in one
place, :meth:`Finding.format`, so every output — terminal, JSON, batch report —
says the same thing the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    """One problem found in the data or in a document.

    ``field`` is the data path (``project.leader.phone``), ``label`` the Chinese
    breadcrumb of the form's own labels (``项目信息 › 项目负责人 › 联系电话``),
    ``article`` the article of the 办法 the check comes from, or None.
    """

    severity: Severity
    code: str
    message: str
    field: str | None = None
    label: str | None = None
    article: str | None = None
    line: int | None = None
    file: str | None = None

    def format(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.line is None else f"{self.file} 第{self.line}行")
        elif self.line is not None:
            where.append(f"第{self.line}行")
        if self.field:
            where.append(self.field)
        place = f"（{'，'.join(where)}）" if where else ""
        return f"[{SEVERITY_LABEL[self.severity]}] {self.code} {self.message}{place}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        if data["file"] is None:
            del data["file"]
        return data


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


class DocgenError(Exception):
    """Base of every error docgen reports to a person; carries its exit code."""

    exit_code = 1

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings or []

    def format_message(self) -> str:
        return self.message


class InputError(DocgenError):
    """The input cannot be read at all (missing file, bad YAML, wrong encoding)."""

    exit_code = 2


class ValidationFailed(DocgenError):
    """The data was read but has errors; nothing was written."""

    exit_code = 1


class EnvironmentProblem(DocgenError):
    """A component docgen needs (LibreOffice, fonts, templates) is missing or broken."""

    exit_code = 3


class TemplateFailure(DocgenError):
    """A template cannot be prepared or rendered (broken or unknown file)."""

    exit_code = 2
