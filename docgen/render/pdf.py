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

Conversions go to the warm LibreOffice of ``docgen.render.office`` (started on first use,
restarted when it dies or hangs) and, where it cannot run, to one LibreOffice run per chunk of
documents, killed and tried once more when it dies or hangs. Either way a conversion has a
time limit that fits a document, and a failure is said in Chinese.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from xml.sax.saxutils import escape

from docgen.errors import EnvironmentProblem
from docgen.messages import MSG
from docgen.output import atomic_write
from docgen.render import office
from docgen.render.office_server import claim_fault

SOFFICE_NAMES = ("soffice", "libreoffice")
WORK_PREFIX = ".docgen-pdf-"


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
    #: Faces of the role itself under other names; when none is installed, ``faces`` only stand in
    #: (a 宋体-style face for 仿宋) and a note says so.
    real: tuple[str, ...] = ()


FONT_ROLES = (
    FontRole(
        "仿宋",
        ("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312"),
        (("Noto Serif CJK SC", "fonts-noto-cjk"),),
        real=("FandolFang", "STFangsong", "华文仿宋", "方正仿宋简体", "FZFangSong-Z02S", "方正仿宋_GBK"),
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
        real = next((family for family in (*role.names, *role.real) if family in have), None)
        face = (real, "") if real else next(((f, package) for f, package in role.faces if f in have), None)
        if role.real and real is None and face is not None:  # a stand-in of another style, said once
            notes.append(MSG.pdf_font_fangsong.format(role=role.role, used=face[0]))
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
    """A temporary file renamed into place; on a full disk a Chinese InputError and no temporary file."""
    atomic_write(target, blob, durable=False)


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
            timeout=office.START_SECONDS,
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


def _environment() -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(fonts_conf())}


def converter() -> office.Converter | None:
    """The process-wide warm LibreOffice (started on first use, stopped at exit); None when it
    cannot run here — the reason is among :func:`notes` — or ``DOCGEN_WARM_OFFICE=0`` turns it off."""
    if not office.warm_wanted() or office.unavailable_reason() is not None:
        return None
    soffice = find_soffice()
    check_cjk_fonts()
    environment = _environment()
    return office.shared(soffice, environment, _profile(soffice, environment))


def start() -> None:
    """Start one warm LibreOffice now (a server's start-up); when none can run, say so once in notes()."""
    warm = converter()
    if warm is not None:
        try:
            warm.warm_up()
        except office.OfficeUnavailable as exc:
            office.give_up(exc.reason)


def stop() -> None:
    """Stop the warm LibreOffice processes (they are started again when a conversion needs one)."""
    office.shutdown()


def convert_bytes(docx: bytes, name: str = "document.docx") -> bytes:
    """The PDF of one document held in memory; safe to call from several threads at once (serve's
    previews and downloads): the warm LibreOffice when it runs, else one LibreOffice run."""
    warm = converter()
    if warm is not None:
        try:
            return warm.convert(docx, name)
        except office.OfficeUnavailable as exc:
            office.give_up(exc.reason)
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
        source = Path(work) / "document.docx"  # the name given is a label, never a path
        source.write_bytes(docx)
        (produced,) = convert_chunked([source], Path(work) / "pdf", shown=[name])
        return produced.read_bytes()


def convert(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Convert ``docx_files``; PDFs (same stems) land in ``out_dir`` atomically. The warm LibreOffice
    converts them one by one when it runs; otherwise one LibreOffice run converts them all."""
    find_soffice()
    check_cjk_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    warm = converter()
    if warm is not None:
        try:
            outputs = []
            for source in docx_files:
                target = out_dir / (source.stem + ".pdf")
                _write_atomically(target, warm.convert(source.read_bytes(), source.name))
                outputs.append(target)
            return outputs
        except office.OfficeUnavailable as exc:
            office.give_up(exc.reason)
    return convert_chunked(docx_files, out_dir)


def convert_chunked(docx_files: list[Path], out_dir: Path, *, shown: list[str] | None = None) -> list[Path]:
    """Convert ``docx_files`` in one LibreOffice run (the path without a warm LibreOffice).

    The run's time limit fits the documents (a start plus one conversion limit each); a run that
    dies or hangs is killed and tried once more, and a second failure is ConversionFailed saying
    what happened. ``shown`` names the documents for messages when their paths are not their names.
    """
    soffice = find_soffice()
    check_cjk_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    environment = _environment()
    profile = _profile(soffice, environment)
    names = "、".join(shown or [p.name for p in docx_files])
    seconds = office.conversion_seconds() * (1 + len(docx_files))
    failure = ""
    for _attempt in range(office.TRIES):
        # the pid in the name lets a later run remove what a killed one left (remove_stale_work)
        with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=out_dir) as tmp:
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
                detail = _run_office(command, {**environment, "HOME": str(work)}, seconds)
            except office.OfficeFailure as exc:
                failure = exc.what
                continue
            outputs = []
            for source in docx_files:
                produced = work / "pdf" / (source.stem + ".pdf")
                if not produced.is_file() or produced.stat().st_size == 0:
                    raise PdfProblem(MSG.soffice_failed.format(name=source.name, reason=detail or "无输出"))
                target = out_dir / produced.name
                os.replace(produced, target)
                outputs.append(target)
            return outputs
    raise office.ConversionFailed(MSG.office_failed_twice.format(name=names, what=failure))


def _run_office(command: list[str], environment: dict[str, str], seconds: float) -> str:
    """Run one LibreOffice conversion in its own process group; what it said, without the
    warnings that do not matter (javaldx). OfficeFailure when it was killed or hung."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,  # the whole group is killed when it hangs
    )
    fault = claim_fault()
    if fault is not None:
        os.killpg(process.pid, signal.SIGKILL if fault == "die" else signal.SIGSTOP)
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise office.OfficeFailure(MSG.office_hung.format(seconds=int(seconds))) from None
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # nothing of the run outlives it
    if process.returncode < 0:
        raise office.OfficeFailure(MSG.soffice_died.format(signal=-process.returncode))
    said = [line for line in (err or out or "").splitlines() if line.strip() and "javaldx" not in line]
    return "\n".join(said).strip()[-500:]


def convert_beside(docx_files: list[Path]) -> list[Path]:
    """Convert each document to a PDF next to it (names must be unique in one call)."""
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


def remove_stale_work(folder: Path) -> None:
    """Work folders a killed conversion left in ``folder`` (its process is gone); a running one's stay."""
    for stale in folder.glob(f"{WORK_PREFIX}*"):
        pid = stale.name[len(WORK_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or not office.process_runs(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def notes() -> list[str]:
    """What a person should know about the PDFs made here, once: faces drawn with a stand-in
    (and the package to install), and a warm LibreOffice that could not start."""
    reason = office.unavailable_reason()
    return list(font_plan().notes) + ([MSG.office_fallback.format(reason=reason)] if reason else [])
