"""Writing a .docx package reproducibly (reading, with bounds, is docgen.docx_package).

Writing fixes every timestamp and the member order, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from docgen.docx_package import SAFE_PARSER, Package, PackageError, read_package
from docgen.render.wordml import escape_text

RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=256)
def add_relationships(rels_xml: bytes, relationships: tuple[tuple[str, str, str], ...]) -> bytes:
    """A ``.rels`` part with ``(id, type, target)`` relationships appended (ids already used are replaced).

    Cached: every document of a form adds the same relationships to the same template part."""
    root = etree.fromstring(rels_xml, SAFE_PARSER)
    taken = {element.get("Id"): element for element in root}
    for rel_id, rel_type, target in relationships:
        if rel_id in taken:
            root.remove(taken[rel_id])
        etree.SubElement(root, f"{{{RELATIONSHIPS_NS}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return _serialize(root)


@lru_cache(maxsize=256)
def add_content_types(
    types_xml: bytes, *, defaults: tuple[tuple[str, str], ...] = (), overrides: tuple[tuple[str, str], ...] = ()
) -> bytes:
    """``[Content_Types].xml`` with a Default per extension and an Override per part name, each
    added only when the part does not already declare it. Cached, like add_relationships."""
    root = etree.fromstring(types_xml, SAFE_PARSER)
    known_defaults = {(e.get("Extension") or "").lower() for e in root if e.tag == f"{{{CONTENT_TYPES_NS}}}Default"}
    known_overrides = {e.get("PartName") for e in root if e.tag == f"{{{CONTENT_TYPES_NS}}}Override"}
    for extension, content_type in sorted(defaults):
        if extension.lower() not in known_defaults:
            etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", Extension=extension, ContentType=content_type)
    for part_name, content_type in sorted(overrides):
        if part_name not in known_overrides:
            etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=part_name, ContentType=content_type)
    return _serialize(root)


__all__ = [
    "Deflated",
    "Package",
    "PackageError",
    "add_content_types",
    "add_relationships",
    "build_time",
    "core_properties",
    "deflate",
    "read_package",
    "write_package",
]


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


@dataclass(frozen=True)
class Deflated:
    """A part already compressed: a raw deflate stream with its CRC-32 and unpacked size."""

    crc: int
    size: int
    data: bytes


#: How hard a part rendered for one document is compressed: zlib's level 1 takes about a third of
#: the default's time and makes a document about a tenth larger; a batch compresses thousands.
PART_LEVEL = 1


def deflate(data: bytes, level: int = 6) -> Deflated:
    if len(data) <= _SMALL_PART:
        return _deflate_small(data, level)
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def deflate_open(data: bytes, level: int = 6) -> Deflated:
    """``data`` compressed and flushed to a byte boundary but not ended: :func:`deflate_close` ends
    it with a tail, so that a large shared head is compressed once for many documents."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(zlib.crc32(data), len(data), packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH))


def deflate_close(head: Deflated, tail: bytes) -> Deflated:
    """The part ``head``'s data + ``tail``: the tail's blocks follow the head's (a raw deflate
    stream is a sequence of blocks; the tail's refer to nothing before them)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Deflated(
        zlib.crc32(tail, head.crc), head.size + len(tail), head.data + packer.compress(tail) + packer.flush()
    )


#: Parts up to this size (relationships, content types, custom XML properties) are the same in
#: most documents of a batch: each distinct one is compressed once.
_SMALL_PART = 4096


@lru_cache(maxsize=1024)
def _deflate_small(data: bytes, level: int) -> Deflated:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def compressed_members(blob: bytes, parts: dict[str, bytes]) -> dict[str, Deflated]:
    """The deflated members of a zip as they are stored, to copy without recompressing.

    ``parts`` (the members already read and checked by read_package) confirms each
    size; a member stored uncompressed, or not matching, is left out (the caller
    compresses it).
    """
    found: dict[str, Deflated] = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1 or info.filename not in parts:
                continue
            offset = info.header_offset
            header = blob[offset : offset + 30]
            if header[:4] != b"PK\x03\x04" or len(parts[info.filename]) != info.file_size:
                continue
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            start = offset + 30 + name_length + extra_length
            found[info.filename] = Deflated(info.CRC, info.file_size, blob[start : start + info.compress_size])
    return found


_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8_NAME = 0x800

#: How an entry's name is stored: (the name's bytes, the general-purpose flags, the extra field).
NameField = Callable[[str], tuple[bytes, int, bytes]]


def utf8_name(name: str) -> tuple[bytes, int, bytes]:
    """The name in UTF-8, flagged as such when it is not ASCII (what Office and every modern tool read)."""
    encoded = name.encode("utf-8")
    return encoded, 0 if encoded.isascii() else _UTF8_NAME, b""


def write_package(
    names: list[str],
    parts: dict[str, bytes | Deflated],
    when: dt.datetime,
    *,
    name_field: NameField = utf8_name,
    mode: int = 0o600,
) -> bytes:
    """A zip of ``parts`` in ``names`` order, with fixed timestamps and attributes.

    Parts given as :class:`Deflated` (a template's unchanged parts, compressed once
    when the template was prepared) are copied as they are; only what a rendering
    changed is compressed here. ``name_field`` says how each name is stored (UTF-8 for a
    package; ``docgen.zipping`` stores the names old Chinese Windows reads), ``mode``
    the permissions of the files unpacked.
    """
    dos_time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    dos_date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    out = bytearray()
    central = bytearray()
    for name in names:
        entry = parts[name]
        packed = entry if isinstance(entry, Deflated) else deflate(entry, PART_LEVEL)
        encoded, flags, extra = name_field(name)
        offset = len(out)
        out += _LOCAL.pack(
            0x04034B50,
            20,
            flags,
            8,
            dos_time,
            dos_date,
            packed.crc,
            len(packed.data),
            packed.size,
            len(encoded),
            len(extra),
        )
        out += encoded + extra
        out += packed.data
        central += _CENTRAL.pack(
            0x02014B50,
            20,
            20,
            flags,
            8,
            dos_time,
            dos_date,
            packed.crc,
            len(packed.data),
            packed.size,
            len(encoded),
            len(extra),
            0,
            0,
            0,
            mode << 16,
            offset,
        )
        central += encoded + extra
    start = len(out)
    out += central
    out += _END.pack(0x06054B50, 0, 0, len(names), len(names), len(central), start, 0)
    return bytes(out)
