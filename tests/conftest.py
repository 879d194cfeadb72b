"""Shared fixtures. Documents are rendered for real and read back with
python-docx, LibreOffice (PDF) and poppler's pdftotext / pdfinfo / pdffonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import docgen
from docgen.forms import BUILDABLE
from docgen.project import LoadedProject

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTRACT = ROOT.parent / "shared" / "contract" / "project.example.yaml"
VALID_SAMPLES = ["contract-example.yaml", "service-12345-om.yaml", "tendered-project.yaml"]


_OFFICE = ("soffice", "libreoffice", "soffice.bin")


@pytest.fixture(autouse=True)
def _libreoffice_needs_its_marker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that starts LibreOffice must carry the ``libreoffice`` marker, so that
    ``pytest -m "not libreoffice"`` really is the fast subset: starting it unmarked fails."""
    if request.node.get_closest_marker("libreoffice") is not None:
        return
    original = subprocess.Popen.__init__

    def guarded(self: subprocess.Popen[bytes], args: object, *rest: object, **options: object) -> None:
        program = args[0] if isinstance(args, list | tuple) and args else args
        if Path(str(program)).name in _OFFICE:
            raise AssertionError(f"{request.node.nodeid} starts LibreOffice: mark it @pytest.mark.libreoffice")
        original(self, args, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess.Popen, "__init__", guarded)


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run the README's test command (scripts/test.sh), which installs it")
    return found


def pdf_text(pdf: Path) -> str:
    require_tool("pdftotext")
    # -raw keeps the content-stream order, in which LibreOffice writes a table cell by cell.
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    """Text without white space or curly quotes.

    pdftotext spaces CJK text unpredictably; and where 仿宋 is not installed,
    LibreOffice draws “” with a Latin fallback font and writes them apart from
    the text around them; the .docx tests compare text with its quotes exactly.
    """
    return re.sub(r"[\s“”‘’]+", "", text)


@dataclass
class BuiltSample:
    name: str
    project: LoadedProject
    docx: dict[str, Path]
    pdf: dict[str, Path]

    def text(self, form: str) -> str:
        return squash(pdf_text(self.pdf[form]))


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSample]:
    """Every valid sample built once, .docx and PDF (real LibreOffice)."""
    require_tool("soffice")
    out: dict[str, BuiltSample] = {}
    for name in VALID_SAMPLES:
        folder = tmp_path_factory.mktemp(Path(name).stem)
        result = docgen.build(SAMPLES / name, folder, forms=BUILDABLE, pdf=True)
        by_suffix = {p.suffix: p for p in result.outputs}
        assert by_suffix, result.outputs
        docx = {form: folder / docgen.api.output_name(result.project.data, form) for form in BUILDABLE}
        pdf = {form: path.with_suffix(".pdf") for form, path in docx.items()}
        for path in [*docx.values(), *pdf.values()]:
            assert path.is_file(), path
        out[name] = BuiltSample(name, result.project, docx, pdf)
    return out
