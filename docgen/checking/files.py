"""The files ``check`` reads from a folder, and what it says about the others."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Code, Finding, Severity

#: Documents of other kinds a folder may hold, with what to do so that they can be checked.
SAVE_AS_DOCX = "请在 Word/WPS 中另存为 .docx 后再检查"
SKIP_ADVICE = {
    ".doc": SAVE_AS_DOCX,
    ".docm": SAVE_AS_DOCX,
    ".dot": SAVE_AS_DOCX,
    ".dotx": SAVE_AS_DOCX,
    ".wps": SAVE_AS_DOCX,
    ".wpt": SAVE_AS_DOCX,
    ".odt": SAVE_AS_DOCX,
    ".ott": SAVE_AS_DOCX,
    ".rtf": SAVE_AS_DOCX,
    ".pdf": "PDF 无法按表格和章节检查，请同时提交 .docx 版本",
    ".ofd": "OFD 无法按表格和章节检查，请同时提交 .docx 版本",
}


@dataclass(frozen=True)
class Skipped:
    """A file of a folder that ``check`` does not read, and why."""

    path: Path
    advice: str | None  # what to do (another document format); None for files that are no documents
    kind: str = ""  # what the file is, when its name says otherwise

    def finding(self) -> Finding:
        if self.advice is None:
            return Finding(Severity.INFO, Code.CHECK_SKIPPED, "不是 .docx 文档，未检查", file=self.path.name)
        kind = self.kind or f"{self.path.suffix.lower().lstrip('.')} 文件"
        message = f"{kind}，未检查：{self.advice}"
        return Finding(Severity.WARNING, Code.CHECK_SKIPPED, message, file=self.path.name)


def docx_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, bool]], list[Skipped]]:
    """The files to check, each with whether it was found in a folder (rather than named);
    and the files of those folders that are not checked (.doc, .pdf, .odt …, pictures)."""
    found: list[tuple[Path, bool]] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, False))
            continue
        for member in sorted(path.iterdir()):
            if member.name.startswith(("~$", ".")) or not member.is_file():
                continue
            if member.suffix.lower() == ".docx":
                found.append((member, True))
            else:
                skipped.append(Skipped(member, SKIP_ADVICE.get(member.suffix.lower())))
    return found, skipped
