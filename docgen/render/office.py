"""A warm LibreOffice, supervised: ``convert(docx_bytes) -> pdf_bytes`` without a start per document.

Each warm office is ``office_server.py`` (unoserver's converter behind XML-RPC) run under a
Python that has LibreOffice's ``uno`` module — Debian's python3-uno is for /usr/bin/python3
only, so ``scripts/setup.sh`` makes a small second environment, ``.venv-uno``, for it — with
its own ``soffice.bin``. docgen's environment talks to it with ``xmlrpc.client``.

A :class:`Converter` keeps at most one office per core, started when a conversion needs one.
Every conversion has a time limit: an office that dies or hangs is killed (its whole process
group) and the conversion is tried once more on a fresh one; a second failure is a
:class:`ConversionFailed` in Chinese. :func:`shared` is the process-wide converter (stopped at
exit, or by :func:`shutdown`); when no office can start it says why once and returns None, and
``docgen.render.pdf`` converts the old way, one LibreOffice run per chunk of documents.

Fonts are the server's environment: each office runs with ``FONTCONFIG_FILE`` set to docgen's
per-role face mapping (``pdf.fonts_conf``), so PDFs look the same on both paths.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import xmlrpc.client
from pathlib import Path

from docgen.errors import Code, DocgenError
from docgen.messages import MSG

LAUNCHER = Path(__file__).with_name("office_server.py")
START_SECONDS = 60.0
CONVERSION_SECONDS = 60.0  # one document; a hung LibreOffice is killed after this (DOCGEN_PDF_SECONDS)
TRIES = 2  # a failed conversion is tried once more, on a fresh office


class ConversionFailed(DocgenError):
    """LibreOffice died or hung converting a document, twice (or could not read it); the message is Chinese."""

    exit_code = 4
    code = Code.PDF


class OfficeUnavailable(Exception):
    """No warm office can start here (no python3-uno, no unoserver, LibreOffice refuses); ``reason`` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OfficeFailure(Exception):
    """One conversion failed on one office, which is no longer usable; ``what`` says how, in Chinese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def conversion_seconds() -> float:
    """The time limit of one conversion: ``DOCGEN_PDF_SECONDS`` when set, else CONVERSION_SECONDS."""
    try:
        return max(1.0, float(os.environ.get("DOCGEN_PDF_SECONDS", "")))
    except ValueError:
        return CONVERSION_SECONDS


def uno_python() -> str | None:
    """A Python that has ``uno`` and unoserver: ``DOCGEN_UNO_PYTHON``, the ``.venv-uno`` that
    scripts/setup.sh makes beside docgen's own environment, or the one running ``unoserver``."""
    explicit = os.environ.get("DOCGEN_UNO_PYTHON")
    if explicit:
        return explicit
    beside = Path(sys.prefix).parent / ".venv-uno" / "bin" / "python"
    if beside.is_file():
        return str(beside)
    script = shutil.which("unoserver")
    if script is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError), open(script, encoding="utf-8") as handle:
            first = handle.readline()
            if first.startswith("#!") and Path(first[2:].strip()).is_file():
                return first[2:].strip()
    return None


def _office_binary(soffice: str) -> str:
    """``soffice.bin`` beside the ``soffice`` script: the script starts it through a splash
    process, which a signal to the script would not reach."""
    real = Path(os.path.realpath(soffice))
    binary = real.with_name("soffice.bin")
    return str(binary) if binary.is_file() else str(real)


