"""catalog updated_at indexes: the API's Last-Modified without reading every row

The API answers each list with the newest change among the kind's entries (any status, so that
an entry leaving the list moves it too). max(updated_at) over 100,000 businesses read the whole
table (about 15 ms in SQLite); from an index it is one look at its end.

Revision ID: 8a3f2c9d1e47
Revises: 8c3e5a7b9d21
Create Date: 2026-12-05 09:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8a3f2c9d1e47'
down_revision = '8c3e5a7b9d21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.create_index('ix_businesses_updated_at', ['updated_at'], unique=False)

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index('ix_courses_updated_at', ['updated_at'], unique=False)


def downgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index('ix_courses_updated_at')

    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.drop_index('ix_businesses_updated_at')
