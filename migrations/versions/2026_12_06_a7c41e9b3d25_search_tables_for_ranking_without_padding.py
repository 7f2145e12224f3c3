"""search tables for ranking, without padding

The PostgreSQL search backend now ranks (search/ranking.py) from one tsvector whose lexemes name
their field (`t:almaty` in a title, `b:^anim#2` in a body that repeats a stem), so:
- `search_matches` loses `title_tsv` (and its GIN index) and `toast_pad`, the 2,100 spaces that
  forced every tsvector out of line; the table's storage options go back to PostgreSQL's
  defaults;
- `search_documents` gains `place` and `price`, which a result's card shows;
- the indexed rows were written in the old lexemes, so they are emptied, and a NULL generation
  in `search_changes` tells every process to forget its masks. The index check (`flask search
  verify`, and the worker's `keep_in_step` every ten minutes or at a web process's first request)
  then finds the index empty beside the database and rebuilds it; `flask search rebuild` does
  so at once.
On SQLite nothing changes: Whoosh keeps its index in files (its new schema is rebuilt the same way).

Revision ID: a7c41e9b3d25
Revises: 64ff75c6dabd
Create Date: 2026-12-06 00:15:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a7c41e9b3d25'
down_revision = '64ff75c6dabd'
branch_labels = None
depends_on = None


def _emptied() -> None:
    op.execute("TRUNCATE search_documents, search_matches, search_terms RESTART IDENTITY")
    op.execute("INSERT INTO search_changes (generation, doc_ids) "
               "SELECT coalesce(max(generation), 0) + 1, NULL FROM search_changes")


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    _emptied()
    op.execute("DROP INDEX IF EXISTS ix_search_matches_title_tsv")
    op.execute("ALTER TABLE search_matches DROP COLUMN title_tsv, DROP COLUMN toast_pad")
    op.execute("ALTER TABLE search_matches ALTER COLUMN tsv SET STORAGE EXTENDED")
    op.execute("ALTER TABLE search_matches RESET (toast_tuple_target, fillfactor)")
    op.execute("ALTER TABLE search_documents ADD COLUMN place text NOT NULL DEFAULT '', "
               "ADD COLUMN price text NOT NULL DEFAULT ''")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    _emptied()
    op.execute("ALTER TABLE search_documents DROP COLUMN place, DROP COLUMN price")
    op.execute("ALTER TABLE search_matches SET (toast_tuple_target = 128, fillfactor = 100)")
    op.execute("ALTER TABLE search_matches ALTER COLUMN tsv SET STORAGE EXTERNAL")
    op.execute("ALTER TABLE search_matches ADD COLUMN title_tsv tsvector NOT NULL DEFAULT '', "
               "ADD COLUMN toast_pad text NOT NULL DEFAULT repeat(' ', 2100)")
    op.execute("ALTER TABLE search_matches ALTER COLUMN title_tsv SET STORAGE EXTERNAL")
    op.execute("CREATE INDEX ix_search_matches_title_tsv ON search_matches USING gin (title_tsv)")
