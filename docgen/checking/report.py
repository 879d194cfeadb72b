"""附件3: find the 编制提纲's headings in a 需求分析报告 someone wrote, however numbered
or styled, and report missing, empty and out-of-order sections.

A paragraph is taken as an outline heading when its text, after the number
(一、 一. 一 ; （一） (一) (一)、 in full or half width, any spacing), is the
outline's title — compared without spaces and punctuation; a long title matches
on its part before the parenthesis too. Body paragraphs, table cells and
table-of-contents lines are never headings. A section's content is any text,
table or picture up to the next heading; text after the title on the heading's
own line (「（一）项目名称：某某平台」) counts as content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from docgen.docx_reader import DocxContent, Paragraph, Table
from docgen.errors import Finding, Severity
from docgen.outline import REPORT_OUTLINE, Heading

ARTICLE = "第十六条"  # the report is 附件3, required by 第十六条
_NUMERALS = "一二三四五六七八九十"
_LEVEL2 = re.compile(rf"^\(([{_NUMERALS}]+)\)[、.,:]?")
_LEVEL1 = re.compile(rf"^([{_NUMERALS}]+)([、.,:]?)")
NEAR_TITLE = 0.6
_EXTRA_HEADING_MAX = 30  # an unknown numbered line longer than this, or ending a sentence, is body text
_PUNCT = re.compile(r"[\s\u3000、，,.。．:：;；()（）《》“”\"'‘’\-—_/]")
_TOC_PAGE = re.compile(r"[\t.…·\s]+\d+\s*$")


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


@dataclass
class _Found:
    outline_index: int
    block_index: int
    inline: str  # text after the title on the heading's own line
    written: str | None = None  # the heading as written, when it is not the outline's own title


def split_number(text: str) -> tuple[int | None, str, bool]:
    """(level, rest, explicit) for 「（二）运行…」 → (2, '运行…', True); (None, text, False) without a number.

    ``explicit`` is False for a bare numeral (「一 项目基本信息」), which may also begin
    body text (「一是……」) and so only counts when the rest is an outline title.
    """
    spaced = _fold(text)
    folded = re.sub(r"\s+", "", spaced)
    match = _LEVEL2.match(folded)
    if match:
        return 2, folded[match.end() :], True
    match = _LEVEL1.match(folded)
    if match:
        bare_then_space = re.match(rf"^[{_NUMERALS}]+\s", spaced) is not None
        return 1, folded[match.end() :], bool(match.group(2)) or bare_then_space
    return None, folded, False


def _is_toc(paragraph: Paragraph) -> bool:
    return paragraph.style.lower().startswith(("toc", "目录")) or bool(_TOC_PAGE.search(paragraph.text))


def _title_match(rest: str) -> tuple[int, str] | None:
    """(outline index, inline content) when ``rest`` is an outline title, perhaps followed by ：text."""
    head, _, inline = re.sub("：", ":", rest).partition(":")
    for candidate, content in ((_key(rest), ""), (_key(head), inline)):
        for index, title in enumerate(_TITLES):
            if candidate and candidate in (title.full, title.short):
                return index, content.strip()
    return None


def _appendix(text: str) -> bool:
    key = _key(text)
    return key.startswith("附件") and "编制依据" in key


def _heading_like(paragraph: Paragraph) -> bool:
    return paragraph.heading_level is not None or paragraph.bold or paragraph.numbered


def find_headings(content: DocxContent) -> tuple[list[_Found], set[int]]:
    """Outline headings found (first occurrence of each) and every block that is a heading of any kind."""
    found: dict[int, _Found] = {}
    boundaries: set[int] = set()
    numbered: dict[int, tuple[str, str]] = {}  # block -> (numeral, rest) of explicit second-level numbers
    for index, block in enumerate(content.blocks):
        if not isinstance(block, Paragraph) or not block.text.strip() or _is_toc(block):
            continue
        level, rest, explicit = split_number(block.text)
        if _appendix(block.text):
            match: tuple[int, str] | None = (len(_TITLES) - 1, "")
        elif level is not None or _heading_like(block):
            match = _title_match(rest)
        else:
            match = None
        if match is not None:
            boundaries.add(index)
            found.setdefault(match[0], _Found(match[0], index, match[1]))
        elif (block.heading_level or 9) <= 2 or (
            explicit and len(rest) <= _EXTRA_HEADING_MAX and not rest.endswith(("。", ";", "；"))
        ):
            boundaries.add(index)  # an extra section's heading still ends the section before it
            if level == 2:
                numbered[index] = (_LEVEL2.match(re.sub(r"\s+", "", _fold(block.text))).group(1), rest)  # type: ignore[union-attr]
    _near_titles(found, numbered)
    return sorted(found.values(), key=lambda f: f.block_index), boundaries


def _near_titles(found: dict[int, _Found], numbered: dict[int, tuple[str, str]]) -> None:
    """A second-level heading written a little differently (「（三）项目建设依据文件」) is taken for the
    outline's when it has the outline's number, stands under the right first-level heading and
    its words are close (similarity ≥ NEAR_TITLE)."""
    for index, heading in enumerate(REPORT_OUTLINE):
        if index in found or heading.level != 2:
            continue
        parent = max(i for i in range(index) if REPORT_OUTLINE[i].level == 1)
        if parent not in found:
            continue
        start = found[parent].block_index
        later = [f.block_index for i, f in found.items() if REPORT_OUTLINE[i].level != 2 and f.block_index > start]
        end = min(later, default=10**9)
        numeral = heading.number.strip("（）")
        taken = {f.block_index for f in found.values()}
        best: tuple[float, int] | None = None
        for block, (number, rest) in numbered.items():
            if start < block < end and number == numeral and block not in taken:
                ratio = SequenceMatcher(None, _key(rest), _TITLES[index].full).ratio()
                if ratio >= NEAR_TITLE and (best is None or ratio > best[0]):
                    best = (ratio, block)
        if best is not None:
            found[index] = _Found(index, best[1], "", numbered[best[1]][1])


def _has_content(content: DocxContent, start: int, boundaries: set[int], inline: str) -> bool:
    if inline:
        return True
    for offset, block in enumerate(content.blocks[start + 1 :], start=start + 1):
        if offset in boundaries:
            return False
        if isinstance(block, Table) and block.has_text():
            return True
        if isinstance(block, Paragraph) and (block.text.strip() or block.has_picture):
            return True
    return False


def _out_of_order(found: list[_Found]) -> set[int]:
    """Outline indices not in the longest run that follows the outline's order."""
    sequence = [f.outline_index for f in found]
    best: list[list[int]] = []
    for i, value in enumerate(sequence):
        shorter = [best[j] for j in range(i) if sequence[j] < value]
        chain = max(shorter, key=len) if shorter else []
        best.append([*chain, value])
    longest: list[int] = max(best, key=len) if best else []
    keep = set(longest)
    return {value for value in sequence if value not in keep}


