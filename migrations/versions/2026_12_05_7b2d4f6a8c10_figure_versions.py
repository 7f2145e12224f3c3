"""figure versions: the commit count each group of whole-table figures is kept by

Each worker keeps the figures that count whole tables (the catalog's overview, the network's
members by country) until a commit to one of the tables bumps its group's version here
(ccan_web/figures.py).

Revision ID: 7b2d4f6a8c10
Revises: 5e1c7a9b2d40
Create Date: 2026-12-05 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7b2d4f6a8c10'
down_revision = '5e1c7a9b2d40'
branch_labels = None
depends_on = None


def upgrade():
    figure_versions = op.create_table(
        'figure_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_figure_versions')),
    )
    op.bulk_insert(figure_versions, [{'name': 'catalog', 'version': 0}, {'name': 'network', 'version': 0}])


def downgrade():
    op.drop_table('figure_versions')
