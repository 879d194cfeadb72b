"""Shared fixtures. Documents are rendered for real and read back with
python-docx, LibreOffice (PDF) and poppler's pdftotext / pdfinfo / pdffonts.
Plain helpers (folders, readers) are in ``helpers.py``."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLES, VALID_SAMPLES, BuiltSample, require_tool

import docgen
from docgen.forms import BUILDABLE

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
        launcher = isinstance(args, list | tuple) and any(str(a).endswith("office_server.py") for a in args)
        if Path(str(program)).name in _OFFICE or launcher:
            raise AssertionError(f"{request.node.nodeid} starts LibreOffice: mark it @pytest.mark.libreoffice")
        original(self, args, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess.Popen, "__init__", guarded)


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One private PostgreSQL server per test process (see tests/postgres.py)."""
    import postgres

    with postgres.server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """The desk's database: the workspace's SQLite file (None), then a fresh database on a real
    PostgreSQL server (started once per test process: in the full run, not the fast subset)."""
    if request.param == "sqlite":
        yield None
        return
    import postgres

    server = request.getfixturevalue("postgres_server")
    with postgres.fresh_database(server) as url:
        yield url


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("找不到 Chromium：scripts/test.sh 会安装 Debian 软件包 chromium（浏览器测试不可省略）")


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium(),
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-gpu"],
        )
        yield launched
        launched.close()
