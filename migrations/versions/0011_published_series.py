"""Published CSC series for every LA, Ofsted region and England, and their measures (issue 19)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'published_measures',
        sa.Column('id', sa.String(length=60), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('definition', sa.Text(), nullable=False),
        sa.Column('unit', sa.String(length=100), nullable=False),
        sa.Column('polarity', sa.String(length=20), nullable=False),
        sa.Column('period_end', sa.String(length=20), nullable=False),
        sa.Column('source_publication', sa.String(length=200), nullable=False),
        sa.Column('source', sa.String(length=400), nullable=False),
        sa.Column('licence', sa.String(length=100), nullable=False),
        sa.Column('snapshot', sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_published_measures')),
    )
    op.create_table(
        'published_series_values',
        sa.Column('measure_id', sa.String(length=60), nullable=False),
        sa.Column('area_code', sa.String(length=4), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('area_level', sa.String(length=10), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('published', sa.Boolean(), nullable=False),
        sa.Column('n_areas', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('measure_id', 'area_code', 'year',
                                name=op.f('pk_published_series_values')),
    )


def downgrade() -> None:
    op.drop_table('published_series_values')
    op.drop_table('published_measures')
