"""附件1 and 附件2 filled in by anyone, laid out as anyone lays them out: find each label,
read its value, never guess. What a form says is then judged as data, by the same rules
as a data file (``docgen.api.check``).

The reading is done on each table's grid (``docgen.checking.grid``: merged cells
resolved, nested tables as tables of their own), the way a person reads a form:

* a label is found by its words — the annex's own or the words offices use instead
  (「建设单位」「总投资」「开始时间」…); spaces, line breaks, width, a trailing colon, a
  leading 「其中」 and a parenthesis after it (「（万元）」「（盖章）」「（工程类/货物类/服务类）」)
  do not matter;
* its value is what stands right of it up to the next label (cells split or merged any
  way), or — when nothing but labels stands beside it (a row of column headers) or the
  label is alone in its row — the cell below it in the same grid column;
* a cell or a paragraph holding 「标签：值」, or several (「起始时间：2027年3月1日　完成时间：…」,
  「项目申报单位：某局　申报日期：…」), carries its own values;
* a group label (「计划资金来源」「项目计划时间」) may carry its parts as labels of their
  own — beside it, under it, or in a table nested in its value cell — or one text
  (「国家资金100万元；市级资金760万元」, 「2027年3月至2028年2月」);
* an amount's unit is the one said nearest to it: in the value (「860万元」「8600000元」), in
  its label (「总投资（元）」), by a group label beside or above it, by a band of the table
  above it (「（单位：万元）」), by the caption over the table; else the unit the form's other
  amounts say; else 万元, the annex's;
* a label is never taken for a value; placeholders (「待定」「XXX」, Word's prompt) and the
  「（盖章）」「（签字）」 prompts are not values. What cannot be found is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from docgen.checking.grid import Box, Grid, below, grids, right_of
from docgen.docx_reader import DocxContent, Paragraph
from docgen.forms import Form
from docgen.normalize import read_amount, without_weekday

WAN = Decimal(1)
YUAN = Decimal("0.0001")


@dataclass(frozen=True)
class CellSpec:
    label: str  # as the annex prints it
    fact: str  # key shared across documents: name, owner_unit, …
    aliases: tuple[str, ...] = ()  # other words offices print for it
    group: bool = False  # a label over labels of its own (计划资金来源, 项目计划时间)
    parts: tuple[str, ...] = ()  # words naming the parts its value gives (审查结果, 审查单位 …), as column headers


HEADER = (
    CellSpec("项目申报单位", "applicant", ("申报单位", "填报单位", "项目申报单位名称", "申报单位名称")),
    CellSpec("申报日期", "date", ("填报日期", "填表日期", "申报时间", "填报时间", "填表时间", "日期")),
)
COMMON = (
    *HEADER,
    CellSpec("项目建设单位", "owner_unit", ("建设单位", "项目建设单位名称")),
    CellSpec("项目负责人", "leader", ("负责人", "项目负责人姓名", "姓名")),  # 姓名: a sub-label beside 项目负责人
    CellSpec(
        "联系电话",
        "phone",
        ("联系方式", "电话", "负责人电话", "负责人联系电话", "联系人电话", "手机", "手机号码", "联系电话手机"),
    ),
    CellSpec("项目名称", "name"),
    CellSpec("项目类别", "category", ("项目类型", "类别")),
)
SCHEDULE = (
    CellSpec(
        "项目计划时间",
        "schedule",
        (
            "计划时间",
            "项目建设周期",
            "建设周期",
            "项目建设期限",
            "建设期限",
            "计划建设时间",
            "项目实施周期",
            "实施周期",
            "建设时间",
            "项目起止时间",
            "起止时间",
        ),
        group=True,
    ),
    # 开始/结束: sub-labels beside 项目计划时间
    CellSpec(
        "起始时间", "start", ("开始时间", "计划开始时间", "计划起始时间", "起始日期", "开始日期", "开工时间", "开始")
    ),
    CellSpec("完成时间", "end", ("结束时间", "计划完成时间", "完成日期", "结束日期", "竣工时间", "结束")),
)
SOURCES = (
    CellSpec("计划资金来源", "sources", ("资金来源", "计划资金来源及金额"), group=True),
    CellSpec("国家资金", "national", ("中央资金", "中央财政资金", "国家财政资金", "国家", "中央")),
    CellSpec("自治区资金", "autonomous_region", ("自治区财政资金", "自治区级资金", "区级资金", "省级资金", "自治区")),
    CellSpec("市级资金", "municipal", ("市本级资金", "市财政资金", "市级财政资金", "本级财政资金", "市级")),
    CellSpec("社会资金", "social", ("社会资本", "社会投资", "社会")),
    # not on the annex; read where a form adds the column
    CellSpec("自筹资金", "self_funded", ("单位自筹资金", "单位自筹", "自筹")),
)
APPLICATION = (
    *COMMON,
    CellSpec("参与建设单位", "participating_units", ("参建单位", "参与单位", "协作单位")),
    CellSpec("项目建设地址", "location", ("建设地址", "建设地点", "项目建设地点", "项目地址", "项目地点")),
    CellSpec("项目建设依据", "basis", ("建设依据", "立项依据", "项目依据")),
    *SCHEDULE,
    CellSpec("项目准备情况", "preparation", ("准备情况", "前期工作情况", "项目前期工作情况", "前期准备情况")),
    CellSpec(
        "项目预计总投资（万元）",
        "total",
        ("项目预计总投资", "预计总投资", "项目总投资", "总投资", "投资总额", "项目投资总额", "总投资额"),
    ),
    CellSpec(
        "本年度预计投入（万元）",
        "this_year",
        ("本年度预计投入", "本年度投入", "本年度计划投资", "本年度投资", "本年度预计投资", "年度预计投入", "当年投资"),
    ),
    *SOURCES,
    CellSpec("申报材料", "materials", ("附报材料", "申报附件", "报送材料")),
    CellSpec("备注", "remarks", ("其他说明",)),
)
#: The parts of a review block (附件2), as its printed lines or a review table's column headers name them.
REVIEW_PARTS = ("审查结果", "审查结论", "审查意见", "审查单位", "审查日期", "审查时间")
#: A review's results, and the marks that tick or leave an option (Word's check boxes and Wingdings read as ☒ ☐ ☑).
RESULTS = ("符合", "不符合")
CHECKED = "☑☒■√✓✔⊠▣●◉"  # ● ○: a web form's radio buttons
UNCHECKED = "□☐○◯"
SECURITY = (
    *COMMON,
    CellSpec("项目建设内容", "construction_content", ("建设内容", "主要建设内容", "项目主要建设内容")),
    CellSpec("网络安全保护基本情况", "network_security", ("网络安全基本情况", "网络安全保护情况", "网络安全情况")),
    CellSpec("网络安全审查", "network_review", ("网络安全审查意见", "网络安全审查结果"), parts=REVIEW_PARTS),
    CellSpec("密码保护应用基本情况", "cryptography", ("密码应用基本情况", "密码保护基本情况", "密码应用情况")),
    CellSpec(
        "密码保护审查", "crypto_review", ("密码保护审查意见", "密码应用审查", "密码保护审查结果"), parts=REVIEW_PARTS
    ),
)
FORM_CELLS: dict[Form, tuple[CellSpec, ...]] = {Form.APPLICATION: APPLICATION, Form.SECURITY: SECURITY}
AMOUNTS = ("total", "this_year", "national", "autonomous_region", "municipal", "social", "self_funded")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_PAREN = re.compile(r"\(([^()]{0,24})\)$")
_SLASH_UNIT = re.compile(r"[/／](万元|元)$")


def unit_word(text: str) -> Decimal | None:
    """万元 → 1, 元 → 0.0001 (to 万元) when ``text`` names a unit of money; else None."""
    if "万元" in text:
        return WAN
    if re.search(r"(?<![万千百亿])元", text):
        return YUAN
    return None


#: Footnote marks after a label (「项目名称①」「计划资金来源²」): taken off before NFKC makes them digits.
FOOTNOTES = re.compile(r"[\u2460-\u2473\u2776-\u277f\u00b9\u00b2\u00b3\u2070-\u2079]+")
#: The number an office puts before a label (「1. 」「一、」「（一）」「(1)」「1）」).
_NUMBERED = re.compile(
    r"^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、)]|\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\))"
)


def _bare_label(text: str) -> tuple[str, Decimal | None]:
    """A label's words without what does not name it (its number, spaces, colon, 「其中」, parentheses,
    footnote marks), and the unit a parenthesis states: 「项目预计\\n总投资（万元）：」 → ('项目预计总投资', 1)."""
    key = _NUMBERED.sub("", _squash(FOOTNOTES.sub("", text)).strip("*★※")).strip("*★※").removeprefix("其中").strip(":")
    unit = None
    while True:
        match = _PAREN.search(key) or _SLASH_UNIT.search(key)
        if match is None:
            break
        unit = unit or unit_word(match.group(1))
        key = key[: match.start()].rstrip(":")
    return key, unit


_SPECS = {spec.fact: spec for form in FORM_CELLS.values() for spec in form}
LOOKUP: dict[str, CellSpec] = {}
for _spec in _SPECS.values():
    for _word in (_spec.label, *_spec.aliases):
        LOOKUP.setdefault(_bare_label(_word)[0], _spec)
_WORDS = "|".join(re.escape(word) for word in sorted(LOOKUP, key=len, reverse=True))
_PAIR = re.compile(
    rf"(?:(?<![^\s、；;，,。]){_NUMBERED.pattern.lstrip('^')}[ \t]*)?"  # 「1. 项目名称：」, a number only after a break
    rf"(?P<label>{_WORDS})(?P<paren>\([^()\n]{{0,24}}\))?[*★※\ue000]*"  # \ue000: a footnote mark (_folded)
    r"(?P<sep>[ \t]*:[ \t]*|[ \t]+|(?=[\d+\-—]))"
)


@dataclass(frozen=True)
class Pair:
    spec: CellSpec
    unit: Decimal | None
    value: str | None  # None: the label alone (its value elsewhere)
    joined: tuple[CellSpec, ...] = ()  # the labels written with it in one cell (「项目负责人及联系电话」)


_JOINS = re.compile(r"及其|及|和|与|、|/|&")


def label_of(text: str) -> Pair | None:
    """The label a whole cell (or paragraph) is, with no value: 「项 目 名 称」「总投资（元）：」; or
    labels joined in one cell (「项目负责人及联系电话」「负责人/电话」), the first with the others."""
    key, unit = _bare_label(text)
    spec = LOOKUP.get(key)
    if spec is not None and key:
        return Pair(spec, unit, None)
    words = [_bare_label(word)[0] for word in _JOINS.split(key)] if key else []
    specs = [LOOKUP.get(word) for word in words]
    if len(specs) > 1 and all(specs) and len({s.fact for s in specs if s}) == len(specs):
        first, *others = [s for s in specs if s is not None]
        return Pair(first, unit, None, tuple(others))
    return None


_PHONE = re.compile(r"[(（]?\d[\d\s()（）\-－—–]{5,}\d(?:\s*转\s*\d+)?")
_PARTS = re.compile(r"\s*[，,、/／;；\n]\s*|\s+")


def split_joined(text: str, specs: tuple[CellSpec, ...]) -> list[str] | None:
    """The value of labels joined in one cell, one part each: 「刘洋 0952-2036118」「刘洋，13995201234」
    for 负责人及电话 (the phone wherever it stands), else as many parts as labels; None when the parts
    cannot be told apart."""
    text = text.strip()
    facts = [spec.fact for spec in specs]
    if len(specs) == 2 and "phone" in facts:
        phones = list(_PHONE.finditer(text))
        if not phones and not re.search(r"\d", text) and not _PARTS.search(text):
            return ["" if fact == "phone" else text for fact in facts]  # the person, no phone written
        if len(phones) == 1:
            phone = phones[0].group().strip()
            other = (text[: phones[0].start()] + " " + text[phones[0].end() :]).strip(" \t\n，,、/／;；:：")
            if other and not _PARTS.search(other):
                return [phone if fact == "phone" else other for fact in facts]
        return None
    parts = [part for part in _PARTS.split(text) if part]
    return parts if len(parts) == len(specs) else None


#: How the labels of fields docgen does not read end (职务, 电子邮箱, 邮政编码, 统一社会信用代码 …).
_LABEL_ENDINGS = (
    "名称", "单位", "人", "电话", "时间", "日期", "地址", "地点", "邮箱", "职务", "职称", "传真", "邮编",
    "编码", "代码", "情况", "依据", "内容", "类别", "类型", "方式", "金额", "意见", "编号", "号码", "规模",
    "期限", "周期", "级别", "等级", "手机", "账号", "开户行", "部门", "科室",
)  # fmt: skip


_TOTAL = re.compile(r"(?:合计|小计|总计|共计)(?:[(（][^)）]*[)）])?:?")


def looks_like_label(text: str) -> bool:
    """A short cell a reader takes for the label of another field (「职务」「电子邮箱：」): after a value,
    it starts that field and ends the value."""
    key = _squash(text)
    if _TOTAL.fullmatch(key):
        return True  # a sum's column or row (「合计」): the header of a figure, not a value or a source
    if key.endswith(":"):
        return 1 < len(key) <= 16
    return 0 < len(key) <= 12 and re.search(r"[\d。，,；;]", key) is None and key.endswith(_LABEL_ENDINGS)


def pairs_in(text: str) -> list[Pair]:
    """「标签：值」 pairs a cell or paragraph begins with: 「起始时间：2027年3月1日　完成时间：2027年12月31日」
    → two pairs. A label counts where a line, a space or a separator precedes it (or a group label
    it is a part of: 「计划资金来源：市级资金860万元」) and a colon, a space or a number follows it; []
    when the text does not begin with one."""
    folded, origins = _folded(text)
    lead = len(folded) - len(folded.lstrip())
    found: list[re.Match[str]] = []
    for match in _PAIR.finditer(folded):
        start = match.start()
        after_group = bool(found) and found[-1].end() == start and LOOKUP[found[-1].group("label")].group
        if start > lead and folded[start - 1] not in "\n \t、；;，,。" and not after_group:
            continue
        at_line = start <= lead or folded[start - 1] == "\n"
        sep = match.group("sep")
        if ":" in sep or (sep and (at_line or found)) or (not sep and (at_line or found)):
            if not found and start != lead:
                return []
            found.append(match)
    result = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(folded)
        value = text[origins[match.end()] : origins[end]].strip().rstrip("，,；;、").strip()  # as written
        paren = match.group("paren") or ""
        result.append(Pair(LOOKUP[match.group("label")], unit_word(paren), value))
    return result


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` in NFKC (labels are found on it) and, for each of its characters, where it stands in
    ``text`` (values are taken as written: 「，」 stays full-width)."""
    pieces = ["\ue000" if FOOTNOTES.fullmatch(ch) else unicodedata.normalize("NFKC", ch) for ch in text]
    origins = [at for at, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), [*origins, len(text)]


