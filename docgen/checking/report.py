"""附件3: find the 编制提纲's headings in a 需求分析报告 someone wrote, however numbered
or styled, and report missing, empty and out-of-order sections.

What is read (the general cases real reports show):

* a heading is recognised by the outline's **words**, whatever its number: typed or
  automatic (Word's list numbers are computed by the reader), 一、/（一）, 1 / 1.1,
  第一章 / 第一节, or none at all on a heading style; compared without spaces and
  punctuation, a long title also on its part before the parenthesis;
* a heading written a little differently (「项目建设必要性」) is taken for the outline's
  when it stands where that heading belongs, at its level, with its number if it has one,
  and its words are close — with a note (DG-CHECK-TITLE);
* headings in one-cell banner tables, text boxes, content controls and tracked changes
  (read by ``docgen.docx_reader`` as the reader sees them);
* a table of contents — a TOC field, TOC styles, lines ending in page numbers, or a typed
  目录 page — is never taken for the headings themselves;
* a section's content is any text, table, picture, chart or embedded object up to the next
  heading of its level or above; text after the title on the heading's own line counts.
  Placeholders (「（略）」「此处填写…」「待补充」「XXX」, Word's prompt) are not content;
* the closing 附件 line is fulfilled by any 附件 list (「附件：1．《…》」); without one
  the report gets a warning, not an error (一（三） already lists the basis documents).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from docgen.docx_reader import Cell, DocxContent, Paragraph, Table
from docgen.errors import Code, Finding, Severity
from docgen.normalize import says_nothing
from docgen.numerals import chinese_number
from docgen.outline import REPORT_OUTLINE, Heading

ARTICLE = "第十六条"  # the report is 附件3, required by 第十六条
NEAR_TITLE = 0.6
_EXTRA_HEADING_MAX = 30  # an unknown numbered line longer than this, or ending a sentence, is body text
_CN = "一二三四五六七八九十百〇零"
_NUMBER = re.compile(
    rf"""^(?:
        第(?P<ordinal>[{_CN}\d]+)(?P<unit>[章节部篇])(?:分)?[、.:]?
      | \((?P<paren>[{_CN}]+|\d+)\)[、.:]?
      | (?P<arabic>\d+(?:\.\d+)*)(?P<arabic_sep>[、.:)]?)(?!\d)
      | (?P<cn>[{_CN}]+)(?P<cn_sep>[、.:]?)
      | (?P<circle>[\u2460-\u2473])
      | (?P<stem>[甲乙丙丁戊己庚辛壬癸])[、.:]
    )""",
    re.VERBOSE,
)
_PUNCT = re.compile(r"[\s\u3000、，,.。．:：;；()（）《》“”\"'‘’\-—_/]")
_TOC_PAGE = re.compile(r"[\t.…·\s]+\d+\s*$")
_APPENDIX = re.compile(rf"^附件(?:[:：]|\s|\d|[{_CN}]|$|[（(]|编制依据|清单|目录|列表)")
_APPENDIX_INDEX = len(REPORT_OUTLINE) - 1
_APPENDIX_NOTE = "一（三）已列出项目建设相关依据文件，此项为提示"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


def _key(text: str) -> str:
    return _PUNCT.sub("", _fold(text))


@dataclass(frozen=True)
class _Title:
    heading: Heading
    full: str
    short: str  # the part before a parenthesised explanation


_TITLES = [_Title(h, _key(h.title), _key(re.split(r"[（(]", h.title)[0])) for h in REPORT_OUTLINE]


@dataclass(frozen=True)
class Numbered:
    """A line's leading number: its level (1, 2, 3 …; None when unknown), its ordinal and kind."""

    level: int | None
    ordinal: int | None
    kind: str  # cn / paren / chapter / section / arabic / circle / stem / '' (no number)
    explicit: bool  # a separator or a form that cannot begin body text (「一是…」 is not a heading)


def _value(numeral: str) -> int | None:
    """The ordinal a heading's number stands for (三 → 3, 12 → 12); None for none."""
    return chinese_number(numeral) or None


