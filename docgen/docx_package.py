"""Reading a .docx that may come from anywhere: bounded, and with XML that cannot
reach outside the file.

Limits (documented in the README):

* at most ``MAX_MEMBERS`` members;
* at most ``MAX_TOTAL_BYTES`` unpacked in total, counted while unpacking (the
  sizes a zip declares are not trusted);
* no member over 1 MiB that unpacks more than ``MAX_RATIO`` times its packed size;
* XML with a DOCTYPE is refused: a Word document never carries one, and a DTD is
  how external entities and entity bombs get in. The parser itself says whether a part
  has one (wherever it stands, in any encoding), after parsing it with entities left
  unresolved, no DTD loaded and no network; an entity that no DTD declares is a syntax
  error. Nothing is fetched from the network.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from docgen.errors import InputError

MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member over 1 MiB
_CHUNK = 1024 * 1024

SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old binary .doc (an OLE compound document)


class PackageError(InputError):
    """The file is not a readable .docx; the message is Chinese and names the file."""


class OldWordDocument(PackageError):
    """An old binary .doc (an OLE compound document) under a .docx name."""


_NEEDED = ("word/document.xml", "[Content_Types].xml")  # every Word document has them


class EncryptedDocument(PackageError):
    """A .docx saved with an opening password: Word stores it encrypted inside an OLE compound document."""


#: The stream an encrypted .docx keeps its package in (MS-OFFCRYPTO), as the compound document names it.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


#: What reading a damaged or encrypted ZIP member raises (zlib.error: one damaged byte of a compressed one).
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)
_DTD_REFUSED = "「{name}」的 {part} 含有 DTD 或实体声明（Office 文档不会有），可能是恶意文件，拒绝读取"


@dataclass
class Package:
    """The members of a .docx, in archive order."""

    names: list[str]
    parts: dict[str, bytes]


def read_package(blob: bytes, name: str, only: Callable[[str], bool] | None = None) -> Package:
    """The members of a .docx (those ``only`` accepts, when given), within the bounds above."""
    if blob.startswith(OLE_MAGIC) and ENCRYPTED_STREAM in blob:
        raise EncryptedDocument(
            f"「{name}」设置了打开密码（文档已加密），无法读取：请在 Word/WPS 中取消密码"
            "（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存，再重试"
        )
    if blob.startswith(OLE_MAGIC):
        raise OldWordDocument(
            f"「{name}」是旧版 Word 文档（.doc，只是改了扩展名）：请在 Word/WPS 中另存为 .docx 后重试"
        )
    archive = _bounded_zip(io.BytesIO(blob), name, f"「{name}」不是有效的 .docx 文件（不是 ZIP 压缩包）")
    with archive:
        infos = archive.infolist()
        parts: dict[str, bytes] = {}
        names: list[str] = []
        budget = MAX_TOTAL_BYTES
        try:
            for info in infos:
                if info.is_dir() or (only is not None and not only(info.filename) and info.filename not in _NEEDED):
                    continue
                data = _read_member(archive, info, name, budget)
                budget -= len(data)
                parts[info.filename] = data
                names.append(info.filename)
        except _DAMAGED:
            raise PackageError(f"「{name}」已损坏或加密，无法读取") from None
    if any(needed not in parts for needed in _NEEDED):
        raise PackageError(f"「{name}」不是 Word 文档（缺少 word/document.xml）")
    return Package(names=names, parts=parts)


def _bounded_zip(source: Path | IO[bytes], name: str, not_zip: str) -> zipfile.ZipFile:
    """The ZIP at ``source``, open, its members and their declared sizes within the bounds
    (zipfile never unpacks past a declared size, so the total holds while reading)."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageError(not_zip) from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise PackageError(f"「{name}」包含的文件过多（超过 {MAX_MEMBERS} 个），拒绝读取")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        archive.close()
        raise PackageError(f"「{name}」解压后超过 {MAX_TOTAL_BYTES // 1024**2} MiB，拒绝读取")
    return archive


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: int) -> bytes:
    """One member, unpacked in chunks so that a lying size header cannot exhaust memory."""
    chunks = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise PackageError(f"「{name}」解压后超过 {MAX_TOTAL_BYTES // 1024**2} MiB，拒绝读取")
            if size > _CHUNK and size > MAX_RATIO * max(info.compress_size, 1):
                raise PackageError(f"「{name}」的压缩比异常（疑似压缩炸弹），拒绝读取")
            chunks.append(chunk)
    return b"".join(chunks)


def parse_xml(data: bytes, name: str, part: str) -> etree._Element:
    """A part's XML root. A part with a DTD is refused — by the parser's own account of the
    document (``docinfo``), so no comment, padding or encoding hides one — and entities are never
    expanded: an external entity or an entity bomb never takes effect."""
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        where = f"第 {exc.lineno} 行附近" if exc.lineno else "某处"
        raise PackageError(f"「{name}」的 {part} 不是格式正确的 XML（{where}），文件可能已损坏") from None
    if root is None:
        raise PackageError(f"「{name}」的 {part} 为空")
    if root.getroottree().docinfo.internalDTD is not None:  # any DOCTYPE, internal subset or not
        raise PackageError(_DTD_REFUSED.format(name=name, part=part))
    return root


def check_archive(path: Path, name: str, not_zip: str) -> None:
    """An Office Open XML file (a workbook) checked before another library reads it: a ZIP within
    the bounds above (by the sizes it declares, which zipfile never reads past; each member's
    ratio) whose XML parts have no DTD, as the parser finds it in each part's prolog (a DTD can
    stand nowhere else). The parts themselves are left for the library to read. ``not_zip`` is
    what is said when it is no ZIP at all."""
    with _bounded_zip(path, name, not_zip) as archive:
        for info in archive.infolist():
            if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackageError(f"「{name}」的压缩比异常（疑似压缩炸弹），拒绝读取")
            if info.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(info) as member:
                        _refuse_dtd_in_prolog(member, name, info.filename)
                except _DAMAGED:
                    raise PackageError(f"「{name}」已损坏或加密，无法读取") from None


def _refuse_dtd_in_prolog(stream: IO[bytes], name: str, part: str) -> None:
    """Parse ``stream`` up to its root element (entities unresolved, no DTD loaded, no network)
    and refuse it when the parser found a DOCTYPE there."""
    try:
        for _event, element in etree.iterparse(
            stream, events=("start",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
        ):
            if element.getroottree().docinfo.internalDTD is not None:
                raise PackageError(_DTD_REFUSED.format(name=name, part=part))
            return
    except etree.XMLSyntaxError as exc:
        where = f"第 {exc.lineno} 行附近" if exc.lineno else "某处"
        raise PackageError(f"「{name}」的 {part} 不是格式正确的 XML（{where}），文件可能已损坏") from None