def statement_unit(text: str) -> Decimal | None:
    """The unit a band or caption states: 「（单位：万元）」「金额单位：元」「（万元）」."""
    key = _squash(text)
    if re.fullmatch(r"\(?(?:万元|元)\)?", key):
        return unit_word(key)
    match = re.search(r"单位:?(万元|元)", key)
    if match is not None and len(key) <= 30 and label_of(text) is None:
        return unit_word(match.group(1))
    return None


#: Column headers of a form's instructions column (序号 | 栏目 | 填写内容 | 填写说明): what stands under
#: them tells how to fill the form in, it is no value.
NOTE_HEADERS = frozenset({
    "说明", "填写说明", "填表说明", "填报说明", "填写要求", "填报要求", "要求", "注释", "注意事项", "提示", "示例",
    "填写示例", "格式",
})  # fmt: skip


def note_columns(grid: Grid) -> tuple[int, set[int]]:
    """(header row, grid columns) of a table's instructions column: a row of column headers (the first
    row with text) of which one is 「填写说明」 or the like. (-1, set()) when the table has none."""
    for r in range(grid.rows):
        row = [box for box in grid.row(r) if box.top == r]
        if not any(box.text.strip() for box in row):
            continue
        notes = {c for box in row if _squash(box.text).strip(":") in NOTE_HEADERS for c in range(box.left, box.right)}
        return (r, notes) if notes else (-1, set())
    return -1, set()


