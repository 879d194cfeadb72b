"""Checking documents someone else wrote: which form a file is, what it lacks,
and where the documents of one package disagree with each other.

This module is the part's face: it only re-exports (the modules of the part import
each other, never this one)."""

from docgen.checking.cells import FORM_CELLS as FORM_CELLS
from docgen.checking.cells import read_cells as read_cells
from docgen.checking.detect import detect_form as detect_form
from docgen.checking.detect import is_checklist as is_checklist
from docgen.checking.documents import CheckedDocument as CheckedDocument
from docgen.checking.documents import Judge as Judge
from docgen.checking.documents import check_document as check_document
from docgen.checking.documents import consistency as consistency
from docgen.checking.extract import office_words as office_words
from docgen.checking.files import SAVE_AS_DOCX as SAVE_AS_DOCX
from docgen.checking.files import SKIP_ADVICE as SKIP_ADVICE
from docgen.checking.files import Skipped as Skipped
from docgen.checking.files import docx_files as docx_files

__all__ = [
    "FORM_CELLS",
    "SAVE_AS_DOCX",
    "SKIP_ADVICE",
    "CheckedDocument",
    "Judge",
    "Skipped",
    "check_document",
    "consistency",
    "detect_form",
    "docx_files",
    "is_checklist",
    "office_words",
    "read_cells",
]
