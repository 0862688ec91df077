"""The sources of the reference data, with their snapshot and how recent they are (issue 20)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'reference_sources',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('official', sa.Boolean(), nullable=False),
        sa.Column('repository', sa.String(length=120), nullable=False),
        sa.Column('path', sa.String(length=200), nullable=False),
        sa.Column('snapshot_commit', sa.String(length=40), nullable=False),
        sa.Column('commit_date', sa.Date(), nullable=False),
        sa.Column('as_at', sa.Date(), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('visits_from', sa.Date(), nullable=True),
        sa.Column('visits_to', sa.Date(), nullable=True),
        sa.Column('provides', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_reference_sources')),
    )


def downgrade() -> None:
    op.drop_table('reference_sources')
