"""A zip of Chinese-named files that every zip tool names right.

The entry names are stored in GB18030 (what Windows Explorer on a Chinese system and older
zip tools read), with the Info-ZIP Unicode Path extra field (0x7075) carrying the UTF-8
name for 7-Zip, WinRAR, macOS, Linux and Python (``metadata_encoding="gb18030"``). The
page also offers every file on its own, for tools that read neither.

The archive is written by docgen's own zip writer (``docgen.render.package``), which stores a
name as it is given: no private API of :mod:`zipfile` is touched.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

from docgen.render.package import write_package

UNICODE_PATH = 0x7075
#: zipfile's own default for an entry's time: the earliest a zip can say.
_WHEN = dt.datetime(1980, 1, 1)


def legacy_name(name: str) -> tuple[bytes, int, bytes]:
    """An ASCII name as it is; any other in GB18030 without the UTF-8 flag, with the Unicode Path
    field (version 1, the CRC-32 of the GB18030 name, the UTF-8 name) beside it."""
    if name.isascii():
        return name.encode("ascii"), 0, b""
    legacy = name.encode("gb18030")
    payload = struct.pack("<BI", 1, zlib.crc32(legacy)) + name.encode("utf-8")
    return legacy, 0, struct.pack("<HH", UNICODE_PATH, len(payload)) + payload


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip archive of ``files`` (name → bytes), names readable by old and new tools alike."""
    return write_package(list(files), dict(files), _WHEN, name_field=legacy_name, mode=0o644)


def names_in(blob: bytes) -> list[str]:
    """The entry names of a zip made by ``zip_files``, read from the Unicode Path field."""
    names = []
    with zipfile.ZipFile(io.BytesIO(blob), metadata_encoding="gb18030") as archive:
        for info in archive.infolist():
            names.append(_unicode_path(info.extra) or info.filename)
    return names


def _unicode_path(extra: bytes) -> str | None:
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == UNICODE_PATH and size >= 5:
            return extra[at + 9 : at + 4 + size].decode("utf-8")
        at += 4 + size
    return None