def split_number(text: str) -> tuple[Numbered, str]:
    """(number, rest) for 「（二）运行…」 → (level 2, ordinal 2), '运行…'; a line without a number
    gives Numbered(None, None, '', False) and the whole text."""
    spaced = _fold(text)
    folded = re.sub(r"\s+", "", spaced)
    match = _NUMBER.match(folded)
    none = Numbered(None, None, "", False)
    if match is None or match.end() == 0:
        return none, folded
    rest = folded[match.end() :]
    if match.group("ordinal"):
        level = 2 if match.group("unit") == "节" else 1
        kind = "section" if level == 2 else "chapter"
        return Numbered(level, _value(match.group("ordinal")), kind, True), rest
    if match.group("paren"):
        paren = match.group("paren")
        return Numbered(3 if paren.isdigit() else 2, _value(paren), "paren", True), rest
    if match.group("stem"):  # Word's ideographTraditional list: 甲、乙、丙、
        return Numbered(1, "甲乙丙丁戊己庚辛壬癸".index(match.group("stem")) + 1, "stem", True), rest
    if match.group("circle"):
        return Numbered(4, ord(match.group("circle")) - 0x2460 + 1, "circle", True), rest
    bare_then_space = re.match(r"^[\d" + _CN + r"]+(?:\.\d+)*\s", spaced) is not None
    if match.group("arabic"):
        parts = match.group("arabic").split(".")
        explicit = bool(match.group("arabic_sep")) or len(parts) > 1 or bare_then_space
        return Numbered(len(parts), int(parts[-1]), "arabic", explicit), rest
    explicit = bool(match.group("cn_sep")) or bare_then_space
    return Numbered(1, _value(match.group("cn")), "cn", explicit), rest


def _title_match(rest: str) -> tuple[int, str] | None:
    """(outline index, inline content) when ``rest`` is an outline title, perhaps followed by its text
    on the same line (「（一）项目名称：…」, or run in: 「（一）项目名称。本项目…」)."""
    found = _title_written(rest)
    return (found[0], found[1]) if found is not None else None


def _title_written(rest: str) -> tuple[int, str, str | None] | None:
    """(outline index, inline content, the title as written when it is only the outline title's part
    before its parenthesised explanation — else None)."""
    head, _, inline = re.sub("：", ":", rest).partition(":")
    stop = re.search(r"[。.]", rest) if not inline else None
    if stop is not None:  # run in: the title closed by a full stop
        head, inline = rest[: stop.start()], rest[stop.end() :]
    for candidate, written, content in ((_key(rest), rest, ""), (_key(head), head, inline)):
        for index, title in enumerate(_TITLES[:_APPENDIX_INDEX]):
            if candidate and candidate in (title.full, title.short):
                short = candidate != title.full
                return index, content.strip(), written.strip() if short else None
    return None


def _appendix(text: str) -> str | None:
    """The inline content of a 附件 line (「附件：1．《…》」 → '1．《…》'); None when it is no 附件 line."""
    folded = _fold(text)
    if not _APPENDIX.match(re.sub(r"\s+", "", folded)):
        return None
    rest = re.sub(r"^附件\s*[:：]?\s*", "", folded)
    if "编制依据" in _key(rest)[:8]:  # the outline's own words: a title, not a list
        return ""
    return folded if re.match(r"^附件\s*\d", folded) else rest


def unfold(content: DocxContent) -> DocxContent:
    """The report with its heading tables read as the reader reads them: a table whose first-column
    cells (or whose one column's cells) hold outline titles — the title | text layout, a one-cell
    table holding a heading and its text — becomes the headings and texts it holds, in order."""
    if not any(isinstance(block, Table) and _holds_titles(block) for block in content.blocks):
        return content
    blocks: list[Paragraph | Table] = []
    for block in content.blocks:
        if not (isinstance(block, Table) and _holds_titles(block)):
            blocks.append(block)
            continue
        for row in block.rows:
            cells = [c for c in row if not c.continues]
            heading = _row_heading(cells)
            rest = cells
            if heading is not None:
                position, line = heading
                blocks.append(Paragraph(line, bold=True))
                inline = "\n".join(cells[position].text.split("\n")[1:]).strip()
                if inline:
                    blocks.append(Paragraph(inline))
                rest = cells[position + 1 :]
            for cell in rest:
                text = cell.text.strip()
                if text or cell.has_object:
                    blocks.append(Paragraph(text, has_object=cell.has_object))
    return DocxContent(content.name, blocks, content.parts)


