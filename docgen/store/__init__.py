"""The desk's store: the database schema (``schema``), opening and upgrading it (``database``)
and its Alembic revisions (``migrations``). Nothing here knows about projects' meaning: the
facade (``docgen.desk``) does."""
