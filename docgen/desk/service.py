"""The desk as one object over a workspace and its database: what ``docgen serve`` and the
administrative commands (``units``, ``accounts``, ``audit``, ``backup``) open."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from docgen.desk.actors import Actor
from docgen.desk.people import People
from docgen.desk.work import Workers, shared
from docgen.errors import DocgenError
from docgen.store.database import Database, database_url, open_database
from docgen.store.schema import Account, Setting

if TYPE_CHECKING:
    from docgen.desk.imports import Imports
    from docgen.desk.projects import Projects
    from docgen.desk.submissions import Submissions

#: the project folders of a workspace made before the desk had a database (项目.yaml and its pictures)
LEGACY_DATA_FILE = "项目.yaml"
LEGACY_IMPORTED = "legacy_folders_imported"
CACHE = ".docgen-cache"


class Desk:
    def __init__(
        self, workspace: Path, database: str | None = None, *, workers: Workers | None = None, submit_pdf: bool = True
    ) -> None:
        self.workspace = workspace
        self.submit_pdf = submit_pdf
        workspace.mkdir(parents=True, exist_ok=True)
        self.db: Database = open_database(database_url(workspace, database))
        self.workers = workers or shared()
        self.people = People(self.db)

    @cached_property
    def projects(self) -> Projects:
        """The projects (loaded when first used: the administrative commands never need them)."""
        from docgen.desk.projects import Projects

        return Projects(self.db, self.workers, self.workspace / CACHE / "blobs")

    @cached_property
    def imports(self) -> Imports:
        """Imports as jobs with their progress (a city's plan workbook takes minutes)."""
        from docgen.desk.imports import Imports

        return Imports(self.projects)

    @cached_property
    def submissions(self) -> Submissions:
        """The submission loop (``submit_pdf``: the frozen package holds PDFs, as ``build --pdf`` writes them)."""
        from docgen.desk.submissions import Submissions

        return Submissions(self.projects, pdf=self.submit_pdf)

    @property
    def upgrade_note(self) -> str | None:
        """One Chinese line when opening the database upgraded its schema."""
        if self.db.upgraded_from is None:
            return None
        if self.db.upgraded_from == "（空）":
            return "已建立数据库（新的工作区）"
        return f"数据库结构已从 {self.db.upgraded_from} 版升级到最新版"

    def multi_user(self) -> bool:
        """True once the first account exists: from then on every request signs in."""
        with self.db.read() as session:
            return session.scalar(select(Account.id).limit(1)) is not None

    def import_folders(self) -> int:
        """Projects kept as folders (``项目.yaml`` and pictures) by an earlier docgen serve become
        projects of the database, once; the folders are left as they are."""
        with self.db.read() as session:
            if session.get(Setting, LEGACY_IMPORTED) is not None:
                return 0
        made = 0
        here = Actor.here()
        for folder in sorted(p for p in self.workspace.iterdir() if p.is_dir() and not p.name.startswith(".")):
            data = folder / LEGACY_DATA_FILE
            if not data.is_file():
                continue
            from docgen.sources import read_text

            files = {
                str(picture.relative_to(folder)): picture.read_bytes()
                for picture in sorted(folder.rglob("*"))
                if picture.is_file()
                and picture != data
                and not picture.is_symlink()
                and picture.stat().st_size < 50 << 20
            }
            try:
                self.projects.create(here, read_text(data), note=f"从工作区文件夹「{folder.name}」导入", files=files)
            except DocgenError:  # an unreadable folder stays on disk as it is; the others are imported
                continue
            made += 1
        with self.db.write() as session:
            session.add(Setting(key=LEGACY_IMPORTED, value=str(made)))
        return made

    def close(self) -> None:
        self.db.dispose()


__all__ = ["Desk"]
