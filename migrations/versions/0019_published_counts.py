"""Published figures carry their counts, suppression marks and release dates (issue 29)

A published figure keeps the numerator and denominator DfE publishes beside it, so the
flags can allow for how many children stand behind it (funnel limits); a suppressed
figure is kept as its mark ("c": 1 to 5) with no value, so ranks and bands can say how
many LAs are suppressed; a region figure says whether it is summed from counts or a plain
average of its LAs; a joint return names its partner LA. A measure keeps what its counts
are, its scale, its release with the last and next update dates, and why it has the
direction of "better" it has. Going back drops the new columns and the suppressed rows
(they have no value), and keeps every figure.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MEASURE_COLUMNS = (
    ('scale', sa.Float()),
    ('numerator_label', sa.String(length=100)),
    ('denominator_label', sa.String(length=100)),
    ('counts_source', sa.String(length=400)),
    ('release', sa.String(length=200)),
    ('last_update', sa.Date()),
    ('next_update', sa.Date()),
    ('polarity_reason', sa.Text()),
)
_VALUE_COLUMNS = (
    ('numerator', sa.Float()),
    ('denominator', sa.Float()),
    ('mark', sa.String(length=10)),
    ('basis', sa.String(length=10)),
    ('joint_with', sa.String(length=4)),
)


def upgrade() -> None:
    with op.batch_alter_table('published_measures', schema=None) as batch_op:
        for name, kind in _MEASURE_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table('published_series_values', schema=None) as batch_op:
        for name, kind in _VALUE_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.alter_column('value', existing_type=sa.Float(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM published_series_values WHERE value IS NULL")
    with op.batch_alter_table('published_series_values', schema=None) as batch_op:
        batch_op.alter_column('value', existing_type=sa.Float(), nullable=False)
        for name, _ in reversed(_VALUE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table('published_measures', schema=None) as batch_op:
        for name, _ in reversed(_MEASURE_COLUMNS):
            batch_op.drop_column(name)
