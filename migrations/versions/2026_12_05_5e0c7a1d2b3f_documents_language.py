"""documents: the language each text is written in

A roadmap or the methodology is written in one language; readers of another are told so. The
texts written so far (the demo's and the first drafts) are in English.

Revision ID: 5e0c7a1d2b3f
Revises: c71126e6209c
Create Date: 2026-12-05 05:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e0c7a1d2b3f'
down_revision = 'c71126e6209c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default='en'))


def downgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('language')
