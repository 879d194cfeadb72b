"""How fast is ``docgen batch``, against a naive docxtpl loop, and does its memory stay flat?

Makes N synthetic projects from the contract example (names and amounts vary) as
a JSON Lines file, then, in one run:

1. ``docgen batch`` (a real subprocess, ``--jobs J``): ms per document, documents per second;
2. a naive loop on the same J processes: for each project read the JSON and
   validate it, then for each document load the template with docxtpl, render
   the same context and save — what a script written directly on docxtpl does;
3. their ratio;
4. peak memory (largest process of the batch, from the timed run) for N and for M projects;
5. where a document's time goes: one worker's path (read, validate, render, write into the
   project's folder) timed stage by stage on up to 200 projects in this process (after the timed
   runs: under other users' load, kernel time for writing files varies most).

Targets (2 cores): ratio ≥ 20; peak at M = 10000 within 1.5× of N = 1000.
Nothing is asserted here; the figures are printed.

    python benchmarks/batch_benchmark.py                # N=1000, M=10000
    python benchmarks/batch_benchmark.py --n 20 --m 40   # quick (CI)
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "sample_data" / "contract-example.yaml"
FORMS = ("application", "security", "requirements", "materials")


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def make_projects(count: int, target: Path) -> None:
    from docgen.sources import read

    base = read(CONTRACT).data
    with target.open("w", encoding="utf-8") as handle:
        for number in range(count):
            data = copy.deepcopy(base)
            data["project"]["name"] = f"{base['project']['name']}（第{number + 1}号）"
            extra = Decimal(number % 50)
            data["project"]["investment"]["total"] += extra
            data["project"]["investment"]["sources"]["municipal"] += extra
            data["project"]["investment"]["items"][0]["amount"] += extra
            handle.write(json.dumps(data, ensure_ascii=False, default=_plain) + "\n")


def run_batch(plan: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Seconds, peak memory (MiB, the largest process of the batch: its main process or a
    worker) and CPU seconds (its processes together) of one ``docgen batch`` run, a real
    subprocess reaped with wait4 for its usage."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "batch", str(plan), "-o", str(out), "--jobs", str(jobs), "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss is KiB on Linux


def breakdown(plan: Path, out: Path, projects: int) -> dict[str, float]:
    """CPU ms per document of each stage of a worker's path, on ``projects`` projects in this process."""
    from docgen import api
    from docgen.inputs import items
    from docgen.output import atomic_write_all
    from docgen.project import load_raw

    api.prepare(api.parse_forms(FORMS))
    stages = dict.fromkeys(("read", "validate", "render", "write"), 0.0)
    chosen = list(items([plan]))[:projects]
    out.mkdir(parents=True, exist_ok=True)
    for warm, item in enumerate(chosen):
        marks = [time.process_time()]
        raw = item.read()
        marks.append(time.process_time())
        project = load_raw(raw)
        marks.append(time.process_time())
        rendered = api.render_documents(project, FORMS)
        marks.append(time.process_time())
        folder = out / str(warm)  # as a worker writes: the project's own folder, all its documents at once
        folder.mkdir()
        atomic_write_all({folder / f"{form}.docx": blob for form, blob in rendered.items()}, False, folder_checked=True)
        marks.append(time.process_time())
        if warm >= 10:  # the first few warm the caches
            for stage, start, end in zip(stages, marks, marks[1:], strict=False):
                stages[stage] += (end - start) * 1000
    counted = max(1, len(chosen) - 10) * len(FORMS)
    return {stage: total / counted for stage, total in stages.items()}


def _naive_share(args: tuple[list[str], str]) -> int:
    """One process of the naive loop: docxtpl load, render, save for every document."""
    import io

    from docxtpl import DocxTemplate

    import docgen
    from docgen.forms import FORMS as SPECS
    from docgen.materials import checklist_context
    from docgen.render import DEFAULT_TEMPLATES
    from docgen.render.context import ReportWriter, form_context, report_context

    lines, out = args
    written = 0
    for number, line in enumerate(lines):
        project = docgen.api.load_data(json.loads(line, parse_float=Decimal), base_dir=CONTRACT.parent)
        data = project.package_data
        for form in FORMS:
            template = DocxTemplate(DEFAULT_TEMPLATES / SPECS[form].template)
            context = form_context(data)
            if form == "materials":
                context.update(checklist_context(project, FORMS))
            if form == "requirements":
                context["report"] = report_context(
                    data, ReportWriter(docgen.api.renderer().template(form).styles, None)
                )
            template.render(context, autoescape=True)
            buffer = io.BytesIO()
            template.save(buffer)
            Path(out, f"{os.getpid()}-{number}-{form}.docx").write_bytes(buffer.getvalue())
            written += 1
    return written


def run_naive(plan: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and CPU seconds (the pool's processes, reaped when it closes) of the naive loop."""
    lines = plan.read_text(encoding="utf-8").splitlines()
    shares = [(lines[i::jobs], str(out)) for i in range(jobs)]
    out.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    pool = multiprocessing.get_context("fork").Pool(jobs)
    pool.map(_naive_share, shares)
    pool.close()
    pool.join()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="projects for the speed run and the first memory run")
    parser.add_argument("--m", type=int, default=10000, help="projects for the second memory run")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        work = Path(tmp)
        plan = work / "plan.jsonl"
        make_projects(args.n, plan)
        documents = args.n * len(FORMS)

        batch_s, peak_n, batch_cpu = run_batch(plan, work / "batch", args.jobs)
        naive_s, naive_cpu = run_naive(plan, work / "naive", args.jobs)
        shutil.rmtree(work / "batch")
        shutil.rmtree(work / "naive")

        batch_rate, naive_rate = documents / batch_s, documents / naive_s
        print(f"projects: {args.n}, documents: {documents}, jobs: {args.jobs}, cores: {os.cpu_count()}")
        print(f"docgen batch : {batch_s * 1000 / documents:7.2f} ms/document  {batch_rate:8.1f} documents/s")
        print(f"naive docxtpl: {naive_s * 1000 / documents:7.2f} ms/document  {naive_rate:8.1f} documents/s")
        ratio = batch_rate / naive_rate
        print(f"ratio        : {ratio:7.1f}x  (target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")
        cpu_ratio = naive_cpu / batch_cpu
        print(
            f"CPU         : {batch_cpu * 1000 / documents:7.2f} vs {naive_cpu * 1000 / documents:.2f} ms/document, "
            f"ratio {cpu_ratio:.1f}x  (all processes, start-up included; less swayed by others' load than wall time)"
        )
        stages = breakdown(plan, work / "stages", min(args.n, 200))
        shown = ", ".join(f"{stage} {ms:.2f}" for stage, ms in stages.items())
        print(f"per document : {shown} ms CPU in a worker (sum {sum(stages.values()):.2f})")

        big = work / "plan-m.jsonl"
        make_projects(args.m, big)
        _seconds, peak_m, _cpu = run_batch(big, work / "mem-m", args.jobs)
        print(
            f"peak memory  : N={args.n}: {peak_n:.1f} MiB, M={args.m}: {peak_m:.1f} MiB, "
            f"ratio {peak_m / peak_n:.2f} (target <= 1.5)"
        )


if __name__ == "__main__":
    main()
