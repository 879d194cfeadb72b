"""Reading a .docx package with bounds, and writing one reproducibly.

Reading refuses archives that are not zips, that have too many members, that
unpack too large or compress suspiciously well (zip bombs). Writing fixes every
timestamp and the member order, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass

from docgen.render.wordml import escape_text

MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member over 1 MiB


class PackageError(Exception):
    """The file is not a readable .docx; the message is Chinese."""


@dataclass
class Package:
    """The members of a .docx, in archive order."""

    names: list[str]
    parts: dict[str, bytes]


def read_package(blob: bytes, name: str) -> Package:
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except zipfile.BadZipFile:
        raise PackageError(f"「{name}」不是有效的 .docx 文件（不是 ZIP 压缩包）") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackageError(f"「{name}」包含的文件过多（超过 {MAX_MEMBERS} 个），拒绝读取")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise PackageError(f"「{name}」解压后超过 {MAX_TOTAL_BYTES // 1024**2} MiB，拒绝读取")
        for info in infos:
            if info.file_size > 1024**2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackageError(f"「{name}」的压缩比异常（疑似压缩炸弹），拒绝读取")
        parts: dict[str, bytes] = {}
        names: list[str] = []
        try:
            for info in infos:
                if info.is_dir():
                    continue
                parts[info.filename] = archive.read(info)
                names.append(info.filename)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise PackageError(f"「{name}」已损坏，无法读取：{exc}") from None
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        raise PackageError(f"「{name}」不是 Word 文档（缺少 word/document.xml）")
    return Package(names=names, parts=parts)


def build_time(fallback: dt.date | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set; else the given date; else 1980-01-01 (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    elif fallback is not None:
        moment = dt.datetime(fallback.year, fallback.month, fallback.day, tzinfo=dt.UTC)
    else:
        moment = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))


def core_properties(title: str, creator: str, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape_text(title)}</dc:title><dc:creator>{escape_text(creator)}</dc:creator>"
        "<cp:lastModifiedBy>docgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def write_package(names: list[str], parts: dict[str, bytes], when: dt.datetime) -> bytes:
    """A zip of ``parts`` in ``names`` order with fixed timestamps and attributes."""
    stamp = when.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
