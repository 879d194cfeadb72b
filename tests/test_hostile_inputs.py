"""A corpus of hostile inputs (issue 27), each through the command line and through the library
functions the desk calls, in a child process whose memory and CPU time are bounded by the system
(RLIMIT_AS, RLIMIT_CPU): an input that costs more is killed or fails with MemoryError, and the test
fails. Each answer must be a Chinese message saying what is wrong (and where), never a traceback,
and nothing may be written. The inputs are made here from the samples: the corpus is the test's own.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen import api
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.project import load_raw
from docgen.sources import decode_text, parse

#: What one hostile input may cost: the address space a child may add to what it has when it
#: starts (forked from the test process), and its CPU seconds. Far above any real project, far
#: below what the probe saw (the 1 GiB of whitespace took 2.2 GB).
MEMORY_LIMIT = 768 * 1024 * 1024
CPU_SECONDS = 60

#: What Python's own errors look like (ValueError, zlib.error …): never part of an answer.
PYTHON_ERROR = re.compile(r"\b[A-Za-z_.]*(?:Error|Exception|error)\b|Traceback")
CONTRACT = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")


def bounded(work: Callable[[], Any]) -> Any:
    """``work()`` run in a child process (forked: docgen is already imported) whose address space
    may grow by MEMORY_LIMIT at most and whose CPU time is CPU_SECONDS: what it returns, or the
    failure (an exception's traceback, or the signal that killed it) as an AssertionError."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: bounded, then the work, then its answer down the pipe
        status = 0
        try:
            os.close(reader)
            size = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY_LIMIT, resource.RLIM_INFINITY))
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, resource.RLIM_INFINITY))
            try:
                answer: tuple[str, Any] = ("done", work())
            except BaseException:
                answer = ("failed", traceback.format_exc())
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(answer, pipe)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        blob = pipe.read()
    _, wait = os.waitpid(pid, 0)
    assert blob, f"the child ended without an answer (wait status {wait}: killed by its memory or CPU bound?)"
    kind, answer = pickle.loads(blob)
    assert kind == "done", answer
    return answer


def command_line(args: list[str]) -> tuple[int, str]:
    """``docgen ARGS`` as a person runs it: (exit code, everything it printed); a traceback is a failure."""
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("".join(traceback.format_exception(result.exception)))
    return result.exit_code, result.output


def library(call: str, path: Path, out: Path) -> tuple[int, str]:
    """One library call the desk makes: (0 or the error's exit code, every sentence a person reads)."""

    def said(findings: Any) -> list[str]:
        return [finding.format() for finding in findings]

    try:
        if call == "load":
            lines = said(api.load(path).findings)
        elif call == "text":  # what the desk does with a request body
            lines = said(load_raw(parse(decode_text(path.read_bytes(), path.name), path)).findings)
        elif call == "build":
            lines = [str(p) for p in api.build(path, out).outputs]
        elif call == "check":
            lines = said(api.check_blobs([(path.name, path.read_bytes())]).findings)
        elif call == "extract":
            lines = said(api.extract(path).problems)
        elif call == "workbook":
            lines = [error.format_message() if error else "ok" for _where, _d, error in api.workbook_projects(path)]
        else:
            raise AssertionError(f"unknown call {call}")
    except DocgenError as exc:
        return exc.exit_code, "\n".join([exc.format_message(), *said(exc.findings)])
    return 0, "\n".join(lines)


@dataclass
class Case:
    """A hostile input: how to make it, what the command line and the library are asked, and a
    fragment of what the answer must say (a regular expression)."""

    name: str
    make: Callable[[Path], Path]
    says: str
    commands: list[list[str]] = field(default_factory=lambda: [["validate"], ["build", "-o", "{out}"]])
    calls: list[str] = field(default_factory=lambda: ["load", "text", "build"])
    codes: tuple[int, ...] = (1, 2)


def contract_with(pattern: str, replacement: str, suffix: str = ".yaml") -> Callable[[Path], Path]:
    """The contract example with the first line matching ``pattern`` replaced."""

    def make(folder: Path) -> Path:
        text, count = re.subn(pattern, replacement, CONTRACT, count=1, flags=re.MULTILINE)
        assert count == 1, pattern
        target = folder / f"hostile{suffix}"
        target.write_text(text, encoding="utf-8")
        return target

    return make


def contract_json(change: Callable[[str], str]) -> Callable[[Path], Path]:
    """The contract example as JSON, its text changed by ``change``."""

    def make(folder: Path) -> Path:
        from docgen.sources import read

        data = read(SAMPLES / "contract-example.yaml").data
        text = json.dumps(data, ensure_ascii=False, default=str)
        changed = change(text)
        assert changed != text
        target = folder / "hostile.json"
        target.write_text(changed, encoding="utf-8")
        return target

    return make


