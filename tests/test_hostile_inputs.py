"""A corpus of hostile inputs (issue 27), each through the command line and through the library
functions the desk calls, in a child process whose memory and CPU time are bounded by the system
(RLIMIT_AS, RLIMIT_CPU): an input that costs more is killed or fails with MemoryError, and the test
fails. Each answer must be a Chinese message saying what is wrong (and where), never a traceback,
and nothing may be written. The inputs are made here from the samples: the corpus is the test's own.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import re
import resource
import struct
import traceback
import zipfile
import zlib
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
from docgen.forms import Form
from docgen.project import load_raw
from docgen.render import DEFAULT_TEMPLATES
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
        elif call == "templates":  # a user's templates, beside the data
            lines = [str(p) for p in api.build(path, out, forms="申报表", template_dir=path.parent / "模板").outputs]
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
    slow: bool = False  # runs for seconds (a gigabyte made, tens of thousands of rows): not in the fast subset


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


SERVICE = (SAMPLES / "service-12345-om.yaml").read_text(encoding="utf-8")
PICTURE = "images/12345-architecture.png"


def picture(blob: Callable[[], bytes], size: int | None = None) -> Callable[[Path], Path]:
    """The service sample (its 附件3 shows a picture) with the picture replaced by ``blob()``,
    made ``size`` bytes long (a sparse file: a gigabyte costs no disk)."""

    def make(folder: Path) -> Path:
        (folder / "images").mkdir()
        target = folder / "images" / "picture.png"
        target.write_bytes(blob())
        if size is not None:
            with target.open("r+b") as handle:
                handle.truncate(size)
        data = folder / "hostile.yaml"
        data.write_text(SERVICE.replace(PICTURE, "images/picture.png"), encoding="utf-8")
        return data

    return make


def drawn(kind: str, size: tuple[int, int] = (200, 100)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, kind)
    return out.getvalue()


def body_broken(kind: str) -> Callable[[], bytes]:
    """A picture whose header is right and whose body is not."""

    def make() -> bytes:
        blob = drawn(kind)
        keep = 54 if kind == "BMP" else 40  # BMP: both headers; others: the signature and first chunk
        return blob[:keep] + bytes(len(blob) - keep - 20)

    return make


def png_of(width: int, height: int) -> bytes:
    """A small PNG file that says it has ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(bytes(width // 8 + 1) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


TEMPLATE = zipfile.ZipFile(DEFAULT_TEMPLATES / "application.docx")
TEMPLATE_PARTS = {name: TEMPLATE.read(name) for name in TEMPLATE.namelist()}
DOCUMENT = TEMPLATE_PARTS["word/document.xml"].decode("utf-8")
PROLOG_END = DOCUMENT.index("?>") + 2
XXE = '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
BUILD_WITH_TEMPLATES = [["build", "-o", "{out}", "--forms", "申报表", "--templates", "{folder}/模板"]]


def package(parts: dict[str, bytes], target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return target


def template(document: str | bytes | None = None, parts: dict[str, bytes] | None = None) -> Callable[[Path], Path]:
    """The contract example, with a template folder 「模板」 beside it holding application.docx with
    its body (or other ``parts``) replaced."""

    def make(folder: Path) -> Path:
        changed = dict(TEMPLATE_PARTS)
        if document is not None:
            changed["word/document.xml"] = document.encode("utf-8") if isinstance(document, str) else document
        changed.update(parts or {})
        package(changed, folder / "模板" / "application.docx")
        return _write(folder / "project.yaml", CONTRACT)

    return make


def jinja(snippet: str) -> str:
    """The template's body with ``snippet`` before the project's name."""
    where = DOCUMENT.index("{{ project.name }}")
    return DOCUMENT[:where] + snippet + DOCUMENT[where:]


def prolog(declarations: str, xml: str = DOCUMENT) -> str:
    """``xml`` with ``declarations`` after its XML declaration (and an entity used in its body)."""
    end = xml.index("?>") + 2
    return xml[:end] + declarations + xml[end:].replace("{{ project.name }}", "&xxe;{{ project.name }}", 1)


def built_form() -> bytes:
    """附件1 of the contract example, as docgen builds it (it carries its data)."""
    from docgen.project import load

    return api.render_documents(load(SAMPLES / "contract-example.yaml"), "申报表")[Form.APPLICATION]


def docx(change: Callable[[bytes], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        target = folder / "收到的申报表.docx"
        target.write_bytes(change(built_form()))
        return target

    return make


def one_byte_damaged(blob: bytes) -> bytes:
    """The document with one byte in the middle of its compressed body flipped."""
    info = zipfile.ZipFile(io.BytesIO(blob)).getinfo("word/document.xml")
    name_length, extra_length = struct.unpack("<HH", blob[info.header_offset + 26 : info.header_offset + 30])
    where = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    return blob[:where] + bytes([blob[where] ^ 0xFF]) + blob[where + 1 :]


def carrying(text: str) -> Callable[[bytes], bytes]:
    """The document carrying ``text`` as its data, with the digest made anew (as a forger would)."""

    def change(blob: bytes) -> bytes:
        from xml.sax.saxutils import escape

        from docgen.source_data import NS, digest

        parts = {
            i.filename: zipfile.ZipFile(io.BytesIO(blob)).read(i) for i in zipfile.ZipFile(io.BytesIO(blob)).infolist()
        }
        item = next(name for name, data in parts.items() if name.startswith("customXml/item") and NS.encode() in data)
        parts[item] = (
            f'<?xml version="1.0" encoding="UTF-8"?><docgen:source xmlns:docgen="{NS}" '
            f'sha256="{digest(text.encode())}"><docgen:data>{escape(text)}</docgen:data></docgen:source>'
        ).encode()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return out.getvalue()

    return change


def docx_part(name: str, change: Callable[[str], str]) -> Callable[[bytes], bytes]:
    def changed(blob: bytes) -> bytes:
        archive = zipfile.ZipFile(io.BytesIO(blob))
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
        parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for part, data in parts.items():
                new.writestr(part, data)
        return out.getvalue()

    return changed


def plan(change: Callable[[dict[str, bytes]], None], padding: int = 0) -> Callable[[Path], Path]:
    """A plan workbook of one valid project (「项目甲」) with its parts changed by ``change``, and
    ``padding`` bytes of white space streamed into its 投资构成 sheet (a gigabyte costs no memory)."""

    def make(folder: Path) -> Path:
        from test_batch import fill_workbook

        source = folder / "原始.xlsx"
        api.write_starter(source, xlsx=True)
        fill_workbook(source, ["项目甲"])
        archive = zipfile.ZipFile(source)
        parts = {name: archive.read(name) for name in archive.namelist()}
        archive.close()
        source.unlink()
        change(parts)
        target = folder / "年度计划.xlsx"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                if name == ITEMS_SHEET and padding:
                    start = data.index(b"<sheetData>") + len(b"<sheetData>")
                    with out.open(name, "w", force_zip64=True) as member:
                        member.write(data[:start])
                        for _ in range(padding // (16 * 1024**2)):
                            member.write(b" " * (16 * 1024**2))
                        member.write(data[start:])
                else:
                    out.writestr(name, data)
        return target

    return make


MAIN_SHEET_PART = "xl/worksheets/sheet1.xml"
ITEMS_SHEET = "xl/worksheets/sheet2.xml"


def rows_added(part: str, rows: Callable[[int], str]) -> Callable[[dict[str, bytes]], None]:
    """Rows (XML of one ``<row>`` by its number) appended to a sheet, from the row after its last."""

    def change(parts: dict[str, bytes]) -> None:
        xml = parts[part].decode("utf-8")
        last = max(int(n) for n in re.findall(r'<row r="(\d+)"', xml))
        end = xml.index("</sheetData>")
        parts[part] = (xml[:end] + rows(last) + xml[end:]).encode("utf-8")

    return change


def cost_rows(count: int) -> Callable[[int], str]:
    """``count`` 投资构成 rows of 项目甲."""

    def rows(last: int) -> str:
        return "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>项目甲</t></is></c>'
            f'<c r="B{n}" t="inlineStr"><is><t>费用{n}</t></is></c><c r="D{n}"><v>1</v></c></row>'
            for n in range(last + 1, last + 1 + count)
        )

    return rows


def with_doctype(parts: dict[str, bytes]) -> None:
    """A DOCTYPE declaring an external entity, after a 4 KB comment, in the 项目 sheet (whose text uses it)."""
    xml = parts[MAIN_SHEET_PART].decode("utf-8")
    declaration = '<?xml version="1.0" encoding="UTF-8"?>' if not xml.startswith("<?xml") else ""
    parts[MAIN_SHEET_PART] = (declaration + "<!--" + "x" * 4100 + f"--><!DOCTYPE worksheet [{XXE}]>" + xml).encode()


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
    *(
        Case(
            f"{kind.lower()}-with-a-broken-body",
            picture(body_broken(kind)),
            rf"DG-IMAGE 图片「images/picture.png」看起来是 {kind} 图片，但内容已损坏",
        )
        for kind in ("PNG", "GIF", "BMP", "JPEG")
    ),
    Case(
        "a-picture-of-a-gigabyte",
        picture(lambda: drawn("PNG"), size=1024**3),
        r"DG-IMAGE 图片「images/picture.png」有 1024.0 MiB，超过图片的上限 20 MiB",
    ),
    Case(
        "a-picture-of-ten-billion-pixels",
        picture(lambda: png_of(100_000, 100_000)),
        r"DG-IMAGE 图片「images/picture.png」有 1000000 万像素，超过图片的上限（5000 万像素）",
    ),
    *(
        Case(name, template(document), says, commands=BUILD_WITH_TEMPLATES, calls=["templates"])
        for name, document, says in [
            ("template-include", jinja("{% include 'x.xml' %}"), "使用了 {% include %}"),
            ("template-import", jinja("{% import 'x.xml' as x %}"), "使用了 {% include %}、{% import %}"),
            ("template-recursive-macro", jinja("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"), "递归过深"),
            ("template-lipsum", jinja("{{ lipsum(1000000, False, 1000, 1000) }}"), "没有的变量「lipsum」"),
            ("template-3-gigabytes-by-star", jinja("{{ 'a' * 3000000000 }}"), "乘法的结果超过 1000000 个字符"),
            ("template-3-gigabytes-by-filter", jinja("{{ 'a'|center(3000000000) }}"), r"内存超过上限（1024 MiB）"),
            ("template-3-gigabytes-by-format", jinja("{{ '%3000000000s'|format('a') }}"), r"内存超过上限（1024 MiB）"),
            ("template-without-body", re.sub(r"<w:body>.*</w:body>", "", DOCUMENT, flags=re.S), "缺少正文（w:body）"),
            ("template-malformed", DOCUMENT[: len(DOCUMENT) // 2], "word/document.xml 不是格式正确的 XML"),
            ("template-utf16", DOCUMENT.replace('"UTF-8"', '"UTF-16"').encode("utf-16"), "不是 UTF-8 编码"),
            ("template-doctype-after-4k", prolog("<!--" + "x" * 4100 + f"--><!DOCTYPE w:document [{XXE}]>"), "DTD"),
            ("template-entity-after-64k", prolog(f"<!DOCTYPE w:document [{' ' * 70_000}{XXE}]>"), "DTD"),
            (
                "template-doctype-in-utf16",
                prolog(f"<!DOCTYPE w:document [{XXE}]>").replace('"UTF-8"', '"UTF-16"').encode("utf-16"),
                "DTD",
            ),
        ]
    ),
    Case(
        "template-styles-with-a-doctype",
        template(
            parts={
                "word/styles.xml": prolog(
                    "<!--" + "y" * 5000 + "--><!DOCTYPE x [<!ENTITY a 'b'>]>",
                    TEMPLATE_PARTS["word/styles.xml"].decode("utf-8"),
                ).encode()
            }
        ),
        "word/styles.xml 含有 DTD",
        commands=BUILD_WITH_TEMPLATES,
        calls=["templates"],
    ),
    Case(
        "docx-one-byte-damaged",
        docx(one_byte_damaged),
        "「收到的申报表.docx」已损坏或加密，无法读取",
        commands=[["check"], ["extract"]],
        calls=["check", "extract"],
    ),
    Case(
        "docx-doctype-after-a-comment",
        docx(
            docx_part(
                "word/document.xml", lambda xml: prolog("<!--" + "x" * 4100 + f"--><!DOCTYPE w:document [{XXE}]>", xml)
            )
        ),
        "word/document.xml 含有 DTD",
        commands=[["check"], ["extract"]],
        calls=["check", "extract"],
    ),
    *(
        Case(
            f"docx-carrying-{name}",
            docx(carrying(text)),
            "DG-EXTRACT-SOURCE 文档内嵌的源数据" + says,
            commands=[["extract"]],
            calls=["extract"],
            codes=(0, 1),
        )
        for name, text, says in [
            ("invalid-json", '{"project": ', r"无法读取（JSON 格式错误"),
            ("nesting-100000-deep", "[" * 100_000 + "]" * 100_000, "无法读取（.*嵌套层级超过 32 层"),
            ("a-list", "[1, 2]", r"无法读取（不是键值映射）"),
            ("an-integer-of-5000-digits", '{"project": {"investment": {"total": ' + "9" * 5000 + "}}}", "不能通过校验"),
        ]
    ),
    *(
        Case(
            name,
            plan(change, padding),
            says,
            commands=[["validate"], ["batch", "-o", "{out}"]],
            calls=["workbook"],
            slow=padding > 0 or "20000" in name,
        )
        for name, change, padding, says in [
            ("xlsx-doctype-after-a-comment", with_doctype, 0, "xl/worksheets/sheet1.xml 含有 DTD"),
            ("xlsx-a-gigabyte-of-white-space", lambda parts: None, 1024**3, "解压后超过 256 MiB"),
            ("xlsx-white-space-packed-1000-times", lambda parts: None, 240 * 1024**2, "压缩比异常"),
            (
                "xlsx-an-integer-of-5000-digits",
                rows_added(
                    MAIN_SHEET_PART,
                    lambda last: f'<row r="{last + 1}"><c r="A{last + 1}"><v>{"9" * 5000}</v></c></row>',
                ),
                0,
                "工作簿的内容已损坏或无法识别",
            ),
            (
                "xlsx-a-row-numbered-a-trillion",
                rows_added(
                    MAIN_SHEET_PART, lambda last: '<row r="1000000000000"><c r="A1000000000000"><v>1</v></c></row>'
                ),
                0,
                "行号或单元格「A?1000000000000」超出 Excel 的范围",
            ),
            (
                "xlsx-20000-cost-rows-for-one-project",
                rows_added(ITEMS_SHEET, cost_rows(20_000)),
                0,
                r"工作表「投资构成」中属于这个项目的有 2000\d 行，超过每个项目 2000 行的上限",
            ),
        ]
    ),
]


PARAMETERS = [pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.slow else []) for case in CASES]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", PARAMETERS)
def test_the_command_line_answers_in_chinese_and_writes_nothing(tmp_path: Path, case: Case) -> None:
    source = case.make(tmp_path)
    out = tmp_path / "out"
    before = written(tmp_path)
    for command in case.commands:
        args = [command[0], str(source), *(arg.format(out=out, folder=tmp_path) for arg in command[1:])]
        code, said = bounded(lambda args=args: command_line(args))
        assert not PYTHON_ERROR.search(said), said[-3000:]
        assert code in case.codes, (code, said[-2000:])
        assert re.search(case.says, said), said[-2000:]
        assert written(tmp_path) == before, "nothing is written"


@pytest.mark.parametrize("case", PARAMETERS)
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


def test_an_upload_is_checked_before_it_is_stored() -> None:
    """What the desk calls with an uploaded picture's bytes: the picture, or a Chinese refusal."""
    from docgen.pictures import check_upload

    assert check_upload(drawn("JPEG")).ext == "jpg"
    assert (check_upload(drawn("PNG", (300, 120))).width, check_upload(drawn("PNG", (300, 120))).height) == (300, 120)
    for blob, says in [
        (
            body_broken("PNG")(),
            "上传的文件看起来是 PNG 图片，但内容已损坏或不完整，无法显示：请重新导出后再用，没有保存",
        ),
        (b"%PDF-1.7 not a picture", "上传的文件不是 PNG、JPEG、GIF 或 BMP 图片，没有保存"),
        (
            png_of(100_000, 100_000),
            "上传的文件有 1000000 万像素，超过图片的上限（5000 万像素）：请缩小后再用，没有保存",
        ),
    ]:
        assert bounded(lambda blob=blob: refusal(check_upload, blob)) == says


def refusal(call: Callable[[bytes], Any], blob: bytes) -> str | None:
    """The Chinese message ``call(blob)`` refuses with (None when it accepts)."""
    try:
        call(blob)
    except DocgenError as exc:
        return exc.message
    return None


def test_a_template_that_loops_for_ever_is_stopped_by_its_time_limit(tmp_path: Path) -> None:
    """The limit holds in any thread (the parent stops the child): a hundred million iterations."""
    source = template(jinja("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"))(tmp_path)
    code, said = bounded(lambda: _refused_build(source, tmp_path / "out", template_dir=tmp_path / "模板", time_limit=1))
    assert code == 2 and "渲染超过 1 秒" in said, said
    assert not (tmp_path / "out").exists()


def _refused_build(source: Path, out: Path, **options: Any) -> tuple[int, str]:
    try:
        api.build(source, out, forms="申报表", **options)
    except DocgenError as exc:
        return exc.exit_code, exc.format_message()
    return 0, ""


@pytest.mark.slow
def test_a_workbook_is_validated_in_the_memory_of_one_project(tmp_path: Path) -> None:
    """Rows are streamed and nothing of a row is kept: four times the rows, the same peak memory
    (measured as the child's own peak resident size, not by time)."""

    def peak(rows: int) -> int:
        source = plan(rows_added(MAIN_SHEET_PART, project_rows(rows)))(tmp_path / f"{rows}")
        return int(bounded(lambda: validated_quietly(source)))

    (tmp_path / "400").mkdir()
    (tmp_path / "1600").mkdir()
    small, large = peak(400), peak(1600)
    assert large - small < 16 * 1024, (small, large)  # KiB: 1200 more projects' findings would be 30 MiB


def validated_quietly(source: Path) -> int:
    """``docgen validate SOURCE`` with its output thrown away (kept, it would be what grows):
    the process's peak resident size afterwards, in KiB."""
    with open(os.devnull, "w") as nowhere, contextlib.redirect_stdout(nowhere), contextlib.redirect_stderr(nowhere):
        main.main(["validate", str(source)], standalone_mode=False)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def project_rows(count: int) -> Callable[[int], str]:
    """``count`` 项目 rows that give only a name (项目N, in the column 「项目名称」): each has findings."""

    def rows(last: int) -> str:
        return "".join(
            f'<row r="{n}"><c r="C{n}" t="inlineStr"><is><t>项目{n}</t></is></c></row>'
            for n in range(last + 1, last + 1 + count)
        )

    return rows


def test_the_desks_editor_refuses_an_alias_bomb_before_expanding_it() -> None:
    """The desk edits a data file with ``yaml_source.edit``: a billion-laughs file is refused as
    ``load`` refuses it, not expanded when it is written back (the probe saw 308 s and 3 GB)."""
    from docgen.sources.yaml_source import edit

    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    said = bounded(
        lambda: refusal(lambda blob: edit(blob.decode(), [(("profile",), "江西")]), "\n".join(lines).encode())
    )
    assert said == "输入文件「YAML」包含的数据项超过 200000 个（可能是 YAML 别名炸弹），拒绝读取"
