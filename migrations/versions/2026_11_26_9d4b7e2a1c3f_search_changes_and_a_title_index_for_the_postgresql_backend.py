"""search_changes and a title index for the PostgreSQL search backend

Each process of the PostgreSQL search backend now counts with bitmasks it keeps in memory (see
postgres_backend.py):
- `search_changes` tells a process what the others wrote: every write transaction appends the
  doc_ids it touched (NULL: everything, after a rebuild or clear) under a generation number that
  an advisory lock hands out in commit order. The backend keeps the last thousand generations.
- A word's title matches are looked up in a GIN index of `title_tsv` of their own, instead of
  being tested on every matching row; `title_tsv` moves out of line like `tsv`, so the rows a
  lookup visits are a third as wide. Rows already written keep their inline value until the next
  `flask search rebuild`, which is only slower, never wrong.
No model maps the table; on SQLite nothing is created.

Revision ID: 9d4b7e2a1c3f
Revises: 64a02243289a
Create Date: 2026-11-26 22:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '9d4b7e2a1c3f'
down_revision = '64a02243289a'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE search_changes (generation bigint PRIMARY KEY, doc_ids integer[])")
    op.execute("ALTER TABLE search_matches ALTER COLUMN title_tsv SET STORAGE EXTERNAL")
    op.execute("CREATE INDEX ix_search_matches_title_tsv ON search_matches USING gin (title_tsv)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_search_matches_title_tsv")
    op.execute("ALTER TABLE search_matches ALTER COLUMN title_tsv SET STORAGE PLAIN")
    op.execute("DROP TABLE search_changes")
