"""search tables for the PostgreSQL backend

The PostgreSQL search backend keeps its documents in `search_documents` (terms as a tsvector
with a GIN index; `title_tsv` for ranking) and every indexed term in `search_terms` (the fuzzy
fallback's lookups). No model maps them: the search engine writes them with its own SQL. On
SQLite they are not created; Whoosh keeps its index in files.

Revision ID: 3e1f0c2a9b7d
Revises: 7c343d658d93
Create Date: 2026-11-26 19:10:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '3e1f0c2a9b7d'
down_revision = '7c343d658d93'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE TABLE search_documents (
            key text PRIMARY KEY,
            kind text NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            url text NOT NULL,
            visibility text NOT NULL,
            country text,
            sectors text[] NOT NULL DEFAULT '{}',
            language text,
            format text,
            version text NOT NULL DEFAULT '',
            keywords text NOT NULL DEFAULT '',
            title_tsv tsvector NOT NULL DEFAULT '',
            tsv tsvector NOT NULL
        )""")
    op.execute("CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)")
    op.execute("CREATE TABLE search_terms (term text PRIMARY KEY)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_terms")
    op.execute("DROP TABLE search_documents")
