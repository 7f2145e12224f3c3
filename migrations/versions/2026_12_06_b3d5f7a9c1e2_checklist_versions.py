"""checklist answers and items carry a version: a form names the one it was filled from

Two officers answering the same checklist item, or two Board members editing the same item, no
longer overwrite each other unseen: each save is a compare-and-set on the version, and the page
asks the one who came second.

Revision ID: b3d5f7a9c1e2
Revises: a7c4e19b2f60
Create Date: 2026-12-06 03:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3d5f7a9c1e2'
down_revision = 'a7c4e19b2f60'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('checklist_answers', 'checklist_items'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    for table in ('checklist_items', 'checklist_answers'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