def process_runs(pid: int) -> bool:
    """Whether the process runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _wait_gone(pid: int, seconds: float) -> None:
    """Wait until the process has exited (not our child: a pidfd says when), at most ``seconds``."""
    try:
        handle = os.pidfd_open(pid)
    except (OSError, AttributeError):
        return
    try:
        select.select([handle], [], [], seconds)
    finally:
        os.close(handle)


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a time limit on the whole answer."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def make_connection(self, host: tuple[str, dict[str, str]] | str) -> http.client.HTTPConnection:
        connection = super().make_connection(host)
        connection.timeout = self.seconds
        return connection


class Office:
    """One warm LibreOffice: the launcher (leader of its own process group) and its soffice.bin."""

    def __init__(self, python: str, soffice: str, environment: dict[str, str], profile: Path | None) -> None:
        self.python = python
        self.soffice = _office_binary(soffice)
        self.environment = environment
        self.profile = profile
        self.work = Path(tempfile.mkdtemp(prefix="docgen-office-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.office_pid = 0

    def start(self) -> None:
        """Start and wait until it converts; OfficeUnavailable (with the launcher's last words) when it cannot."""
        profile = self.work / "profile"
        if self.profile is not None:
            try:
                shutil.copytree(self.profile, profile, symlinks=True)
            except OSError as exc:
                self.stop()
                raise OfficeUnavailable(str(exc)) from None
        with open(self.work / "log", "wb") as log:
            try:
                self.process = subprocess.Popen(
                    [self.python, "-I", str(LAUNCHER), self.soffice, profile.as_uri(), str(self.work)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log,
                    start_new_session=True,  # one group: killing it kills LibreOffice too
                    env={**self.environment, "HOME": str(self.work)},
                )
            except OSError as exc:
                self.stop()
                raise OfficeUnavailable(str(exc)) from None
        line = self._ready_line()
        if not line.startswith("ready "):
            reason = self._last_words() or MSG.office_no_answer.format(seconds=int(START_SECONDS))
            self.stop()
            raise OfficeUnavailable(reason)
        _, port, pid = line.split()
        self.port, self.office_pid = int(port), int(pid)

    def _ready_line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        stream = self.process.stdout.fileno()
        read = b""
        while not read.endswith(b"\n"):
            ready, _, _ = select.select([stream], [], [], START_SECONDS)
            if not ready:
                return ""
            chunk = os.read(stream, 256)
            if not chunk:
                break
            read += chunk
        return read.decode("utf-8", "replace").strip()

    def _last_words(self) -> str:
        """Why the launcher ended, in a few words: its error line (an import error, a crash)."""
        try:
            lines = (self.work / "log").read_text("utf-8", "replace").strip().splitlines()
        except OSError:
            return ""
        errors = [line for line in lines if "Error" in line or "error" in line]
        return (errors or lines or [""])[-1].strip()[-300:]

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and process_runs(self.office_pid)

    def convert(self, docx: bytes, seconds: float) -> bytes:
        """The PDF of ``docx``. OfficeFailure when the office died or hung (it is then unusable);
        ConversionFailed when LibreOffice, still running, could not convert this document."""
        proxy = xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}", transport=_Transport(seconds), allow_none=True
        )
        try:
            answer = proxy.convert(xmlrpc.client.Binary(docx))
        except TimeoutError:
            raise OfficeFailure(MSG.office_hung.format(seconds=int(seconds))) from None
        except xmlrpc.client.Fault as fault:
            if not self.alive:
                raise OfficeFailure(MSG.office_died) from None
            raise ConversionFailed(MSG.office_refused.format(reason=fault.faultString.strip()[-300:])) from None
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError):
            raise OfficeFailure(MSG.office_died) from None
        finally:
            proxy("close")()
        assert isinstance(answer, xmlrpc.client.Binary)
        return answer.data

    def stop(self) -> None:
        """Kill the launcher's whole group, LibreOffice included, wait until they are gone, remove the profile."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        if self.office_pid:
            _wait_gone(self.office_pid, 10)
        shutil.rmtree(self.work, ignore_errors=True)


class Converter:
    """At most ``size`` warm offices (one per core at most), started on demand; safe from many threads."""

    def __init__(
        self,
        python: str,
        soffice: str,
        environment: dict[str, str],
        profile: Path | None,
        *,
        size: int | None = None,
        seconds: float | None = None,
    ) -> None:
        cores = os.cpu_count() or 1
        self.size = max(1, min(size or cores, cores))
        self.seconds = seconds or conversion_seconds()
        self._arguments = (python, soffice, environment, profile)
        self._idle: list[Office] = []
        self._running: set[Office] = set()
        self._starting = 0
        self._closed = False
        self._started_once = False
        self._condition = threading.Condition()
        self.restarts = 0  # offices replaced after a death or a hang (for tests and benchmarks)

    def _take(self) -> Office:
        with self._condition:
            while True:
                if self._closed:
                    raise ConversionFailed(MSG.office_stopped)
                if self._idle:
                    return self._idle.pop()
                if len(self._running) + self._starting < self.size:
                    self._starting += 1
                    break
                self._condition.wait()
        try:
            office = self._start()
        finally:
            with self._condition:
                self._starting -= 1
                self._condition.notify_all()
        with self._condition:
            if self._closed:
                office.stop()
                raise ConversionFailed(MSG.office_stopped)
            self._running.add(office)
            self._started_once = True
        return office

    def _start(self) -> Office:
        """A started office; a start that fails is tried once more (LibreOffice's bridge can fail
        to come up on a busy machine) before OfficeUnavailable."""
        for attempt in range(TRIES):
            office = Office(*self._arguments)
            try:
                office.start()
            except OfficeUnavailable:
                if attempt + 1 == TRIES:
                    raise
                continue
            return office
        raise AssertionError("unreachable")

    def _give_back(self, office: Office) -> None:
        with self._condition:
            if office in self._running:
                self._idle.append(office)
            self._condition.notify_all()

    def _drop(self, office: Office) -> None:
        office.stop()
        with self._condition:
            self._running.discard(office)
            self.restarts += 1
            self._condition.notify_all()

    def convert(self, docx: bytes, name: str = "document.docx") -> bytes:
        """The PDF of one document. OfficeUnavailable when no office could ever start here;
        ConversionFailed (Chinese) when it failed twice, the second time on a fresh office."""
        failure = ""
        for _attempt in range(TRIES):
            try:
                office = self._take()
            except OfficeUnavailable as exc:
                if not self._started_once:
                    raise
                failure = exc.reason
                continue
            try:
                produced = office.convert(docx, self.seconds)
            except OfficeFailure as exc:
                self._drop(office)
                failure = exc.what
                continue
            except ConversionFailed as exc:
                self._give_back(office)
                exc.message = MSG.soffice_failed.format(name=name, reason=exc.message)
                raise
            self._give_back(office)
            return produced
        raise ConversionFailed(MSG.office_failed_twice.format(name=name, what=failure))

    def warm_up(self) -> None:
        """Start one office now, if none runs yet; OfficeUnavailable when none can start here."""
        with self._condition:
            if self._running or self._starting:
                return
        self._give_back(self._take())

    def close(self) -> None:
        """Stop every office; conversions still waiting get ConversionFailed."""
        with self._condition:
            self._closed = True
            offices = list(self._running)
            self._running.clear()
            self._idle.clear()
            self._condition.notify_all()
        for office in offices:
            office.stop()

    @property
    def office_pids(self) -> list[int]:
        """The soffice.bin processes now running (for tests: no stray one after a stop)."""
        with self._condition:
            return [office.office_pid for office in self._running]


_shared: Converter | None = None
_unavailable: str | None = None
_shared_lock = threading.Lock()


def warm_wanted() -> bool:
    """False when ``DOCGEN_WARM_OFFICE=0`` asks for the one-run-per-chunk path."""
    return os.environ.get("DOCGEN_WARM_OFFICE", "1") != "0"


def shared(soffice: str, environment: dict[str, str], profile: Path | None) -> Converter | None:
    """The process-wide converter (made on first use, stopped at exit); None when the warm path
    is off or could not start (``unavailable_reason`` says why)."""
    global _shared
    with _shared_lock:
        if _unavailable is not None or not warm_wanted():
            return None
        if _shared is None:
            python = uno_python()
            if python is None:
                _mark_unavailable(MSG.office_no_python)
                return None
            _shared = Converter(python, soffice, environment, profile, size=_wanted_size())
            atexit.register(shutdown)
        return _shared


def _wanted_size() -> int | None:
    """``DOCGEN_OFFICES=N``: at most N warm offices in this process (several server processes on one
    machine share its cores); by default one per core."""
    wanted = os.environ.get("DOCGEN_OFFICES", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else None


def _mark_unavailable(reason: str) -> None:
    global _unavailable
    _unavailable = reason


def give_up(reason: str) -> None:
    """No warm office could start: the process converts the old way from now on."""
    global _shared
    with _shared_lock:
        _mark_unavailable(reason)
        converter, _shared = _shared, None
    if converter is not None:
        converter.close()


def unavailable_reason() -> str | None:
    return _unavailable


def shutdown() -> None:
    """Stop the process-wide converter's offices (at exit, or when a server stops); a later
    conversion starts a new one."""
    global _shared
    with _shared_lock:
        converter, _shared = _shared, None
    if converter is not None:
        converter.close()