def _row_heading(cells: list[Cell]) -> tuple[int, str] | None:
    """(position of the title's cell, the heading line) when a row of a table gives an outline title:
    in its first cell, or after cells that hold only its number (序号 | 章节 | 内容)."""
    numbers: list[str] = []
    for position, cell in enumerate(cells):
        first = cell.text.strip().split("\n")[0]
        if _title_match(split_number(first)[1]) is not None:
            return position, " ".join([*numbers, first])
        number, rest = split_number(first)
        if rest or "\n" in cell.text.strip() or (first and not number.kind):
            return None
        numbers += [first] if first else []
    return None


def _holds_titles(table: Table) -> bool:
    rows = [cells for row in table.rows if (cells := [c for c in row if not c.continues])]
    titled = [row for row in rows if _row_heading(row) is not None]
    single = table.single_cell()
    if single is not None:
        return bool(titled) and "\n" in single.strip()  # a one-line banner stays a banner
    return bool(titled) and not _contents_table(rows)


def _contents_table(rows: list[list[Cell]]) -> bool:
    """A table of contents typed as a table: every row giving a title gives only a page number beside it."""
    pages = []
    for cells in rows:
        heading = _row_heading(cells)
        if heading is not None:
            beside = [c.text.strip() for c in cells[heading[0] + 1 :] if c.text.strip()]
            pages.append(len(beside) == 1 and _TOC_PAGE.fullmatch(" " + beside[0]) is not None)
    return bool(pages) and all(pages)


def _heading_like(paragraph: Paragraph) -> bool:
    return paragraph.heading_level is not None or paragraph.bold or paragraph.numbered


@dataclass
class _Line:
    """A block that may be a heading: a paragraph, or a one-cell banner table."""

    index: int
    text: str
    number: Numbered
    rest: str
    heading_like: bool
    style_level: int | None


def _lines(content: DocxContent, toc: set[int]) -> list[_Line]:
    lines = []
    for index, block in enumerate(content.blocks):
        if index in toc:
            continue
        if isinstance(block, Paragraph):
            text, like, style_level = block.seen, _heading_like(block), block.heading_level
        else:
            banner = block.single_cell()
            if banner is None or "\n" in banner.strip() or len(banner.strip()) > 60:
                continue
            text, like, style_level = banner, True, None
        if not text.strip():
            continue
        number, rest = split_number(text)
        again, inner = split_number(rest)
        if again.explicit and _title_match(inner) is not None:  # a typed number after Word's own (一、一、…)
            rest = inner
        lines.append(_Line(index, text, number, rest, like, style_level))
    return lines


def _page_numbered(text: str) -> bool:
    """A contents line: a short line ending in its page number — not a line a PDF broke inside a bracket
    (「附件：1.《…》（GB/T 4069」: the standard's number, not a page)."""
    return (
        _TOC_PAGE.search(text) is not None
        and len(text) < 80
        and text.count("（") + text.count("(") <= text.count("）") + text.count(")")
    )


