"""PDFs drawn in the faces GB/T 9704 asks for, on a machine without Windows fonts: the real
LibreOffice converts, PyMuPDF says which embedded face draws which text. (pdffonts cannot
tell SC from JP glyphs — one glyph table per Noto file — so faces and language are tested.)"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from helpers import BuiltSample

from docgen.outline import REPORT_OUTLINE
from docgen.render import pdf

pytestmark = pytest.mark.libreoffice

SERIF, SANS, KAI = "NotoSerifCJK", "NotoSansCJK", ("LXGWWenKai", "UKai")


def spans(path: Path) -> list[tuple[str, str, float]]:
    """(text, font, size) of every text span, in reading order."""
    found = []
    with pymupdf.open(path) as document:
        for page in document:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    found += [(span["text"].strip(), span["font"], span["size"]) for span in line["spans"]]
    return [span for span in found if span[0]]


def face_of(found: list[tuple[str, str, float]], text: str) -> str:
    return next(font for span_text, font, _size in found if text in span_text)


@pytest.fixture(scope="module")
def report(built_samples: dict[str, BuiltSample]) -> list[tuple[str, str, float]]:
    return spans(built_samples["contract-example.yaml"].pdf["requirements"])


def test_report_title_is_a_heavy_serif(report: list[tuple[str, str, float]]) -> None:
    title = face_of(report, "需求分析报告")
    assert SERIF in title and ("SemiBold" in title or "Bold" in title), title


def test_report_headings_are_sans_then_kai(report: list[tuple[str, str, float]]) -> None:
    level1 = next(h for h in REPORT_OUTLINE if h.level == 1)
    level2 = next(h for h in REPORT_OUTLINE if h.level == 2)
    assert SANS in face_of(report, level1.title)
    assert any(kai in face_of(report, level2.title) for kai in KAI)


def test_report_body_is_serif(report: list[tuple[str, str, float]]) -> None:
    body = [font for text, font, size in report if size == 16 and len(text) > 20 and "、" not in text[:3]]
    assert body and all(SERIF in font or any(k in font for k in KAI) or SANS in font for font in body)
    assert sum(SERIF in font for font in body) > len(body) / 2


@pytest.mark.parametrize("form", ["application", "security", "requirements"])
def test_chinese_punctuation_and_quotes_are_drawn_by_the_cjk_face(
    built_samples: dict[str, BuiltSample], form: str
) -> None:
    found = spans(built_samples["contract-example.yaml"].pdf[form])
    marks = [(text, font) for text, font, _size in found if any(mark in text for mark in "“”，。、")]
    assert marks
    assert [
        (text, font) for text, font in marks if "DejaVu" in font or ("CJK" not in font and "WenKai" not in font)
    ] == []


def test_no_punctuation_is_lost_from_a_full_line(built_samples: dict[str, BuiltSample]) -> None:
    """LibreOffice drops a comma that ends a justified zh-CN line: the body is set left-aligned."""
    text = "".join(span[0] for span in spans(built_samples["service-12345-om.yaml"].pdf["requirements"]))
    assert "知识库五部分组成，架构如下。" in text


# ---------------------------------------------------------------- the mapping itself


def test_a_face_the_machine_has_is_not_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    have = pdf.installed_families() | {"仿宋", "FangSong"}
    monkeypatch.setattr(pdf, "installed_families", lambda: have)
    pdf.font_plan.cache_clear()
    try:
        mapped = {name for name, _family, _weight in pdf.font_plan().mapping}
        assert "仿宋" not in mapped and "FangSong" not in mapped and "楷体" in mapped
    finally:
        pdf.font_plan.cache_clear()


def test_a_missing_role_face_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    have = frozenset(f for f in pdf.installed_families() if "WenKai" not in f and "UKai" not in f)
    monkeypatch.setattr(pdf, "installed_families", lambda: have)
    pdf.font_plan.cache_clear()
    try:
        plan = pdf.font_plan()
        assert any("「楷体」" in note and "fonts-lxgw-wenkai" in note for note in plan.notes)
        assert ("楷体", "Noto Sans CJK SC", None) in plan.mapping  # the PDF is still made, with a stand-in
    finally:
        pdf.font_plan.cache_clear()


def test_the_mapping_is_for_the_conversion_only(tmp_path: Path) -> None:
    conf = pdf.fonts_conf()
    text = conf.read_text(encoding="utf-8")
    assert "<string>楷体</string>" in text and "/etc/fonts/fonts.conf" in text
    assert text.index("<match") < text.index("<include")  # our rules before the system's
    assert not Path("/etc/fonts/conf.d").joinpath(conf.name).exists()
