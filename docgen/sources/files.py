"""A project file read by its suffix: .yaml/.yml or .json."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.messages import MSG
from docgen.sources.document import RawDocument
from docgen.sources.text import read_text


def parse(text: str, path: Path) -> RawDocument:
    """Parse ``text`` by the suffix of ``path`` (.yaml/.yml or .json)."""
    from docgen.sources import json_source, yaml_source  # loaded when a file of theirs is read

    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = json_source.parse(text, str(path))
    elif suffix in {".yaml", ".yml"}:
        doc = yaml_source.parse(text, str(path))
    else:
        raise InputError(MSG.input_suffix.format(name=path))
    doc.path = path
    return doc


def read(path: Path) -> RawDocument:
    """Read a project file by its suffix (.yaml/.yml or .json)."""
    return parse(read_text(path), path)