def _toc_blocks(content: DocxContent) -> set[int]:
    """Blocks of a table of contents: TOC styles, lines ending in a page number, and a typed
    目录 page — the lines after a 「目录」 paragraph that name outline headings, up to the
    first heading named a second time (the body begins there)."""
    toc: set[int] = set()
    start: int | None = None
    for index, block in enumerate(content.blocks):
        if not isinstance(block, Paragraph):
            continue
        if block.style.lower().startswith(("toc", "目录")) or _page_numbered(block.seen):
            toc.add(index)
        if start is None and _key(block.seen) in ("目录", "目次"):
            start = index
            toc.add(index)
    if start is None:
        return toc
    listed: set[int] = set()
    for index in range(start + 1, len(content.blocks)):
        block = content.blocks[index]
        if isinstance(block, Table):
            break
        if not block.seen.strip():
            continue
        if block.heading_level is not None and not block.style.lower().startswith(("toc", "目录")):
            break  # a heading style: the body has begun
        number, rest = split_number(_TOC_PAGE.sub("", block.seen))
        match = _title_match(rest)
        outline_index = match[0] if match else (_APPENDIX_INDEX if _appendix(rest) is not None else None)
        if outline_index is not None:
            if outline_index in listed:
                break  # the same heading again: the body has begun
            listed.add(outline_index)
        elif not (number.explicit and len(rest) <= _EXTRA_HEADING_MAX):
            break  # body text: the 目录 has ended
        toc.add(index)
    return toc


@dataclass
class _Found:
    outline_index: int
    block_index: int
    inline: str  # text after the title on the heading's own line
    written: str | None = None  # the heading as written, when it is not the outline's own title
    short: bool = False  # written is the outline title without its parenthesised explanation


@dataclass
class Headings:
    """What ``find_headings`` found: the outline's headings, and every heading of any kind with its level."""

    found: list[_Found]
    levels: dict[int, int]  # block index -> level (1, 2, 3 …) of every heading-like line that ends a section


def find_headings(content: DocxContent) -> Headings:
    toc = _toc_blocks(content)
    lines = _lines(content, toc)
    found: dict[int, _Found] = {}
    extra: list[_Line] = []
    appendices: list[tuple[_Line, str]] = []
    repeated: list[tuple[_Line, int]] = []
    for line in lines:
        inline = _appendix(line.text)
        if inline is not None:
            appendices.append((line, inline))
            continue
        match = _title_written(line.rest) if (line.number.kind or line.heading_like) else None
        if match is None:
            extra.append(line)
        elif match[0] in found:
            repeated.append((line, match[0]))
        else:
            found[match[0]] = _Found(match[0], line.index, match[1], match[2], match[2] is not None)
    # the 附件 line closes the report: the first one after the last section found (a 「附件1：…」
    # cited inside a section is not it); everything after it is the list of attachments
    last = max((f.block_index for f in found.values()), default=-1)
    closing = [a for a in appendices if a[0].index > last] or appendices[-1:]
    if closing:
        line, inline = closing[0]
        found[_APPENDIX_INDEX] = _Found(_APPENDIX_INDEX, line.index, inline)
        extra = [e for e in extra if e.index < line.index]
    arabic_top = any(
        REPORT_OUTLINE[f.outline_index].level == 1 and _line_at(lines, f.block_index).number.kind == "arabic"
        for f in found.values()
    )
    levels = {f.block_index: max(REPORT_OUTLINE[f.outline_index].level, 1) for f in found.values()}
    levels |= {line.index: max(REPORT_OUTLINE[index].level, 1) for line, index in repeated}
    candidates = []
    for line in extra:
        level = _level(line, arabic_top)
        short = len(line.rest) <= _EXTRA_HEADING_MAX and not line.rest.endswith(("。", ";", "；"))
        if (line.style_level or 9) <= 3 or (line.number.explicit and short):
            levels[line.index] = level or 3
            candidates.append((line, level))
    _near_titles(found, candidates)
    for hit in found.values():
        levels[hit.block_index] = max(REPORT_OUTLINE[hit.outline_index].level, 1)
    return Headings(sorted(found.values(), key=lambda f: f.block_index), levels)


def _line_at(lines: list[_Line], index: int) -> _Line:
    return next(line for line in lines if line.index == index)


def _level(line: _Line, arabic_top: bool) -> int | None:
    """The level a heading that is not the outline's stands at: its style's, else its number's."""
    if line.style_level is not None:
        return line.style_level
    number = line.number
    if number.kind == "arabic" and number.level == 1 and not arabic_top:
        return 3  # 「1.」 under 一、/（一） is a list item
    if number.kind == "arabic" and arabic_top:
        return number.level
    return number.level


