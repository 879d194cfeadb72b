"""Who sees and may change what — enforced in every query, never by hiding links.

* 本机 (a single-user desk): everything.
* 经办人: the projects of their own unit; creates, edits, imports, submits them.
* 审查人 at a 县区数据局: the projects submitted through it (by the units under it).
* 审查人 at the 市数据局: every project a submission of which has reached the 市数据局
  (市直部门 directly, 县区 projects once their 县区数据局 forwarded them).
* 网信审查 / 密码审查: the same projects as the 市数据局 (they record the 附件2 results).
* 管理员: units and accounts, no project content.

A project an account may not see does not exist for it (404), whatever it asks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import Session

from docgen.desk.actors import Actor, Role, UnitKind
from docgen.desk.problems import Forbidden
from docgen.store.schema import Project, Unit


def visible(actor: Actor) -> ColumnElement[bool]:
    """The condition on ``Project`` for the projects ``actor`` sees."""
    if actor.local:
        return true()
    if actor.role is Role.CLERK:
        return Project.unit_id == actor.unit_id
    if actor.role is Role.REVIEWER:
        if actor.unit_kind is UnitKind.COUNTY_BUREAU:
            return Project.county_id == actor.unit_id
        if actor.unit_kind is UnitKind.CITY_BUREAU:
            return Project.reached_city.is_(True)
        return false()
    if actor.role in (Role.NETWORK, Role.CRYPTO):
        return Project.reached_city.is_(True)
    return false()


def require_editor(actor: Actor) -> None:
    """Only the person at a single-user desk and clerks write project data."""
    if not (actor.local or actor.role is Role.CLERK):
        raise Forbidden(f"「{actor.role}」不能修改申报数据：申报数据由项目建设单位的经办人填写")


def require_edit(actor: Actor, project: Project) -> None:
    require_editor(actor)
    if not actor.local and project.unit_id != actor.unit_id:
        raise Forbidden("只能修改本单位的项目")


def require_reviewer_of(actor: Actor, part: str) -> None:
    """Only 网信审查 records the 网络安全 result, only 密码审查 the 密码 one (or the single-user desk)."""
    if actor.local:
        return
    wanted = Role.NETWORK if part == "network_security" else Role.CRYPTO
    if actor.role is not wanted:
        raise Forbidden(
            f"只有「{wanted.value}」账号可以记录{'网络安全' if wanted is Role.NETWORK else '密码保护'}审查结果"
        )


def unit_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {uid: name for uid, name in session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all()}


def describe(actor: Actor) -> dict[str, Any]:
    return {"name": actor.name, "role": str(actor.role), "unit": actor.unit_name}


__all__ = ["describe", "require_edit", "require_editor", "require_reviewer_of", "unit_names", "visible"]
