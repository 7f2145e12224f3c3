"""correction suggestions: readers tell the editors what is wrong in an entry

A signed-in member or editor can suggest a correction on a catalog entry's page; it waits in the
editors' moderation area until one marks it done or dismisses it.

Revision ID: 5e1c7a9b2d40
Revises: 5e0c7a1d2b3f
Create Date: 2026-12-05 05:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = '5e1c7a9b2d40'
down_revision = '5e0c7a1d2b3f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'correction_suggestions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_kind', sa.String(length=12), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_correction_suggestions_author_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_correction_suggestions_decided_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_suggestions')),
    )
    with op.batch_alter_table('correction_suggestions', schema=None) as batch_op:
        batch_op.create_index('ix_correction_suggestions_status_created_at', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_correction_suggestions_author_id_created_at', ['author_id', 'created_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('correction_suggestions', schema=None) as batch_op:
        batch_op.drop_index('ix_correction_suggestions_author_id_created_at')
        batch_op.drop_index('ix_correction_suggestions_status_created_at')
    op.drop_table('correction_suggestions')
