"""Newer DfE releases loaded through the app (issue 29 item 6)

An administrator loads a newer release from DfE's published CSV: the release is kept
(file name, sha256, who loaded it and when, its measures, years and how many figures),
and each figure it stored names it (``published_series_values.release_id``). The
reference reload leaves those figures alone. Going back drops the column and the table:
the figures stay, as plain figures (the next reload treats them as the CSV's).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'published_releases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('file_name', sa.String(length=200), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('loaded_by_id', sa.Integer(), nullable=True),
        sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('measures', sa.String(length=400), nullable=False),
        sa.Column('years', sa.String(length=200), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['loaded_by_id'], ['users.id'],
                                name=op.f('fk_published_releases_loaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_published_releases')),
    )
    with op.batch_alter_table('published_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_published_releases_sha256'), ['sha256'],
                              unique=False)
    with op.batch_alter_table('published_series_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_published_series_values_release_id'),
                              ['release_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_published_series_values_release_id_published_releases'),
            'published_releases', ['release_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('published_series_values', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_published_series_values_release_id_published_releases'),
            type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_published_series_values_release_id'))
        batch_op.drop_column('release_id')
    with op.batch_alter_table('published_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_published_releases_sha256'))
    op.drop_table('published_releases')
