"""jobs and notifications: background work on a queue with a durable record, and what each person
is told (on the site and, as they choose, by email)

`jobs` holds a row per job run on the queue (its state, attempts, lease and last error);
`notifications` a row per thing a person was told, with an index for the header's unread count;
`notification_settings` each person's email choice per kind (no row: the kind's default);
`outbox_messages.headers` the extra headers of an email (List-Unsubscribe).

Revision ID: 9d4e6f8a0b12
Revises: 8a3f2c9d1e47
Create Date: 2026-12-05 16:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = '9d4e6f8a0b12'
down_revision = '8a3f2c9d1e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('unique_key', sa.String(length=160), nullable=True),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('max_attempts', sa.Integer(), nullable=False),
        sa.Column('run_after', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column('lease_until', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column('finished_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
        sa.UniqueConstraint('unique_key', name=op.f('uq_jobs_unique_key')),
    )
    op.create_index(op.f('ix_jobs_name'), 'jobs', ['name'])
    op.create_index('ix_jobs_state_run_after', 'jobs', ['state', 'run_after'])
    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('title', sa.JSON(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=True),
        sa.Column('link', sa.String(length=400), nullable=False),
        sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column('read_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
        sa.Column('email_due', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    op.create_index('ix_notifications_user_read', 'notifications', ['user_id', 'read_at'])
    op.create_index(op.f('ix_notifications_email_due'), 'notifications', ['email_due'])
    op.create_table(
        'notification_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('delivery', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_settings_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_settings')),
    )
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.add_column(sa.Column('headers', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.drop_column('headers')
    op.drop_table('notification_settings')
    op.drop_index(op.f('ix_notifications_email_due'), table_name='notifications')
    op.drop_index('ix_notifications_user_read', table_name='notifications')
    op.drop_table('notifications')
    op.drop_index('ix_jobs_state_run_after', table_name='jobs')
    op.drop_index(op.f('ix_jobs_name'), table_name='jobs')
    op.drop_table('jobs')
