"""stored files: what each uploaded file was checked to be, and whether anyone may read it

Records that show or attach a file (an association's logo, a story's photo, a report) refer to a
row here; the file itself is in the storage service (a local directory or an S3-compatible store).

Revision ID: 8c3e5a7b9d21
Revises: 7b2d4f6a8c10
Create Date: 2026-12-05 09:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = '8c3e5a7b9d21'
down_revision = '7b2d4f6a8c10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'stored_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('content_type', sa.String(length=60), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('original_name', sa.String(length=200), nullable=False),
        sa.Column('width', sa.Integer(), nullable=True),
        sa.Column('height', sa.Integer(), nullable=True),
        sa.Column('public', sa.Boolean(), nullable=False),
        sa.Column('variant_widths', sa.String(length=40), nullable=False),
        sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files')),
        sa.UniqueConstraint('key', name=op.f('uq_stored_files_key')),
    )


def downgrade():
    op.drop_table('stored_files')
