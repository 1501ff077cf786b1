"""PostgreSQL search asks for the newest matches without reading the whole archive's index.

The pg_trgm GIN index on ``meetings_turn.text`` becomes a two-column GIN index whose
first column is the block of 1,024 ids a turn lies in (``id / 1024``, indexed through
btree_gin): a condition "block at least N" inside the same index lets PostgreSQL skip
the posting lists of older turns, so a common word's newest 2,000 matches no longer cost
a pass over its matches in the whole archive. meetings/search.py writes the condition
with the same expression (docs/decisions/meetings-search-index.md). btree_gin, like
pg_trgm, is a trusted extension (PostgreSQL 13+): the database's owner may create it.
SQLite keeps its FTS5 table: nothing changes there.
"""

from django.db import migrations

BLOCK_INDEX = (
    "CREATE INDEX IF NOT EXISTS meetings_turn_block_text_trgm "
    "ON meetings_turn USING gin ((id / 1024), text gin_trgm_ops)"
)
TEXT_INDEX = (
    "CREATE INDEX IF NOT EXISTS meetings_turn_text_trgm "
    "ON meetings_turn USING gin (text gin_trgm_ops)"
)
BLOCK_INDEX_DROP = "DROP INDEX IF EXISTS meetings_turn_block_text_trgm"
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    BLOCK_INDEX,
    "DROP INDEX IF EXISTS meetings_turn_text_trgm",
]
POSTGRES_DROP = [TEXT_INDEX, BLOCK_INDEX_DROP]


def _run(schema_editor, statements: list[str]) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def index_by_block(apps, schema_editor):
    _run(schema_editor, POSTGRES_CREATE)


def index_by_text(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_turn_search_index")]

    operations = [migrations.RunPython(index_by_block, index_by_text)]
