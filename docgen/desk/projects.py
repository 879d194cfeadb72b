"""The desk's projects: created, read, changed by JSON Patch, versioned, restored, renamed, copied,
deleted and brought back — each change a version (who, when, which fields by label), each action
in the audit log.

Saves are optimistic: the patch is applied in a worker to the version the request started from,
and the new version is written only if no other version was written meanwhile (checked under
the project row's lock); otherwise the patch is applied again to the newer version — its tests
decide whether that is still the page's intent (merge) or not (409). No acknowledged save is
ever lost or applied to the wrong row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from docgen.desk import access, jobs
from docgen.desk.actors import Actor
from docgen.desk.audit import record
from docgen.desk.patching import PatchProblem
from docgen.desk.problems import Conflicted, Forbidden, NotFound, PreconditionFailed, Unprocessable
from docgen.desk.work import Workers
from docgen.errors import InputError
from docgen.output import atomic_write
from docgen.store.database import Database
from docgen.store.schema import Blob, Comment, Project, ProjectFile, Version, utc_now

#: how long a deleted project can be brought back
KEEP_DELETED = dt.timedelta(days=30)
#: the fields of the 审查部分: recorded by the review action of 网信/密码 reviewers, never typed in
REVIEW_PREFIX = "/review"
PICTURES = "图片"
SAVE_ATTEMPTS = 8
#: the two reviews of 附件2, by the word a reviewer uses
REVIEW_PARTS = {
    "网络安全": "network_security",
    "网络安全审查": "network_security",
    "密码": "cryptography",
    "密码保护": "cryptography",
    "密码保护审查": "cryptography",
}


@dataclass(frozen=True)
class Listed:
    key: str
    name: str
    version: int
    state: str
    errors: int
    warnings: int
    changed: dt.datetime
    unit: str = ""
    deleted: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "version": self.version,
            "state": self.state,
            "errors": self.errors,
            "warnings": self.warnings,
            "changed": self.changed.isoformat(timespec="seconds") + "Z",
            "unit": self.unit,
        }


@dataclass
class Opened:
    """A project as a page or the API shows it: the newest version, judged."""

    key: str
    version: int
    state: str
    text: str
    judged: jobs.Judged
    unit_id: int | None = None

    @property
    def etag(self) -> str:
        return etag(self.version)


@dataclass
class Saved:
    key: str
    version: int
    judged: jobs.Judged
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return etag(self.version)


def etag(version: int) -> str:
    return f'"v{version}"'


def new_key() -> str:
    return "p" + secrets.token_hex(5)


class Projects:
    def __init__(self, database: Database, workers: Workers, cache: Path) -> None:
        self.db = database
        self.workers = workers
        self.cache = cache

    # ------------------------------------------------------------ reading

    def _visible(self, actor: Actor, *, deleted: bool = False) -> Select[Project]:
        query = select(Project).where(access.visible(actor))
        return query.where(Project.deleted_at.is_not(None) if deleted else Project.deleted_at.is_(None))

    def row(self, session: Session, actor: Actor, key: str, *, lock: bool = False, deleted: bool = False) -> Project:
        """The project ``key`` as ``actor`` may see it (NotFound otherwise), locked for the transaction when asked."""
        return self._row(session, actor, key, lock=lock, deleted=deleted)

    def _row(self, session: Session, actor: Actor, key: str, *, lock: bool = False, deleted: bool = False) -> Project:
        query = self._visible(actor, deleted=deleted).where(Project.key == key)
        if lock:
            query = query.with_for_update()
        row = session.scalars(query).first()
        if row is None:
            raise NotFound()
        return row

    def listing(self, actor: Actor, *, deleted: bool = False, limit: int = 500, offset: int = 0) -> list[Listed]:
        with self.db.read() as session:
            rows = session.scalars(
                self._visible(actor, deleted=deleted).order_by(Project.changed_at.desc()).limit(limit).offset(offset)
            ).all()
            units = access.unit_names(session, {r.unit_id for r in rows if r.unit_id is not None})
            return [
                Listed(
                    r.key,
                    r.name,
                    r.version,
                    r.state,
                    r.errors,
                    r.warnings,
                    r.changed_at,
                    units.get(r.unit_id or 0, ""),
                    r.deleted_at,
                )
                for r in rows
            ]

    def count(self, actor: Actor) -> int:
        with self.db.read() as session:
            query = select(func.count()).select_from(Project).where(access.visible(actor), Project.deleted_at.is_(None))
            return int(session.scalar(query) or 0)

    def _text(self, session: Session, project: Project, number: int | None = None) -> str:
        wanted = number or project.version
        text = session.scalar(select(Version.text).where(Version.project_id == project.id, Version.number == wanted))
        if text is None:
            raise NotFound(f"没有第 {wanted} 版")
        return text

    def snapshot(self, actor: Actor, key: str, number: int | None = None) -> tuple[Project, str, jobs.Files]:
        """The project row, the text of one version (default the newest) and its files (cached on disk)."""
        with self.db.read() as session:
            row = self._row(session, actor, key)
            text = self._text(session, row, number)
            files = self._files(session, row.id)
        return row, text, files

    def open(self, actor: Actor, key: str) -> Opened:
        row, text, files = self.snapshot(actor, key)
        judged = self.workers.call(jobs.judge, text, files)
        return Opened(row.key, row.version, row.state, text, judged, row.unit_id)

    def text(self, actor: Actor, key: str, number: int | None = None) -> str:
        return self.snapshot(actor, key, number)[1]

    # ------------------------------------------------------------ files (pictures)

    def _files(self, session: Session, project_id: int) -> jobs.Files:
        rows = session.execute(
            select(ProjectFile.name, ProjectFile.sha256).where(ProjectFile.project_id == project_id)
        ).all()
        return {name: str(self.cached(session, sha)) for name, sha in rows}

    def cached(self, session: Session, sha: str) -> Path:
        """The bytes of blob ``sha`` as a file in this process's cache (written from the database once)."""
        path = self.cache / sha[:2] / sha
        if not path.is_file():
            data = session.scalar(select(Blob.data).where(Blob.sha256 == sha))
            if data is None:
                raise NotFound("文件不存在")
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data, durable=False)
        return path

    def file(self, actor: Actor, key: str, name: str) -> bytes:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            sha = session.scalar(
                select(ProjectFile.sha256).where(ProjectFile.project_id == row.id, ProjectFile.name == name)
            )
            if sha is None:
                raise NotFound("没有这个文件")
            return self.cached(session, sha).read_bytes()

    def add_picture(self, actor: Actor, key: str, blob: bytes, original: str = "") -> str:
        """Keep an uploaded picture with the project; the path its data refers to it by (图片/1a2b….png).
        Only a PNG, JPEG, GIF or BMP picture whose every pixel reads (``docgen.pictures``), within its
        limits, is taken: a broken picture can never make the project's documents fail later."""
        from docgen.desk import jobs

        try:
            kind = self.workers.call(jobs.picture_kind, blob)  # decoding every pixel: a worker's job
        except InputError as exc:
            raise Unprocessable(f"「{original or '上传的文件'}」：{exc.message}") from None
        access.require_editor(actor)
        sha = hashlib.sha256(blob).hexdigest()
        name = f"{PICTURES}/{sha[:12]}.{kind}"
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            access.require_edit(actor, row)
            store_blob(session, sha, blob)
            exists = session.scalar(
                select(ProjectFile.id).where(ProjectFile.project_id == row.id, ProjectFile.name == name)
            )
            if exists is None:
                session.add(ProjectFile(project_id=row.id, name=name, sha256=sha))
            record(session, actor, "上传图片", key, f"{original} → {name}（{len(blob)} 字节）")
        return name

    # ------------------------------------------------------------ creating

    def create(
        self,
        actor: Actor,
        text: str,
        *,
        note: str = "新建",
        files: dict[str, bytes] | None = None,
        unit_id: int | None = None,
    ) -> Opened:
        """A new project from a data file's text (its files, if any, by the paths it writes)."""
        access.require_editor(actor)
        with self.db.write() as session:
            shas = {name: store_blob(session, hashlib.sha256(b).hexdigest(), b) for name, b in (files or {}).items()}
        with self.db.read() as session:
            cached = {name: str(self.cached(session, sha)) for name, sha in shas.items()}
        judged = self.workers.call(jobs.judge, text, cached)
        if judged.problem is not None:
            raise Unprocessable(judged.problem)
        with self.db.write() as session:
            row = Project(
                key=new_key(),
                unit_id=unit_id if unit_id is not None else actor.unit_id,
                name=judged.name,
                version=1,
                errors=judged.errors,
                warnings=judged.warnings,
            )
            session.add(row)
            session.flush()
            for name, sha in shas.items():
                session.add(ProjectFile(project_id=row.id, name=name, sha256=sha))
            session.add(
                Version(
                    project_id=row.id, number=1, text=text, author_id=actor.account_id, author=actor.name, note=note
                )
            )
            record(session, actor, note, row.key, judged.name)
        return Opened(row.key, 1, row.state, text, judged, row.unit_id)

    def copy(self, actor: Actor, key: str) -> Opened:
        row, text, _files = self.snapshot(actor, key)
        with self.db.read() as session:
            blobs = {
                name: session.scalar(select(Blob.data).where(Blob.sha256 == sha)) or b""
                for name, sha in session.execute(
                    select(ProjectFile.name, ProjectFile.sha256).where(ProjectFile.project_id == row.id)
                ).all()
            }
        copied = self.create(actor, text, note=f"复制自 {key}", files=blobs, unit_id=row.unit_id)
        name = f"{row.name}（副本）" if row.name else "（副本）"
        return self._opened(
            self.patch(actor, copied.key, [{"op": "add", "path": "/project/name", "value": name}]), copied
        )

    def _opened(self, saved: Saved, opened: Opened) -> Opened:
        return Opened(opened.key, saved.version, opened.state, "", saved.judged, opened.unit_id)

    # ------------------------------------------------------------ changing

    def patch(
        self,
        actor: Actor,
        key: str,
        patch: list[dict[str, Any]],
        *,
        if_match: str | None = None,
        note: str = "",
        allow_review: bool = False,
        by_workflow: bool = False,
    ) -> Saved:
        """Apply a JSON Patch (RFC 6902) to the newest version; a new version when anything changed.
        ``allow_review``: the 附件2 review recorded by its reviewer; ``by_workflow``: a step of the
        submission loop recording its own section (its permission checked by the step)."""
        if not isinstance(patch, list):
            raise Unprocessable("修改内容应为 JSON Patch：一个操作的列表")
        if not allow_review and any(_touches_review(op) for op in patch):
            raise Forbidden("「审查部分」由网信、密码管理部门的审查人员记录，不能在申报数据中填写")
        trusted = allow_review or by_workflow
        if not trusted:
            access.require_editor(actor)
        for _attempt in range(SAVE_ATTEMPTS):
            row, text, files = self.snapshot(actor, key)
            if not trusted:
                access.require_edit(actor, row)
            _require_match(if_match, row.version)
            try:
                outcome = self.workers.call(jobs.save, text, patch, files)
            except PatchProblem as exc:
                raise Unprocessable(exc.message, exc.field) from None
            if isinstance(outcome, jobs.Refused):
                raise Conflicted(
                    _conflict_message(outcome.conflicts),
                    {"conflicts": outcome.conflicts, "version": row.version, "data": outcome.judged.data},
                )
            if outcome.text == text:
                return Saved(row.key, row.version, outcome.judged)
            written = self._write_version(actor, row, outcome, note=note or _describe(outcome.changes))
            if written is not None:
                return written
        raise Conflicted("项目正被频繁修改，未能保存：请稍后重试", {})

    def _write_version(self, actor: Actor, seen: Project, outcome: jobs.Saved, *, note: str) -> Saved | None:
        """Write the outcome as the next version, unless another version was written meanwhile."""
        with self.db.write() as session:
            row = self._row(session, actor, seen.key, lock=True)
            if row.version != seen.version:
                return None
            number = row.version + 1
            session.add(
                Version(
                    project_id=row.id,
                    number=number,
                    text=outcome.text,
                    author_id=actor.account_id,
                    author=actor.name,
                    note=note,
                    changes=outcome.changes,
                )
            )
            session.execute(
                update(Project)
                .where(Project.id == row.id)
                .values(
                    version=number,
                    name=outcome.judged.name,
                    errors=outcome.judged.errors,
                    warnings=outcome.judged.warnings,
                    changed_at=utc_now(),
                )
            )
            resolve_comments(session, row.id, number, [str(c["field"]) for c in outcome.changes])
            record(session, actor, "修改", row.key, f"第 {number} 版：{note}")
        return Saved(seen.key, number, outcome.judged, outcome.changes)

    def replace(self, actor: Actor, key: str, text: str, *, note: str, if_match: str | None = None) -> Saved:
        """A whole new text as the next version (re-importing a file, restoring a version)."""
        access.require_editor(actor)
        for _attempt in range(SAVE_ATTEMPTS):
            row, old, files = self.snapshot(actor, key)
            access.require_edit(actor, row)
            _require_match(if_match, row.version)
            try:
                outcome = self.workers.call(jobs.replace_text, old, text, files)
            except InputError as exc:
                raise Unprocessable(exc.format_message()) from None
            written = self._write_version(actor, row, outcome, note=note)
            if written is not None:
                return written
        raise Conflicted("项目正被频繁修改，未能保存：请稍后重试", {})

    def restore(self, actor: Actor, key: str, number: int) -> Saved:
        old = self.text(actor, key, number)
        return self.replace(actor, key, old, note=f"恢复到第 {number} 版")

    # ------------------------------------------------------------ the 附件2 review

    def record_review(self, actor: Actor, key: str, part: str, result: str, unit: str, date: str) -> Saved:
        """A 网络安全 or 密码 review result recorded by its reviewer (or at a single-user desk)."""
        field = REVIEW_PARTS.get(part.strip())
        if field is None:
            raise Unprocessable(f"审查类别「{part}」无效，应为：网络安全、密码")
        access.require_reviewer_of(actor, field)
        if result.strip() not in ("符合", "不符合"):
            raise Unprocessable(f"审查结果「{result}」无效，应为：符合、不符合", f"review.{field}.result")
        entry: dict[str, Any] = {"result": result.strip(), "unit": unit.strip() or actor.unit_name or None}
        if date.strip():
            entry["date"] = date.strip()
        label = "网络安全审查" if field == "network_security" else "密码保护审查"
        return self.patch(
            actor,
            key,
            [{"op": "add", "path": f"/review/{field}", "value": entry}],
            note=f"记录{label}结果：{entry['result']}",
            allow_review=True,
        )

    # ------------------------------------------------------------ history

    def history(self, actor: Actor, key: str) -> list[dict[str, Any]]:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            versions = session.execute(
                select(Version.number, Version.author, Version.at, Version.note, Version.changes)
                .where(Version.project_id == row.id)
                .order_by(Version.number.desc())
            ).all()
        return [
            {
                "version": number,
                "author": author,
                "at": at.isoformat(timespec="seconds") + "Z",
                "note": note,
                "changes": [
                    {"field": c["field"], "label": c["label"], "before": c["before"], "after": c["after"]}
                    for c in changes or []
                ],
            }
            for number, author, at, note, changes in versions
        ]

    # ------------------------------------------------------------ deleting

    def delete(self, actor: Actor, key: str) -> None:
        access.require_editor(actor)
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            access.require_edit(actor, row)
            row.deleted_at = utc_now()
            record(session, actor, "删除", key, row.name)

    def undelete(self, actor: Actor, key: str) -> None:
        access.require_editor(actor)
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True, deleted=True)
            row.deleted_at = None
            row.changed_at = utc_now()
            record(session, actor, "恢复删除的项目", key, row.name)

    def deleted(self, actor: Actor) -> list[Listed]:
        return self.listing(actor, deleted=True)

    def purge(self, now: dt.datetime | None = None) -> int:
        """Remove projects deleted more than 30 days ago (their versions and files with them)."""
        limit = (now or utc_now()) - KEEP_DELETED
        with self.db.write() as session:
            rows = session.scalars(
                select(Project).where(Project.deleted_at.is_not(None), Project.deleted_at < limit)
            ).all()
            for row in rows:
                record(session, None, "永久删除", row.key, f"{row.name}（删除已超过 30 天）")
                session.delete(row)
            return len(rows)


