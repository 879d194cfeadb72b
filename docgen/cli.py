"""The ``docgen`` command: a thin layer over :mod:`docgen.api`.

The only module that prints or exits. Exit codes: 0 success; 1 the data has
errors (or a check found problems); 2 the input cannot be read; 3 a component
docgen needs (LibreOffice, fonts) is missing.

One error boundary: a command returns its exit code and lets a :class:`DocgenError` go;
the command group shows it (findings, then 「docgen：…」 on stderr) and exits with the error's
code through click's own ``Exit``, where click's ``main`` ends every run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from docgen import admin, cli_chinese
from docgen.errors import Code, DocgenError, Finding, Findings, InputError, Severity
from docgen.formatting import date_cn
from docgen.messages import MSG
from docgen.output import DISK_ERRORS, reason


class ChineseDate(click.ParamType[dt.date]):
    """A day as people write it (2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日), refused in Chinese."""

    name = "datetime"  # help shows 日期 (cli_chinese)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        from docgen.normalize import read_day

        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        day = read_day(str(value))  # the one reading of a typed day (docgen.normalize)
        if day is None:
            self.fail(MSG.not_a_day.format(value=value), param, ctx)
        return day


#: A count of at least 1; click names its type in its error message, so the name is Chinese.
WHOLE_NUMBER = click.IntRange(min=1)
WHOLE_NUMBER.name = "整数"

FORMAT_CHOICE = click.Choice(["text", "json"])


class _ProfileOption(click.Option):
    """--profile: its help lists the 办法 of ``docgen.rules.profiles.PROFILES``, read when help is
    shown (not when a command starts)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from docgen.rules.profiles import profile_choices

        self.help = f"适用办法，覆盖数据中的 profile：{profile_choices(titles=True)}；英文或中文名均可。"
        return super().get_help_record(ctx)


PROFILE_OPTION = click.option("--profile", cls=_ProfileOption)
AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    type=ChineseDate(),
    help="按哪一天判断备案、验收等期限（YYYY-MM-DD，默认今天），用于复核过去某日的情况。",
)
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _print_findings(findings: Sequence[Finding], source: str | None) -> None:
    if source:
        click.echo(f"{source}：", err=True)
    for finding in findings:
        click.echo("  " + finding.format(), err=True)


def _font_notes(pdf: bool) -> None:
    """After PDFs were made: the faces drawn with a stand-in on this machine, once."""
    from docgen import api

    if pdf:
        for note in api.pdf_font_notes():
            click.echo(MSG.font_note.format(note=note), err=True)


def _show(error: DocgenError) -> None:
    """A DocgenError that ended a command: its findings, then 「docgen：…」 naming where, on stderr."""
    if error.findings:
        _print_findings(error.findings, None)
    click.echo(f"docgen：{error.format_message()}", err=True)


