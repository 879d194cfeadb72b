"""The wheel works from any folder: build it, install it into a fresh virtual
environment (not editable, no access to this checkout), build the sample package
with the installed ``docgen`` from an unrelated folder, and compare the documents
with the ones this checkout builds.

Run by scripts/test.sh (the README's test command). Prints one closing line,
``wheel: N passed, N failed``, and exits non-zero on any failure.

    .venv/bin/python scripts/check_wheel.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "contract-example.yaml"


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, check=False)


def text_of(path: Path) -> list[str]:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def main() -> int:
    checks: list[tuple[str, bool, str]] = []
    with tempfile.TemporaryDirectory(prefix="docgen-wheel-") as tmp:
        work = Path(tmp)
        built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", ROOT, cwd=work)
        wheels = sorted((work / "dist").glob("docgen-*.whl"))
        checks.append(("the wheel builds", built.returncode == 0 and len(wheels) == 1, built.stderr[-2000:]))
        if not wheels:
            return report(checks)
        with zipfile.ZipFile(wheels[0]) as archive:
            members = set(archive.namelist())
        templates = {
            f"docgen/templates/{name}.docx" for name in ("application", "security", "requirements", "materials")
        }
        checks.append(("the wheel holds the templates", templates <= members, str(sorted(templates - members))))

        venv = work / "venv"
        made = run(sys.executable, "-m", "venv", venv, cwd=work)
        python = venv / "bin" / "python"
        installed = run(python, "-m", "pip", "install", "-q", wheels[0], cwd=work)
        checks.append(
            (
                "it installs into a fresh venv",
                made.returncode == 0 and installed.returncode == 0,
                installed.stderr[-2000:],
            )
        )

        elsewhere = work / "某个文件夹"
        elsewhere.mkdir()
        out = elsewhere / "out"
        result = run(venv / "bin" / "docgen", "build", SAMPLE, "-o", out, cwd=elsewhere)
        documents = sorted(out.glob("*.docx"))
        checks.append(
            (
                "the installed docgen builds the sample package",
                result.returncode == 0 and len(documents) == 4,
                result.stdout + result.stderr,
            )
        )
        where = run(python, "-c", "import docgen, sys; print(docgen.__file__)", cwd=elsewhere)
        checks.append(("it runs from site-packages, not this checkout", str(ROOT) not in where.stdout, where.stdout))

        reference = work / "reference"
        own = run(sys.executable, "-m", "docgen", "build", SAMPLE, "-o", reference, cwd=ROOT)
        same = own.returncode == 0 and all(text_of(d) == text_of(reference / d.name) for d in documents)
        checks.append(("its documents say what this checkout's say", same, own.stderr[-2000:]))
    return report(checks)


def report(checks: list[tuple[str, bool, str]]) -> int:
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
        if not ok and detail:
            print("     " + detail.strip().replace("\n", "\n     "))
    failed = sum(1 for _name, ok, _detail in checks if not ok)
    print(f"wheel: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
