"""Writing files safely: names safe on Windows and Linux, writes that are atomic,
and never a path outside the folder the user named.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

from docgen.errors import InputError
from docgen.messages import MSG

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Bytes left for the project name in a file name (ext4 and NTFS allow 255).
MAX_NAME_BYTES = 150
#: Characters of a name looked at per byte kept: room for the marks and spaces the cleaning drops.
_KEPT_CHARACTERS = 4


def safe_filename(stem: str, fallback: str = "未命名项目", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name stem that every common filesystem accepts and that stays in its folder."""
    # Only the start of a name can survive the cut: a long name (an 18 MB one) costs no more than
    # a short one. Every step below is linear, and the cut is made once, on the encoded bytes.
    text = unicodedata.normalize("NFC", stem[: _KEPT_CHARACTERS * max_bytes])
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cf", "Cs", "Co", "Cn"})
    text = _UNSAFE.sub("_", text).strip()
    text = re.sub(r"\s+", " ", text)
    text = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")  # never half a character
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


def confined(folder: Path | None, written: str) -> Path | None:
    """The file ``written`` names inside ``folder`` (a picture path from project data), or None when
    it would be elsewhere: an absolute path, a drive, ``..`` or a link leading out — all refused the
    same way, so the answer never tells whether a file outside exists."""
    if folder is None or not written or "\x00" in written:
        return None
    relative = Path(written.replace("\\", "/"))
    if relative.is_absolute() or relative.drive or ":" in written:
        return None
    root = folder.resolve()
    target = (root / relative).resolve()
    return target if target.is_relative_to(root) and target != root else None


_REASONS = {
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EEXIST: "已有同名的文件",
    errno.EISDIR: "这是一个文件夹",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "上级文件夹不存在，也无法创建",
    errno.ENAMETOOLONG: "路径太长",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超过系统允许的大小",
    errno.EIO: "磁盘读写出错",
}


#: What a disk answers when it cannot take a write: full, over quota, a file too large, read-only, failing.
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


def reason(exc: OSError) -> str:
    """Why the system refused, in Chinese (never the system's English sentence)."""
    return _REASONS.get(exc.errno or 0, f"系统拒绝（错误码 {exc.errno}）")


def write_reason(exc: OSError | sqlite3.Error) -> str:
    """Why a write failed, in Chinese; SQLite says a full disk in its own words."""
    if isinstance(exc, OSError):
        return reason(exc)
    return _REASONS[errno.ENOSPC] if "full" in str(exc) else _REASONS[errno.EIO]


def ensure_folder(path: Path) -> Path:
    """The output folder, created if needed; an InputError (exit 2) naming it when it cannot be."""
    if path.exists() and not path.is_dir():
        raise InputError(MSG.output_not_folder.format(path=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(MSG.output_unwritable.format(path=path, reason=reason(exc))) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(MSG.output_unwritable.format(path=path, reason=_REASONS[errno.EACCES]))
    return path


def ensure_file_target(path: Path) -> Path:
    """A file about to be written: its folder usable, itself not a folder (InputError otherwise)."""
    if path.is_dir():
        raise InputError(MSG.output_unwritable.format(path=path, reason=_REASONS[errno.EISDIR]))
    ensure_folder(path.parent)
    return path


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()  # what an ordinary new file gets under the user's umask


def atomic_write(path: Path, data: bytes, durable: bool = True, *, folder_checked: bool = False) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``.

    The rename is atomic: a killed process leaves the old file or the new one, never
    half of one. ``durable`` also flushes the data to disk before the rename (against
    a power cut); a batch turns it off for speed, as a rerun rebuilds what is lost.
    ``folder_checked``: the caller made or checked the folder just now (a batch, for each of a
    project's documents), so its five checks are not repeated.
    """
    atomic_write_all({path: data}, durable, folder_checked=folder_checked)


def atomic_write_all(files: dict[Path, bytes], durable: bool = True, *, folder_checked: bool = False) -> None:
    """Several files, all or none: every one is written to a temporary file beside it first, and
    only when all are written are they renamed into place. A full disk (or any failure) on the
    third leaves the first two as they were, and no temporary file: an InputError naming the file."""
    pending: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            pending.append((_temporary(path, data, durable, folder_checked), path))
        while pending:
            tmp, path = pending[0]
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise InputError(MSG.output_unwritable.format(path=path, reason=reason(exc))) from None
            pending.pop(0)
    finally:
        for tmp, _path in pending:
            Path(tmp).unlink(missing_ok=True)


def _temporary(path: Path, data: bytes, durable: bool, folder_checked: bool) -> str:
    """``data`` in a new temporary file in ``path``'s folder: its name (removed again on any failure)."""
    if not folder_checked:
        ensure_file_target(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".docgen-", suffix=".tmp")
    except OSError as exc:
        raise InputError(MSG.output_unwritable.format(path=path, reason=reason(exc))) from None
    try:
        os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files (0644 under umask 022)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(MSG.output_unwritable.format(path=path, reason=reason(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


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
