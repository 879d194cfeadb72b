"""One warm LibreOffice behind XML-RPC: run by ``docgen.render.office`` under a Python that has
LibreOffice's ``uno`` module (Debian's python3-uno with /usr/bin/python3) and ``unoserver``.

    python -I office_server.py SOFFICE_BIN PROFILE_URI WORK_FOLDER

It starts ``soffice.bin`` listening for UNO on a free local port, connects unoserver's
``UnoConverter`` to it, and serves ``convert(docx) -> pdf`` and ``office_pid()`` over XML-RPC on
another free local port (documents pass through WORK_FOLDER). When it is ready it prints one
line, ``ready PORT SOFFICE_PID``. It imports nothing of docgen (docgen's own environment has no ``uno``).

It never outlives docgen: when its standard input closes (docgen exited, even by kill -9) it
kills its process group, LibreOffice included; docgen starts it as the leader of a new group.

Test hook, deterministic: with ``DOCGEN_TEST_FAULTS=FOLDER``, each conversion first claims one
file of FOLDER (deleting it); a name starting with ``die`` kills LibreOffice (SIGKILL) as the
conversion starts, ``hang`` stops it (SIGSTOP), so the conversion never ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client
import xmlrpc.server
from typing import Any

CONNECT_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def claim_fault() -> str | None:
    """The next fault a test asked for (``die`` or ``hang``), claimed by deleting its file; else None."""
    folder = os.environ.get("DOCGEN_TEST_FAULTS")
    if not folder or not os.path.isdir(folder):
        return None
    for name in sorted(os.listdir(folder)):
        try:
            os.unlink(os.path.join(folder, name))
        except FileNotFoundError:  # another conversion took it first
            continue
        return "hang" if name.startswith("hang") else "die" if name.startswith("die") else None
    return None


def _die_with_parent() -> None:
    """docgen holds our standard input open: end of input means docgen is gone, so is everything here."""
    sys.stdin.buffer.read()
    os.killpg(0, signal.SIGKILL)


def _connect(port: int, office: subprocess.Popen[bytes]) -> Any:
    from unoserver.converter import UnoConverter

    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return UnoConverter(interface="127.0.0.1", port=str(port))
        except Exception:  # UNO's NoConnectException has no importable base until uno is loaded
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(converter: Any, docx: bytes, work: str) -> bytes:
    """Load hidden and read-only (as ``soffice --convert-to`` does), export with writer_pdf_Export.

    unoserver's own ``convert`` loads into a frame and looks the filter up on every call, which
    costs about half as much again as the conversion itself."""
    import uno
    from com.sun.star.beans import PropertyValue

    def properties(**values: object) -> tuple[Any, ...]:
        return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())

    source, target = os.path.join(work, "in.docx"), os.path.join(work, "out.pdf")
    with open(source, "wb") as handle:
        handle.write(docx)
    document = converter.desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, properties(ReadOnly=True, Hidden=True)
    )
    if document is None:
        raise RuntimeError("LibreOffice could not load the document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), properties(FilterName="writer_pdf_Export", Overwrite=True))
    finally:
        document.close(True)
    with open(target, "rb") as produced:
        return produced.read()


def main() -> int:
    soffice, profile, work = sys.argv[1], sys.argv[2], sys.argv[3]
    threading.Thread(target=_die_with_parent, daemon=True).start()
    uno_port = _free_port()
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nologo",
            "--nofirststartwizard",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            f"--accept=socket,host=127.0.0.1,port={uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    converter = _connect(uno_port, office)
    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)

    def convert(data: Any) -> Any:
        """The PDF of the .docx ``data`` (both XML-RPC Binary)."""
        fault = claim_fault()
        if fault == "die":
            office.kill()
            office.wait()
        elif fault == "hang":
            office.send_signal(signal.SIGSTOP)
        return xmlrpc.client.Binary(_convert(converter, data.data, work))

    server.register_function(convert)
    server.register_function(lambda: office.pid, "office_pid")
    print(f"ready {server.server_address[1]} {office.pid}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
