"""PDF through LibreOffice, the stand-in for the reader's Word."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import EnvironmentProblem
from docgen.messages import MSG

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 600


class PdfProblem(EnvironmentProblem):
    """LibreOffice or CJK fonts are missing, or a conversion failed; the message is Chinese."""


def find_soffice() -> str:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfProblem(MSG.soffice_missing)


def check_cjk_fonts() -> None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    if not found.stdout.strip():
        raise PdfProblem(MSG.cjk_fonts_missing)


def _environment(work: Path) -> dict[str, str]:
    """A private HOME, so concurrent conversions never share LibreOffice state."""
    return {**os.environ, "HOME": str(work)}


def convert(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Convert ``docx_files`` in one LibreOffice run; PDFs land in ``out_dir`` atomically."""
    soffice = find_soffice()
    check_cjk_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".docgen-pdf-", dir=out_dir) as tmp:
        work = Path(tmp)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "pdf"),
            *(str(p) for p in docx_files),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
                env={**os.environ, "HOME": str(work)},
            )
        except subprocess.TimeoutExpired:
            raise PdfProblem(MSG.soffice_timeout.format(seconds=TIMEOUT_S)) from None
        outputs = []
        for source in docx_files:
            produced = work / "pdf" / (source.stem + ".pdf")
            if not produced.is_file() or produced.stat().st_size == 0:
                detail = (result.stderr or result.stdout or "").strip()[-500:]
                raise PdfProblem(MSG.soffice_failed.format(name=source.name, reason=detail or "无输出"))
            target = out_dir / produced.name
            os.replace(produced, target)
            outputs.append(target)
    return outputs


def convert_beside(docx_files: list[Path]) -> list[Path]:
    """Convert in one LibreOffice run, each PDF next to its .docx (names must be unique in one call)."""
    if not docx_files:
        return []
    outputs = []
    first = docx_files[0].parent
    converted = convert(docx_files, first)
    for source, produced in zip(docx_files, converted, strict=True):
        target = source.with_suffix(".pdf")
        if produced != target:
            os.replace(produced, target)
        outputs.append(target)
    return outputs