@dataclass
class CellValue:
    spec: CellSpec
    found: bool
    text: str = ""
    unit: Decimal | None = None  # the unit (factor to 万元) said for this value, None when none is
    unit_words: str = ""  # the words that say it (「总投资（元）」「（单位：万元）」)
    mixed: str = ""  # labels joined in one cell whose value could not be parted (the cell's label)
    elsewhere: list[str] = field(default_factory=list)  # other values its label has in other tables (a second form)
    grid: int | None = None  # the table the value was read from (id of its grid), None: a paragraph


#: A value that tells how to fill the field in (a 填表说明 table's): no second value of it.
_INSTRUCTION = re.compile(r"(?:请|应|须|需|按|如实|填写|填报|注明|写明|参照)")
_INDENTED = re.compile(r"[ \t\u3000]{2,}\S")
_UNDERLINE = re.compile(r"^[ \t\u3000]*[_＿]+[ \t\u3000]*|[ \t\u3000]*[_＿]+[ \t\u3000]*$", re.MULTILINE)


class _Reader:
    """One pass over a document's tables and paragraphs, recording each label's value once."""

    def __init__(self, content: DocxContent, specs: tuple[CellSpec, ...], paragraphs: bool = True) -> None:
        self.paragraphs = paragraphs
        self.values = {spec.fact: CellValue(spec, False) for spec in specs}
        self.kinds: dict[int, Pair | list[Pair] | None] = {}
        self.content = content
        self.notes: dict[int, tuple[int, set[int]]] = {}  # a grid's instructions column, by id(grid)
        self.applicant_row: list[Box] = []  # the boxes beside 项目申报单位 (a header line in a table)
        self.applicant_paragraph: int | None = None
        self.grid: int | None = None  # the table being read (id of its grid), None: the paragraphs

    def record(self, spec: CellSpec, text: str, unit: tuple[Decimal, str] | None) -> None:
        if spec.fact not in self.values:
            return
        text = _UNDERLINE.sub("", text)  # a value typed on the printed line (「__某局__」), or the line alone
        current = self.values[spec.fact]
        if current.found and (current.text.strip() or not text.strip()):
            other = _squash(text)
            if (
                self.grid not in (None, current.grid)
                and current.grid is not None
                and other
                and other != _squash(current.text)
                and other not in map(_squash, current.elsewhere)
                and not _INSTRUCTION.match(other)
            ):
                current.elsewhere.append(text.strip())
            return  # the first value stands; a label found empty may be filled further on
        said, words = unit if unit is not None else (None, "")
        self.values[spec.fact] = CellValue(spec, True, text, said, words, grid=self.grid)

    def kind(self, box: Box) -> Pair | list[Pair] | None:
        if id(box) not in self.kinds:
            whole = label_of(box.text)
            self.kinds[id(box)] = whole if whole is not None else (pairs_in(box.text) or _over_value(box.text))
        return self.kinds[id(box)]

    def is_label(self, box: Box) -> bool:
        return self.kind(box) is not None

    def is_note(self, box: Box) -> bool:
        """A cell of the table's instructions column (under 「填写说明」), below its header."""
        if id(box.grid) not in self.notes:
            self.notes[id(box.grid)] = note_columns(box.grid)
        header, columns = self.notes[id(box.grid)]
        return box.top > header and box.left in columns

    def read(self) -> dict[str, CellValue]:
        for grid in grids(self.content):
            self.grid = id(grid)
            for box in grid.boxes:
                found = self.kind(box)
                if isinstance(found, list):
                    for pair in found:
                        self.record(pair.spec, pair.value or "", self.unit(box, pair))
                    if any(pair.spec.fact == "applicant" for pair in found):
                        self.applicant_row = [b for b in grid.row(box.top) if b is not box]
                elif found is not None and found.joined:
                    specs = (found.spec, *found.joined)
                    text = self.value_of(box)
                    parted = split_joined(text, specs) if text.strip() else [""] * len(specs)
                    for n, spec in enumerate(specs):
                        if parted is not None:
                            self.record(spec, parted[n], self.unit(box, found))
                        elif spec.fact in self.values and not self.values[spec.fact].found:
                            self.values[spec.fact] = CellValue(spec, True, text, mixed=" ".join(box.text.split()))
                elif found is not None:
                    self.record(found.spec, self.value_of(box), self.unit(box, found))
                    if found.spec.fact == "applicant":
                        self.applicant_row = [b for b in grid.row(box.top) if b is not box]
            self.review_of(grid)
        self.grid = None
        for index, block in enumerate(self.content.blocks):
            if isinstance(block, Paragraph) and self.paragraphs:
                for pair in self.paragraph_pairs(index, block.text):
                    self.record(pair.spec, pair.value or "", (pair.unit, block.text) if pair.unit else None)
                    if pair.spec.fact == "applicant" and self.applicant_paragraph is None:
                        self.applicant_paragraph = index
        self.header_date()
        return self.values

    def review_of(self, grid: Grid) -> None:
        """A table of a review's parts with no review label in it, tied to the review the paragraph just
        before it names (「一、网络安全」), else the review its 基本情况 row names."""
        labels = [kind for box in grid.boxes if isinstance(kind := self.kind(box), Pair)]
        if any(pair.spec.parts for pair in labels):
            return
        for text in (*grid.before[-1:], *(pair.spec.label for pair in labels)):
            spec = review_named(text)
            if spec is not None:
                value = review_table(grid)
                if value:
                    self.record(spec, value, None)
                return

    def paragraph_pairs(self, index: int, text: str) -> list[Pair]:
        """The pairs of a paragraph; a label on a line of its own, or a last label with nothing after it
        (「项目建设依据：」, 「网络安全审查」), takes the lines under it up to the next label (a form
        written as paragraphs). The header line's labels do not: a date under the unit's is its own."""
        found = pairs_in(text)
        whole = label_of(text) if not found else None
        if whole is not None and not whole.joined:
            found = [Pair(whole.spec, whole.unit, "")]
        if found and found[-1].value and found[-1].spec not in HEADER:
            return [*found[:-1], replace(found[-1], value=found[-1].value + self.wrapped(index))]
        if not found or found[-1].value or found[-1].spec in HEADER:
            return found
        lines: list[str] = []
        for block in self.content.blocks[index + 1 :]:
            if not isinstance(block, Paragraph):
                break
            if not block.text.strip():
                continue
            if pairs_in(block.text) or label_of(block.text) is not None:
                break
            lines.append(block.text.strip())
        return [*found[:-1], replace(found[-1], value="\n".join(lines))]

    def wrapped(self, index: int) -> str:
        """The rest of a value a PDF wrapped onto the lines after it (a form copied out of a PDF): lines
        indented under the value, holding no label and no 「：」."""
        rest = ""
        for block in self.content.blocks[index + 1 :]:
            if not isinstance(block, Paragraph) or not _INDENTED.match(block.text):
                break
            line = block.text.strip()
            if re.search("[:：]", line) or pairs_in(line) or label_of(line) is not None or _looks_like_date(line):
                break
            rest += line
        return rest

    def value_of(self, label: Box) -> str:
        """What stands right of ``label`` up to the next label, row by row; or the cell below."""
        lines: list[str] = []
        taken: list[Box] = []
        spec = self.kind(label)
        parts = spec.spec.parts if isinstance(spec, Pair) else ()
        for r in range(label.top, label.bottom):
            words: list[str] = []
            ticks: list[str] = []  # marks under result headers (审查事项 | 符合 | 不符合 | …): one result
            headed = False
            for box in right_of(label, r):
                if self.is_label(box) or _TOTAL.fullmatch(_squash(box.text)):
                    break  # the next label, or a sum's column (「合计」) — never a value of this one
                if any(box is t for t in taken) or statement_unit(box.text) is not None or self.is_note(box):
                    continue
                if (words or lines) and looks_like_label(box.text) and _squash(box.text).strip(":") not in parts:
                    break  # another field's label (「职务」「电子邮箱」), not a part of this one's: the value has ended
                taken.append(box)
                result = _result_header(box, parts, label)
                if result is not None:
                    ticks.append(_squash(box.text) + result)
                elif box.text.strip():
                    part = _part_header(box, parts, label)
                    headed = headed or part is not None
                    words.append(f"{part}：{box.text.strip()}" if part else box.text.strip())
            if any(tick.startswith(tuple(CHECKED + UNCHECKED)) for tick in ticks):
                words.insert(0, "审查结果：" + "　".join(ticks))
                headed = True
            if words:
                lines.append(("\n" if headed else " ").join(words))
        beside = "\n".join(lines)
        under = below(label)
        alone = all(not b.text.strip() for b in label.grid.row(label.top) if b is not label)
        under_fits = (
            under is not None
            and not self.is_label(under)
            and under.left == label.left
            and (under.right <= label.right or alone)
        )
        if taken and (beside or not (self.header_row(label) or alone) or not under_fits):
            return beside
        if under_fits and under is not None:
            return _parts_below(label, parts) or under.text
        return beside

    def header_row(self, label: Box) -> bool:
        """Only labels (and blanks) in the label's row, and another label among them: column headers."""
        others = [b for b in label.grid.row(label.top) if b is not label and b.text.strip()]
        return bool(others) and all(self.is_label(b) or _TOTAL.fullmatch(_squash(b.text)) for b in others)

    def unit(self, box: Box, pair: Pair) -> tuple[Decimal, str] | None:
        """The unit said for a label's amount, nearest first: its own words, a group label beside
        or over it, a band above it, the cell a nested table sits in, the caption over the table."""
        if pair.unit is not None:
            return pair.unit, box.text.strip()
        grid: Grid | None = box.grid
        at: Box | None = box
        while grid is not None and at is not None:
            for r in range(at.top, -1, -1):
                row = grid.row(r)
                if r == at.top:  # its own row: left of it, nearest first; its instructions cell
                    row = sorted((b for b in row if b.right <= at.left), key=lambda b: -b.left) + [
                        b for b in row if b.left >= at.right and self.is_note(b)
                    ]
                else:  # a row above: a band across the table, or a cell over this one's column
                    texts = [b for b in row if b.text.strip()]
                    row = [b for b in texts if len(texts) == 1 or b.left <= at.left < b.right]
                for other in row:
                    if other is at:
                        continue
                    said = statement_unit(other.text)
                    kind = self.kind(other)
                    if said is None and isinstance(kind, Pair) and kind.spec.group:
                        covers = other.top <= at.top < other.bottom or other.left <= at.left < other.right
                        said = kind.unit if covers else None
                    if said is not None:
                        return said, other.text.strip()
            if grid.parent is None:
                for text in reversed(grid.before):
                    said = statement_unit(text) or _caption_unit(text)
                    if said is not None:
                        return said, text.strip()
            at = grid.parent
            grid = at.grid if at is not None else None
        return None

    def header_date(self) -> None:
        """The date of the header line when no label names it: beside 项目申报单位 in its row, or
        in the applicant's own text after the unit (「某局　　2026年11月23日」)."""
        date = self.values.get("date")
        applicant = self.values.get("applicant")
        if date is None or applicant is None or (date.found and date.text.strip()):
            return
        if applicant.found:
            name, tail = split_header(applicant.text)
            if tail:
                self.values["applicant"] = CellValue(applicant.spec, True, name)
                self.values["date"] = CellValue(date.spec, True, tail)
                return
        for box in self.applicant_row:
            if not self.is_label(box) and _looks_like_date(box.text):
                self.values["date"] = CellValue(date.spec, True, box.text.strip())
                return
        if self.applicant_paragraph is not None:  # a date on a line of its own, under the unit's or over it
            at = self.applicant_paragraph
            beside = [self.content.blocks[at + 1 : at + 2], self.content.blocks[max(at - 1, 0) : at]]
            for block in (b for blocks in beside for b in blocks):
                if isinstance(block, Paragraph) and _looks_like_date(block.text):
                    self.values["date"] = CellValue(date.spec, True, block.text.strip())
                    return


