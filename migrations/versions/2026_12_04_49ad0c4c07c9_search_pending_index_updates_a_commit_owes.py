"""search_pending: the index updates each commit owes, until the index has them

After-commit indexing runs in the process that committed; killed in between, it lost the update
and nothing noticed. Each flush that touches searchable records now writes their keys here in
its own transaction, and the row is deleted once the index holds them: a row left behind is an
update that never landed, which the periodic check applies (see search/pending.py).

Revision ID: 49ad0c4c07c9
Revises: 9d4b7e2a1c3f
Create Date: 2026-12-04 12:00:00

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db

# revision identifiers, used by Alembic.
revision = '49ad0c4c07c9'
down_revision = '9d4b7e2a1c3f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_pending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('document_keys', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_pending'))
    )


def downgrade():
    op.drop_table('search_pending')