def written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


CASES = [
    Case(
        "integer-of-5000-digits",
        contract_with(r"^    total: .*$", "    total: " + "9" * 5000),
        r"「项目预计总投资（万元）」数字位数过多.*第45行",
    ),
    Case(
        "power-of-ten-999999999",
        contract_with(r"^    total: .*$", "    total: 1e999999999"),
        r"「项目预计总投资（万元）」数字位数过多.*第45行",
    ),
    Case(
        "json-integer-of-5000-digits",
        contract_json(lambda text: text.replace('"total": 860', '"total": ' + "9" * 5000)),
        r"「项目预计总投资（万元）」数字位数过多",
    ),
    Case(
        "json-duplicate-key",
        contract_json(lambda text: text.replace("{", '{"profile": "jiangxi",\n "profile": "x", ', 1)),
        r"第2行.*重复的键「profile」",
    ),
    Case(
        "json-nested-100000-deep",
        lambda folder: _write(folder / "deep.json", "[" * 100_000 + "]" * 100_000),
        r"嵌套层级超过 32 层",
    ),
    Case(
        "yaml-set-tag",
        contract_with(r"^  name: .*$", "  name: !!set {a, b}"),
        r"第23行.*YAML 标签「!!set」不是数据",
    ),
    Case(
        "yaml-binary-tag",
        contract_with(r"^  location: .*$", "  location: !!binary aGVsbG8="),
        r"第33行.*YAML 标签「!!binary」不是数据",
    ),
    Case(
        "yaml-timestamp-tag",
        contract_with(r"^  location: .*$", "  location: !!timestamp 2001-12-14t21:59:43.10-05:00"),
        r"第33行.*YAML 标签「!!timestamp」不是数据",
    ),
    Case(
        "yaml-python-tag",
        contract_with(r"^  location: .*$", "  location: !!python/object/apply:os.system [echo]"),
        r"第33行.*YAML 标签「!!python/object/apply:os.system」不是数据",
    ),
    Case(
        "yaml-duplicate-key",
        contract_with(r"^  name: .*$", "  name: 甲\n  name: 乙"),
        r"第24行.*重复的键「name」",
    ),
    Case(
        "a-day-past-any-deadline",
        contract_with(r"^  date: 2026-11-20.*$", "  date: 9999-12-31"),
        r"「申报日期」应在 1900 年至 2199 年之间",
    ),
]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_command_line_answers_in_chinese_and_writes_nothing(tmp_path: Path, case: Case) -> None:
    source = case.make(tmp_path)
    out = tmp_path / "out"
    before = written(tmp_path)
    for command in case.commands:
        args = [command[0], str(source), *(arg.format(out=out) for arg in command[1:])]
        code, said = bounded(lambda args=args: command_line(args))
        assert not PYTHON_ERROR.search(said), said[-3000:]
        assert code in case.codes, (code, said[-2000:])
        assert re.search(case.says, said), said[-2000:]
        assert written(tmp_path) == before, "nothing is written"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_library_answers_in_chinese_and_writes_nothing(tmp_path: Path, case: Case) -> None:
    source = case.make(tmp_path)
    out = tmp_path / "out"
    before = written(tmp_path)
    for call in case.calls:
        code, said = bounded(lambda call=call: library(call, source, out))
        assert not PYTHON_ERROR.search(said), said[-3000:]
        assert code in (*case.codes, 0), (code, said[-2000:])
        assert re.search(case.says, said), said[-2000:]
        assert written(tmp_path) == before, "nothing is written"


def test_a_project_named_with_18_megabytes_builds_with_short_file_names(tmp_path: Path) -> None:
    """safe_filename looks at the start of a name only: the 18 MB name builds as fast as any."""
    source = contract_with(r"^  name: .*$", "  name: " + "政" * 6_000_000)(tmp_path)
    outputs = bounded(lambda: [p.name for p in api.build(source, tmp_path / "out", forms="申报表").outputs])
    assert outputs == [f"{'政' * 50}-申报表.docx"]


def test_a_review_date_typed_as_text_is_read_or_refused_never_dropped() -> None:
    from docgen.review import entries_from_options

    entries = entries_from_options({"network_security": "符合"}, date="2026年11月22日")
    assert str(entries["network_security"]["date"]) == "2026-11-22"
    with pytest.raises(DocgenError, match="「9999-99-99」不是日期"):
        entries_from_options({"network_security": "符合"}, date="9999-99-99")
