"""Faults of the machine, not of the data (issue 27): a batch whose main process is killed outright,
and disks that fill up under a batch or a build. The disks are real: a small tmpfs mounted for the
test (as root); where mounting is not allowed, the same runs go in a child process whose files may
not grow past a size (RLIMIT_FSIZE), which makes the system refuse writes as a full disk does.
Either way: a Chinese message, no traceback, no temporary file, no folder that holds nothing, and
every document left whole."""

from __future__ import annotations

import json
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main

CONTRACT = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")


def projects(folder: Path, count: int) -> Path:
    """``count`` valid projects (the contract example under other names), one file each."""
    folder.mkdir()
    for number in range(1, count + 1):
        text = re.sub(r"(?m)^  name: .*$", f"  name: 项目{number}", CONTRACT, count=1)
        (folder / f"p{number:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ kill -9


#: Started as its own process: a batch whose workers are running; it prints their ids, then waits.
HOLDING_BATCH = r"""
import os, sys
from pathlib import Path
from docgen.batch import Batch

with Batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=2) as run:
    next(iter(run))  # a result came back: the workers are there
    mine = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                mine.append(entry.name)
    print(" ".join(mine), flush=True)
    sys.stdin.read()  # held until the test kills this process
"""


def test_the_workers_end_when_the_batch_is_killed_outright(tmp_path: Path) -> None:
    source = projects(tmp_path / "项目", 12)
    batch = subprocess.Popen(
        [sys.executable, "-c", HOLDING_BATCH, str(source), str(tmp_path / "out")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert batch.stdout is not None
    workers = [int(pid) for pid in batch.stdout.readline().split()]
    assert len(workers) >= 2, workers
    handles = [os.pidfd_open(pid) for pid in workers]  # readable once the process has ended
    batch.kill()  # SIGKILL: nothing runs in it to stop its workers
    batch.wait()
    try:
        for handle in handles:
            ready, _, _ = select.select([handle], [], [], 60)  # a bound on failure, not a timing
            assert ready, "a worker outlived the batch that started it"
    finally:
        for handle in handles:
            os.close(handle)


# ------------------------------------------------------------------ full disks


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path | None]]:
    """``small_disk(kib)``: a tmpfs of that size mounted under tmp_path, or None where the test may
    not mount one (then the caller runs under RLIMIT_FSIZE instead)."""
    mounted: list[Path] = []

    def make(kib: int) -> Path | None:
        where = tmp_path / f"盘{len(mounted)}"
        where.mkdir()
        if os.geteuid() != 0 or shutil.which("mount") is None:
            return None
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(where)], check=False)
        if done.returncode != 0:
            return None
        mounted.append(where)
        return where

    yield make
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)


def run_cli(args: list[str], file_limit: int | None = None) -> tuple[int, str]:
    """``docgen ARGS`` in a child process (optionally under RLIMIT_FSIZE): (exit code, all it said)."""

    def limited() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    done = subprocess.run(
        [sys.executable, "-m", "docgen", *args], capture_output=True, text=True, preexec_fn=limited, check=False
    )
    return done.returncode, done.stdout + done.stderr


def left_behind(folder: Path) -> list[str]:
    """What a failed run must not leave: temporary files, and folders that hold nothing but a marker."""
    found = [str(p) for p in folder.rglob("*.tmp")]
    found += [str(p) for p in folder.rglob("*") if p.is_dir() and {c.name for c in p.iterdir()} <= {".docgen-source"}]
    return found


def whole_projects(out: Path, forms: int = 4) -> None:
    """Every project folder holds every one of its documents, each a whole .docx."""
    import zipfile

    for folder in (p for p in out.iterdir() if p.is_dir()):
        documents = sorted(folder.glob("*.docx"))
        assert len(documents) == forms, (folder, documents)
        for document in documents:
            assert zipfile.ZipFile(document).testzip() is None


def test_a_batch_on_a_disk_that_fills_up(tmp_path: Path, small_disk: Callable[[int], Path | None]) -> None:
    source = projects(tmp_path / "项目", 12)
    disk = small_disk(600)  # room for about five projects of four documents
    where = disk if disk is not None else tmp_path / "盘0"
    out, report = where / "输出", where / "报告.json"
    code, said = run_cli(
        ["batch", str(source), "-o", str(out), "--report", str(report), "--jobs", "2"],
        file_limit=None if disk is not None else 20_000,
    )
    assert code in (1, 2) and "Traceback" not in said, said[-3000:]
    assert "磁盘空间不足" in said or "文件超过系统允许的大小" in said, said[-3000:]
    assert not left_behind(where), left_behind(where)
    if out.exists():
        whole_projects(out)
    if report.exists():  # whole, or absent and said
        assert len(json.loads(report.read_text(encoding="utf-8"))["projects"]) == 12
    else:
        assert "没有写成" in said or "无法写入" in said, said[-3000:]


def test_a_batch_whose_report_cannot_be_written(tmp_path: Path, small_disk: Callable[[int], Path | None]) -> None:
    """The documents are elsewhere; the report's disk is full: it is absent, said, and nothing half of it stays."""
    source = projects(tmp_path / "项目", 6)
    disk = small_disk(64)
    if disk is None:
        pytest.skip("mounting a small disk needs root; the RLIMIT_FSIZE run above covers the batch")
    (disk / "填满").write_bytes(b"\0" * (64 * 1024 - 1024))  # what is left is less than the report
    report = disk / "报告.json"
    code, said = run_cli(["batch", str(source), "-o", str(tmp_path / "输出"), "--report", str(report), "--jobs", "2"])
    assert code == 2 and "Traceback" not in said, said[-3000:]
    assert f"报告「{report}」没有写成：磁盘空间不足" in said or f"无法写入「{report}」" in said, said[-3000:]
    assert not report.exists() and not left_behind(disk)
    whole_projects(tmp_path / "输出")


def test_a_build_on_a_disk_that_fills_up_leaves_the_earlier_documents(
    tmp_path: Path, small_disk: Callable[[int], Path | None]
) -> None:
    """All four documents or none: a build that runs out of room leaves the last build's as they were."""
    disk = small_disk(96)  # one document fits, four do not
    where = disk if disk is not None else tmp_path / "盘0"
    data = tmp_path / "项目.yaml"
    data.write_text(CONTRACT, encoding="utf-8")
    assert CliRunner().invoke(main, ["build", str(data), "-o", str(where), "--forms", "申报表"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in where.iterdir()}
    data.write_text(CONTRACT.replace("石嘴山市政务服务管理局", "石嘴山市数据局", 1), encoding="utf-8")
    code, said = run_cli(["build", str(data), "-o", str(where)], file_limit=None if disk is not None else 20_000)
    assert code == 2 and "Traceback" not in said, said
    assert "磁盘空间不足" in said or "文件超过系统允许的大小" in said, said
    assert {p.name: p.read_bytes() for p in where.iterdir()} == before
    assert not left_behind(where)


@pytest.mark.libreoffice
def test_build_with_pdf_on_a_nearly_full_disk(tmp_path: Path, small_disk: Callable[[int], Path | None]) -> None:
    disk = small_disk(400)  # the documents fit; their PDFs do not
    if disk is None:
        pytest.skip("mounting a small disk needs root (LibreOffice's own writes are not bounded by RLIMIT_FSIZE)")
    data = tmp_path / "项目.yaml"
    data.write_text(CONTRACT, encoding="utf-8")
    code, said = run_cli(["build", str(data), "-o", str(disk), "--pdf"])
    assert code == 2 and "Traceback" not in said, said
    assert "磁盘空间不足" in said, said
    assert not left_behind(disk)