def _over_value(text: str) -> list[Pair] | None:
    """A cell whose first line is a label and whose other lines are its value (「项目名称¶某某项目」)."""
    first, _, rest = text.strip().partition("\n")
    label = label_of(first) if rest.strip() else None
    if label is None or label.joined:
        return None
    return [Pair(label.spec, label.unit, rest.strip())]


def _part_header(box: Box, parts: tuple[str, ...], label: Box) -> str | None:
    """The part of a value a cell gives when a column header over the label's rows names one (a review
    table's 审查结果 | 审查单位 | 审查日期), else None."""
    if not parts or _squash(box.text).strip(":") in parts:
        return None
    for r in range(label.top - 1, -1, -1):
        above = box.grid.at.get((r, box.left))
        if above is not None and above is not box and (word := _squash(above.text).strip(":")) in parts:
            return word
    return None


def _result_header(box: Box, parts: tuple[str, ...], label: Box) -> str | None:
    """The result (符合/不符合) a column header over ``box`` names when the cell holds only a mark or
    nothing — a review table with one column per result, the result a 「√」 under one of them."""
    if "审查结果" not in parts or _squash(box.text).strip(CHECKED + UNCHECKED):
        return None
    for r in range(label.top - 1, -1, -1):
        above = box.grid.at.get((r, box.left))
        word = _squash(above.text).strip(":" + CHECKED + UNCHECKED) if above is not None else ""
        if word:  # the nearest words over the column (other rows' marks passed over)
            return word if word in RESULTS else None
    return None


