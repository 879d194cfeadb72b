"""What several test modules share: the repository's folders, the public contract's copy, and the
readers of real outputs (pdftotext). Fixtures stay in ``conftest.py``; plain helpers live here so that
test modules import them like any module (``from helpers import SAMPLES``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from docgen.project import LoadedProject

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The public data contract as this repository keeps it (tests never read outside the repository);
#: ``OUTER_CONTRACT`` is the published file beside a developer's checkout, compared when it is there.
CONTRACT = FIXTURES / "project.example.yaml"
OUTER_CONTRACT = ROOT.parent / "shared" / "contract" / "project.example.yaml"
VALID_SAMPLES = ["contract-example.yaml", "service-12345-om.yaml", "tendered-project.yaml"]


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


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until a server process started by a test accepts connections (its start-up, not what is tested)."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            if process.poll() is not None:
                error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
                pytest.fail(f"the server ended before it listened: {error[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the server did not start listening")
            time.sleep(0.1)


class Server:
    """A real ``docgen serve`` process on a free port of this machine, called over HTTP."""

    def __init__(self, workspace: Path, *extra: str, **environment: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "docgen", "serve", "--workspace", str(workspace), "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **environment},
        )
        wait_listening(self.port, self.process)

    def call(self, method: str, path: str, body: bytes | None = None, kind: str = "") -> tuple[int, Any]:
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers={"Content-Type": kind} if kind else {}
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw[:1] in (b"[", b"{") else raw
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, json.loads(raw) if raw[:1] in (b"[", b"{") else raw

    def stop(self) -> str:
        self.process.terminate()
        try:
            _out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        return err.decode("utf-8", "replace")
