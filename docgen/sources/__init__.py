"""Readers by input format. Each returns plain data plus where every key stood.

Readers know nothing of the data model: they turn bytes into dicts, lists,
strings, Decimals and dates, and record line numbers by data path so that a
finding can point at the line a person has to fix. This module is the part's face:
it only re-exports (the readers themselves import the modules below, never this one).
"""

from docgen.sources.document import DataPath as DataPath
from docgen.sources.document import Positions as Positions
from docgen.sources.document import RawDocument as RawDocument
from docgen.sources.document import check_shape as check_shape
from docgen.sources.document import set_path as set_path
from docgen.sources.files import parse as parse
from docgen.sources.files import read as read
from docgen.sources.text import MAX_INPUT_BYTES as MAX_INPUT_BYTES
from docgen.sources.text import decode_text as decode_text
from docgen.sources.text import read_text as read_text

__all__ = [
    "MAX_INPUT_BYTES",
    "DataPath",
    "Positions",
    "RawDocument",
    "check_shape",
    "decode_text",
    "parse",
    "read",
    "read_text",
    "set_path",
]
