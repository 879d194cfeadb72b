"""Previews of a form: its PDF, and the PDF's pages as PNG pictures.

A preview is made once per document content: the .docx bytes' SHA-256 names the cached
PDF and pages, so looking again at an unchanged form costs a file read, not a LibreOffice
run. A changed form pays one conversion on the warm LibreOffice (``api.convert_pdf``, see
``docgen.render.office``); ``benchmarks/serve_benchmark.py`` measures both.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from docgen import api
from docgen.errors import EnvironmentProblem
from docgen.output import atomic_write

RESOLUTION = 70  # dots per inch of the page pictures: an A4 page about 580 × 820 pixels


class Previews:
    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.guard = threading.Lock()
        self.locks: dict[str, threading.Lock] = {}  # one conversion per document; others go on (api.convert_pdf)

    def _folder(self, docx: bytes) -> Path:
        return self.cache / hashlib.sha256(docx).hexdigest()[:32]

    def pdf(self, docx: bytes) -> bytes:
        folder = self._folder(docx)
        target = folder / "document.pdf"
        if not target.is_file():
            with self.guard:
                lock = self.locks.setdefault(folder.name, threading.Lock())
            with lock:
                if not target.is_file():
                    folder.mkdir(parents=True, exist_ok=True)
                    produced = api.convert_pdf(docx)
                    atomic_write(target, produced)
        return target.read_bytes()

    def pages(self, docx: bytes) -> list[Path]:
        """The PNG pages of the document, in order (made once)."""
        folder = self._folder(docx)
        pages = sorted(folder.glob("page-*.png"))
        if pages:
            return pages
        pdf = self.pdf(docx)
        tool = shutil.which("pdftoppm")
        if tool is None:
            raise EnvironmentProblem("预览需要 pdftoppm（Debian/Ubuntu 软件包 poppler-utils）")
        with tempfile.TemporaryDirectory(dir=folder) as work:
            source = Path(work) / "document.pdf"
            source.write_bytes(pdf)
            subprocess.run(
                [tool, "-png", "-r", str(RESOLUTION), str(source), str(Path(work) / "page")],
                check=True,
                capture_output=True,
                timeout=120,
            )
            for made in sorted(Path(work).glob("page-*.png")):
                number = int(made.stem.rsplit("-", 1)[1])
                atomic_write(folder / f"page-{number:03d}.png", made.read_bytes())
        return sorted(folder.glob("page-*.png"))