def _near_titles(found: dict[int, _Found], candidates: list[tuple[_Line, int | None]]) -> None:
    """A heading written a little differently (「项目建设必要性」, 「（三）项目建设依据文件」) is taken
    for the outline's when it stands between the outline headings around it, at the outline
    heading's level, with its number when it has one, and its words are close
    (similarity ≥ NEAR_TITLE). First level first: second-level headings are looked for under them."""
    for wanted_level in (1, 2):
        for index, heading in enumerate(REPORT_OUTLINE):
            if index in found or heading.level != wanted_level:
                continue
            before = [f.block_index for i, f in found.items() if i < index]
            after = [f.block_index for i, f in found.items() if i > index]
            start, end = max(before, default=-1), min(after, default=10**9)
            if wanted_level == 2:
                parent = max(i for i in range(index) if REPORT_OUTLINE[i].level == 1)
                if parent not in found:
                    continue
            ordinal = _value(heading.number.strip("（）、"))
            taken = {f.block_index for f in found.values()}
            best: tuple[float, _Line] | None = None
            for line, level in candidates:
                if not start < line.index < end or line.index in taken:
                    continue
                if level is not None and level != wanted_level:
                    continue
                if line.number.ordinal is not None and line.number.ordinal != ordinal:
                    continue
                words = _key(line.rest)
                ratio = max(
                    SequenceMatcher(None, words, _TITLES[index].full).ratio(),
                    SequenceMatcher(None, words, _TITLES[index].short).ratio(),
                )
                if ratio >= NEAR_TITLE and (best is None or ratio > best[0]):
                    best = (ratio, line)
            if best is not None:
                found[index] = _Found(index, best[1].index, "", best[1].rest)


def _is_content(block: Paragraph | Table, listed: list[str]) -> bool:
    """Text that says something (not a placeholder, not a bare 「无」: docgen.normalize), or a
    picture, chart or embedded object."""
    if isinstance(block, Table):
        cells = [cell for row in block.rows for cell in row]
        return any(cell.has_object or not says_nothing(cell.text, listed) for cell in cells)
    return block.has_object or not says_nothing(block.seen, listed)


def _listed(content: DocxContent, headings: Headings) -> list[str]:
    """The attachments the closing 附件 line lists: its own text and the lines after it."""
    hit = next((f for f in headings.found if f.outline_index == _APPENDIX_INDEX), None)
    if hit is None:
        return []
    after = [b.seen for b in content.blocks[hit.block_index + 1 :] if isinstance(b, Paragraph) and b.seen.strip()]
    return [line for line in re.split(r"\s+(?=\d+[．.、])", hit.inline) if line.strip()] + after


def _has_content(content: DocxContent, hit: _Found, headings: Headings) -> bool:
    listed = _listed(content, headings)
    if hit.inline and not says_nothing(hit.inline, listed):
        return True
    level = REPORT_OUTLINE[hit.outline_index].level
    outline_blocks = {f.block_index for f in headings.found}
    for offset, block in enumerate(content.blocks[hit.block_index + 1 :], start=hit.block_index + 1):
        if offset in outline_blocks:
            return False
        if level and offset in headings.levels and headings.levels[offset] <= level:
            return False
        if _is_content(block, listed):
            return True
    return False


def _out_of_order(found: list[_Found]) -> set[int]:
    """Outline indices out of place, as a reader judges it: the chapters (and the closing 附件 line)
    against the outline's order of chapters — a chapter moved is one finding, its sections move with
    it —; each section against the order of its chapter's sections, and outside its chapter."""
    top = [f for f in found if REPORT_OUTLINE[f.outline_index].level != 2]
    misplaced = _not_in_order([f.outline_index for f in top])
    starts = sorted(f.block_index for f in top)
    by_index = {f.outline_index: f for f in top}
    within: dict[int, list[int]] = {}
    orphans: list[int] = []
    for hit in found:
        if REPORT_OUTLINE[hit.outline_index].level != 2:
            continue
        chapter = by_index.get(_parent(hit.outline_index))
        if chapter is None:
            orphans.append(hit.outline_index)
            continue
        end = min((b for b in starts if b > chapter.block_index), default=10**9)
        if chapter.block_index < hit.block_index < end:
            within.setdefault(chapter.outline_index, []).append(hit.outline_index)
        else:
            misplaced.add(hit.outline_index)
    for sections in within.values():
        misplaced |= _not_in_order(sections)
    return misplaced | (_not_in_order([f.outline_index for f in found]) & set(orphans))


