"""PDF conversion: the warm LibreOffice against docgen's chunked runs and one ``soffice`` per document.

docgen converts on a warm LibreOffice (unoserver, one per core at most, see
``docgen/render/office.py``); where that cannot run, it converts in chunks, one LibreOffice
process per chunk of 40 (up to ``--jobs`` chunks at a time). This script builds D documents
from the contract example and prints, from one run, PDFs per second three ways: one soffice
per document (on C of them), the chunked path and the warm path (both ``batch``'s PDF queue
with J threads) — target: warm ≥ 2× chunked.

It also converts single documents the way a reviewer or a preview does (one conversion, one
document): as docgen did first (a fresh private profile made by every conversion, no font
mapping), one LibreOffice run with the copied profile (the chunked path's single case), and on
the warm LibreOffice (target: p95 ≤ 500 ms for a preview of a changed form).

    python benchmarks/pdf_benchmark.py               # D = 100, C = 10, S = 10
    python benchmarks/pdf_benchmark.py --d 4 --c 2 --s 2   # quick (CI)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_documents(count: int, folder: Path) -> list[Path]:
    """``count`` different 申报表 (each project named apart), so no path can reuse an earlier PDF."""
    import docgen

    project = docgen.load(ROOT / "sample_data" / "contract-example.yaml")
    name = project.data.project.name
    paths = []
    for number in range(count):
        project.data.project.name = f"{name}（第{number + 1}号）"
        path = folder / f"doc-{number:04d}.docx"
        path.write_bytes(docgen.render_documents(project, ["application"])["application"])
        paths.append(path)
    return paths


def one_call_per_document(paths: list[Path], work: Path) -> float:
    soffice = shutil.which("soffice") or "soffice"
    out = work / "cold"
    started = time.perf_counter()
    for path in paths:
        subprocess.run(
            [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(path)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return time.perf_counter() - started


def single_before(paths: list[Path], work: Path) -> float:
    """docgen's conversion before: a new profile made by each conversion, fonts as the system has them."""
    soffice = shutil.which("soffice") or "soffice"
    started = time.perf_counter()
    for number, path in enumerate(paths):
        profile = work / f"fresh-profile-{number}"
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work / "before"), str(path)],
            check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(profile)},
        )  # fmt: skip
        shutil.rmtree(profile, ignore_errors=True)
    return time.perf_counter() - started


def single_chunked(paths: list[Path], work: Path) -> list[float]:
    """One LibreOffice run per document, profile copied and faces mapped (the path without a warm office)."""
    from docgen.render import pdf

    pdf.convert_chunked(paths[:1], work / "warm-up")  # the profile and font cache exist after a first use
    times = []
    for path in paths:
        started = time.perf_counter()
        pdf.convert_chunked([path], work / "after")
        times.append(time.perf_counter() - started)
    return times


def single_warm(paths: list[Path]) -> list[float]:
    """One document at a time on the warm LibreOffice, as a preview of a changed form converts."""
    from docgen.render import pdf

    pdf.start()
    assert pdf.converter() is not None, pdf.notes()
    times = []
    for path in paths:
        blob = path.read_bytes()
        started = time.perf_counter()
        pdf.convert_bytes(blob)
        times.append(time.perf_counter() - started)
    return times


def queue(paths: list[Path], jobs: int, warm: bool) -> float:
    """batch's PDF queue: the warm LibreOffice, or chunks of 40 per LibreOffice run (DOCGEN_WARM_OFFICE=0)."""
    from docgen.batch import _PdfQueue
    from docgen.render import pdf

    os.environ["DOCGEN_WARM_OFFICE"] = "1" if warm else "0"
    pdf.stop()
    try:
        started = time.perf_counter()
        pdfs = _PdfQueue(jobs)
        pdfs.add(paths)
        pdfs.finish()
        return time.perf_counter() - started
    finally:
        os.environ.pop("DOCGEN_WARM_OFFICE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--d", type=int, default=100, help="documents to convert (chunked and warm)")
    parser.add_argument("--c", type=int, default=10, help="documents converted with one soffice each")
    parser.add_argument("--s", type=int, default=10, help="single-document conversions, each way")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-bench-") as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        paths = make_documents(args.d, work / "docs")
        cold = one_call_per_document(paths[: args.c], work) / args.c
        chunked = queue(paths, args.jobs, warm=False) / args.d
        for made in (work / "docs").glob("*.pdf"):
            made.unlink()
        warm = queue(paths, args.jobs, warm=True) / args.d
        made = len(list((work / "docs").glob("*.pdf")))
        assert made == args.d, made
        print(f"documents: {args.d} (one soffice each: {args.c}), jobs: {args.jobs}, cores: {os.cpu_count()}")
        print(f"one soffice per document: {1 / cold:6.2f} PDFs/s  ({cold * 1000:7.0f} ms/PDF)")
        print(f"docgen, chunked (before): {1 / chunked:6.2f} PDFs/s  ({chunked * 1000:7.0f} ms/PDF)")
        print(f"docgen, warm LibreOffice: {1 / warm:6.2f} PDFs/s  ({warm * 1000:7.0f} ms/PDF)")
        ratio = chunked / warm
        print(f"warm / chunked          : {ratio:6.1f}x  (target >= 2x: {'met' if ratio >= 2 else 'NOT met'})")
        singles = paths[: args.s]
        before = single_before(singles, work)
        one_run = single_chunked(singles, work)
        warm_times = single_warm(singles)
        p95 = percentile(warm_times, 0.95) * 1000
        print(f"one document, first way : {before / len(singles) * 1000:7.0f} ms/PDF  (fresh profile, no font mapping)")
        one = percentile(one_run, 0.5) * 1000
        print(f"one document, one run   : {one:7.0f} ms p50  (profile copied, faces mapped)")
        print(
            f"one document, warm      : {percentile(warm_times, 0.5) * 1000:7.0f} ms p50  {p95:5.0f} ms p95"
            f"  (target p95 <= 500 ms: {'met' if p95 <= 500 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
