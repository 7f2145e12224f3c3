"""success stories: the story (its body a versioned document), further images, and the history
of its workflow steps with the editors' notes

Revision ID: a7c4e19b2f60
Revises: a7c41e9b3d25
Create Date: 2026-12-06 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import ccan_web.db


# revision identifiers, used by Alembic.
revision = 'a7c4e19b2f60'
down_revision = 'a7c41e9b3d25'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('adaptation', sa.Text(), nullable=False),
    sa.Column('revenue_before', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('revenue_after', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('period', sa.String(length=100), nullable=False),
    sa.Column('growth_percent', sa.Numeric(precision=9, scale=1), nullable=True),
    sa.Column('figures_source', sa.String(length=300), nullable=False),
    sa.Column('press_contact', sa.String(length=300), nullable=False),
    sa.Column('tags', sa.String(length=300), nullable=False),
    sa.Column('lead_image_id', sa.Integer(), nullable=True),
    sa.Column('lead_alt', sa.String(length=300), nullable=False),
    sa.Column('lead_credit', sa.String(length=200), nullable=False),
    sa.Column('lead_licence', sa.String(length=200), nullable=False),
    sa.Column('card_image_id', sa.Integer(), nullable=True),
    sa.Column('translation_group', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('publish_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
    sa.Column('published_at', ccan_web.db.AwareDateTime(timezone=True), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_stories_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_stories_business_id_businesses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['card_image_id'], ['stored_files.id'], name=op.f('fk_stories_card_image_id_stored_files')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_stories_document_id_documents')),
    sa.ForeignKeyConstraint(['lead_image_id'], ['stored_files.id'], name=op.f('fk_stories_lead_image_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stories')),
    sa.UniqueConstraint('slug', name=op.f('uq_stories_slug'))
    )
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stories_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_language'), ['language'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_sector'), ['sector'], unique=False)
        batch_op.create_index('ix_stories_status_published_at', ['status', 'published_at'], unique=False)
        batch_op.create_index('ix_stories_translation_group', ['translation_group'], unique=False)

    op.create_table('story_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', ccan_web.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_story_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_events_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_events'))
    )
    with op.batch_alter_table('story_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_events_story_id'), ['story_id'], unique=False)

    op.create_table('story_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('alt', sa.String(length=300), nullable=False),
    sa.Column('credit', sa.String(length=200), nullable=False),
    sa.Column('licence', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_story_images_file_id_stored_files')),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_images_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_images'))
    )
    with op.batch_alter_table('story_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_images_story_id'), ['story_id'], unique=False)



def downgrade():
    with op.batch_alter_table('story_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_images_story_id'))

    op.drop_table('story_images')
    with op.batch_alter_table('story_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_events_story_id'))

    op.drop_table('story_events')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index('ix_stories_translation_group')
        batch_op.drop_index('ix_stories_status_published_at')
        batch_op.drop_index(batch_op.f('ix_stories_sector'))
        batch_op.drop_index(batch_op.f('ix_stories_language'))
        batch_op.drop_index(batch_op.f('ix_stories_country'))
        batch_op.drop_index(batch_op.f('ix_stories_author_id'))

    op.drop_table('stories')
