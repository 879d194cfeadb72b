"""A zip of Chinese-named files that every zip tool names right.

The entry names are stored in GB18030 (what Windows Explorer on a Chinese system and older
zip tools read), with the Info-ZIP Unicode Path extra field (0x7075) carrying the UTF-8
name for 7-Zip, WinRAR, macOS, Linux and Python (``metadata_encoding="gb18030"``). The
page also offers every file on its own, for tools that read neither.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


class _LegacyName(zipfile.ZipInfo):
    """A ZipInfo whose name is written in GB18030 without the UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gb18030"), self.flag_bits & ~0x800


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip archive of ``files`` (name → bytes), names readable by old and new tools alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in files.items():
            info = _LegacyName(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            legacy = name.encode("gb18030")
            utf8 = name.encode("utf-8")
            if legacy != utf8:
                payload = struct.pack("<BI", 1, zlib.crc32(legacy)) + utf8
                info.extra = struct.pack("<HH", 0x7075, len(payload)) + payload
            archive.writestr(info, blob)
    return out.getvalue()


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
        if kind == 0x7075 and size >= 5:
            return extra[at + 9 : at + 4 + size].decode("utf-8")
        at += 4 + size
    return None
