"""Writing a .docx package reproducibly (reading, with bounds, is docgen.docx_package).

Writing fixes every timestamp and the member order, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from docgen.docx_package import Package, PackageError, read_package
from docgen.render.wordml import escape_text

__all__ = ["Package", "PackageError", "build_time", "core_properties", "read_package", "write_package"]


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