def review_table(grid: Grid) -> str:
    """A table of a review's parts alone (审查结果 | 符合, 审查单位 | …, as rows or as column headers),
    the review named by what stands before it: 「审查结果：符合\n审查单位：…」, '' when it has none."""
    lines: list[str] = []
    for box in grid.boxes:
        part = _squash(box.text).strip(":")
        if part not in REVIEW_PARTS:
            continue
        beside = [b.text.strip() for b in right_of(box, box.top) if b.text.strip()]
        under = below(box) if not beside else None
        value = beside[0] if beside else (under.text.strip() if under is not None and under.left == box.left else "")
        if value and _squash(value).strip(":") not in REVIEW_PARTS:
            lines.append(f"{part}：{value}")
    return "\n".join(lines)


def review_named(text: str) -> CellSpec | None:
    """The review a heading or a row names (「一、网络安全」「网络安全保护基本情况」, 「二、密码保护」): one of
    the two, None when it names both or neither."""
    key = _squash(text)
    network, crypto = "网络安全" in key, "密码" in key
    if network == crypto:
        return None
    return _SPECS["network_review" if network else "crypto_review"]


def _parts_below(label: Box, parts: tuple[str, ...]) -> str:
    """A label's parts read down its column, each row named by a part in its row header (a review
    table with the reviews as columns: 审查结果 | 符合 | 符合, 审查单位 | …): 「审查结果：符合\n…」."""
    lines: list[str] = []
    grid, r = label.grid, label.bottom
    while parts and (box := grid.at.get((r, label.left))) is not None and box.top == r:
        header = next((b for b in grid.row(r) if b.right <= box.left and _squash(b.text).strip(":") in parts), None)
        if header is None:
            break
        if box.text.strip():
            lines.append(f"{_squash(header.text).strip(':')}：{box.text.strip()}")
        r = box.bottom
    return "\n".join(lines)