def _has_children(index: int) -> bool:
    heading = REPORT_OUTLINE[index]
    following = REPORT_OUTLINE[index + 1] if index + 1 < len(REPORT_OUTLINE) else None
    return heading.level == 1 and following is not None and following.level == 2


def check_report(content: DocxContent) -> list[Finding]:
    found, boundaries = find_headings(content)
    by_index = {f.outline_index: f for f in found}
    findings: list[Finding] = []

    def add(code: str, message: str, heading: Heading) -> None:
        findings.append(
            Finding(
                severity=Severity.ERROR,
                code=code,
                message=f"{message}（附件3 编制提纲；{ARTICLE}）",
                label=heading.quoted[1:-1],
                article=ARTICLE,
                file=content.name,
            )
        )

    for hit in found:
        if hit.written is not None:
            heading = REPORT_OUTLINE[hit.outline_index]
            findings.append(
                Finding(
                    severity=Severity.INFO,
                    code="DG-CHECK-TITLE",
                    message=f"章节标题「{heading.number}{hit.written}」与编制提纲{heading.quoted}的文字不同，按编号和相近的文字认定为该章节",
                    label=heading.quoted[1:-1],
                    article=ARTICLE,
                    file=content.name,
                )
            )
    misplaced = _out_of_order(found)
    for index, heading in enumerate(REPORT_OUTLINE):
        found_hit = by_index.get(index)
        if found_hit is None:
            add("DG-CHECK-MISSING", f"缺少章节{heading.quoted}", heading)
        elif not _has_children(index) and not _has_content(
            content, found_hit.block_index, boundaries, found_hit.inline
        ):
            add("DG-CHECK-EMPTY", f"章节{heading.quoted}没有内容", heading)
    for index in sorted(misplaced):
        heading = REPORT_OUTLINE[index]
        placed = [i for i in by_index if i not in misplaced]
        before = [REPORT_OUTLINE[i].quoted for i in placed if i < index][-1:]
        after = [REPORT_OUTLINE[i].quoted for i in placed if i > index][:1]
        where = "、".join([f"{before[0]}之后"] * bool(before) + [f"{after[0]}之前"] * bool(after))
        add("DG-CHECK-ORDER", f"章节{heading.quoted}的位置与编制提纲顺序不一致，应在{where}", heading)
    return findings


def outline_headings_found(content: DocxContent) -> int:
    return len(find_headings(content)[0])
