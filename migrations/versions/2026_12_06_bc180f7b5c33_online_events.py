"""online events: the event (its times in naive UTC with the zone they were entered in, what it
presents, its seats), registrations with the waiting list, reminders sent, and materials

Revision ID: bc180f7b5c33
Revises: c0e7a1b9d420
Create Date: 2026-12-06 03:19:13

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = 'bc180f7b5c33'
down_revision = 'c0e7a1b9d420'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('zone', sa.String(length=40), nullable=False),
    sa.Column('online_link', sa.String(length=500), nullable=False),
    sa.Column('languages', sa.String(length=60), nullable=False),
    sa.Column('speakers', sa.Text(), nullable=False),
    sa.Column('presents', sa.String(length=20), nullable=False),
    sa.Column('roadmap_doc', sa.String(length=20), nullable=False),
    sa.Column('roadmap_revision', sa.Integer(), nullable=True),
    sa.Column('competition_slug', sa.String(length=80), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('published_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('recording_url', sa.String(length=500), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_events_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('slug', name=op.f('uq_events_slug'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_competition_slug'), ['competition_slug'], unique=False)
        batch_op.create_index('ix_events_state_starts_at', ['state', 'starts_at'], unique=False)

    op.create_table('event_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_materials_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_event_materials_file_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_materials'))
    )
    with op.batch_alter_table('event_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_materials_event_id'), ['event_id'], unique=False)

    op.create_table('event_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('changed_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_registrations_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_registrations')),
    sa.UniqueConstraint('event_id', 'email', name='uq_event_registrations_event_id_email')
    )
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.create_index('ix_event_registrations_event_id_state', ['event_id', 'state', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('event_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('mailed', sa.Boolean(), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['event_registrations.id'], name=op.f('fk_event_reminders_registration_id_event_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_reminders')),
    sa.UniqueConstraint('registration_id', 'kind', name='uq_event_reminders_registration_id_kind')
    )


def downgrade():
    op.drop_table('event_reminders')
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_registrations_user_id'))
        batch_op.drop_index('ix_event_registrations_event_id_state')

    op.drop_table('event_registrations')
    with op.batch_alter_table('event_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_materials_event_id'))

    op.drop_table('event_materials')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_state_starts_at')
        batch_op.drop_index(batch_op.f('ix_events_competition_slug'))

    op.drop_table('events')