class _ChineseGroup(click.Group):
    """The docgen command group: click's own words are put into Chinese when docgen runs
    (``main`` is what both the ``docgen`` script and click's test runner call), not at import;
    so are the placeholders help prints for options and values ([选项], 路径, 文字 …).

    It is also the one error boundary: a command returns its exit code, and a DocgenError leaving
    any command is shown here and ends the run with its exit code (click's ``Exit``, which
    click's ``main`` turns into the process's exit status). A disk that fails under any write
    docgen did not foresee (full, read-only, out of quota: ``output.DISK_ERRORS``) is said the
    same way, naming the file, never as a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        cli_chinese.install()
        cli_chinese.name_placeholders(self)
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            code = super().invoke(ctx)
        except DocgenError as exc:
            _show(exc)
            code = exc.exit_code
        except OSError as exc:
            if exc.errno not in DISK_ERRORS:
                raise
            failed = InputError(MSG.output_unwritable.format(path=exc.filename or "", reason=reason(exc)))
            _show(failed)
            code = failed.exit_code
        if isinstance(code, int) and code:
            ctx.exit(code)
        return code


@click.group(cls=_ChineseGroup, context_settings=CONTEXT)
@click.version_option(package_name="docgen", message="docgen %(version)s", help="显示版本并退出。")
def main() -> None:
    """docgen：政务信息化项目申报材料生成与检查工具。

    依据《石嘴山市政务信息化项目管理办法》附件1–3，从项目数据（YAML/JSON/Excel）生成：

    \b
      附件1 申报表
      附件2 网络安全和密码保护审查表
      附件3 需求分析报告
      申报材料清单（按办法条款推导应提交的材料）
      备案信息表（第十八条，立项招标以后）

    生成 .docx（可选 PDF），生成前按办法条款逐项校验（石嘴山、钦州、广西、江西）；
    也检查别人编写的文档（check），读回填好的表单（extract），批量生成（batch），
    比较两个版本（diff），写汇总表（summary）；不用命令行的人可用浏览器（serve）。

    \b
    退出码：0 成功；1 数据有错误；2 输入或模板无法读取；3 缺少 LibreOffice 或中文字体。
    """


@main.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
@click.option("--xlsx", "xlsx", is_flag=True, help="生成批量填报用的 Excel 工作簿（每行一个项目）。")
def init(path: Path | None, force: bool, xlsx: bool) -> int:
    """生成数据模板 PATH：默认 project.yaml，每个字段都带中文注释。

    \b
    --xlsx：生成 Excel 工作簿（默认 projects.xlsx），供 docgen batch 使用：
      「项目」工作表第1行为各栏标签、第2行为填写说明，从第3行起每行一个项目，
      枚举栏（项目类别、建设性质、是/否……）有下拉列表；
      「投资构成」「信息资源目录」「需求分析报告」工作表按「项目名称」对应。
    """
    from docgen import api

    target = path or Path("projects.xlsx" if xlsx else "project.yaml")
    if target.exists() and not force:
        raise DocgenError(MSG.output_exists.format(path=target))
    api.write_starter(target, xlsx=xlsx)
    written = MSG.init_xlsx_written if xlsx else MSG.init_json_written if target.suffix == ".json" else MSG.init_written
    click.echo(written.format(path=target))
    return 0


@main.command(context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=FORMAT_CHOICE,
    default="text",
    show_default=True,
    help="输出格式：text 便于阅读，json 便于程序处理。",
)
@PROFILE_OPTION
@AS_OF_OPTION
def validate(data: Path, fmt: str, profile: str | None, as_of: dt.date | None) -> int:
    """校验项目数据 DATA：一次列出全部错误和警告，规则问题注明办法条款。

    DATA 也可以是 batch 接受的输入（项目文件夹、.jsonl 文件、.xlsx 工作簿）：逐个项目校验，什么也不写。

    退出码：0 无错误（可有警告）；1 有错误；2 文件无法读取。
    """
    from docgen.inputs import is_batch_input
    from docgen.project import load  # not api: validating needs no rendering, checking or spreadsheets

    if is_batch_input(data):
        return _validate_many(data, fmt, profile, as_of)
    try:
        project = load(data, profile=profile, today=as_of)
    except DocgenError as exc:
        if fmt != "json":
            raise
        click.echo(Findings([exc.to_finding()]).to_json())  # still a list of findings: one shape for scripts
        return exc.exit_code
    findings = project.findings
    errors, warnings = len(findings.errors), len(findings.warnings)
    if fmt == "json":
        click.echo(findings.to_json())
    else:
        for finding in findings:
            click.echo(finding.format())
        summary = MSG.validation_ok if not errors else MSG.validation_errors
        click.echo(summary.format(errors=errors, warnings=warnings))
    return 1 if errors else 0


def _validate_many(data: Path, fmt: str, profile: str | None, today: dt.date | None) -> int:
    """validate on a folder, a JSON Lines file or a workbook: per project, nothing written."""
    from docgen.batch import validate_inputs

    # Counted, not kept: a workbook of a million rows is validated in the memory of one project.
    projects = failed = unreadable = errors = warnings = 0
    listed = 0  # findings written so far (--format json writes the list as it goes)
    for result in validate_inputs([data], profile=profile, today=today):
        projects += 1
        failed += 0 if result.findings.ok else 1
        unreadable += 0 if result.readable else 1
        errors += len(result.findings.errors)
        warnings += len(result.findings.warnings)
        if fmt == "json":
            for finding in result.findings:
                item = json.dumps(finding.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
                click.echo(("[\n  " if not listed else ",\n  ") + item, nl=False)
                listed += 1
            continue
        click.echo(f"{result.source}：")
        for finding in result.findings:
            click.echo("  " + finding.at(None).format())
        if not result.findings:
            click.echo("  " + MSG.check_clean)
    if fmt == "json":
        click.echo("\n]" if listed else "[]")  # the same text as Findings.to_json()
    else:
        click.echo(MSG.validate_many.format(projects=projects, failed=failed, errors=errors, warnings=warnings))
    return 2 if unreadable else 1 if failed else 0


def output_options(command: Callable[..., int]) -> Callable[..., int]:
    """-o, --forms, --pdf and --templates, shared by build and blank."""
    options = [
        click.option(
            "-o",
            "--output",
            "out_dir",
            required=True,
            type=click.Path(path_type=Path),
            help="输出文件夹（不存在时自动创建）。",
        ),
        click.option(
            "--forms",
            default=None,
            help="要生成的文件，逗号分隔，英文或中文名均可：application（申报表）、security（审查表）、"
            "requirements（需求分析报告）、materials（申报材料清单）、filing（备案信息表，第十八条）。"
            "默认：build 申报材料四个，blank 三个附件；备案信息表需指明。",
        ),
        click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF。"),
        click.option(
            "--templates",
            "template_dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="自定义模板文件夹（application.docx、security.docx、requirements.docx、materials.docx）。",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command(context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path))
@output_options
@PROFILE_OPTION
@AS_OF_OPTION
@click.option("--force", is_flag=True, help="覆盖在 docgen 生成之后被改动过（或不是 docgen 生成）的同名文档。")
def build(
    data: Path,
    out_dir: Path,
    forms: str | None,
    pdf: bool,
    template_dir: Path | None,
    profile: str | None,
    as_of: dt.date | None,
    force: bool,
) -> int:
    """校验 DATA 并把申报材料生成到 -o 指定的文件夹。

    有错误时不生成任何文件，列出全部问题并以退出码 1 结束。
    文件夹中已有同名文档时：docgen 以前生成、之后没有改动过的照常替换；生成后在 Word/WPS 中改动过的
    （或不是 docgen 生成的）不覆盖，写明是哪几个文件并以退出码 2 结束，加 --force 才覆盖。
    「申报材料」留空时，申报表按适用办法推导应提交的材料填写。

    \b
    生成的文件：
      <项目名称>-申报表.docx
      <项目名称>-网络安全和密码保护审查表.docx
      <项目名称>-需求分析报告.docx
      <项目名称>-申报材料清单.docx（应提交的材料、依据条款、本材料包是否包含）
    """
    from docgen import api
    from docgen.api import RENDER_SECONDS

    project = api.load(data, profile=profile, today=as_of)
    result = api.build(
        project, out_dir, forms=forms, pdf=pdf, template_dir=template_dir, time_limit=RENDER_SECONDS, force=force
    )
    warnings = [f for f in result.project.findings if f.severity is Severity.WARNING]
    if warnings:
        _print_findings(warnings, str(data))
    for path in result.outputs:
        click.echo(MSG.built.format(path=path))
    _font_notes(pdf)
    return 0


@main.command(context_settings=CONTEXT)
@output_options
def blank(out_dir: Path, forms: str | None, pdf: bool, template_dir: Path | None) -> int:
    """生成空白表单，供打印后手工填写。

    \b
    所有标签照印，填写栏留空；审查栏照原样印「审查结果：（符合/不符合）」
    「审查单位：」「20   年   月   日」；需求分析报告只印编制提纲的各级标题。
    文件名：空白-申报表.docx、空白-网络安全和密码保护审查表.docx、空白-需求分析报告.docx
    """
    from docgen import api
    from docgen.api import RENDER_SECONDS

    outputs = api.build_blank(out_dir, forms=forms, pdf=pdf, template_dir=template_dir, time_limit=RENDER_SECONDS)
    for path in outputs:
        click.echo(MSG.built.format(path=path))
    _font_notes(pdf)
    return 0


RESULT_CHOICE = click.Choice(["符合", "不符合"])


@main.command(context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--network-security", "network", type=RESULT_CHOICE, help="网络安全审查结果。")
@click.option("--cryptography", "crypto", type=RESULT_CHOICE, help="密码保护审查结果。")
@click.option("--unit", help="审查单位（写入给出结果的每一项审查）。")
@click.option("--date", "review_date", type=ChineseDate(), help="审查日期，如 2026-11-22 或 2026年11月22日。")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    help="重新生成的审查表放在哪个文件夹（默认：数据文件所在文件夹）。",
)
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF。")
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="从审查结果文件（YAML/JSON）读取，两项审查可各有单位和日期。",
)
def review(
    data: Path,
    network: str | None,
    crypto: str | None,
    unit: str | None,
    review_date: dt.date | None,
    out_dir: Path | None,
    pdf: bool,
    from_file: Path | None,
) -> int:
    """把审查结果写入数据文件 DATA（保留注释和顺序），并重新生成附件2 审查表。

    \b
    示例：docgen review 项目.yaml --network-security 符合 --cryptography 符合 \\
            --unit 石嘴山市委网信办 --date 2026-11-22
          docgen review 项目.yaml --from 审查结果.yaml

    \b
    审查结果文件：
      network_security: {result: 符合, unit: 石嘴山市委网信办, date: 2026-11-22}
      cryptography: {result: 符合, unit: 石嘴山市密码管理局, date: 2026-11-23}
    """
    from docgen import api
    from docgen.api import RENDER_SECONDS
    from docgen.review import entries_from_options, read_review_file

    if from_file is not None:
        if network or crypto or unit or review_date:
            raise InputError(MSG.review_from_and_flags)
        entries = read_review_file(from_file)
    else:
        results = {"network_security": network, "cryptography": crypto}
        entries = entries_from_options(results, unit=unit, date=review_date)
    result = api.review_project(data, entries, out_dir=out_dir, pdf=pdf, time_limit=RENDER_SECONDS)
    for change in result.replaced:
        click.echo(MSG.review_replaced.format(label=change.label, before=change.before, after=change.after))
    click.echo(MSG.review_recorded.format(path=data))
    incomplete = [f for f in result.project.findings if f.code == Code.REVIEW]
    if incomplete:
        _print_findings(incomplete, None)
    if not result.project.ok and not result.outputs:
        _print_findings(result.project.findings.errors, str(data))
        click.echo(MSG.review_not_built.format(errors=len(result.project.findings.errors), path=data), err=True)
        return 1
    if not result.project.ok:  # the review's own 「不符合」: what it means for the application (附件2 records it)
        _print_findings(result.project.findings.errors, str(data))
    for path in result.outputs:
        click.echo(MSG.built.format(path=path))
    _font_notes(pdf)
    return 0


@main.command(context_settings=CONTEXT, short_help="批量生成：项目文件夹、JSON Lines 文件或 Excel 工作簿。")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@output_options
@PROFILE_OPTION
@click.option("--jobs", "-j", type=WHOLE_NUMBER, metavar="个数", help="并行进程数（默认：CPU 核数）。")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), help="把每个项目的结果写成 JSON 报告。")
@click.option("--force", is_flag=True, help="全部重新生成（默认跳过数据和模板都没有变化的项目）。")
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="另写一份汇总表（.xlsx，与 docgen summary 相同）。",
)
@AS_OF_OPTION
def batch(
    inputs: tuple[Path, ...],
    out_dir: Path,
    forms: str | None,
    pdf: bool,
    template_dir: Path | None,
    profile: str | None,
    jobs: int | None,
    report: Path | None,
    force: bool,
    summary_path: Path | None,
    as_of: dt.date | None,
) -> int:
    """批量生成：INPUTS 可以是 YAML/JSON 项目文件的文件夹、JSON Lines 文件（每行一个项目）
    或 Excel 工作簿（docgen init --xlsx 生成的格式）。

    每个项目生成到 OUTPUT 下以项目名称命名的文件夹。数据无法读取或有错误的项目跳过并记入报告，
    其余照常生成。再次运行时，数据、模板和选项都没有变化的项目不再生成（--force 全部重新生成）。

    退出码：0 全部成功；1 有项目失败；2 输入无法读取；3 缺少 LibreOffice 或中文字体（--pdf）。
    """
    import tempfile

    from docgen.api import RENDER_SECONDS
    from docgen.batch import Batch, ProjectResult

    # The failed projects' errors, said after the progress: kept in a temporary file, not in memory
    # (a plan of a million rows that all fail costs what one costs).
    failed = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        batch_run = Batch(
            inputs,
            out_dir,
            forms=forms,
            pdf=pdf,
            jobs=jobs,
            force=force,
            profile=profile,
            template_dir=template_dir,
            report=report,
            today=as_of,
            time_limit=RENDER_SECONDS,
            summary=summary_path,  # written from the batch's own results: each project is read once
        )
        total = batch_run.count()
        interactive = sys.stderr.isatty()
        warned: Counter[str] = Counter()  # warning code -> built projects that have it

        def note(result: ProjectResult) -> None:
            if result.status == "failed":
                failed.write(f"{result.source}：\n")
                for finding in result.findings:
                    if finding.severity is Severity.ERROR:
                        failed.write("  " + finding.at(None).format() + "\n")
            elif result.status == "built":
                warned.update({f.code for f in result.findings if f.severity is Severity.WARNING})

        with batch_run as results:
            if interactive and total:
                with click.progressbar(length=total, label="生成中", file=sys.stderr) as bar:
                    for result in results:
                        note(result)
                        bar.update(1)
            else:
                for done, result in enumerate(results, start=1):
                    note(result)
                    click.echo(_progress_line(result, done, total), err=True)
    except KeyboardInterrupt:
        failed.close()
        click.echo(MSG.batch_interrupted, err=True)
        return 130
    with failed:
        failed.seek(0)
        for line in failed:
            click.echo(line.rstrip("\n"), err=True)
    if warned:
        counts = "；".join(
            MSG.batch_warning_count.format(code=code, count=number) for code, number in sorted(warned.items())
        )
        click.echo(
            MSG.batch_warnings.format(counts=counts, where=MSG.batch_warnings_report if report else ""), err=True
        )
    click.echo(batch_run.summary.text())
    if summary_path is not None:
        click.echo(MSG.summary_written.format(path=summary_path))
    _font_notes(pdf)
    if report is not None:
        click.echo(MSG.batch_report.format(path=report))
    return 1 if batch_run.summary.failed else 0


def _progress_line(result: Any, done: int, total: int | None) -> str:
    shown_total = total if total is not None else "?"
    if result.status == "built":
        return MSG.batch_built.format(done=done, total=shown_total, where=result.source, folder=result.folder)
    if result.status == "unchanged":
        return MSG.batch_unchanged.format(done=done, total=shown_total, where=result.source)
    first = next((f.message for f in result.findings if f.severity is Severity.ERROR), "")
    return MSG.batch_failed.format(done=done, total=shown_total, where=result.source, reason=first)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--form",
    help="表单类型：application（附件1 申报表）、security（附件2 审查表）、requirements（附件3 需求分析报告），"
    "英文或中文名均可；不指定时按内容识别。",
)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True, help="输出格式。")
def check(files: tuple[Path, ...], form: str | None, fmt: str) -> int:
    """检查别人编写的文档 FILES（.docx 文件或文件夹）。

    \b
    附件3：按编制提纲查找各级标题（编号、全半角、样式不限），报告缺少、
           没有内容和顺序不对的章节；
    附件1/附件2：按标签查找各栏，报告未填写的栏和不一致的金额；
    多个文件：报告项目名称、建设单位、负责人、电话、类别、总投资的不一致。
    文件夹：其中的 .doc、.wps、.odt、.pdf 等不是 .docx 的文件逐个列出（未检查及原因）。

    退出码：0 没有问题（可有警告）；1 发现问题；2 有文件不是可读的 .docx。
    """
    from docgen import api

    result = api.check(files, form=form)
    if fmt == "json":
        click.echo(result.findings.to_json())
    else:
        shown = {id(f) for d in result.documents for f in d.findings}
        for document in result.documents:
            click.echo(
                f"{document.name}（{document.form.spec.caption if document.form else MSG.check_unrecognized}）："
            )
            for finding in document.findings:
                click.echo("  " + finding.at(None).format())
            if not document.findings:
                click.echo("  " + MSG.check_clean)
        others = [f for f in result.findings if id(f) not in shown]
        unchecked = [f for f in others if f.code in (Code.CHECK_SKIPPED, Code.CHECK_READ)]
        between = [f for f in others if f not in unchecked]
        for heading, group in ((MSG.check_unchecked, unchecked), (MSG.check_between, between)):
            if group:
                click.echo(heading)
                for finding in group:
                    click.echo("  " + finding.format())
        errors, warnings = len(result.findings.errors), len(result.findings.warnings)
        summary = MSG.check_summary.format(files=len(result.documents), errors=errors, warnings=warnings)
        click.echo(summary + (MSG.check_summary_unchecked.format(count=len(unchecked)) if unchecked else ""))
    return result.exit_code


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), help="写入的数据文件（默认输出到屏幕）。"
)
@click.option(
    "--form", help="表单类型：application（申报表）或 security（审查表），英文或中文名均可（默认按内容识别）。"
)
@click.option("--diff", "compare", is_flag=True, help="没有改动时也明确说明（改动总会列出）。")
@click.option(
    "--prefer",
    type=click.Choice(["visible", "embedded"]),
    default="visible",
    show_default=True,
    help="docgen 生成的表单被改动过时，YAML 采用哪一份：visible（表格中看到的值）或 embedded（内嵌的源数据）。",
)
def extract(file: Path, out: Path | None, form: str | None, compare: bool, prefer: str) -> int:
    """把填好的附件1 申报表或附件2 审查表 FILE 读回为数据（YAML）。

    \b
    docgen 生成的表单内嵌了生成时的数据和校验值；表格各栏也一并读取，两者不一致
    （生成后在 Word/WPS 中被改动过）时逐栏列出「标签」：原值 → 现值，退出码 1；
    YAML 默认采用表格中看到的值（--prefer visible），读不出的栏不写入并列出。
    手工填写的空白表单按各栏标签读取；读不出的内容（不是数字的金额、不完整的日期、
    不在列表中的项目类别……）逐条列出，不猜测。

    退出码：0 全部读出且未被改动；1 有读不出的内容或生成后被改动；2 文件无法读取。
    """
    from docgen import api

    result = api.extract(file, form=form, prefer=prefer)
    text = result.yaml()
    if out is None:
        click.echo(text, nl=False)
    else:
        api.write_text(out, text)
        click.echo(MSG.extract_written.format(path=out), err=True)
    for problem in result.problems:
        click.echo(problem.at(None).format(), err=True)
    if result.changes:
        click.echo(MSG.extract_changed, err=True)
        for change in result.changes:
            click.echo(f"  「{change.label}」：{change.before} → {change.after}", err=True)
    elif compare and result.embedded:
        click.echo(MSG.extract_no_changes, err=True)
    return result.exit_code


@main.command(context_settings=CONTEXT, short_help="在浏览器中填写、检查、预览和下载（网页服务，单用户或全市多用户）。")
@click.option(
    "--workspace",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="工作区文件夹：存放数据库（docgen.sqlite3）和缓存。默认：当前文件夹下的「docgen-工作区」。",
)
@click.option(
    "--database",
    metavar="地址",
    help="数据库地址，如 postgresql://用户@主机:5432/数据库（默认：工作区中的 SQLite 文件）。",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="监听的地址；不是本机地址时须有账号或 --token。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口。")
@click.option("--token", help="单用户服务的访问令牌（也可用环境变量 DOCGEN_TOKEN）：设置后每个请求都须带上。")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="名称", help="另外接受的主机名（可重复）。")
@click.option(
    "--trusted-proxy", "trusted_proxies", multiple=True, metavar="地址", help="可信的反向代理地址（可重复）。"
)
@click.option(
    "--session-hours", default=8.0, show_default=True, type=click.FloatRange(0.1, 720), help="登录闲置多少小时后失效。"
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="服务进程数（共用一个地址和数据库）。"
)
@click.option("--open", "open_browser", is_flag=True, help="启动后打开浏览器。")
def serve(
    workspace: Path | None,
    database: str | None,
    host: str,
    port: int,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    trusted_proxies: tuple[str, ...],
    session_hours: float,
    workers: int,
    open_browser: bool,
) -> int:
    """启动网页服务：项目单位在浏览器中填写申报数据（边填边检查，每次保存都是一个版本）、预览和下载文档；
    审查人员检查文档、记录审查结果；其他系统通过 HTTP 接口使用。

    \b
    默认只在本机（127.0.0.1）监听，只有一位使用者（「本机」）。用 docgen accounts add 添加第一个账号后，
    成为多用户服务：每个页面和接口都须登录或带接口令牌。按 Ctrl+C 停止。
    """
    from docgen.serve import DEFAULT_WORKSPACE, run

    run(
        workspace or Path(DEFAULT_WORKSPACE),
        host=host,
        port=port,
        token=token,
        open_browser=open_browser,
        database=database,
        allowed_hosts=allowed_hosts,
        trusted_proxies=trusted_proxies,
        session_hours=session_hours,
        workers=workers,
    )
    return 0


@main.command(context_settings=CONTEXT, short_help="比较项目数据的两个版本，列出变更（含需重新备案的信息）。")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True, help="输出格式。")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="另写一份《备案信息变更说明》（.docx）。",
)
@AS_OF_OPTION
def diff(old: Path, new: Path, fmt: str, out: Path | None, as_of: dt.date | None) -> int:
    """比较同一项目的两个版本 OLD 和 NEW，按表上的标签逐项列出变更（原值 → 新值），按所在表单分组。

    \b
    OLD、NEW 可以是 docgen 能读的任何输入：数据文件（.yaml/.json）、docgen 生成的 .docx（读其内嵌数据），
    或填好的附件1/附件2（按各栏读取）——审查人员可以比较已备案的和新收到的材料。
    属于备案信息的变更（第十八条第（二）项）会标出：备案信息变更后一个月内应更新备案（第十八条第（一）项），
    期限从数据中的「备案信息变更日期」起算，没有时从 --as-of（默认今天）起算。

    退出码：0 没有不同；1 有不同；2 输入无法读取。
    """
    from docgen import api
    from docgen.api import RENDER_SECONDS

    result = api.diff(old, new, today=as_of)
    if out is not None and result.changes:
        api.write_change_notice(result, out, time_limit=RENDER_SECONDS)
    if fmt == "json":
        click.echo(result.to_json())
    else:
        if not result.changes:
            click.echo(MSG.diff_same.format(old=result.old, new=result.new))
        else:
            click.echo(MSG.diff_header.format(old=result.old, new=result.new, count=len(result.changes)))
            group = None
            for change in result.changes:
                if change.group != group:
                    group = change.group
                    click.echo(f"{group}：")
                mark = MSG.diff_filing_mark if change.filing else ""
                click.echo(f"  「{change.label}」：{change.before} → {change.after}{mark}")
            if result.due is not None:
                click.echo(MSG.diff_filing.format(count=len(result.filing_changes), date=date_cn(result.due)))
    if out is not None and result.changes:
        click.echo(MSG.extract_written.format(path=out), err=True)
    return result.exit_code


@main.command(context_settings=CONTEXT, short_help="汇总表：每个项目一行的 Excel 工作簿（报送用）。")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="汇总表（.xlsx）。"
)
@PROFILE_OPTION
@AS_OF_OPTION
def summary(inputs: tuple[Path, ...], out: Path, profile: str | None, as_of: dt.date | None) -> int:
    """把 INPUTS 中的全部项目（与 batch 相同：数据文件、项目文件夹、.jsonl、.xlsx）汇总为一份工作簿：

    \b
    「项目汇总」每个项目一行：名称、建设单位、层级、类别、建设性质、总投资、本年度投入、四项资金来源和自筹资金、
    申报日期、适用办法、按投资额要求的材料（第十五条、第十六条）、错误数和警告数、两项审查结果、
    备案状态和期限（第十八条），最后一行合计；「问题清单」列出每个项目的每个问题（编号、条款、内容）。
    无法读取的项目也占一行，写明原因。工作簿只含数值（合计由 docgen 精确求和），Excel 和 WPS 打开一致。

    退出码：0 全部项目没有错误；1 有项目有错误或无法读取；2 输入无法读取。
    """
    from docgen import api

    collected = api.write_summary(inputs, out, profile=profile, today=as_of)
    click.echo(MSG.summary_done.format(path=out, count=len(collected.rows), errors=collected.errors))
    return 1 if collected.errors else 0


@main.group(context_settings=CONTEXT)
def templates() -> None:
    """自定义模板的工具。"""


@templates.command("check", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True, help="输出格式。")
def templates_check(folder: Path, fmt: str) -> int:
    """检查模板文件夹 FOLDER 中的 application.docx、security.docx、requirements.docx、materials.docx：

    \b
    - 模板使用了数据中没有的变量（写明文件、部分、第几段和该段文字）；
    - 标准表单显示的必填项，此模板没有显示。

    退出码：0 没有问题；1 有问题；2 模板无法读取。
    """
    from docgen import api

    result = api.check_templates(folder)
    if fmt == "json":
        click.echo(result.findings.to_json())
    else:
        for finding in result.findings:
            click.echo(finding.format())
        if not result.findings:
            click.echo(MSG.templates_ok.format(count=result.files))
    return result.exit_code


@main.command("rules", context_settings=CONTEXT, short_help="列出适用办法的全部规则和 docgen 自身的检查。")
@PROFILE_OPTION
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True, help="输出格式。")
def list_rules(profile: str | None, fmt: str) -> int:
    """列出适用办法的全部规则（默认石嘴山），以及 docgen 自身的检查（不属于任何办法，始终适用）：
    编号、条款、类型、内容、环节、适用条件和阈值。

    类型：错误（不符合即不能申报）、警告、提示（不作为审查结论，列入材料清单）、材料要求。
    环节：规则从项目的哪一步起适用（申报、立项、采购、备案、验收）；数据表明项目尚未到这一步时，
    这条规则不检查（例如工程监理单位在完成招标后才检查）。
    """
    from docgen import api

    chosen = api.profile_rules(profile)
    own = api.own_rules()
    if fmt == "json":
        listing = {**chosen.to_dict(), "docgen_rules": [rule.to_dict() for rule in own]}
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    click.echo(f"{chosen.name}（{chosen.status}，{chosen.jurisdiction}）")
    if chosen.scope_note:
        click.echo(MSG.rules_scope.format(scope=chosen.scope_note))
    for rule in chosen.rules:
        click.echo(rule.line())
    click.echo("")
    click.echo(MSG.rules_own)
    for rule in own:
        click.echo(rule.line())
    return 0


for _command in admin.COMMANDS:  # units, accounts, audit, backup: the desk's administration
    main.add_command(_command)


@main.command(context_settings=CONTEXT)
def schema() -> int:
    """输出数据的 JSON Schema（含中文标题和说明），供编辑器校验和补全。"""
    from docgen import api

    click.echo(json.dumps(api.json_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    main()
