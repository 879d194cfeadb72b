"""The desk's database: the Alembic revisions build exactly the schema the code declares (on SQLite
and on PostgreSQL), opening an empty database says once that it was set up, and a second opening
changes nothing."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from docgen.store.database import database_url, head_revision, open_database
from docgen.store.schema import Base


def test_the_migrations_build_the_declared_schema(tmp_path: Path, database: str | None) -> None:
    url = database_url(tmp_path, database)
    first = open_database(url)
    assert first.upgraded_from == "（空）"
    with first.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    first.dispose()
    again = open_database(url)
    assert again.upgraded_from is None  # nothing to do, nothing said
    again.dispose()
