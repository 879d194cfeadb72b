"""Property: any text in any printed field reaches every document as literal text.

Hypothesis puts arbitrary Unicode — controls, lone surrogates, bidi marks, emoji,
CJK extension characters, XML and template syntax — into every text field the
forms print (each with its own marker). Every document is then read back with
python-docx, and for a few examples converted by LibreOffice: the text holds
each value, less exactly what docgen reported as removed.
"""

from __future__ import annotations

import copy
import io
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from helpers import SAMPLES, require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import docgen
from docgen.normalize import SPACES, fold_width
from docgen.render.wordml import clean_text
from docgen.sources import read

BASE = read(SAMPLES / "contract-example.yaml").data

#: Every text field a form prints (list items and table cells included).
PRINTED: list[tuple[Any, ...]] = [
    ("declaration", "applicant"),
    ("project", "name"),
    ("project", "owner_unit"),
    ("project", "leader", "name"),
    ("project", "leader", "phone"),
    ("project", "participating_units", 0),
    ("project", "location"),
    ("project", "basis", 0),
    ("project", "preparation"),
    ("project", "materials", 4),
    ("project", "remarks"),
    ("project", "responsible_person", "name"),
    ("project", "investment", "items", 0, "name"),
    ("security", "construction_content"),
    ("security", "network_security", "summary"),
    ("security", "cryptography", "summary"),
    ("requirements_report", "owner_overview"),
    ("requirements_report", "overview"),
    ("requirements_report", "necessity", "background"),
    ("requirements_report", "necessity", "current_state"),
    ("requirements_report", "necessity", "significance"),
    ("requirements_report", "analysis", "business", 0),
    ("requirements_report", "analysis", "business", 1, "table", "caption"),
    ("requirements_report", "analysis", "business", 1, "table", "rows", 0, 0),
    ("requirements_report", "analysis", "business", 2, "image", "caption"),
    ("requirements_report", "analysis", "environment"),
    ("requirements_report", "analysis", "data_sharing"),
    ("requirements_report", "construction", "goals"),
    ("requirements_report", "construction", "scope"),
    ("requirements_report", "funding"),
    ("requirements_report", "appendix", 0),
]

NASTY = st.sampled_from(
    [
        "\x00",
        "\x0b",
        "\x0c",
        "\x1f",
        "\ud800",
        "\udfff",
        "\ufffe",
        "\u202e",
        "\u200f",
        "\u2028",
        "😀",
        "𠀀",
        "\U0002a6d6",
        "&",
        "<b>",
        "</w:t>",
        "]]>",
        "{{ 7*7 }}",
        "{%",
        "%}",
        "{_{",
        "{#",
        '"',
        "'",
        "\t",
        "\r\n",
        "\n",
    ]
)
VALUES = st.lists(st.one_of(NASTY, st.text(max_size=6)), min_size=1, max_size=8).map("".join)


def put(data: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def squeezed(text: str) -> str:
    """Text without whitespace and the invisible controls a text export may drop."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zl", "Zp"))


def variant(value: str) -> tuple[dict[str, Any], dict[tuple[Any, ...], str]]:
    data = copy.deepcopy(BASE)
    data["project"]["materials"] = ["初步设计", "需求分析报告", "申报表", "网络安全和密码保护审查表", "其他"]
    picture = {"image": {"path": "images/12345-architecture.png", "caption": ""}}
    data["requirements_report"]["analysis"]["business"].append(picture)  # an image caption too
    expected = {}
    for number, path in enumerate(PRINTED):
        marked = f"【{number}】{value}"
        put(data, path, marked)
        typed = marked.rstrip(SPACES)  # surrounding spaces are trimmed on input
        expected[path] = clean_text(fold_width(typed) if path[-1] == "phone" else typed)  # phones: ASCII digits
    return data, expected


_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}


def docx_text(blob: bytes) -> str:
    """Every paragraph's text (body and table cells, in document order), read from the
    package's main part with a plain zip and XML parser, as python-docx's Paragraph.text
    reads it (w:t text, tabs, breaks)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    lines = []
    for paragraph in body.iter(qn("w:p")):
        pieces = []
        for run in paragraph.iter(qn("w:r")):
            for element in run:
                if element.tag in _RUN_TEXT:
                    fixed = _RUN_TEXT[element.tag]
                    pieces.append(element.text or "" if fixed is None else fixed)
        lines.append("".join(pieces))
    return "\n".join(lines)


def build(value: str) -> tuple[docgen.LoadedProject, dict[docgen.Form, bytes], dict[tuple[Any, ...], str]]:
    data, expected = variant(value)
    project = docgen.api.load_data(data, base_dir=SAMPLES)
    assert project.ok, [f.format() for f in project.findings if f.severity == "error"]
    return project, docgen.render_documents(project), expected


def removed_is_reported(project: docgen.LoadedProject, value: str) -> None:
    dropped = set(value) - set(clean_text(value.replace("\r", "")) + "\r")
    warnings = [f for f in project.findings if f.code == "DG-CONTROL-CHAR"]
    if dropped:
        assert len(warnings) == len(PRINTED)
        for ch in dropped:
            assert all(f"U+{ord(ch):04X}" in w.message for w in warnings)
    else:
        assert not warnings


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_every_printed_field_keeps_its_text(value: str) -> None:
    project, documents, expected = build(value)
    removed_is_reported(project, value)
    text = squeezed("\n".join(docx_text(blob) for blob in documents.values()))
    for path, wanted in expected.items():
        assert squeezed(wanted) in text, (path, wanted)


@pytest.mark.libreoffice
@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_libreoffice_opens_every_document_and_reads_the_same_text(value: str) -> None:
    soffice = require_tool("soffice")
    import tempfile

    _project, documents, expected = build(value)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for number, blob in enumerate(documents.values()):
            path = folder / f"{number}.docx"
            path.write_bytes(blob)
            paths.append(path)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                str(folder),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        text = squeezed("\n".join((p.with_suffix(".txt")).read_text(encoding="utf-8-sig") for p in paths))
    for path, wanted in expected.items():
        assert squeezed(wanted) in text, (path, wanted)
