"""The warm LibreOffice (unoserver) and its supervision, with the real LibreOffice.

Faults are deterministic, not raced: ``DOCGEN_TEST_FAULTS`` names a folder whose files each
conversion claims one by one; ``die…`` kills the real LibreOffice (SIGKILL) as the conversion
starts, ``hang…`` stops it (SIGSTOP), so the conversion can only end by its time limit.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import SAMPLES, pdf_text, squash

import docgen
from docgen.cli import main
from docgen.render import office, pdf

pytestmark = pytest.mark.libreoffice

CONTRACT = SAMPLES / "contract-example.yaml"


@pytest.fixture(scope="module")
def application() -> bytes:
    return docgen.render_documents(docgen.load(CONTRACT), ["application"])["application"]


def converter(faults: Path, seconds: float = 10) -> office.Converter:
    """A converter of its own (one office), whose offices claim the faults in ``faults``."""
    soffice = pdf.find_soffice()
    environment = {**os.environ, "FONTCONFIG_FILE": str(pdf.fonts_conf()), "DOCGEN_TEST_FAULTS": str(faults)}
    python = office.uno_python()
    assert python is not None, "scripts/setup.sh makes .venv-uno (python3-uno and unoserver)"
    return office.Converter(python, soffice, environment, pdf._profile(soffice, environment), size=1, seconds=seconds)


def faults(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "faults"
    folder.mkdir()
    for name in names:
        (folder / name).touch()
    return folder


def read_pdf(blob: bytes, tmp_path: Path) -> str:
    target = tmp_path / "out.pdf"
    target.write_bytes(blob)
    return squash(pdf_text(target))


def build_pdf(out: Path) -> Result:
    return CliRunner().invoke(main, ["build", str(CONTRACT), "-o", str(out), "--forms", "申报表", "--pdf"])


def gone(pid: int) -> bool:
    """The process has exited (waiting on a pidfd: an event, not a sleep; 30 s at most)."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        select.select([handle], [], [], 30)
    finally:
        os.close(handle)
    return not office.process_runs(pid)


def test_the_warm_office_runs_here_and_converts(application: bytes, tmp_path: Path) -> None:
    warm = converter(faults(tmp_path))
    try:
        text = read_pdf(warm.convert(application), tmp_path)
        again = warm.convert(application)  # the same office, warm
        assert warm.restarts == 0 and len(warm.office_pids) == 1
    finally:
        warm.close()
    assert "项目预计总投资" in text and "一件事一次办" in text
    assert again.startswith(b"%PDF")


def test_an_office_killed_mid_conversion_is_replaced_and_the_pdf_made(application: bytes, tmp_path: Path) -> None:
    folder = faults(tmp_path, "die-1")
    warm = converter(folder)
    try:
        produced = warm.convert(application)
        assert warm.restarts == 1 and not list(folder.iterdir())
    finally:
        warm.close()
    assert "项目预计总投资" in read_pdf(produced, tmp_path)


def test_a_hung_office_is_killed_at_the_time_limit_and_replaced(application: bytes, tmp_path: Path) -> None:
    warm = converter(faults(tmp_path, "hang-1"), seconds=5)
    try:
        first = warm.office_pids
        produced = warm.convert(application)
        assert warm.restarts == 1 and warm.office_pids != first
    finally:
        warm.close()
    assert produced.startswith(b"%PDF")


def test_failing_twice_is_a_chinese_error_and_leaves_no_office(application: bytes, tmp_path: Path) -> None:
    warm = converter(faults(tmp_path, "die-1", "hang-2"), seconds=5)
    with pytest.raises(office.ConversionFailed) as raised:
        warm.convert(application, "申报表.docx")
    pids = warm.office_pids
    warm.close()
    message = raised.value.format_message()
    assert "「申报表.docx」" in message and "卡住" in message and "重试一次仍然失败" in message
    assert raised.value.exit_code == 4
    assert all(gone(pid) for pid in pids)


