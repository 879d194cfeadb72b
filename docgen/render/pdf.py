"""PDF through LibreOffice, the stand-in for the reader's Word.

The documents name the faces GB/T 9704 asks for (仿宋, 楷体, 黑体, 宋体, 方正小标宋简体).
A Linux machine rarely has them, and LibreOffice would draw all of them in its first CJK
sans. Each conversion therefore gets a fontconfig file of its own (``FONTCONFIG_FILE``,
for that process only, nothing on the system changes) that maps every name the machine
lacks to a free face of the same role; a name the machine has (a Windows font an office
copied in) is left alone. When a role's face is missing too, the PDF is still made and
:func:`font_notes` says which face stood in and which Debian package gives the right one.

LibreOffice's private profile is built once per docgen version in a cache folder and
copied for each conversion, and fontconfig's cache is kept there between conversions.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from xml.sax.saxutils import escape

from docgen.errors import EnvironmentProblem
from docgen.messages import MSG

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 600


class PdfProblem(EnvironmentProblem):
    """LibreOffice or CJK fonts are missing, or a conversion failed; the message is Chinese."""


def find_soffice() -> str:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfProblem(MSG.soffice_missing)


def check_cjk_fonts() -> None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    if not found.stdout.strip():
        raise PdfProblem(MSG.cjk_fonts_missing)


@dataclass(frozen=True)
class FontRole:
    """One typeface role of GB/T 9704: the names documents use for it, and free faces that fill it."""

    role: str  # 仿宋 …, for messages
    names: tuple[str, ...]
    faces: tuple[tuple[str, str], ...]  # (fontconfig family, Debian package), best first
    weight: str | None = None  # fontconfig weight constant, e.g. semibold for 小标宋


FONT_ROLES = (
    FontRole(
        "仿宋", ("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312"), (("Noto Serif CJK SC", "fonts-noto-cjk"),)
    ),
    FontRole(
        "楷体",
        ("楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312"),
        (("LXGW WenKai", "fonts-lxgw-wenkai"), ("AR PL UKai CN", "fonts-arphic-ukai")),
    ),
    FontRole("黑体", ("黑体", "SimHei"), (("Noto Sans CJK SC", "fonts-noto-cjk"),)),
    FontRole("宋体", ("宋体", "SimSun", "新宋体", "NSimSun"), (("Noto Serif CJK SC", "fonts-noto-cjk"),)),
    FontRole(
        "小标宋",
        ("方正小标宋简体", "方正小标宋_GBK", "小标宋", "FZXiaoBiaoSong-B05S"),
        (("Noto Serif CJK SC", "fonts-noto-cjk-extra"),),
        weight="semibold",
    ),
)
_ANY_CJK = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "Droid Sans Fallback")


@cache
def installed_families() -> frozenset[str]:
    """Every font family name fontconfig knows on this machine (all its localized names)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip())


