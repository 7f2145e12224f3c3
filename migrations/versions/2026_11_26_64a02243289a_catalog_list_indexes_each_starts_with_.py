"""catalog list indexes: each starts with the status, then a list's order or a filter's columns

The public lists and the overview read published entries only. With 100,000 businesses a
page is read in order from (status, name_key, id) or (status, published_at, id) instead of
sorting the table, the overview's groups and the filters are answered from the index alone,
and the sector filters look up (sector, owner) pairs. Measured by benchmarks/bench_catalog.py.

Revision ID: 64a02243289a
Revises: 3e1f0c2a9b7d
Create Date: 2026-11-26 19:54:18.012610

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = '64a02243289a'
down_revision = '3e1f0c2a9b7d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('business_sectors', schema=None) as batch_op:
        batch_op.create_index('ix_business_sectors_sector_business_id', ['sector', 'business_id'], unique=False)

    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.create_index('ix_businesses_status_city_key', ['status', 'city_key'], unique=False)
        batch_op.create_index('ix_businesses_status_country_primary_sector', ['status', 'country', 'primary_sector'], unique=False)
        batch_op.create_index('ix_businesses_status_name_key', ['status', 'name_key', 'id'], unique=False)
        batch_op.create_index('ix_businesses_status_published_at', ['status', 'published_at', 'id'], unique=False)

    with op.batch_alter_table('course_sectors', schema=None) as batch_op:
        batch_op.create_index('ix_course_sectors_sector_course_id', ['sector', 'course_id'], unique=False)

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index('ix_courses_status_all_sectors', ['status', 'all_sectors'], unique=False)
        batch_op.create_index('ix_courses_status_language_format_outcome', ['status', 'language', 'format', 'outcome'], unique=False)
        batch_op.create_index('ix_courses_status_title', ['status', 'title', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index('ix_courses_status_title')
        batch_op.drop_index('ix_courses_status_language_format_outcome')
        batch_op.drop_index('ix_courses_status_all_sectors')

    with op.batch_alter_table('course_sectors', schema=None) as batch_op:
        batch_op.drop_index('ix_course_sectors_sector_course_id')

    with op.batch_alter_table('businesses', schema=None) as batch_op:
        batch_op.drop_index('ix_businesses_status_published_at')
        batch_op.drop_index('ix_businesses_status_name_key')
        batch_op.drop_index('ix_businesses_status_country_primary_sector')
        batch_op.drop_index('ix_businesses_status_city_key')

    with op.batch_alter_table('business_sectors', schema=None) as batch_op:
        batch_op.drop_index('ix_business_sectors_sector_business_id')