def _require_match(if_match: str | None, version: int) -> None:
    """``If-Match`` (when sent) names the newest version, or ``*``: otherwise 412 and nothing written."""
    if if_match is not None and if_match.strip() not in (etag(version), "*"):
        raise PreconditionFailed(f"项目已更新到第 {version} 版（请求基于 {if_match}），未保存")


def resolve_comments(session: Session, project_id: int, version: int, fields: list[str]) -> None:
    """A reviewer's open comment is resolved by the first version that changes its field (or a part of it)."""
    if not fields:
        return
    open_comments = session.scalars(
        select(Comment).where(Comment.project_id == project_id, Comment.resolved_version.is_(None))
    ).all()
    for comment in open_comments:
        if comment.field and any(_related(comment.field, changed) for changed in fields):
            comment.resolved_version = version


def _related(commented: str, changed: str) -> bool:
    """Whether a change to ``changed`` concerns the field ``commented`` (the same, within it, or around it)."""
    return any(
        a == b or a.startswith(b + ".") or a.startswith(b + "[")
        for a, b in ((changed, commented), (commented, changed))
    )


def store_blob(session: Session, sha: str, data: bytes) -> str:
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, size=len(data), data=data))
        session.flush()
    return sha


def _touches_review(op: Any) -> bool:
    if not isinstance(op, dict) or op.get("op") == "test":
        return False
    paths = [str(op.get("path", "")), str(op.get("from", "")) if op.get("op") == "move" else ""]
    return any(p == REVIEW_PREFIX or p.startswith(REVIEW_PREFIX + "/") for p in paths)


def _conflict_message(found: Iterable[dict[str, Any]]) -> str:
    labels = "、".join(f"「{c['label']}」" for c in found)
    return f"{labels}已在别处修改，您的修改未保存"


def _describe(changes: list[dict[str, Any]]) -> str:
    labels = list(dict.fromkeys(str(c["label"]) for c in changes))
    if not labels:
        return "修改"
    shown = "、".join(labels[:3])
    return f"修改{shown}" + (f"等 {len(labels)} 项" if len(labels) > 3 else "")


__all__ = ["KEEP_DELETED", "Listed", "Opened", "Projects", "Saved", "etag", "store_blob"]
