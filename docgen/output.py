"""Writing files safely: names safe on Windows and Linux, writes that are atomic,
and never a path outside the folder the user named.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Bytes left for the project name in a file name (ext4 and NTFS allow 255).
MAX_NAME_BYTES = 150


def safe_filename(stem: str, fallback: str = "未命名项目", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name stem that every common filesystem accepts and that stays in its folder."""
    text = unicodedata.normalize("NFC", stem)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cf", "Cs", "Co", "Cn"})
    text = _UNSAFE.sub("_", text).strip()
    text = re.sub(r"\s+", " ", text)
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    text = text.rstrip(". ")
    text = text.lstrip(".")
    if not text or set(text) <= {"_", " "}:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that would land elsewhere."""
    target = (folder / name).resolve()
    root = folder.resolve()
    if target.parent != root:
        raise ValueError(f"refusing to write outside {root}: {name}")
    return target


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``.

    The rename is atomic: a killed process leaves the old file or the new one, never
    half of one. ``durable`` also flushes the data to disk before the rename (against
    a power cut); a batch turns it off for speed, as a rerun rebuilds what is lost.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".docgen-", suffix=".tmp")
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files (0644 under umask 022)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unique_names(stems: list[str]) -> list[str]:
    """Resolve collisions case-insensitively (Windows folds case): a, a(2), a(3)…"""
    seen: dict[str, int] = {}
    out = []
    for stem in stems:
        key = stem.casefold()
        count = seen.get(key, 0) + 1
        seen[key] = count
        out.append(stem if count == 1 else f"{stem}({count})")
    return out
