"""Templates prepared once, rendered many times.

Preparing a template does the per-template work docxtpl repeats on every
render — loading the package, cleaning the Jinja tags out of Word's runs
(docxtpl's own ``patch_xml``), compiling the Jinja source — once. Rendering a
document then runs the compiled template, applies docxtpl's post-processing
(``resolve_listing`` for line breaks and tabs, ``fix_tables`` where a template
loops over columns), checks the XML is well formed, and writes the package
with every other part as it was.
"""

from __future__ import annotations

import io
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError, meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from docgen.docx_package import parse_xml
from docgen.render.context import Media
from docgen.render.errors import TemplateProblem
from docgen.render.isolation import MEMORY_BYTES
from docgen.render.package import (
    Deflated,
    Package,
    PackageError,
    add_content_types,
    add_relationships,
    compressed_members,
    deflate,
    read_package,
)
from docgen.render.styles import StyleKit
from docgen.render.variables import uses
from docgen.render.wordml import escape_in_run, escape_text

HEADER_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_TAG = re.compile(r"\{[{%#]")
_BODY_OPEN = re.compile(r"<w:body(?:\s[^>]*)?>")
_LISTING_MARKS = ("\t",)  # newlines are already breaks (escape_in_run); \a and \f cannot reach XML
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_DICT_ATTRIBUTES = frozenset(dir(dict))
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
}


#: Bounds on what a template may do: items a ``range`` may have, characters (or items) one
#: ``*`` may make, and seconds a document may take where docgen owns the process (the CLI and
#: batch workers pass it as ``time_limit``; a user's template always runs under it, see isolation).
MAX_RANGE = 10_000
MAX_PRODUCT = 1_000_000
RENDER_SECONDS = 10.0
#: A part of a rendered document larger than this is refused (a form's body is about 200 KB).
MAX_PART_BYTES = 64 * 1024 * 1024


def _bounded_range(*args: int) -> range:
    found = range(*args)
    if len(found) > MAX_RANGE:
        raise TemplateProblem(f"模板中的 range 超过 {MAX_RANGE} 项，已拒绝")
    return found


class _TooLarge(SecurityError):
    """A ``*`` or ``**`` whose result would be too large; the message is Chinese."""


#: The finalize functions that always return escaped text (Markup): what they give out needs no
#: second escape.
_ESCAPING_FINALIZE = (escape_in_run, escape_text)


