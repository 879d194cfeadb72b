"""The submission loop on the desk: submit (the version and its package frozen with their SHA-256),
forward, review with opinions and comments on fields, return, approve (a 技术审查意见 generated),
refuse; then 报自治区, 立项, 招标, 备案, 变更备案, 验收 — each step a transition of ``workflow``, in the
project's timeline and the audit log. Attachments belong to items of the 申报材料清单.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from docgen.desk import access
from docgen.desk.actors import Actor, Role, UnitKind
from docgen.desk.audit import record
from docgen.desk.problems import Conflicted, Forbidden, NotFound, Unprocessable
from docgen.desk.projects import Projects, store_blob
from docgen.desk.workflow import BY_TARGET, DECISIONS, IllegalStep, State, Step, may_take, step_named
from docgen.errors import ValidationFailed
from docgen.store.schema import Attachment, Blob, Comment, Event, Project, Submission, Unit, Version, utc_now

#: what an attachment may be, by its first bytes (the content decides, never the name)
ATTACHMENT_LIMIT = 30 * 1024 * 1024
ATTACHMENT_TYPES = {
    "application/pdf": "PDF",
    "application/ofd": "OFD",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word（.docx）",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
}


def sniff(blob: bytes) -> str | None:
    """The type of an uploaded attachment read from its content: PDF, OFD, .docx, JPEG or PNG."""
    if blob.startswith(b"%PDF-"):
        return "application/pdf"
    if blob.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if blob.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if blob.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(blob)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "OFD.xml" in names:
            return "application/ofd"
    return None


@dataclass(frozen=True)
class Frozen:
    """One file of a submission."""

    name: str
    sha256: str
    size: int
    kind: str  # 文档 / 附件 / 审查意见 / 审查后的附件2

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size, "kind": self.kind}


class Submissions:
    def __init__(self, projects: Projects, *, pdf: bool = True) -> None:
        self.projects = projects
        self.db = projects.db
        self.workers = projects.workers
        self.pdf = pdf

    # ------------------------------------------------------------ helpers

    def _row(self, session: Session, actor: Actor, key: str, *, lock: bool = False) -> Project:
        return self.projects.row(session, actor, key, lock=lock)

    @staticmethod
    def _city(session: Session) -> Unit | None:
        return session.scalar(select(Unit).where(Unit.kind == UnitKind.CITY_BUREAU.value).order_by(Unit.id))

    @staticmethod
    def _county_of(session: Session, unit_id: int | None) -> Unit | None:
        """The 县区数据局 above a unit, if it has one."""
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            unit = session.get(Unit, unit_id)
            if unit is None:
                return None
            if unit.kind == UnitKind.COUNTY_BUREAU.value:
                return unit
            unit_id = unit.parent_id
        return None

    def _check(self, step: Step, actor: Actor, row: Project) -> None:
        own = actor.local or (actor.unit_id is not None and actor.unit_id == row.unit_id)
        if not may_take(step, actor, own_unit=own, waiting_at=row.at_unit_id, county=row.county_id):
            raise Forbidden(f"「{step.action}」应由{step.who.value}办理（{step.article}）")

    def _event(self, session: Session, row: Project, actor: Actor, action: str, note: str = "", **data: Any) -> None:
        latest = session.scalar(
            select(Submission.id).where(Submission.project_id == row.id).order_by(Submission.number.desc())
        )
        session.add(
            Event(
                project_id=row.id,
                submission_id=latest,
                action=action,
                state=row.state,
                account=actor.name,
                unit=actor.unit_name,
                note=note,
                data=data,
            )
        )

    def _move(self, session: Session, row: Project, step: Step, actor: Actor) -> None:
        try:
            step_named(step.action, State(row.state))
        except IllegalStep as exc:
            raise Conflicted(exc.message, {"state": row.state}) from None
        row.state = step.target.value

    # ------------------------------------------------------------ submit

    def submit(self, actor: Actor, key: str) -> dict[str, Any]:
        """Freeze the newest version and its package (PDFs included) and send it to its 数据局."""
        from docgen.desk import jobs

        with self.db.read() as session:
            row = self._row(session, actor, key)
            step = _step("提交", row)
            self._check(step, actor, row)
        opened = self.projects.open(actor, key)
        if opened.judged.errors:
            raise Unprocessable(
                f"数据中有 {opened.judged.errors} 个错误，改正后才能提交",
                extra={"findings": opened.judged.findings},
            )
        _row, text, files = self.projects.snapshot(actor, key)
        documents: dict[str, bytes] = self.workers.call(jobs.render, text, files, None, 60.0, False)
        if self.pdf:
            from docgen import api

            documents |= api.pdfs(documents)
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            if row.version != opened.version:
                raise Conflicted("提交期间项目又被修改了，请再提交一次", {"version": row.version})
            self._move(session, row, step, actor)
            frozen = [self._freeze(session, name, blob, "文档") for name, blob in documents.items()]
            frozen += self._frozen_attachments(session, row.id)
            number = (
                session.scalar(select(func.max(Submission.number)).where(Submission.project_id == row.id)) or 0
            ) + 1
            county = self._county_of(session, row.unit_id) if row.unit_id is not None else None
            city = self._city(session)
            if county is not None:
                row.county_id, row.at_unit_id = county.id, county.id
                destination = county.name
            else:
                row.reached_city = True
                row.at_unit_id = city.id if city is not None else None
                destination = city.name if city is not None else "市数据局"
            session.add(
                Submission(
                    project_id=row.id,
                    number=number,
                    version=row.version,
                    by_id=actor.account_id,
                    by=actor.name,
                    documents=[f.to_json() for f in frozen],
                    findings=opened.judged.findings,
                )
            )
            session.flush()
            self._event(session, row, actor, "提交", f"第 {number} 次提交（第 {row.version} 版），送{destination}")
            record(session, actor, "提交", key, f"第 {number} 次提交，第 {row.version} 版，{len(frozen)} 个文件")
            return {
                "state": row.state,
                "version": row.version,
                "submission": number,
                "documents": [f.to_json() for f in frozen],
            }

    def _freeze(self, session: Session, name: str, blob: bytes, kind: str) -> Frozen:
        sha = hashlib.sha256(blob).hexdigest()
        store_blob(session, sha, blob)
        return Frozen(name, sha, len(blob), kind)

    def _frozen_attachments(self, session: Session, project_id: int) -> list[Frozen]:
        rows = session.scalars(
            select(Attachment).where(Attachment.project_id == project_id, Attachment.removed_at.is_(None))
        ).all()
        return [Frozen(f"附件/{a.item}/{a.name}", a.sha256, a.size, "附件") for a in rows]

    # ------------------------------------------------------------ review

    def review(
        self, actor: Actor, key: str, decision: str, opinion: str, comments: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """A 数据局 reviewer's decision on the submission under review: 退回修改 (comments required),
        通过 (a 技术审查意见 is written), 不予受理 (the reason, citing its article) or 转报 (to the 市数据局)."""
        if decision not in DECISIONS:
            raise Unprocessable(f"审查决定「{decision}」无效，应为：{'、'.join(DECISIONS)}")
        opinion = opinion.strip()
        texts = [c for c in comments if isinstance(c, dict) and str(c.get("text", "")).strip()]
        if decision == "退回修改" and not texts and not opinion:
            raise Unprocessable("退回修改须写明意见：逐项写在相关的栏目上，或写一条总的意见")
        if decision == "不予受理" and ("第" not in opinion or "条" not in opinion):
            raise Unprocessable(
                "不予受理须写明理由和依据的条款，例如：不符合第十三条第（二）项，未获得上级主管部门准许"
            )
        with self.db.read() as session:
            row = self._row(session, actor, key)
            step = _step(decision, row)
            self._check(step, actor, row)
            submission = self._latest(session, row)
        if submission is None:
            raise Conflicted("这个项目还没有提交过", {"state": row.state})
        opinion_doc: Frozen | None = None
        blob = self._opinion(actor, key, submission, opinion) if decision == "通过" else None
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            self._move(session, row, step, actor)
            current = session.get(Submission, submission.id)
            assert current is not None
            if blob is not None:
                opinion_doc = self._freeze(session, f"{row.name or key}-技术审查意见.docx", blob, "审查意见")
                current.documents = [*current.documents, opinion_doc.to_json()]
            current.opinion = opinion
            for comment in texts:
                session.add(
                    Comment(
                        project_id=row.id,
                        submission_id=current.id,
                        field=str(comment.get("field") or ""),
                        text=str(comment["text"]).strip(),
                        author=actor.name,
                    )
                )
            if decision == "转报":
                city = self._city(session)
                row.at_unit_id = city.id if city is not None else None
                row.reached_city = True
            elif decision in ("退回修改", "不予受理"):
                row.at_unit_id = None
            elif decision == "通过":
                row.at_unit_id = None
                row.reached_city = True
            note = opinion or "；".join(str(c["text"]).strip() for c in texts)
            self._event(session, row, actor, decision, note, comments=len(texts))
            record(session, actor, f"审查：{decision}", key, note)
            out: dict[str, Any] = {"state": row.state}
            if opinion_doc is not None:
                out["opinion_document"] = opinion_doc.to_json()
            return out

    def _latest(self, session: Session, row: Project) -> Submission | None:
        return session.scalar(
            select(Submission).where(Submission.project_id == row.id).order_by(Submission.number.desc())
        )

    def _opinion(self, actor: Actor, key: str, submission: Submission, text: str) -> bytes:
        from docgen.desk import jobs

        with self.db.read() as session:
            row = self._row(session, actor, key)
            version_text = session.scalar(
                select(Version.text).where(Version.project_id == row.id, Version.number == submission.version)
            )
        files = self.projects.snapshot(actor, key)[2]
        documents = "、".join(d["name"] for d in submission.documents if d.get("kind") == "文档")
        findings = [
            {"code": f.get("code", ""), "article": f.get("article") or "", "message": f.get("message", "")}
            for f in submission.findings
            if f.get("severity") in ("warning", "info")
        ]
        today = dt.date.today()
        context = {
            "unit": actor.unit_name or "市数据局",
            "date": f"{today.year}年{today.month}月{today.day}日",
            "documents": documents or "（无）",
            "findings": findings,
            "findings_summary": f"docgen 检查：没有错误，{len(findings)} 个警告或提示（见下表）。"
            if findings
            else "docgen 检查：没有发现问题。",
            "text": text or "经审查，项目材料齐全，符合《石嘴山市政务信息化项目管理办法》的要求。",
            "conclusion": "同意通过技术审查。",
            "basis": "《石嘴山市政务信息化项目管理办法》第十五条",
        }
        blob: bytes = self.workers.call(jobs.opinion, version_text or "", files, context)
        return blob

    # ------------------------------------------------------------ the 附件2 reviews

    def security_review(self, actor: Actor, key: str, part: str, result: str, unit: str, date: str) -> dict[str, Any]:
        """网信审查 / 密码审查 record their part of 附件2 on the project; the submission gets the 附件2
        regenerated with it."""
        from docgen.desk import jobs
        from docgen.forms import Form

        saved = self.projects.record_review(actor, key, part, result, unit, date)
        row, text, files = self.projects.snapshot(actor, key)
        try:
            documents: dict[str, bytes] = self.workers.call(
                jobs.render, text, files, [Form.SECURITY.value], 60.0, False
            )
        except ValidationFailed:  # the result is recorded; the applicant's own errors only delay the form
            documents = {}
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            submission = self._latest(session, row)
            if submission is not None and documents:
                ((name, blob),) = documents.items()
                frozen = self._freeze(session, name.replace(".docx", "（审查后）.docx"), blob, "审查后的附件2")
                kept = [d for d in submission.documents if d.get("kind") != "审查后的附件2"]
                submission.documents = [*kept, frozen.to_json()]
            self._event(session, row, actor, f"{part}审查", f"{result}（{unit or actor.unit_name}，{date}）")
        return {"state": row.state, "version": saved.version}

    # ------------------------------------------------------------ after approval

    def advance(self, actor: Actor, key: str, target: str, data: dict[str, Any]) -> dict[str, Any]:
        """The project reaches ``target`` (已报自治区, 已立项, 已招标, 已备案, 变更备案, 已验收), recording the
        step's own section of the data (approval, procurement, filing, acceptance)."""
        try:
            wanted = State(target)
        except ValueError:
            choices = "、".join(state.value for state in BY_TARGET)
            raise Unprocessable(f"状态「{target}」无效，可推进到：{choices}") from None
        step = BY_TARGET.get(wanted)
        if step is None:
            raise Unprocessable(f"「{target}」不能用推进办理（提交和审查决定有各自的接口）")
        with self.db.read() as session:
            row = self._row(session, actor, key)
            try:
                step_named(step.action, State(row.state))
            except IllegalStep as exc:
                raise Conflicted(exc.message, {"state": row.state}) from None
            self._check(step, actor, row)
        if step.min_total is not None:
            total = self._total(actor, key)
            if total is None or total < step.min_total:
                raise Conflicted(
                    f"只有总投资 {step.min_total} 万元以上的项目报自治区（{step.article}），本项目为 {total} 万元",
                    {"state": row.state},
                )
        unknown = [name for name in data if name != step.section]
        if unknown:
            raise Unprocessable(
                f"「{step.action}」只记录「{step.section or '（无）'}」部分的数据，不能同时修改：{'、'.join(unknown)}"
            )
        section = data.get(step.section or "", {})
        if section and not isinstance(section, dict):
            raise Unprocessable(f"「{step.section}」应为一组内容（JSON 对象）")
        before_text = self.projects.text(actor, key) if step.target is State.CHANGE_FILING else ""
        if section:
            ops = [{"op": "add", "path": f"/{step.section}/{name}", "value": value} for name, value in section.items()]
            self.projects.patch(actor, key, ops, note=f"{step.action}：记录{step.section}", by_workflow=True)
        due = self._due(actor, key) if step.section == "filing" or step.target is State.TENDERED else None
        notice: Frozen | None = None
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            self._move(session, row, step, actor)
            if step.target is State.CHANGE_FILING:
                blob = self._change_notice(actor, key, before_text)
                latest = self._latest(session, row)
                if blob is not None and latest is not None:
                    notice = self._freeze(session, f"{row.name or key}-备案信息变更说明.docx", blob, "变更说明")
                    latest.documents = [*latest.documents, notice.to_json()]  # downloadable with the package
            extra: dict[str, Any] = {"due": due.isoformat() if due else None}
            if notice is not None:
                extra["notice"] = notice.to_json()
            self._event(session, row, actor, step.action, f"依据{step.article}", **extra)
            record(session, actor, step.action, key, f"推进到「{step.target.value}」")
            out: dict[str, Any] = {"state": row.state}
            if due is not None:
                out["due"] = due.isoformat()
            if notice is not None:
                out["notice"] = notice.to_json()
            return out

    def _total(self, actor: Actor, key: str) -> Decimal | None:
        data = self.projects.open(actor, key).judged.data
        total = ((data.get("project") or {}).get("investment") or {}).get("total")
        return Decimal(str(total)) if isinstance(total, int | float | Decimal) else None

    def _due(self, actor: Actor, key: str) -> dt.date | None:
        from docgen.desk import jobs

        _row, text, files = self.projects.snapshot(actor, key)
        due: dt.date | None = self.workers.call(jobs.filing_due, text, files)
        return due

    def _change_notice(self, actor: Actor, key: str, before: str) -> bytes | None:
        from docgen.desk import jobs

        _row, after, files = self.projects.snapshot(actor, key)
        notice: bytes | None = self.workers.call(jobs.change_notice, before, after, files)
        return notice

    # ------------------------------------------------------------ reading

    def timeline(self, actor: Actor, key: str) -> list[dict[str, Any]]:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            events = session.scalars(select(Event).where(Event.project_id == row.id).order_by(Event.id)).all()
            return [
                {
                    "state": e.state,
                    "action": e.action,
                    "account": e.account,
                    "unit": e.unit,
                    "at": e.at.isoformat(timespec="seconds") + "Z",
                    "note": e.note,
                    **({"due": e.data["due"]} if e.data.get("due") else {}),
                }
                for e in events
            ]

    def queue(self, actor: Actor) -> list[dict[str, Any]]:
        """What waits for this account's review: 待审查 with the day received and the days waiting (for
        网信 and 密码 reviewers, what has no result of theirs since it was received)."""
        with self.db.read() as session:
            query = select(Project).where(Project.deleted_at.is_(None), access.visible(actor))
            if actor.role in (Role.NETWORK, Role.CRYPTO):
                query = query.where(Project.state.in_([s.value for s in (*REVIEW_STATES, State.APPROVED)]))
            elif actor.local:
                query = query.where(Project.state.in_([s.value for s in REVIEW_STATES]))
            elif actor.role is Role.REVIEWER:
                query = query.where(
                    Project.state.in_([s.value for s in REVIEW_STATES]), Project.at_unit_id == actor.unit_id
                )
            else:
                return []
            rows = session.scalars(query).all()
            own_part = {Role.NETWORK: "网络安全审查", Role.CRYPTO: "密码审查"}.get(actor.role)
            units = access.unit_names(session, {r.unit_id for r in rows if r.unit_id is not None})
            today = utc_now()
            out = []
            for row in rows:
                received = session.scalar(
                    select(Event.at)
                    .where(Event.project_id == row.id, Event.action.in_(["提交", "转报"]))
                    .order_by(Event.id.desc())
                )
                if received is None:
                    continue
                if own_part and session.scalar(  # this reviewer's result is in since it was received
                    select(Event.id).where(Event.project_id == row.id, Event.action == own_part, Event.at >= received)
                ):
                    continue
                out.append(
                    {
                        "key": row.key,
                        "name": row.name,
                        "unit": units.get(row.unit_id or 0, ""),
                        "state": row.state,
                        "received": received.isoformat(timespec="seconds") + "Z",
                        "waiting_days": (today - received).days,
                    }
                )
            return sorted(out, key=lambda item: item["received"])

    def submission(self, actor: Actor, key: str, number: int | None = None) -> Submission:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            query = select(Submission).where(Submission.project_id == row.id)
            query = query.where(Submission.number == number) if number else query.order_by(Submission.number.desc())
            found = session.scalar(query)
            if found is None:
                raise NotFound("这个项目还没有提交过" if number is None else f"没有第 {number} 次提交")
            return found

    def submitted_zip(self, actor: Actor, key: str, number: int | None = None) -> tuple[str, bytes]:
        """The frozen package exactly as submitted (its documents, attachments and opinions)."""
        from docgen.zipping import zip_files

        found = self.submission(actor, key, number)
        with self.db.read() as session:
            files = {
                d["name"]: session.scalar(select(Blob.data).where(Blob.sha256 == d["sha256"])) or b""
                for d in found.documents
            }
            row = self._row(session, actor, key)
        return f"{row.name or key}-第{found.number}次提交.zip", zip_files(files)

    def comments(self, actor: Actor, key: str) -> list[dict[str, Any]]:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            found = session.scalars(select(Comment).where(Comment.project_id == row.id).order_by(Comment.id)).all()
            return [
                {
                    "id": c.id,
                    "field": c.field,
                    "text": c.text,
                    "author": c.author,
                    "at": c.at.isoformat(timespec="seconds") + "Z",
                    "resolved": c.resolved_version is not None,
                    "resolved_version": c.resolved_version,
                }
                for c in found
            ]

    def differences(self, actor: Actor, key: str) -> list[dict[str, Any]]:
        """What changed between the previous submission and the newest one, by label."""
        from docgen.desk import jobs

        with self.db.read() as session:
            row = self._row(session, actor, key)
            last_two = session.scalars(
                select(Submission).where(Submission.project_id == row.id).order_by(Submission.number.desc()).limit(2)
            ).all()
            if len(last_two) < 2:
                return []
            texts = [
                session.scalar(select(Version.text).where(Version.project_id == row.id, Version.number == s.version))
                or ""
                for s in reversed(last_two)
            ]
        changes: list[dict[str, Any]] = self.workers.call(jobs.changes_between, texts[0], texts[1])
        return changes

    # ------------------------------------------------------------ attachments

    def attach(self, actor: Actor, key: str, item: str, name: str, blob: bytes) -> dict[str, Any]:
        access.require_editor(actor)
        kind = sniff(blob)
        shown = name.replace("\\", "/").rsplit("/", 1)[-1][:200] or "附件"
        if kind is None:
            raise Unprocessable(f"「{shown}」不是 PDF、OFD、Word（.docx）、JPEG 或 PNG 文件（按文件内容判断）")
        if len(blob) > ATTACHMENT_LIMIT:
            raise Unprocessable(f"「{shown}」超过 {ATTACHMENT_LIMIT // 1024 // 1024} MiB 的上限")
        opened = self.projects.open(actor, key)
        items = {m["title"] for m in opened.judged.materials} | {m["document"] for m in opened.judged.materials}
        item = item.strip()
        if item not in items:
            listed = "、".join(sorted({m["title"] for m in opened.judged.materials}))
            raise Unprocessable(f"申报材料清单中没有「{item}」；可以上传的材料：{listed}")
        sha = hashlib.sha256(blob).hexdigest()
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            access.require_edit(actor, row)
            twin = session.scalars(
                select(Attachment).where(
                    Attachment.project_id == row.id, Attachment.sha256 == sha, Attachment.removed_at.is_(None)
                )
            ).first()
            if twin is not None:  # the same file twice is a slip (the wrong one picked), never two materials
                raise Conflicted(f"「{shown}」与已附在「{twin.item}」下的「{twin.name}」是同一个文件，没有再附一次")
            store_blob(session, sha, blob)
            session.add(
                Attachment(
                    project_id=row.id, item=item, name=shown, sha256=sha, size=len(blob), media_type=kind, by=actor.name
                )
            )
            record(session, actor, "上传附件", key, f"{item}：{shown}（{len(blob)} 字节）")
        return {"name": shown, "sha256": sha, "size": len(blob), "item": item, "type": ATTACHMENT_TYPES[kind]}

    def attachments(self, actor: Actor, key: str) -> list[dict[str, Any]]:
        with self.db.read() as session:
            row = self._row(session, actor, key)
            rows = session.scalars(
                select(Attachment)
                .where(Attachment.project_id == row.id, Attachment.removed_at.is_(None))
                .order_by(Attachment.id)
            ).all()
            return [
                {
                    "id": a.id,
                    "item": a.item,
                    "name": a.name,
                    "sha256": a.sha256,
                    "size": a.size,
                    "type": ATTACHMENT_TYPES.get(a.media_type, a.media_type),
                }
                for a in rows
            ]

    def attachment_blobs(self, actor: Actor, key: str) -> dict[str, bytes]:
        """The project's attachments as the package zip holds them (附件/<材料>/<文件名>)."""
        with self.db.read() as session:
            row = self._row(session, actor, key)
            rows = session.execute(
                select(Attachment.item, Attachment.name, Blob.data)
                .join(Blob, Blob.sha256 == Attachment.sha256)
                .where(Attachment.project_id == row.id, Attachment.removed_at.is_(None))
            ).all()
            return {f"附件/{item}/{name}": data for item, name, data in rows}

    def remove_attachment(self, actor: Actor, key: str, number: int) -> None:
        access.require_editor(actor)
        with self.db.write() as session:
            row = self._row(session, actor, key, lock=True)
            access.require_edit(actor, row)
            found = session.get(Attachment, number)
            if found is None or found.project_id != row.id or found.removed_at is not None:
                raise NotFound("没有这个附件")
            found.removed_at = utc_now()
            record(session, actor, "删除附件", key, f"{found.item}：{found.name}")

    def summary(self, actor: Actor) -> bytes:
        """The 汇总表 of every project this account sees, with where each stands on the desk."""
        from docgen.desk import jobs

        with self.db.read() as session:
            rows = session.scalars(
                select(Project).where(Project.deleted_at.is_(None), access.visible(actor)).order_by(Project.id)
            ).all()
            projects = [
                (
                    row.name,
                    session.scalar(
                        select(Version.text).where(Version.project_id == row.id, Version.number == row.version)
                    )
                    or "",
                    row.state,
                )
                for row in rows
            ]
        blob: bytes = self.workers.call(jobs.summary, projects, seconds=600.0)
        return blob

    def report_package(self, actor: Actor) -> tuple[str, bytes]:
        """The 上报 package for the 自治区 (第十六条): each approved project of 500万元 or more that this
        account sees, as it was submitted, and the 汇总表 of those projects."""
        from docgen.zipping import zip_files

        if not (actor.local or (actor.role is Role.REVIEWER and actor.unit_kind is UnitKind.CITY_BUREAU)):
            raise Forbidden("上报自治区的材料由市数据局的审查人下载（第十六条）")
        chosen: list[tuple[Project, Submission, str]] = []
        with self.db.read() as session:
            rows = session.scalars(
                select(Project).where(
                    Project.deleted_at.is_(None),
                    access.visible(actor),
                    Project.state.in_([State.APPROVED.value, State.REPORTED.value]),
                )
            ).all()
            for row in rows:
                latest = self._latest(session, row)
                text = session.scalar(
                    select(Version.text).where(Version.project_id == row.id, Version.number == row.version)
                )
                if latest is not None and text is not None:
                    chosen.append((row, latest, text))
        files: dict[str, bytes] = {}
        projects = []
        for row, latest, text in chosen:
            total = self._total(actor, row.key)
            if total is None or total < Decimal(500):
                continue
            projects.append((row.name, text, row.state))
            with self.db.read() as session:
                for document in latest.documents:
                    data = session.scalar(select(Blob.data).where(Blob.sha256 == document["sha256"])) or b""
                    files[f"{row.name or row.key}/{document['name']}"] = data
        if not projects:
            raise NotFound("没有需要报自治区的项目（已通过审查、总投资500万元以上）")
        from docgen.desk import jobs

        files["上报项目汇总表.xlsx"] = self.workers.call(jobs.summary, projects, seconds=600.0)
        today = dt.date.today()
        return f"报自治区材料-{today.isoformat()}.zip", zip_files(files)

    # ------------------------------------------------------------ work lists

    def todo(self, actor: Actor) -> list[dict[str, Any]]:
        """This account's 待办: projects to fix, to review, and 备案 due."""
        out: list[dict[str, Any]] = []
        if actor.local or actor.role in (Role.REVIEWER, Role.NETWORK, Role.CRYPTO):
            out += [{**item, "todo": "待审查"} for item in self.queue(actor)]
        if actor.local or actor.role is Role.CLERK:
            with self.db.read() as session:
                rows = session.scalars(
                    select(Project).where(
                        Project.deleted_at.is_(None),
                        access.visible(actor),
                        or_(
                            Project.state == State.RETURNED.value,
                            Project.state.in_([State.TENDERED.value, State.CHANGE_FILING.value]),
                        ),
                    )
                ).all()
                for row in rows:
                    what = "退回修改" if row.state == State.RETURNED.value else "待备案"
                    recorded = session.scalars(
                        select(Event.data).where(Event.project_id == row.id).order_by(Event.id.desc())
                    ).all()
                    due = next((data for data in recorded if data and data.get("due")), None)  # the step's deadline
                    out.append(
                        {
                            "key": row.key,
                            "name": row.name,
                            "state": row.state,
                            "todo": what,
                            "due": (due or {}).get("due"),
                        }
                    )
        return out


REVIEW_STATES = (State.SUBMITTED, State.FORWARDED)


def _step(action: str, row: Project) -> Step:
    try:
        return step_named(action, State(row.state))
    except IllegalStep as exc:
        raise Conflicted(exc.message, {"state": row.state}) from None


__all__ = ["ATTACHMENT_LIMIT", "Submissions", "sniff"]
