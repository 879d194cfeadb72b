"""Opening the desk's database: SQLite in the workspace by default, PostgreSQL by URL.

* SQLite: one file (``docgen.sqlite3``) in WAL mode with ``synchronous=FULL`` — an answered save
  is on disk — and a busy timeout; transactions that write take the write lock at once
  (``BEGIN IMMEDIATE``) so two writers never deadlock upgrading a read.
* PostgreSQL: ``postgresql://user@host:port/db`` through psycopg 3; rows that are changed are
  locked (``SELECT … FOR UPDATE``) for the transaction.

The schema is brought up to date on opening (Alembic), and the caller is told when that
happened, so ``docgen serve`` can say so in one Chinese line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from docgen.errors import InputError

DATABASE_FILE = "docgen.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(workspace: Path, url: str | None = None) -> str:
    """The URL given, or the workspace's own SQLite file."""
    if url:
        return normalized_url(url)
    return f"sqlite:///{(workspace / DATABASE_FILE).resolve()}"


def normalized_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 (SQLAlchemy's default driver name is psycopg2)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(f"数据库地址无法识别：{url}（例：postgresql://用户@主机:5432/数据库）") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(f"不支持的数据库：{parsed.get_backend_name()}（只支持 SQLite 和 PostgreSQL）")
    return parsed.render_as_string(hide_password=False)


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    upgraded_from: str | None  # the schema revision found before upgrading; None when nothing changed

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (no write lock)."""
        with self.sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that writes: committed when the block ends, rolled back on any error."""
        with self.sessions() as session:
            session.connection(execution_options={"docgen_write": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below decides how to begin
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("docgen_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def open_database(url: str, *, upgrade: bool = True) -> Database:
    """The database at ``url``, its schema brought to the newest revision (unless ``upgrade`` is False)."""
    options: dict[str, Any] = {}
    sqlite = url.startswith("sqlite")
    if sqlite:
        Path(make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
        options |= {"pool_size": 10, "max_overflow": 30}  # connections kept open: each opening costs its pragmas
    else:
        options |= {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}
    engine = create_engine(url, **options)
    if sqlite:
        _sqlite_setup(engine)
    try:
        before = _upgrade(engine) if upgrade else None
    except OperationalError as exc:
        engine.dispose()
        raise InputError(f"无法打开数据库：{_reason(exc)}") from None
    return Database(engine, sessionmaker(engine, expire_on_commit=False), before)


def _reason(exc: OperationalError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.splitlines()[0] if text else "未知原因"


def _config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    return head or ""


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _upgrade(engine: Engine) -> str | None:
    """Bring the schema to head; the revision found before, or None when it was already there."""
    from alembic import command

    before = current_revision(engine)
    if before == head_revision():
        return None
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    return before if before is not None else "（空）"


def backup_sqlite(database: Database, target: Path) -> int:
    """A consistent copy of a running SQLite database (SQLite's online backup API) at ``target``,
    written beside it first and renamed; the number of pages copied."""
    import os

    if not database.is_sqlite:
        raise InputError("docgen backup 只备份 SQLite 数据库；PostgreSQL 请用 pg_dump（见 README「备份与恢复」）")
    source = make_url(str(database.engine.url)).database or ""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source) as reading, sqlite3.connect(partial) as writing:
        reading.backup(writing)
        pages = int(writing.execute("PRAGMA page_count").fetchone()[0])
    writing.close()
    reading.close()
    os.replace(partial, target)
    return pages
