"""The desk's zip of Chinese-named documents, written without any private API of zipfile: each
name is stored in GB18030 without the UTF-8 flag (what Windows Explorer on a Chinese system
reads) and again in UTF-8 in the Info-ZIP Unicode Path field (what 7-Zip, unzip, macOS read).
Read back byte by byte, by Python, and by Info-ZIP's unzip."""

from __future__ import annotations

import io
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

from helpers import require_tool

from docgen.zipping import names_in, zip_files

FILES = {
    "石嘴山市某项目-申报表.docx": b"PK fake docx " * 50,
    "（二）说明·附件.pdf": bytes(range(256)) * 8,
    "plain-ascii.txt": b"ascii name",
    "𠀀扩展区-€.txt": b"outside GBK, inside GB18030",
}


LOCAL = struct.Struct("<4sHHHHHIIIHH")  # flags at 2, name and extra lengths at 9 and 10
CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")  # flags at 3, name and extra lengths at 10 and 11


def headers(blob: bytes, signature: bytes, header: struct.Struct, flags_at: int) -> list[tuple[int, bytes, bytes]]:
    """(flags, name bytes, extra field) of every local or central header, read from the bytes."""
    found = []
    at = blob.find(signature)
    while at >= 0:
        fields = header.unpack_from(blob, at)
        flags, name_length, extra_length = fields[flags_at], fields[flags_at + 7], fields[flags_at + 8]
        start = at + header.size
        found.append(
            (flags, blob[start : start + name_length], blob[start + name_length : start + name_length + extra_length])
        )
        at = blob.find(signature, at + 4)
    return found


def test_each_name_is_gb18030_with_its_utf8_in_the_unicode_path_field() -> None:
    blob = zip_files(FILES)
    for signature, header, flags_at in ((b"PK\x03\x04", LOCAL, 2), (b"PK\x01\x02", CENTRAL, 3)):
        found = headers(blob, signature, header, flags_at)
        assert [name.decode("gb18030") for _flags, name, _extra in found] == list(FILES)
        for flags, name, extra in found:
            assert not flags & 0x800  # no UTF-8 flag: the name's bytes are GB18030
            if name.isascii():
                assert extra == b""
                continue
            kind, size, version, crc = struct.unpack_from("<HHBI", extra)
            assert (kind, size, version, crc) == (0x7075, len(extra) - 4, 1, zlib.crc32(name))
            assert extra[9:].decode("utf-8") == name.decode("gb18030")


def test_python_reads_the_names_and_the_contents_back() -> None:
    blob = zip_files(FILES)
    assert names_in(blob) == list(FILES)
    with zipfile.ZipFile(io.BytesIO(blob), metadata_encoding="gb18030") as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == FILES
        assert all(info.external_attr >> 16 == 0o644 for info in archive.infolist())


def test_info_zips_unzip_extracts_every_file_under_its_chinese_name(tmp_path: Path) -> None:
    unzip = require_tool("unzip")
    archive = tmp_path / "材料.zip"
    archive.write_bytes(zip_files(FILES))
    subprocess.run([unzip, "-q", str(archive), "-d", str(tmp_path / "out")], check=True, env={"LANG": "C.UTF-8"})
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == FILES