def test_the_one_run_path_retries_a_killed_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the warm office, a LibreOffice run killed mid-conversion is run again: PDFs made."""
    monkeypatch.setenv("DOCGEN_WARM_OFFICE", "0")
    monkeypatch.setenv("DOCGEN_TEST_FAULTS", str(faults(tmp_path, "die-1")))
    result = build_pdf(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1
    assert not list((tmp_path / "out").glob(".docgen-pdf-*"))


def test_the_one_run_path_says_what_happened_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed, then hung: exit 4 (not 3, which says LibreOffice is missing), no javaldx, no traceback."""
    monkeypatch.setenv("DOCGEN_WARM_OFFICE", "0")
    monkeypatch.setenv("DOCGEN_PDF_SECONDS", "5")
    monkeypatch.setenv("DOCGEN_TEST_FAULTS", str(faults(tmp_path, "die-1", "hang-2")))
    result = build_pdf(tmp_path / "out")
    assert result.exit_code == 4, result.output
    assert "卡住" in result.output and "重试一次仍然失败" in result.output
    assert "javaldx" not in result.output and "Traceback" not in result.output
    assert not list((tmp_path / "out").glob("*.pdf")) and not list((tmp_path / "out").glob(".docgen-pdf-*"))


def test_a_killed_batchs_work_folders_are_removed_by_the_next_run(tmp_path: Path) -> None:
    """kill -9 during batch --pdf leaves LibreOffice's work folder (named with its pid): the rerun removes it."""
    out = tmp_path / "out"
    first = docgen.batch.run([CONTRACT], out, forms="申报表", pdf=True, jobs=1)
    (result,) = list(first)
    dead = subprocess.Popen([sys.executable, "-c", ""])
    dead.wait()  # a pid no process has now, as a killed batch's
    stale = out / result.folder / f".docgen-pdf-{dead.pid}-abc"
    (stale / "profile" / "user").mkdir(parents=True)
    (stale / "profile" / ".lock").touch()
    (result,) = list(docgen.batch.run([CONTRACT], out, forms="申报表", pdf=True, jobs=1, force=True))
    assert result.status == "built"
    assert not stale.exists()
    assert sorted(p.suffix for p in (out / result.folder).iterdir() if not p.name.startswith(".")) == [".docx", ".pdf"]


def _offices_of(marker: str) -> list[int]:
    """soffice.bin processes running whose command line holds ``marker`` (their profile's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
            except OSError:
                continue
            mine = command[0].endswith("soffice.bin") and any(marker in part for part in command)
            if mine and office.process_runs(int(entry.name)):
                found.append(int(entry.name))
    return found


def test_no_soffice_is_left_after_serve_stops(tmp_path: Path) -> None:
    """docgen serve previews on the warm office; stopped (SIGTERM, as a service manager does), nothing remains."""
    import time
    import urllib.request

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "docgen", "serve", "--workspace", str(tmp_path / "ws"), "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(temporary)}
    )
    running: list[int] = []
    try:
        assert server.stdout is not None
        server.stdout.readline()  # 「docgen 服务已启动」, printed just before uvicorn listens
        deadline = time.monotonic() + 60
        while True:  # until it listens (a start-up, not the behaviour under test)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "docgen serve did not start"
                time.sleep(0.05)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/build?pdf=1&forms=application",
            data=CONTRACT.read_bytes(),
            headers={"content-type": "application/yaml"},
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            assert answer.status == 200 and answer.read()[:2] == b"PK"
        running = _offices_of(str(temporary))
        assert len(running) == 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    assert all(gone(pid) for pid in running)
    assert _offices_of(str(temporary)) == []


def test_without_a_warm_office_pdfs_come_the_old_way_and_it_is_said_once(tmp_path: Path) -> None:
    """A Python without uno cannot run the warm office: build --pdf still makes every PDF, one
    LibreOffice run for them all, and says once why (in Chinese, with what to install)."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen", "build", str(CONTRACT), "-o", str(out), "--pdf"]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "DOCGEN_UNO_PYTHON": sys.executable}, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == 4
    assert result.stderr.count("常驻的 LibreOffice 转换服务无法启动") == 1
    assert "python3-uno" in result.stderr and "Traceback" not in result.stderr
