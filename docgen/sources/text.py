"""From bytes to text: the encodings Chinese offices save in, and the files refused before parsing."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.limits import MAX_INPUT_BYTES as MAX_INPUT_BYTES
from docgen.messages import MSG
from docgen.output import reason

#: The start of an old binary Office file (.doc, .xls): an OLE compound document.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of ASCII text is zero."""
    head = raw[:200]
    return len(head) >= 8 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first; GB18030 (a superset of GBK) second.

    Files saved by Chinese editions of Windows tools are often GBK; reading them
    beats refusing them. Anything that is neither is refused with a clear message.
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(MSG.input_too_large.format(name=name, limit=MAX_INPUT_BYTES // 1024**2))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise InputError(MSG.input_utf16.format(name=name))  # what Notepad saves as "Unicode"
    if raw.startswith(OLE_MAGIC):
        raise InputError(MSG.input_old_office.format(name=name))
    if b"\x00" in raw[:4096]:
        raise InputError(MSG.input_binary.format(name=name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(MSG.input_encoding.format(name=name, pos=exc.start)) from None


def read_text(path: Path) -> str:
    """The decoded text of a project file, or a Chinese InputError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(MSG.input_missing.format(name=path)) from None
    except IsADirectoryError:
        raise InputError(MSG.input_is_dir.format(name=path)) from None
    except OSError as exc:
        raise InputError(MSG.input_unreadable.format(name=path, reason=reason(exc))) from None
    return decode_text(raw, str(path))


def _is_cjk(char: str) -> bool:
    """A Chinese character or a full-width mark (、，。「」（）…), which YAML's folding should not space."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs (Extension A and the main block)
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # Extensions B …
        or char in "“”‘’…—"
    )


def unfold_chinese(text: str, folds: list[int]) -> str:
    """A folded block (``>``) joins its lines with a space; between Chinese text that space is
    a typo the author never typed (「初稿； 已与…」), so it is removed where either side is Chinese.
    ``folds`` are the positions of the spaces the folding put in."""
    drop = {
        position
        for position in folds
        if 0 < position < len(text) - 1
        and text[position] == " "
        and (_is_cjk(text[position - 1]) or _is_cjk(text[position + 1]))
    }
    return "".join(char for index, char in enumerate(text) if index not in drop)
