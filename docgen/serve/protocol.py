"""uvicorn's HTTP/1.1 protocol with a limit on how long a request's headers may take: a client that
opens a connection and sends its headers slowly (or never) is closed after ``HEADER_SECONDS``, so
idle or hostile connections cannot pile up. (uvicorn closes an idle keep-alive connection itself;
bodies are timed by the guard.)"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = float(os.environ.get("DOCGEN_HEADER_SECONDS", "30"))
log = logging.getLogger("docgen.serve")


class TimedH11Protocol(H11Protocol):
    _header_timer: asyncio.TimerHandle | None = None
    _before: Any = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._before = self.cycle
        self._header_timer = self.loop.call_later(HEADER_SECONDS, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_timer is not None and self.cycle is not None and self.cycle is not self._before:
            self._disarm()  # a request's headers are in

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request's headers are timed too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "客户端"
            log.info("%s 在 %.0f 秒内没有发完请求头，已关闭连接", client, HEADER_SECONDS)
            self.transport.close()


__all__ = ["HEADER_SECONDS", "TimedH11Protocol"]
