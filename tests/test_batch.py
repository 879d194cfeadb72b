"""docgen batch on real inputs: a folder of YAML files, JSON Lines, a workbook
filled with openpyxl; broken projects, reruns, --force, a batch killed with SIGKILL."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from helpers import ROOT, SAMPLES

import docgen
from docgen import batch, inputs
from docgen.cli import main
from docgen.project import load_raw
from docgen.sources import read
from docgen.spreadsheet import columns

CONTRACT_TEXT = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")
CONTRACT = read(SAMPLES / "contract-example.yaml").data
NAME = CONTRACT["project"]["name"]


def yaml_project(folder: Path, number: int, text: str | None = None) -> Path:
    path = folder / f"p{number:03d}.yaml"
    path.write_text((text or CONTRACT_TEXT).replace(NAME, f"批量项目{number:03d}"), encoding="utf-8")
    return path


def _value(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def fill_workbook(path: Path, names: list[str], bad_rows: dict[str, dict[str, Any]] | None = None) -> None:
    """Fill the workbook docgen init --xlsx wrote, as a person would in Excel: one row per project."""
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [cell.value for cell in sheet[1]]
    by_header = {c.header: c for c in columns()}
    for row, name in enumerate(names, start=3):
        for index, header in enumerate(headers, start=1):
            column = by_header[header]
            value = _value(CONTRACT, column.path)
            if value is None:
                continue
            if column.kind == "list":
                value = "\n".join(str(v) for v in value)
            elif column.kind == "bool":
                value = "是" if value else "否"
            elif column.kind == "section" and isinstance(value, list):
                value = "\n".join(v for v in value if isinstance(v, str))
            elif isinstance(value, Decimal):
                value = float(value)
            sheet.cell(row=row, column=index, value=value)
        sheet.cell(row=row, column=headers.index("项目名称") + 1, value=name)
        for header, bad in (bad_rows or {}).get(name, {}).items():
            sheet.cell(row=row, column=headers.index(header) + 1, value=bad)
    items, catalog = book["投资构成"], book["信息资源目录"]
    for name in names:
        for item in CONTRACT["project"]["investment"]["items"]:
            items.append([name, item["name"], item["category"], float(item["amount"])])
        for entry in CONTRACT["project"]["data_catalog"]["items"]:
            catalog.append([name, entry["name"], "是" if entry["shared"] else "否", entry.get("basis")])
    book.save(path)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[Path, Path]:
    """10 YAML files (one unparseable, one breaking 第十四条) and a workbook of 8 rows (one bad)."""
    folder = tmp_path / "yaml"
    folder.mkdir()
    for number in range(10):
        yaml_project(folder, number)
    (folder / "p005.yaml").write_text("project: [unclosed\n", encoding="utf-8")
    yaml_project(folder, 7, CONTRACT_TEXT.replace("free_maintenance_years: 3", "free_maintenance_years: 1"))
    workbook = tmp_path / "plan.xlsx"
    assert run("init", "--xlsx", str(workbook)).exit_code == 0
    names = [f"表格项目{n:02d}" for n in range(8)]
    fill_workbook(workbook, names, {"表格项目04": {"项目类别": "软件类"}})
    return folder, workbook


def test_a_folder_and_a_workbook_with_three_projects_broken(tmp_path: Path, mixed: tuple[Path, Path]) -> None:
    folder, workbook = mixed
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = run("batch", str(folder), str(workbook), "-o", str(out), "--report", str(report), "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "共 18 个项目：生成 15 个，未变化跳过 0 个，失败 3 个" in result.stdout
    assert "/18] 已生成 yaml/p000.yaml → 批量项目000" in result.stderr  # progress lines off a terminal
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["built"] == 15 and data["summary"]["failed"] == 3
    failed = {p["source"]: p["findings"] for p in data["projects"] if p["status"] == "failed"}
    assert set(failed) == {"yaml/p005.yaml", "yaml/p007.yaml", "plan.xlsx 工作表「项目」第7行"}
    assert failed["yaml/p005.yaml"][0]["code"] == "DG-INPUT"
    assert any(f["code"] == "SZS-14.3" and f["article"] == "第十四条" for f in failed["yaml/p007.yaml"])
    (bad_row,) = [f for f in failed["plan.xlsx 工作表「项目」第7行"] if f["code"] == "DG-TYPE"]
    assert bad_row["line"] == 7 and bad_row["file"] == "plan.xlsx 工作表「项目」" and "软件类" in bad_row["message"]
    built = [p for p in data["projects"] if p["status"] == "built"]
    assert all(len(p["outputs"]) == 4 and all((out / o).is_file() for o in p["outputs"]) for p in built)
    assert len({p["folder"] for p in built}) == 15

    again = run("batch", str(folder), str(workbook), "-o", str(out), "--jobs", "2")
    assert "生成 0 个，未变化跳过 15 个，失败 3 个" in again.stdout

    forced = run("batch", str(folder), str(workbook), "-o", str(out), "--jobs", "2", "--force")
    assert "生成 15 个，未变化跳过 0 个，失败 3 个" in forced.stdout
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(p["folder"] for p in built)


def test_workbook_end_to_end_documents_hold_the_row(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    assert run("init", "--xlsx", str(workbook)).exit_code == 0
    book = openpyxl.load_workbook(workbook)
    sheet = book["项目"]
    assert sheet.cell(row=1, column=1).value == "项目申报单位"
    assert sheet.cell(row=2, column=1).value.startswith("说明：必填")
    assert any("工程类,货物类,服务类" in (v.formula1 or "") for v in sheet.data_validations.dataValidation)
    fill_workbook(workbook, ["表格里的平台"])
    assert inputs.count([workbook]) == 1  # what the progress bar counts to
    out = tmp_path / "out"
    results = list(batch.run([workbook], out, jobs=1))
    assert [r.status for r in results] == ["built"]
    application = out / "表格里的平台" / "表格里的平台-申报表.docx"
    table = docx.Document(application).tables[0]
    cells = {row.cells[0].text.replace("\n", ""): row.cells[-1].text for row in table.rows}
    assert cells["项目建设地址"] == CONTRACT["project"]["location"]
    assert table.rows[0].cells[1].text == CONTRACT["project"]["owner_unit"]
    assert "860" in [c.text for c in table.rows[8].cells]
    report = docx.Document(out / "表格里的平台" / "表格里的平台-需求分析报告.docx")
    assert any(p.text.startswith("集成受理覆盖23个部门") for p in report.paragraphs)
    assert "应用系统开发" in [c.text for t in report.tables for r in t.rows for c in r.cells]


def test_a_workbook_cell_may_name_a_text_file_beside_it(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    run("init", "--xlsx", str(workbook))
    fill_workbook(workbook, ["长文本项目"])
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "bg.txt").write_text("第一段背景。\n\n第二段背景。", encoding="utf-8")
    book = openpyxl.load_workbook(workbook)
    headers = [c.value for c in book["项目"][1]]
    book["项目"].cell(row=3, column=headers.index("（一）项目提出的背景和依据") + 1, value="文件：texts/bg.txt")
    book.save(workbook)
    (item,) = list(inputs.items([workbook]))
    assert load_raw(item.read()).data.requirements_report.necessity.background == "第一段背景。\n\n第二段背景。"
    book["项目"].cell(row=3, column=headers.index("（一）项目提出的背景和依据") + 1, value="文件：../../etc/passwd")
    book.save(workbook)
    (item,) = list(inputs.items([workbook]))
    with pytest.raises(docgen.errors.InputError, match="不在工作簿所在文件夹内"):
        item.read()


def test_json_lines_with_a_bad_line_and_two_projects_of_the_same_name(tmp_path: Path) -> None:
    plan = tmp_path / "plan.jsonl"
    line = json.dumps(CONTRACT, ensure_ascii=False, default=lambda v: float(v) if isinstance(v, Decimal) else str(v))
    plan.write_text(f"{line}\n\n{{'bad': json}}\n{line}\n", encoding="utf-8")
    out = tmp_path / "out"
    results = {r.source: r for r in batch.run([plan], out, jobs=2)}
    assert results["plan.jsonl 第3行"].status == "failed"
    assert "键名应使用英文双引号" in results["plan.jsonl 第3行"].findings[0].message
    assert sorted(r.folder for r in results.values() if r.folder) == [NAME, f"{NAME}-2"]


def test_a_changed_project_alone_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "yaml"
    folder.mkdir()
    for number in range(3):
        yaml_project(folder, number)
    out = tmp_path / "out"
    list(batch.run([folder], out, jobs=1))
    yaml_project(folder, 1, CONTRACT_TEXT.replace("860万元", "八百六十万元"))
    statuses = {r.source: r.status for r in batch.run([folder], out, jobs=1)}
    assert statuses == {"yaml/p000.yaml": "unchanged", "yaml/p001.yaml": "built", "yaml/p002.yaml": "unchanged"}


def test_batch_documents_equal_single_builds(tmp_path: Path) -> None:
    folder = tmp_path / "yaml"
    folder.mkdir()
    yaml_project(folder, 0)
    list(batch.run([folder], tmp_path / "batch", jobs=2))
    single = docgen.build(folder / "p000.yaml", tmp_path / "single")
    for path in single.outputs:
        assert (tmp_path / "batch" / "批量项目000" / path.name).read_bytes() == path.read_bytes()


def test_sigkill_leaves_only_complete_documents(tmp_path: Path) -> None:
    plan = tmp_path / "plan.jsonl"
    with plan.open("w", encoding="utf-8") as handle:
        for number in range(24):  # 8 results in, at most 8 more in flight (2 jobs × 4): never all 24
            data = json.loads(json.dumps(CONTRACT, default=lambda v: float(v) if isinstance(v, Decimal) else str(v)))
            data["project"]["name"] = f"中断项目{number:03d}"
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen", "batch", str(plan), "-o", str(out), "--jobs", "2"]
    process = subprocess.run(
        [*command, "--report", str(tmp_path / "r.json")],
        cwd=ROOT,
        capture_output=True,
        start_new_session=True,  # its own group: the hook kills the batch and its workers, nothing else
        env={**os.environ, "DOCGEN_TEST_BATCH_SIGNAL": "KILL:8"},  # SIGKILL once 8 projects are in
        timeout=300,
    )
    assert process.returncode == -signal.SIGKILL
    documents = list(out.glob("*/*.docx"))
    assert len(documents) >= 32, "the batch was killed before 8 projects were in"
    assert len(documents) < 96, "the batch finished before it was killed"
    for path in documents:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
        docx.Document(io.BytesIO(path.read_bytes()))
    # Temporary files may be left behind, but never under a .docx name; the report is not half-written.
    assert not (tmp_path / "r.json").exists()
    rerun = list(batch.run([plan], out, jobs=2))
    assert sum(r.status == "built" for r in rerun) + sum(r.status == "unchanged" for r in rerun) == 24


@pytest.mark.slow
def test_benchmark_runs_with_a_small_n() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "batch_benchmark.py"), "--n", "2", "--m", "4"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    for figure in ("ms/document", "documents/s", "ratio", "per document", "peak memory"):
        assert figure in result.stdout, result.stdout


@pytest.mark.slow
def test_startup_benchmark_runs_with_small_counts() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup_benchmark.py"), "--r", "1", "--b", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    for figure in ("docgen --help", "docgen validate", "rebuild over its outputs", "guard as before"):
        assert figure in result.stdout, result.stdout


@pytest.mark.libreoffice
def test_batch_pdf_converts_beside_each_document(tmp_path: Path) -> None:
    folder = tmp_path / "yaml"
    folder.mkdir()
    for number in range(3):
        yaml_project(folder, number)
    out = tmp_path / "out"
    results = list(batch.run([folder], out, jobs=2, pdf=True, forms="application,security"))
    assert all(r.status == "built" and len(r.outputs) == 4 for r in results)
    for result in results:
        for output in result.outputs:
            path = out / output
            assert path.is_file() and path.stat().st_size > 1000, output
            if path.suffix == ".pdf":
                assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.libreoffice
@pytest.mark.slow
def test_pdf_benchmark_runs_with_a_small_d() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pdf_benchmark.py"), "--d", "2", "--c", "1", "--s", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    for figure in ("PDFs/s", "warm / chunked", "target >= 2x", "one document, one run", "one document, warm"):
        assert figure in result.stdout, result.stdout


def test_long_report_sections_may_come_from_the_report_sheet(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    run("init", "--xlsx", str(workbook))
    fill_workbook(workbook, ["分表项目"])
    book = openpyxl.load_workbook(workbook)
    main_sheet, report = book["项目"], book["需求分析报告"]
    header = "（一）建设目标"
    main_sheet.cell(row=3, column=[c.value for c in main_sheet[1]].index(header) + 1, value=None)
    report_headers = [c.value for c in report[1]]
    row = [None] * len(report_headers)
    row[0], row[report_headers.index(header)] = "分表项目", "建成全市统一的受理平台。"
    report.append(row)
    book.save(workbook)
    (item,) = list(inputs.items([workbook]))
    assert load_raw(item.read()).data.requirements_report.construction.goals == "建成全市统一的受理平台。"


def test_a_worker_killed_by_the_system_ends_the_batch_with_a_chinese_message(tmp_path: Path) -> None:
    import multiprocessing

    from docgen.errors import EnvironmentProblem

    folder = tmp_path / "yaml"
    folder.mkdir()
    for number in range(40):
        yaml_project(folder, number)
    results = batch.run([folder], tmp_path / "out", jobs=2)
    next(results)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(EnvironmentProblem, match="工作进程意外退出"):
        list(results)
