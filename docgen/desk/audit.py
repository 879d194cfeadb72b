"""The audit log: who did what, when, from where, to which project. Entries are only ever added
(the database itself refuses to change or remove one: see the first migration)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from docgen.desk.actors import Actor
from docgen.errors import InputError
from docgen.store.schema import AuditEntry

SYSTEM = "docgen"


def record(session: Session, actor: Actor | None, action: str, project: str | None = None, detail: str = "") -> None:
    session.add(
        AuditEntry(
            account=actor.name if actor else SYSTEM,
            unit=actor.unit_name if actor else "",
            address=actor.address if actor else "",
            action=action,
            project=project,
            detail=detail[:4000],
        )
    )


def since_day(text: str, name: str) -> dt.datetime | None:
    """The start of the day a person wrote (2026-11-01, 2026年11月1日 …), for ``since``; None for nothing."""
    from docgen.normalize import read_day

    if not text.strip():
        return None
    day = read_day(text)
    if day is None:
        raise InputError(f"{name} 的日期「{text[:20]}」无效，应如 2026-11-01")
    return dt.datetime.combine(day, dt.time())


def entries(
    session: Session, *, since: dt.datetime | None = None, projects: list[str] | None = None, limit: int = 10_000
) -> list[dict[str, Any]]:
    """Entries from ``since`` on, oldest first; ``projects``: only those about these projects (a reviewer's view)."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if projects is not None:
        query = query.where(or_(AuditEntry.project.in_(projects)))
    return [
        {
            "at": entry.at.isoformat(timespec="seconds") + "Z",
            "account": entry.account,
            "unit": entry.unit,
            "address": entry.address,
            "action": entry.action,
            "project": entry.project,
            "detail": entry.detail,
        }
        for entry in session.scalars(query.limit(limit))
    ]


__all__ = ["SYSTEM", "entries", "record", "since_day"]