@cache
def _has_semibold(family: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, f"{family}:weight=semibold", "style"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


@dataclass(frozen=True)
class FontPlan:
    """What the conversion's fontconfig file maps, and what a person is told about it."""

    mapping: tuple[tuple[str, str, str | None], ...]  # (name in the document, family drawn, weight)
    notes: tuple[str, ...]


@cache
def font_plan() -> FontPlan:
    have = installed_families()
    mapping: list[tuple[str, str, str | None]] = []
    notes: list[str] = []
    for role in FONT_ROLES:
        face = next(((family, package) for family, package in role.faces if family in have), None)
        if face is None:
            stand_in = next((family for family in _ANY_CJK if family in have), None)
            package = role.faces[0][1]
            if stand_in is not None:
                notes.append(MSG.pdf_font_substituted.format(role=role.role, used=stand_in, package=package))
            family = stand_in
        else:
            family, package = face
            if role.weight == "semibold" and not _has_semibold(family):
                notes.append(MSG.pdf_font_weight.format(role=role.role, used=f"{family} Bold", package=package))
        if family is None:
            continue
        mapping += [(name, family, role.weight) for name in role.names if name not in have]
    return FontPlan(tuple(mapping), tuple(notes))


def font_notes() -> list[str]:
    """What the PDFs draw with a stand-in face (once per process), with the package to install."""
    return list(font_plan().notes)


def cache_dir() -> Path:
    """docgen's cache folder (the XDG one, else a folder in the system's temporary folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "docgen"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError:
        folder = Path(tempfile.gettempdir()) / f"docgen-cache-{os.getuid() if hasattr(os, 'getuid') else 0}"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def _docgen_version() -> str:
    try:
        return version("docgen")
    except PackageNotFoundError:
        return "dev"


def fonts_conf() -> Path:
    """The fontconfig file for conversions: our rules first, then the system's configuration."""
    plan = font_plan()
    rules = []
    for name, family, weight in plan.mapping:
        edit_weight = f'<edit name="weight" mode="assign"><const>{weight}</const></edit>' if weight else ""
        rules.append(
            f'<match target="pattern"><test name="family" compare="eq"><string>{escape(name)}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{escape(family)}</string></edit>'
            f"{edit_weight}</match>"
        )
    folder = cache_dir()
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"<cachedir>{escape(str(folder / 'fontconfig'))}</cachedir>\n"
        + "\n".join(rules)
        + '\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n'
    )
    target = folder / f"fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    if not target.is_file():
        _write_atomically(target, text.encode("utf-8"))
    return target


def _write_atomically(target: Path, blob: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".docgen-", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(blob)
    os.replace(tmp, target)


def _profile(soffice: str, environment: dict[str, str]) -> Path | None:
    """LibreOffice's private profile for this docgen version, built once; None when it cannot be."""
    folder = cache_dir() / f"lo-profile-{_docgen_version()}"
    if (folder / "user").is_dir():
        return folder
    building = Path(tempfile.mkdtemp(prefix=".lo-profile-", dir=cache_dir()))
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation={building.as_uri()}", "--headless", "--terminate_after_init"],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            env={**environment, "HOME": str(building)},
        )
        if not (building / "user").is_dir():
            return None
        with contextlib.suppress(OSError):  # another process may have been first
            building.rename(folder)  # atomic
        return folder if (folder / "user").is_dir() else None
    finally:
        shutil.rmtree(building, ignore_errors=True)


def convert(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Convert ``docx_files`` in one LibreOffice run; PDFs land in ``out_dir`` atomically."""
    soffice = find_soffice()
    check_cjk_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf())}
    profile = _profile(soffice, environment)
    with tempfile.TemporaryDirectory(prefix=".docgen-pdf-", dir=out_dir) as tmp:
        work = Path(tmp)
        if profile is not None:
            shutil.copytree(profile, work / "profile", symlinks=True)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "pdf"),
            *(str(p) for p in docx_files),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
                env={**environment, "HOME": str(work)},
            )
        except subprocess.TimeoutExpired:
            raise PdfProblem(MSG.soffice_timeout.format(seconds=TIMEOUT_S)) from None
        outputs = []
        for source in docx_files:
            produced = work / "pdf" / (source.stem + ".pdf")
            if not produced.is_file() or produced.stat().st_size == 0:
                detail = (result.stderr or result.stdout or "").strip()[-500:]
                raise PdfProblem(MSG.soffice_failed.format(name=source.name, reason=detail or "无输出"))
            target = out_dir / produced.name
            os.replace(produced, target)
            outputs.append(target)
    return outputs


def convert_beside(docx_files: list[Path]) -> list[Path]:
    """Convert in one LibreOffice run, each PDF next to its .docx (names must be unique in one call)."""
    if not docx_files:
        return []
    outputs = []
    first = docx_files[0].parent
    converted = convert(docx_files, first)
    for source, produced in zip(docx_files, converted, strict=True):
        target = source.with_suffix(".pdf")
        if produced != target:
            os.replace(produced, target)
        outputs.append(target)
    return outputs
