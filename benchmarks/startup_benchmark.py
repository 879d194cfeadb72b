"""How fast docgen starts, and what a rebuild over its own outputs costs — each beside the old way.

1. Start-up, real subprocesses (median wall time of R runs, and the CPU they used):
   ``docgen --help`` and ``docgen validate`` on the contract example, as the command runs now
   (a command imports what it needs when it runs) and as it did before (everything imported
   first: ``import docgen.api, docgen.batch`` then the command). Targets: 0.25 s and 0.4 s wall.
2. Rebuild, in one process with the templates warm: ``build`` into an empty folder, and over its
   own unedited outputs — the guard comparing the digest each output records, and, side by side,
   the guard as it was (rendering each output's embedded data again and comparing the visible
   text). Target: rebuild ≤ 1.5× the build into an empty folder.

    python benchmarks/startup_benchmark.py            # R = 15 start-ups, B = 30 builds
    python benchmarks/startup_benchmark.py --r 3 --b 3   # quick (CI)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "sample_data" / "contract-example.yaml"
EAGER = "import sys, docgen.api, docgen.batch; from docgen.cli import main; sys.argv[0] = 'docgen'; main()"
LAZY = "import sys; from docgen.cli import main; sys.argv[0] = 'docgen'; main()"


def start(code: str, args: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of ``python -c code args``."""
    walls, cpus = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - started)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def old_guard(path: Path, form: object, package: list[object]) -> bool:
    """The guard before digests: render the embedded data again and compare the visible text."""
    from docgen.api import load_data, render_documents
    from docgen.checking.extract import embedded_source
    from docgen.docx_reader import read_docx, read_docx_bytes
    from docgen.forms import Form

    content = read_docx(path)
    found = embedded_source(content)
    if not isinstance(found, tuple):
        return True
    earlier = load_data(found[1], base_dir=path.parent)
    again = render_documents(earlier, package if form is Form.MATERIALS else [form])[form]  # type: ignore[list-item]
    return read_docx_bytes(again, path.name).visible_text() != content.visible_text()


def rebuilds(builds: int) -> tuple[float, float, float]:
    """Median ms of a build into an empty folder, a rebuild now, and a rebuild with the old guard."""
    import docgen
    from docgen import api

    project = docgen.load(CONTRACT)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docgen.build(project, work / "warm")  # templates prepared, imports done
        empty, now, before = [], [], []
        docgen.build(project, work / "again")
        for number in range(builds):
            started = time.perf_counter()
            docgen.build(project, work / f"empty-{number}")
            empty.append(time.perf_counter() - started)
            started = time.perf_counter()
            docgen.build(project, work / "again")
            now.append(time.perf_counter() - started)
            current = api.edited_since_built
            api.edited_since_built = lambda path, form, package, **_: old_guard(path, form, package)  # type: ignore[assignment]
            try:
                started = time.perf_counter()
                docgen.build(project, work / "again")
                before.append(time.perf_counter() - started)
            finally:
                api.edited_since_built = current  # type: ignore[assignment]
    return tuple(statistics.median(times) * 1000 for times in (empty, now, before))  # type: ignore[return-value]


def verdict(value: float, target: float, unit: str = "") -> str:
    return f"target <= {target:g}{unit}: {'met' if value <= target else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--r", type=int, default=15, help="start-ups of each command, each way")
    parser.add_argument("--b", type=int, default=30, help="builds of each kind")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f} (at start)")
    for label, command, target in (
        ("docgen --help", ["--help"], 0.25),
        ("docgen validate (contract)", ["validate", str(CONTRACT)], 0.4),
    ):
        wall, cpu = start(LAZY, command, args.r)
        old_wall, old_cpu = start(EAGER, command, args.r)
        print(f"{label:<27} now {wall:5.2f} s wall {cpu:5.2f} s CPU  ({verdict(wall, target, ' s')})")
        print(f"{'':<27} before {old_wall:5.2f} s wall {old_cpu:5.2f} s CPU  (everything imported first)")
    empty, now, before = rebuilds(args.b)
    print(f"build into an empty folder : {empty:6.1f} ms")
    print(f"rebuild over its outputs   : {now:6.1f} ms  ratio {now / empty:4.2f}  ({verdict(now / empty, 1.5)})")
    print(f"rebuild, guard as before   : {before:6.1f} ms  ratio {before / empty:4.2f}  (renders each output again)")
    print(f"load average: {os.getloadavg()[0]:.2f} (at end)")


if __name__ == "__main__":
    main()
