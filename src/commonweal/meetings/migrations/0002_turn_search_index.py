"""The full-text index behind search across meetings (meetings/search.py).

SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34 or later) whose content is
``meetings_turn`` itself, kept in step by triggers on insert, update and delete, so a
meeting ingested, replaced by a corrected transcript or deleted is found as it now is.
PostgreSQL: a pg_trgm GIN index on ``meetings_turn.text``, which the database keeps in
step itself. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may
create it.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE meetings_turn_fts USING fts5("
    "text, content='meetings_turn', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER meetings_turn_fts_insert AFTER INSERT ON meetings_turn BEGIN "
    "INSERT INTO meetings_turn_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER meetings_turn_fts_delete AFTER DELETE ON meetings_turn BEGIN "
    "INSERT INTO meetings_turn_fts(meetings_turn_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER meetings_turn_fts_update AFTER UPDATE OF text ON meetings_turn BEGIN "
    "INSERT INTO meetings_turn_fts(meetings_turn_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO meetings_turn_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO meetings_turn_fts(meetings_turn_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS meetings_turn_fts_insert",
    "DROP TRIGGER IF EXISTS meetings_turn_fts_delete",
    "DROP TRIGGER IF EXISTS meetings_turn_fts_update",
    "DROP TABLE IF EXISTS meetings_turn_fts",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS meetings_turn_text_trgm "
    "ON meetings_turn USING gin (text gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS meetings_turn_text_trgm"]


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def index_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        version = schema_editor.connection.Database.sqlite_version_info
        if version < (3, 34):
            raise RuntimeError(
                "search needs SQLite 3.34 or later (its FTS5 trigram tokenizer); "
                f"this Python has SQLite {'.'.join(map(str, version))}"
            )
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def index_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(index_create, index_drop)]