class _RuntimeOnly(CodeGenerator):
    """Jinja's compiler computes constant output (``{{ 'a'|center(3000000000) }}``) while compiling:
    here nothing a template computes is computed before it renders — in the child process a user's
    template renders in, under its memory and time limits (see isolation). The template's own
    text computes nothing: it is written as the constant it is, once, while compiling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optimizer = None  # no constant folding, whoever compiles (meta's tracking compiler too)

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if isinstance(node, nodes.TemplateData):
            return super()._output_child_to_const(node, frame, finalize)
        raise nodes.Impossible()

    def _escaped_by_finalize(self, frame: Frame) -> bool:
        """Output whose finalize escapes it (docgen's: every value becomes Markup) is not escaped again:
        ``escape`` of Markup gives the same text, at a Python call per value."""
        volatile = frame.eval_ctx.volatile
        return frame.eval_ctx.autoescape and not volatile and self.environment.finalize in _ESCAPING_FINALIZE

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._escaped_by_finalize(frame):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._escaped_by_finalize(frame):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Tracking(meta.TrackingCodeGenerator, _RuntimeOnly):
    """``meta.find_undeclared_variables``'s compiler, computing nothing either."""


def _undeclared(tree: nodes.Template, env: ImmutableSandboxedEnvironment) -> set[str]:
    """The names a template reads from its context (``jinja2.meta.find_undeclared_variables``)."""
    tracking = _Tracking(env)
    tracking.visit(tree)
    return tracking.undeclared_identifiers


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox with ``*`` and ``**`` bounded: ``'a' * 3000000000`` is refused before Python tries
    to make three gigabytes (one C operation no time limit can stop)."""

    intercepted_binops = frozenset({"*", "**", "%"})  # intercepted, so never computed while compiling
    code_generator_class = _RuntimeOnly

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``a.b`` on a plain dict that has no method ``b`` (the display view, key for key) is its item,
        as the sandbox's own ``getattr`` finds after the attribute lookup fails: found without it."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sized, count in ((left, right), (right, left)):
                sequence = isinstance(sized, str | list | tuple) and isinstance(count, int)
                if sequence and len(sized) * count > MAX_PRODUCT:
                    raise _TooLarge(f"乘法的结果超过 {MAX_PRODUCT} 个字符（或项），已拒绝")
        elif isinstance(left, int) and isinstance(right, int) and abs(right) > 64:
            raise _TooLarge("乘方的指数超过 64，已拒绝")
        return super().call_binop(context, operator, left, right)


def make_environment() -> ImmutableSandboxedEnvironment:
    """Sandboxed, autoescaping, strict: data is text, never code, and a missing name fails.

    Loops are bounded: ``range`` has at most MAX_RANGE items, and where the caller gives a
    time limit a rendering that runs longer (nested loops) is stopped (see ``_time_limit``).
    A template reads no other template (no loader: ``include``, ``import`` and ``extends`` are
    refused when it is prepared) and has no ``lipsum`` (a generator of text, not data).
    """
    env = _Environment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=escape_in_run,
        keep_trailing_newline=True,
    )
    env.globals["range"] = _bounded_range
    del env.globals["lipsum"]
    return env


#: Statements a docx template has no use for: reading another template (it is one file), and
#: changing autoescaping (its value would be computed while compiling, see _RuntimeOnly).
_REFUSED = (
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.EvalContextModifier,
    nodes.ScopedEvalContextModifier,
)


@contextmanager
def _time_limit(seconds: float | None, name: str) -> Iterator[None]:
    """Stop a rendering that runs longer than ``seconds`` (None: no limit). Works in the main
    thread of a process docgen owns (the CLI, batch workers)."""
    if seconds is None or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise TemplateProblem(f"模板「{name}」渲染超过 {seconds:g} 秒（可能含有过多的循环），已停止")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_JINJA_SYNTAX = (
    ("Expected an expression", "{{ }} 或 {% %} 中缺少表达式"),
    ("Unexpected end of template", "模板意外结束：{% for %} 或 {% if %} 缺少对应的 {% endfor %} / {% endif %}"),
    ("unknown tag", "未知的 {% %} 标签"),
    ("unexpected", "出现了不该在这里的符号（括号或引号不成对？）"),
    ("expected token", "缺少符号（括号或引号不成对？）"),
)


def undefined_name(exc: TemplateError) -> str | None:
    """The name a StrictUndefined error is about ('nmae' of "'dict object' has no attribute 'nmae'")."""
    text = str(exc)
    found = re.search(r"has no attribute '([^']+)'", text) or re.search(r"'([^']+)' is undefined", text)
    return found.group(1) if found else None


def jinja_problem(exc: TemplateError, where: str = "") -> str:
    """A Jinja error in Chinese, naming the variable where there is one (never Jinja's English);
    ``where`` is the paragraph that reads it, when it was found."""
    text = str(exc)
    if isinstance(exc, UndefinedError):
        shown = undefined_name(exc) or "？"
        return f"使用了数据中没有的变量「{shown}」" + (where or "（运行 docgen templates check 可找到它所在的段落）")
    if isinstance(exc, _TooLarge):
        return str(exc)
    if isinstance(exc, SecurityError):
        return "使用了模板中不允许的操作（模板只能读取数据，不能调用 Python）"
    for phrase, chinese in _JINJA_SYNTAX:
        if phrase in text:
            return chinese
    return "模板写法无法识别（请检查 {{ }} 和 {% %} 是否成对）"


@dataclass
class _CompiledPart:
    """One part of a template, compiled. ``source`` has a line break before each paragraph, so that a
    Jinja line number is a paragraph number (errors, ``templates check``); ``template`` renders the
    XML as it stands, without those line breaks (None where the XML has line breaks of its own)."""

    name: str
    head: bytes  # the part before its Jinja body (the body's XML start), encoded
    tail: bytes
    template: Any
    source: str
    fix_tables: bool
    env: ImmutableSandboxedEnvironment

    @cached_property
    def lined(self) -> Any:
        """``source`` compiled: what renders when the output has line breaks of its own (then exactly the
        breaks put before paragraphs are taken out again)."""
        return self.env.from_string(self.source)


class PreparedTemplate:
    """One .docx template, ready to render any number of documents."""

    def __init__(self, path: Path, env: ImmutableSandboxedEnvironment | None = None, verify: bool = True) -> None:
        """``verify``: parse every rendered part strictly. docgen's own templates skip it —
        their output is well-formed by construction (every value escaped), which the
        property tests check on hostile data; a user's template is always verified."""
        self.path = path
        self.verify = verify
        self.env = env or make_environment()
        blob = path.read_bytes()
        try:
            self.package: Package = read_package(blob, path.name)
            for name, data in self.package.parts.items():
                if name.endswith((".xml", ".rels")):
                    parse_xml(data, path.name, name)  # well formed, no DTD: before python-docx parses it
        except PackageError as exc:
            raise TemplateProblem(str(exc)) from None
        document = self._text("word/document.xml")
        opened = _BODY_OPEN.search(document)
        close = document.rfind("</w:body>")
        if not opened or close < 0:
            raise TemplateProblem(f"模板「{path.name}」的 word/document.xml 缺少正文（w:body）")
        # Unchanged parts are copied into every document as the template stores them, compressed.
        stored = compressed_members(blob, self.package.parts)
        self.deflated: dict[str, Deflated] = {
            name: stored.get(name) or deflate(data) for name, data in self.package.parts.items()
        }
        self._docx = DocxTemplate(io.BytesIO(blob))
        self._docx.init_docx()
        self.styles = StyleKit.from_styles_xml(self.package.parts.get("word/styles.xml"))
        self.parts: list[_CompiledPart] = []
        body_xml = self._docx.get_xml()
        self.parts.append(
            self._compile(
                "word/document.xml", body_xml, document[: opened.start()], document[close + len("</w:body>") :]
            )
        )
        for name in self.package.names:
            if HEADER_FOOTER.match(name):
                xml = self._text(name)
                if _TAG.search(xml):
                    self.parts.append(self._compile(name, xml, "", ""))
        try:
            self.variables: set[str] = set().union(
                *(_undeclared(self.env.parse(part.source), self.env) for part in self.parts)
            )
        except TemplateError as exc:
            raise TemplateProblem(f"模板「{path.name}」语法错误：{jinja_problem(exc)}") from None

    def _text(self, name: str) -> str:
        """A part docgen reads as text (the body, a header or footer): UTF-8, as Word writes it."""
        try:
            return self.package.parts[name].decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateProblem(
                f"模板「{self.path.name}」的 {name} 不是 UTF-8 编码（Word、WPS 保存的文档都是 UTF-8）："
                "请在 Word 或 WPS 中打开后另存为 .docx 再用"
            ) from None

    def _compile(self, name: str, xml: str, head: str, tail: str) -> _CompiledPart:
        patched = self._docx.patch_xml(xml)
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        try:
            found = next(iter(self.env.parse(source).find_all(_REFUSED)), None)
            template = None if "\n" in patched else self.env.from_string(patched)
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            where = f"（{name} 第 {line} 段）" if line else f"（{name}）"
            raise TemplateProblem(f"模板「{self.path.name}」{where}语法错误：{jinja_problem(exc)}") from None
        if found is not None:
            raise TemplateProblem(
                f"模板「{self.path.name}」（{name} 第 {found.lineno} 段）使用了 "
                "{% include %}、{% import %}、{% extends %} 或 {% autoescape %}：模板只能读取数据，"
                "不能引用其他模板，也不能关闭转义"
            )
        fix_tables = bool(re.search(r"\{%-?\s*tc\s", xml))
        return _CompiledPart(name, head.encode("utf-8"), tail.encode("utf-8"), template, source, fix_tables, self.env)

    def _xml(self, part: _CompiledPart, context: dict[str, Any], time_limit: float | None) -> str:
        """The part's body rendered, as its ``source`` renders less the line breaks put before paragraphs."""
        if part.template is not None:
            xml: str = self._run(part, part.template, context, time_limit)
            if "\n" not in xml:  # then the source's only line breaks are those before paragraphs
                return xml
        return self._run(part, part.lined, context, time_limit).replace("\n<w:p", "<w:p")

    def _run(self, part: _CompiledPart, template: Any, context: dict[str, Any], time_limit: float | None) -> str:
        try:
            with _time_limit(time_limit, self.path.name):
                xml: str = template.render(context)
        except TemplateError as exc:
            problem = jinja_problem(exc, self._where_undefined(exc))
            raise TemplateProblem(f"模板「{self.path.name}」渲染失败：{problem}") from None
        except RecursionError:
            raise TemplateProblem(f"模板「{self.path.name}」渲染失败：递归过深（宏调用了自己？），已停止") from None
        except MemoryError:
            raise TemplateProblem(
                f"模板「{self.path.name}」渲染所需的内存超过上限（{MEMORY_BYTES // 1024**2} MiB），已停止"
            ) from None
        if len(xml) > MAX_PART_BYTES:
            raise TemplateProblem(
                f"模板「{self.path.name}」生成的 {part.name} 超过 {MAX_PART_BYTES // 1024**2} MiB，已拒绝"
            )
        return xml

    def render_parts(
        self, context: dict[str, Any], media: Media | None = None, *, time_limit: float | None = None
    ) -> dict[str, bytes]:
        """The parts that differ from the template, rendered with ``context``.

        ``time_limit`` (seconds) stops a rendering that runs too long; give it only where
        docgen owns the process (the CLI, batch workers): it uses the process's alarm signal.
        """
        changed: dict[str, bytes] = {}
        for part in self.parts:
            xml = self._xml(part, context, time_limit)
            if "_" in xml:  # docxtpl's escaped braces, written {_{ in a template
                xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
            if any(mark in xml for mark in _LISTING_MARKS):
                xml = self._docx.resolve_listing(xml)  # newlines, tabs … in values become Word breaks
            if part.fix_tables:
                xml = etree.tostring(self._docx.fix_tables(xml), encoding="unicode")
            full = part.head + xml.encode("utf-8") + part.tail
            if self.verify:
                try:
                    etree.fromstring(full, _XML_PARSER)
                except etree.XMLSyntaxError as exc:
                    where = f"第 {exc.lineno} 行附近" if exc.lineno else "某处"
                    raise TemplateProblem(
                        f"模板「{self.path.name}」生成的 {part.name} 不是合法的 XML（{where}）："
                        "模板中的标签可能拆开了 Word 的段落或表格"
                    ) from None
            changed[part.name] = full
        if media and media.items:
            changed.update(self._media_parts(media))
        return changed

    def _where_undefined(self, exc: TemplateError) -> str:
        """「（word/document.xml 第15段“项目名称”）」 for the paragraph that reads an undefined name, as
        ``templates check`` says it; '' when there is none to name."""
        name = undefined_name(exc) if isinstance(exc, UndefinedError) else None
        if name is None:
            return ""
        use = next((u for u in uses(self.env, self.parts) if name in u.path), None)
        if use is None:
            return ""
        return f"（{use.part} 第{use.paragraph}段" + (f"“{use.text}”）" if use.text else "）")

    def _media_parts(self, media: Media) -> dict[str, bytes]:
        rels_name = "word/_rels/document.xml.rels"
        relationships = tuple(
            (rel_id, IMAGE_REL, name.removeprefix("word/")) for rel_id, name, _blob, _ext in media.items
        )
        parts = {
            rels_name: add_relationships(self.package.parts[rels_name], relationships),
            "[Content_Types].xml": add_content_types(
                self.package.parts["[Content_Types].xml"],
                defaults=tuple(sorted({(ext, CONTENT_TYPES[ext]) for *_rest, ext in media.items})),
            ),
        }
        for _rel_id, name, blob, _ext in media.items:
            parts[name] = blob
        return parts
