"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from store.migrate import current_revision, head_revision, is_current
from store.models import Base


def test_when_migrated_then_schema_matches_models(db_engine):
    with db_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_when_migrated_then_revision_is_head(db_engine):
    assert current_revision(db_engine) == head_revision()
    assert is_current(db_engine)
