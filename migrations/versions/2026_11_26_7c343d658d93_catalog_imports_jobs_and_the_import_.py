"""catalog imports: jobs, and the import each entry came from

An import job keeps the uploaded file until it is imported or discarded, the progress of its
check, and its report; entries remember the import they came in with.

Revision ID: 7c343d658d93
Revises: b5c90bf7a790
Create Date: 2026-11-26 18:14:55.389172

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = '7c343d658d93'
down_revision = 'b5c90bf7a790'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('importer_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('source_detail', sa.String(length=300), nullable=False),
    sa.Column('publish', sa.Boolean(), nullable=False),
    sa.Column('skip_duplicates', sa.Boolean(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('added_count', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['importer_id'], ['users.id'], name=op.f('fk_import_jobs_importer_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs'))
    )
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_jobs_status'), ['status'], unique=False)

    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_job_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_businesses_import_job_id_import_jobs'), 'import_jobs', ['import_job_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_job_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_courses_import_job_id_import_jobs'), 'import_jobs', ['import_job_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_courses_import_job_id_import_jobs'), type_='foreignkey')
        batch_op.drop_column('import_job_id')

    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_businesses_import_job_id_import_jobs'), type_='foreignkey')
        batch_op.drop_column('import_job_id')

    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_jobs_status'))

    op.drop_table('import_jobs')
