"""Imports that take long (a plan workbook of a whole city) run as a job with its progress in the
database, so no page waits on them: the upload is read in a worker, then each project is created
and counted; the page polls ``/api/jobs/{id}``. A small import (one data file, one form) is a job too —
it is simply done by the first look."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select, update

from docgen.desk.actors import Actor
from docgen.desk.audit import record
from docgen.desk.problems import NotFound
from docgen.desk.projects import Projects
from docgen.errors import DocgenError
from docgen.store.schema import Job, utc_now

#: how often a running import writes its progress (projects)
PROGRESS_EVERY = 10
#: a job not heard of for this long belonged to a process that is gone
ABANDONED = dt.timedelta(minutes=10)


class Imports:
    def __init__(self, projects: Projects) -> None:
        self.projects = projects
        self.db = projects.db
        self._runner = ThreadPoolExecutor(max_workers=2, thread_name_prefix="docgen-import")
        self._lock = threading.Lock()

    def start(self, actor: Actor, name: str, blob: bytes) -> int:
        """An import job for an uploaded file; its id. The work goes on after the request has answered."""
        from docgen.desk import access

        access.require_editor(actor)
        with self.db.write() as session:
            job = Job(kind="import", account=actor.name, unit_id=actor.unit_id, state="running", result={"file": name})
            session.add(job)
            session.flush()
            number = job.id
            record(session, actor, "导入", None, f"开始导入「{name}」（任务 {number}）")
        self._runner.submit(self._run, actor, number, name, blob)
        return number

    def _progress(self, number: int, **values: Any) -> None:
        with self.db.write() as session:
            session.execute(update(Job).where(Job.id == number).values(updated_at=utc_now(), **values))

    def _run(self, actor: Actor, number: int, name: str, blob: bytes) -> None:
        from docgen.desk import jobs

        made: list[dict[str, str]] = []
        try:
            read = self.projects.workers.call(jobs.read_upload, name, blob, seconds=600.0)
        except DocgenError as exc:
            self._progress(number, state="failed", result={"file": name, "problems": [exc.message], "made": []})
            return
        self._progress(number, total=len(read.projects))
        problems = list(read.problems)
        for count, (text, note) in enumerate(read.projects, start=1):
            try:
                opened = self.projects.create(actor, text, note=note)
                made.append({"key": opened.key, "name": opened.judged.name})
            except DocgenError as exc:
                problems.append(exc.message)
            if count % PROGRESS_EVERY == 0:
                self._progress(number, done=count)
        result = {"file": name, "made": made, "problems": problems, "read": read.read, "ignored": read.ignored}
        self._progress(number, done=len(read.projects), state="done", result=result)
        with self.db.write() as session:
            record(session, actor, "导入", None, f"「{name}」：{len(made)} 个项目（任务 {number}）")

    def status(self, actor: Actor, number: int) -> dict[str, Any]:
        """A job's progress: only its own account sees it."""
        with self.db.read() as session:
            job = session.get(Job, number)
            if job is None or job.account != actor.name:
                raise NotFound("没有这个导入任务")
            return {
                "id": job.id,
                "state": job.state,
                "done": job.done,
                "total": job.total,
                "result": job.result,
            }

    def forget_abandoned(self) -> int:
        """Jobs of a process that died mid-way are said failed (their projects made so far stay)."""
        limit = utc_now() - ABANDONED
        with self.db.write() as session:
            rows = session.scalars(select(Job).where(Job.state == "running", Job.updated_at < limit)).all()
            stopped = "服务在导入过程中停止，只导入了一部分：请检查后重新导入其余的项目"
            for job in rows:
                job.state = "failed"
                job.result = {**job.result, "problems": [stopped]}
            return len(rows)


__all__ = ["Imports"]