def _caption_unit(text: str) -> Decimal | None:
    match = re.search(r"单位\s*[:：]\s*(万元|元)", unicodedata.normalize("NFKC", text))
    return unit_word(match.group(1)) if match else None


_DATE_START = re.compile(r"\s{2,}|\t|\d{4}\s*[年./-]|[〇○零一二三四五六七八九]{4}\s*年|(?<!\S)年")


_NUMERALS = r"[\d〇○零一二三四五六七八九十]*"


def _looks_like_date(text: str) -> bool:
    """A day, or the printed blanks of one (「2026年11月23日」「2026.11.23」「年　月　日」)."""
    folded = _squash(without_weekday(text))
    return bool(folded) and (
        re.fullmatch(rf"(?:20)?{_NUMERALS}年{_NUMERALS}月{_NUMERALS}日?", folded) is not None
        or re.fullmatch(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}", folded) is not None
    )


def split_header(text: str) -> tuple[str, str]:
    """(unit, date text) of what follows 项目申报单位: docgen puts a tab between them; a hand-made
    header uses spaces, or starts the date at once (「某局2026年11月20日」, 「某局 年 月 日」)."""
    after = unicodedata.normalize("NFKC", text)
    after = re.sub(r"^\s*\((?:盖章|公章|签章)\)", "", after).lstrip(":").strip()
    match = _DATE_START.search(after)
    if match is None:
        return after.strip(), ""
    name, date = after[: match.start()].strip(), after[match.start() :].strip()
    if not _looks_like_date(date):
        return after.strip(), ""
    return name, date


def read_cells(content: DocxContent, specs: tuple[CellSpec, ...]) -> dict[str, CellValue]:
    """Each spec's value as the form shows it (not yet interpreted), by fact."""
    return _Reader(content, specs).read()


def labels_found(content: DocxContent, facts: Iterable[str], paragraphs: bool = False) -> int:
    """How many of ``facts`` have their label in the document's tables (which form a document is);
    with ``paragraphs``, in its paragraphs too (a form written without a table)."""
    wanted = set(facts)
    values = _Reader(content, tuple(spec for spec in _SPECS.values() if spec.fact in wanted), paragraphs).read()
    return sum(1 for value in values.values() if value.found)


def specs_by_fact() -> dict[str, CellSpec]:
    return dict(_SPECS)


def parse_amount(text: str) -> Decimal | None:
    """An amount in a cell, read as every input reads it (docgen.normalize); 「—」「/」「无」 are 0."""
    return read_amount(_squash(text), none_is_zero=True)
