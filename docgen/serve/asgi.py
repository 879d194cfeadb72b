"""The desk as an ASGI application built from the environment, for several server processes behind
one address (``docgen serve --workers N`` starts uvicorn's workers with it; any ASGI server can too:
``uvicorn --factory docgen.serve.asgi:make``). Every process opens the same database, so they serve
one state.

    DOCGEN_WORKSPACE       the workspace folder (default: docgen-工作区)
    DOCGEN_DATABASE        the database URL (default: the workspace's SQLite file)
    DOCGEN_TOKEN           the single-user desk's token, if any
    DOCGEN_ALLOWED_HOSTS   further host names, separated by commas
    DOCGEN_TRUSTED_PROXIES reverse proxies whose X-Forwarded-* headers are believed, separated by commas
    DOCGEN_SESSION_HOURS   idle hours before a sign-in ends (default 8)
"""

from __future__ import annotations

import os
from pathlib import Path

from docgen.serve.guard import Guard

ENVIRONMENT = (
    "DOCGEN_WORKSPACE",
    "DOCGEN_DATABASE",
    "DOCGEN_TOKEN",
    "DOCGEN_ALLOWED_HOSTS",
    "DOCGEN_TRUSTED_PROXIES",
    "DOCGEN_SESSION_HOURS",
)


def _listed(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


def make() -> Guard:
    from docgen.serve import DEFAULT_WORKSPACE
    from docgen.serve.app import create_app

    return create_app(
        Path(os.environ.get("DOCGEN_WORKSPACE") or DEFAULT_WORKSPACE),
        database=os.environ.get("DOCGEN_DATABASE") or None,
        token=os.environ.get("DOCGEN_TOKEN") or None,
        hosts=_listed("DOCGEN_ALLOWED_HOSTS"),
        trusted_proxies=_listed("DOCGEN_TRUSTED_PROXIES"),
        session_hours=float(os.environ.get("DOCGEN_SESSION_HOURS") or 8),
        warm=True,
    )


__all__ = ["ENVIRONMENT", "make"]
