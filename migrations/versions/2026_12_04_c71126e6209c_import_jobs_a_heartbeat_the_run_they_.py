"""import jobs: a heartbeat, the run they are on, and the file as read

A job killed while running stayed "importing" for ever. Whoever runs a job now beats its
heartbeat as it goes, so a run that stopped is found by its silence and failed (and may then be
discarded or run again); each run has a number, and writes only while the job is still on it.
The file as read is kept, so that importing does not read it again.

Revision ID: c71126e6209c
Revises: 49ad0c4c07c9
Create Date: 2026-12-04 17:22:02.871837

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = 'c71126e6209c'
down_revision = '49ad0c4c07c9'
branch_labels = None
depends_on = None


def upgrade():
    # Jobs already there beat last when they last changed, and are on their first run.
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parsed', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('heartbeat_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('attempt', sa.Integer(), nullable=False, server_default='1'))
    op.execute("UPDATE import_jobs SET heartbeat_at = updated_at")
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.alter_column('heartbeat_at', existing_type=ccan_web.db.AwareDateTime(timezone=True), nullable=False)
        batch_op.alter_column('attempt', existing_type=sa.Integer(), server_default=None)


def downgrade():
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_column('attempt')
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('parsed')
