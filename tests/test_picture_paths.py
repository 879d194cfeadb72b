"""Picture paths in project data stay inside the data file's folder (CLI and serve alike):
``../``, absolute paths and links leading out are refused with one message, whether or not
the file outside exists, and nothing outside is ever read into a document."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

import docgen
from docgen.output import confined
from docgen.sources.yaml_source import parse

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)
SAMPLE = Path(__file__).parent.parent / "sample_data" / "contract-example.yaml"


def project_with_picture(folder: Path, written: str) -> Path:
    data = parse(SAMPLE.read_text(encoding="utf-8"), "x.yaml").data
    data["requirements_report"]["overview"] = ["项目概况。", {"image": {"path": written, "caption": "拓扑图"}}]
    target = folder / "项目.json"
    target.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return target


@pytest.mark.parametrize("written", ["../secret.png", "../missing.png", "/etc/secret.png", "sub/../../secret.png"])
def test_a_path_leading_out_is_refused_the_same_way_whether_or_not_it_exists(tmp_path: Path, written: str) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    folder = tmp_path / "项目"
    folder.mkdir()
    data = project_with_picture(folder, written)
    findings = [f for f in docgen.validate(data) if f.code == "DG-IMAGE"]
    assert len(findings) == 1
    assert "不在数据文件所在文件夹内" in findings[0].message
    with pytest.raises(docgen.ValidationFailed):
        docgen.build(data, tmp_path / "out", forms="requirements")


def test_a_link_leading_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    folder = tmp_path / "项目"
    folder.mkdir()
    os.symlink(tmp_path / "secret.png", folder / "link.png")
    data = project_with_picture(folder, "link.png")
    assert any("不在数据文件所在文件夹内" in f.message for f in docgen.validate(data) if f.code == "DG-IMAGE")


def test_a_picture_inside_the_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "图").mkdir()
    (tmp_path / "图" / "拓扑.png").write_bytes(PNG)
    data = project_with_picture(tmp_path, "图/拓扑.png")
    assert not [f for f in docgen.validate(data) if f.code == "DG-IMAGE"]
    result = docgen.build(data, tmp_path / "out", forms="requirements")
    with zipfile.ZipFile(result.outputs[0]) as package:
        assert any(name.startswith("word/media/") for name in package.namelist())


def test_confined_refuses_every_way_out(tmp_path: Path) -> None:
    assert confined(tmp_path, "a/b.png") == (tmp_path / "a" / "b.png").resolve()
    for written in ("", "..", "../x.png", "/x.png", "C:/x.png", "C:x.png", "a\\..\\..\\x.png", "a\x00.png"):
        assert confined(tmp_path, written) is None, written
    assert confined(None, "x.png") is None
