"""The workspace of ``docgen serve``: one folder per project, each an ordinary docgen data
file ``项目.yaml`` with its pictures — the same files the command line reads.

Every change the browser makes is one edit of that file (comments and key order kept, as
``review`` keeps them), written to a temporary file and renamed. Names coming from the
browser (project names, uploaded file names) are shown, never used as paths: folders and
pictures get names docgen makes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen import api
from docgen.errors import InputError
from docgen.fields import FieldNode, find
from docgen.normalize import read_amount, read_day
from docgen.output import atomic_write, safe_filename
from docgen.project import LoadedProject, load_raw
from docgen.sources import parse, read_text
from docgen.sources.yaml_source import REMOVE, EditPath, dump, edit

DATA_FILE = "项目.yaml"
PICTURES = "图片"
PICTURE_TYPES = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"GIF8": "gif", b"BM": "bmp"}


@dataclass(frozen=True)
class Summary:
    """A project as the home page lists it."""

    key: str  # the folder's name: the project's address in the workspace
    name: str
    errors: int
    warnings: int
    changed: dt.datetime
    problem: str | None = None  # the file cannot be read at all


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------ projects

    def folder(self, key: str) -> Path:
        """The folder of project ``key``; InputError when there is none (or the key leads elsewhere)."""
        if not key or key != safe_filename(key) or key.startswith("."):
            raise InputError(f"没有这个项目：{key}")
        folder = self.root / key
        if not (folder / DATA_FILE).is_file():
            raise InputError(f"没有这个项目：{key}")
        return folder

    def data_file(self, key: str) -> Path:
        return self.folder(key) / DATA_FILE

    def projects(self) -> list[Summary]:
        found = []
        for folder in sorted(self.root.iterdir()):
            data = folder / DATA_FILE
            if folder.name.startswith(".") or not data.is_file():
                continue
            changed = dt.datetime.fromtimestamp(data.stat().st_mtime)
            try:
                project = self.load(folder.name)
            except InputError as exc:
                found.append(Summary(folder.name, folder.name, 1, 0, changed, exc.message))
                continue
            name = project.data.project.name or "（未填写项目名称）"
            findings = project.findings
            found.append(Summary(folder.name, name, len(findings.errors), len(findings.warnings), changed))
        return sorted(found, key=lambda s: s.changed, reverse=True)

    def load(self, key: str) -> LoadedProject:
        return api.load(self.data_file(key))

    def text(self, key: str) -> str:
        return read_text(self.data_file(key))  # UTF-8, with BOM, or GBK as a hand-made file may be

    def _new_folder(self, name: str) -> Path:
        stem = safe_filename(name or "新项目", fallback="新项目", max_bytes=120)
        for number in range(1, 10_000):
            candidate = self.root / (stem if number == 1 else f"{stem}-{number}")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            return candidate
        raise InputError("工作区中同名的项目过多")

    def create(self, name: str) -> str:
        """A new project from the starter file (every key with its label as a comment)."""
        from docgen.starter import starter_yaml

        folder = self._new_folder(name)
        text = starter_yaml()
        if name.strip():
            text = edit(text, [(("project", "name"), name.strip())])
        atomic_write(folder / DATA_FILE, text.encode("utf-8"))
        return folder.name

    def import_data(self, data: dict[str, Any], name_hint: str = "") -> str:
        name = ""
        project = data.get("project") if isinstance(data, dict) else None
        if isinstance(project, dict) and isinstance(project.get("name"), str):
            name = project["name"]
        folder = self._new_folder(name or name_hint)
        atomic_write(folder / DATA_FILE, dump(data, ["由 docgen serve 导入"]).encode("utf-8"))
        return folder.name

    def import_upload(self, filename: str, blob: bytes) -> tuple[list[str], list[str]]:
        """A data file (.yaml/.json), an .xlsx plan (one project per row) or a filled 附件1/附件2
        (.docx, through ``extract``): (keys of the projects made, problems said in Chinese)."""
        suffix = Path(filename).suffix.lower()
        shown = Path(filename).name
        with tempfile.TemporaryDirectory() as work:
            # the uploaded name is never a path: a name docgen makes, with the suffix that tells the reader
            staged = Path(work) / ("upload" + (suffix if re.fullmatch(r"\.[a-z]{2,5}", suffix) else ""))
            staged.write_bytes(blob)
            if suffix in (".yaml", ".yml", ".json"):
                from docgen.sources import decode_text

                raw = parse(decode_text(blob, shown), staged)
                return [self.import_data(_plain(raw.data), Path(shown).stem)], []
            if suffix == ".xlsx":
                keys, problems = [], []
                for where, data, error in api.workbook_projects(staged):
                    if error is not None or data is None:
                        problems.append(f"{shown} {where}：{error.message if error else '无法读取'}")
                    else:
                        keys.append(self.import_data(_plain(data)))
                return keys, problems
            if suffix == ".docx":
                result = api.extract(staged)
                problems = [p.message for p in result.problems]
                return [self.import_data(_plain(result.data), Path(shown).stem)], problems
        raise InputError(f"「{shown}」不是可导入的文件：请选择 .yaml、.json、.xlsx 或填好的附件1/附件2 .docx")

    # ------------------------------------------------------------ editing

    def set_value(self, key: str, path: EditPath, value: str | list[str]) -> None:
        """Store what was typed into the field at ``path``, read the way every input is read."""
        node = find(tuple(str(p) for p in path))
        if node is None:
            raise InputError(f"数据格式中没有这个字段：{'.'.join(str(p) for p in path)}")
        self.apply(key, [(path, typed(node, value))])

    def add_row(self, key: str, path: EditPath, item: Any) -> None:
        current = _at(parse(self.text(key), self.data_file(key)).data, path)
        index = len(current) if isinstance(current, list) else 0
        if not isinstance(current, list) and current not in (None, ""):
            # a report section written as one text becomes its first paragraph
            self.apply(key, [(path, [current, item])])
            return
        self.apply(key, [((*path, index), item)])

    def remove_row(self, key: str, path: EditPath, index: int) -> None:
        self.apply(key, [((*path, index), REMOVE)])

    def set_profile(self, key: str, profile: str) -> None:
        self.apply(key, [(("profile",), profile or REMOVE)])

    def apply(self, key: str, changes: list[tuple[EditPath, Any]]) -> None:
        """Edit the project's data file: each (path, value) set, or REMOVE taken out; written atomically."""
        target = self.data_file(key)
        text = edit(read_text(target), changes)
        parse(text, target)  # never write what docgen itself could not read back
        atomic_write(target, text.encode("utf-8"))

    def add_picture(self, key: str, blob: bytes) -> str:
        """Keep an uploaded picture in the project's folder under a name docgen makes; its path
        relative to the data file. Anything that is not a PNG, JPEG, GIF or BMP is refused."""
        kind = next((ext for magic, ext in PICTURE_TYPES.items() if blob.startswith(magic)), None)
        if kind is None:
            raise InputError("上传的文件不是 PNG、JPEG、GIF 或 BMP 图片")
        folder = self.folder(key) / PICTURES
        folder.mkdir(exist_ok=True)
        name = f"{hashlib.sha256(blob).hexdigest()[:12]}.{kind}"
        atomic_write(folder / name, blob)
        return f"{PICTURES}/{name}"

    def validate_text(self, text: str, suffix: str) -> LoadedProject:
        """Data sent by a script (YAML or JSON), judged as ``validate`` judges a file."""
        return load_raw(parse(text, Path(f"请求数据{suffix}")))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def typed(node: FieldNode, value: str | list[str]) -> Any:
    """What a person typed into a form field, as the data file holds it. A value that cannot be
    read is kept as typed, so that validation names it — nothing is dropped or guessed."""
    if isinstance(value, list):
        value = "\n".join(value)
    text = value.replace("\r\n", "\n").strip()
    kind = node.kind
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "dates":
        return [read_day(line) or line.strip() for line in text.splitlines() if line.strip()]
    if not text:
        return None
    if kind == "amount":
        number = read_amount(text)
        return number if number is not None else text
    if kind == "integer":
        return int(text) if text.isdigit() else text
    if kind == "date":
        return read_day(text) or text
    if kind == "yesno":
        return {"是": True, "否": False}.get(text, text)
    return text


def _at(data: Any, path: EditPath) -> Any:
    node = data
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def _plain(data: Any) -> Any:
    """Data as JSON-like Python values for a YAML file (dates and amounts kept)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, float):
        return Decimal(repr(data))
    return data
