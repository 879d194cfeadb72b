"""Pictures, read before they are trusted: a 附件3 picture at validation (DG-IMAGE) and when it
goes into a document, and a picture uploaded to the desk before it is stored.

Pillow reads the format and the size, then decodes every pixel, so a picture whose header is
right and whose body is broken is found here, as a Chinese sentence, and never makes a build
fail. Bounds keep a huge picture from costing the machine: the bytes are checked before a file
is read, the pixels before anything is decoded.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import InputError
from docgen.messages import MSG

#: A picture larger than this is refused before it is read (a diagram is a few hundred KiB).
MAX_PICTURE_BYTES = 20 * 1024 * 1024
#: More pixels than this (8000 × 6000 is 48 million) is refused before decoding: decoded, it would
#: take 200 MB, and a page shows 156 mm of it.
MAX_PICTURE_PIXELS = 50_000_000
#: The formats Word, WPS and LibreOffice all show, by Pillow's name, with the extension docgen uses.
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp"}
#: How each begins: a file that begins so and does not decode is that format, damaged.
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF", b"BM": "BMP"}


@dataclass(frozen=True)
class Picture:
    """A picture that decoded completely: its extension (png, jpg, gif, bmp) and size in pixels."""

    ext: str
    width: int
    height: int


class PictureProblem(InputError):
    """A picture cannot be used. The message says why without naming the picture (the caller
    names it as the person knows it: a path in the data, an upload)."""


_known: dict[bytes, Picture] = {}  # pictures decoded already, by SHA-256 (validation, then the build)
_KNOWN_AT_MOST = 256


def read_picture(blob: bytes) -> Picture:
    """The picture ``blob`` holds, decoded completely; PictureProblem (Chinese) when it is not one
    of FORMATS, is over a bound, or is damaged."""
    if len(blob) > MAX_PICTURE_BYTES:
        raise _too_large(len(blob))
    key = hashlib.sha256(blob).digest()
    found = _known.get(key)
    if found is None:
        found = _decode(blob)
        if len(_known) >= _KNOWN_AT_MOST:
            _known.clear()
        _known[key] = found
    return found


def read_picture_file(path: Path) -> tuple[Picture, bytes]:
    """``read_picture`` of a file, and its bytes; the size is checked before the file is read
    (a 1 GiB file is never read)."""
    try:
        size = path.stat().st_size
        if size > MAX_PICTURE_BYTES:
            raise _too_large(size)
        blob = path.read_bytes()
    except OSError:
        raise PictureProblem(MSG.picture_unreadable) from None
    return read_picture(blob), blob


def check_upload(blob: bytes) -> Picture:
    """An uploaded picture, checked before it is stored: the picture, or PictureProblem whose
    message names it 「上传的文件」 (the desk answers with it; nothing is stored)."""
    try:
        return read_picture(blob)
    except PictureProblem as exc:
        raise PictureProblem(MSG.picture_upload.format(reason=exc.message)) from None


def _too_large(size: int) -> PictureProblem:
    return PictureProblem(MSG.picture_too_large.format(size=size / 1024**2, limit=MAX_PICTURE_BYTES // 1024**2))


def _too_many_pixels(pixels: int) -> PictureProblem:
    return PictureProblem(
        MSG.picture_too_many_pixels.format(pixels=pixels // 10_000, limit=MAX_PICTURE_PIXELS // 10_000)
    )


def _decode(blob: bytes) -> Picture:
    from PIL import Image, UnidentifiedImageError

    kind = next((name for magic, name in _MAGIC.items() if blob.startswith(magic)), "")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # said in Chinese below
            with Image.open(io.BytesIO(blob), formats=list(FORMATS)) as image:
                width, height = image.size
                kind = image.format or kind
                frames = getattr(image, "n_frames", 1)  # an animated GIF: every frame is shown
                if width * height * frames > MAX_PICTURE_PIXELS:
                    raise _too_many_pixels(width * height * frames)
                for frame in range(frames):
                    image.seek(frame)
                    image.load()  # every pixel: a body that is broken or cut short fails here
    except PictureProblem:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as bomb:
        # Pillow's own bound (above docgen's) stopped it while opening: it says how many pixels
        said = re.search(r"\((\d+) pixels\)", str(bomb))
        raise _too_many_pixels(int(said.group(1)) if said else MAX_PICTURE_PIXELS + 1) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error):
        if not kind:
            raise PictureProblem(MSG.picture_not_one) from None
        raise PictureProblem(MSG.picture_broken.format(kind=kind)) from None
    return Picture(FORMATS[kind], width, height)