def _parent(index: int) -> int:
    return max(i for i in range(index) if REPORT_OUTLINE[i].level == 1)


def _not_in_order(sequence: list[int]) -> set[int]:
    """The values not in the longest run of ``sequence`` that follows the outline's order."""
    best: list[list[int]] = []
    for i, value in enumerate(sequence):
        shorter = [best[j] for j in range(i) if sequence[j] < value]
        chain = max(shorter, key=len) if shorter else []
        best.append([*chain, value])
    longest: list[int] = max(best, key=len) if best else []
    keep = set(longest)
    return {value for value in sequence if value not in keep}


def _peers(index: int, other: int) -> bool:
    """Headings a misplaced one is placed among: chapters (and 附件) among chapters, a section among
    its chapter's sections."""
    level, other_level = REPORT_OUTLINE[index].level, REPORT_OUTLINE[other].level
    if other_level == 2:
        return level == 2 and _parent(index) == _parent(other)
    return level != 2


def _has_children(index: int) -> bool:
    heading = REPORT_OUTLINE[index]
    following = REPORT_OUTLINE[index + 1] if index + 1 < len(REPORT_OUTLINE) else None
    return heading.level == 1 and following is not None and following.level == 2


def check_report(content: DocxContent) -> list[Finding]:
    content = unfold(content)
    headings = find_headings(content)
    by_index = {f.outline_index: f for f in headings.found}
    findings: list[Finding] = []

    def add(code: str, message: str, heading: Heading) -> None:
        appendix = heading.level == 0
        findings.append(
            Finding(
                severity=Severity.WARNING if appendix else Severity.ERROR,
                code=code,
                message=f"{message}（附件3 编制提纲；{ARTICLE}）" + (f"；{_APPENDIX_NOTE}" if appendix else ""),
                label=heading.quoted[1:-1],
                article=ARTICLE,
                file=content.name,
            )
        )

    for hit in headings.found:
        if hit.written is not None:
            heading = REPORT_OUTLINE[hit.outline_index]
            how = "少了括号中的说明" if hit.short else "按位置、层级和相近的文字认定为该章节"
            findings.append(
                Finding(
                    severity=Severity.INFO,
                    code=Code.CHECK_TITLE,
                    message=f"章节标题「{hit.written}」与编制提纲{heading.quoted}的文字不同，{how}",
                    label=heading.quoted[1:-1],
                    article=ARTICLE,
                    file=content.name,
                )
            )
    misplaced = _out_of_order(headings.found)
    for index, heading in enumerate(REPORT_OUTLINE):
        found_hit = by_index.get(index)
        if found_hit is None:
            add(Code.CHECK_MISSING, f"缺少章节{heading.quoted}", heading)
        elif not _has_children(index) and not _has_content(content, found_hit, headings):
            add(Code.CHECK_EMPTY, f"章节{heading.quoted}没有内容", heading)
    for index in sorted(misplaced):
        heading = REPORT_OUTLINE[index]
        placed = sorted(i for i in by_index if i not in misplaced and _peers(i, index))
        before = [f"{REPORT_OUTLINE[i].quoted}之后" for i in placed if i < index][-1:]
        after = [f"{REPORT_OUTLINE[i].quoted}之前" for i in placed if i > index][:1]
        where = f"，应在{'、'.join(before + after)}" if before or after else ""
        add(Code.CHECK_ORDER, f"章节{heading.quoted}的位置与编制提纲顺序不一致{where}", heading)
    return findings


def outline_headings_found(content: DocxContent) -> int:
    return len(find_headings(unfold(content)).found)
