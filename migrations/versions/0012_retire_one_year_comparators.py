"""Drop the one-year published comparators, replaced by the published series (issue 19)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table('published_indicator_values')
    op.drop_table('published_indicator_sources')


def downgrade() -> None:
    # As 0003 created them; empty: their data came from files since removed.
    op.create_table(
        'published_indicator_sources',
        sa.Column('indicator_id', sa.String(length=60), nullable=False),
        sa.Column('time_period', sa.String(length=20), nullable=False),
        sa.Column('publication', sa.String(length=200), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint('indicator_id', name=op.f('pk_published_indicator_sources')),
    )
    op.create_table(
        'published_indicator_values',
        sa.Column('indicator_id', sa.String(length=60), nullable=False),
        sa.Column('area_code', sa.String(length=3), nullable=False),
        sa.Column('time_period', sa.String(length=20), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('indicator_id', 'area_code',
                                name=op.f('pk_published_indicator_values')),
    )
