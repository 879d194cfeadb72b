"""PDF conversion: docgen's way against one ``soffice`` call per document.

docgen converts the documents of a build or a batch in chunks, one LibreOffice
process per chunk (up to ``--jobs`` chunks at a time), so LibreOffice starts once
per chunk instead of once per file. This script builds D documents from the
contract example and prints, from one run, PDFs per second both ways.

It also converts a few single documents the way a reviewer does (one conversion,
one document) two ways, in the same run: as docgen did before (a fresh private
profile created by every conversion, no font mapping) and as it does now (the
profile built once and copied, the per-conversion fontconfig file with its
cache kept between conversions) — the mapping must cost no time.

    python benchmarks/pdf_benchmark.py            # D = 100, S = 10
    python benchmarks/pdf_benchmark.py --d 4 --s 2   # quick (CI)
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
    import docgen

    project = docgen.load(ROOT / "sample_data" / "contract-example.yaml")
    blob = docgen.render_documents(project, ["application"])["application"]
    paths = []
    for number in range(count):
        path = folder / f"doc-{number:04d}.docx"
        path.write_bytes(blob)
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


def single_after(paths: list[Path], work: Path) -> float:
    """docgen's conversion now: one document per call of docgen.render.pdf.convert."""
    from docgen.render import pdf

    pdf.convert(paths[:1], work / "warm-up")  # the profile and font cache exist after a first use
    started = time.perf_counter()
    for path in paths:
        pdf.convert([path], work / "after")
    return time.perf_counter() - started


def docgen_chunks(paths: list[Path], jobs: int) -> float:
    from docgen.batch import _PdfQueue

    started = time.perf_counter()
    queue = _PdfQueue(jobs)
    queue.add(paths)
    queue.finish()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--d", type=int, default=100, help="documents to convert")
    parser.add_argument("--s", type=int, default=10, help="single-document conversions, before and after")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-bench-") as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        paths = make_documents(args.d, work / "docs")
        cold = one_call_per_document(paths, work)
        warm = docgen_chunks(paths, args.jobs)
        made = len(list((work / "docs").glob("*.pdf")))
        assert made == args.d, made
        print(f"documents: {args.d}, jobs: {args.jobs}, cores: {os.cpu_count()}")
        print(f"one soffice per document: {args.d / cold:6.2f} PDFs/s  ({cold / args.d * 1000:7.0f} ms/PDF)")
        print(f"docgen (chunked)        : {args.d / warm:6.2f} PDFs/s  ({warm / args.d * 1000:7.0f} ms/PDF)")
        print(f"ratio                   : {cold / warm:6.1f}x")
        singles = paths[: args.s]
        before = single_before(singles, work)
        after = single_after(singles, work)
        print(f"one document, before    : {before / len(singles) * 1000:7.0f} ms/PDF  (fresh profile, no font mapping)")
        print(f"one document, now       : {after / len(singles) * 1000:7.0f} ms/PDF  (profile copied, faces mapped)")


if __name__ == "__main__":
    main()
