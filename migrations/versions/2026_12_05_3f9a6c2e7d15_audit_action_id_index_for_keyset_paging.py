"""audit (action, id) index: the audit log read by id, newest first, within one action

The Board's audit log is paged by id (keyset) instead of by page number: a window below an id is
read from the primary key's end, whatever its depth. Filtered by action, it is read from an index
on (action, id), which replaces the one on action alone (its leading column serves the same
lookups).

Revision ID: 3f9a6c2e7d15
Revises: 9d4e6f8a0b12
Create Date: 2026-12-05 16:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3f9a6c2e7d15'
down_revision = '9d4e6f8a0b12'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_action_id', ['action', 'id'], unique=False)
        batch_op.drop_index('ix_audit_entries_action')


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_action', ['action'], unique=False)
        batch_op.drop_index('ix_audit_entries_action_id')
