"""Recorded pathways and visits entered by inspectors (issue 20)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'pathway_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('pathway', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('next_activity', sa.String(length=20), nullable=False),
        sa.Column('next_activity_date', sa.Date(), nullable=True),
        sa.Column('inspection_kind', sa.String(length=20), nullable=False),
        sa.Column('inspection_date', sa.Date(), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('pathway BETWEEN 1 AND 3',
                           name=op.f('ck_pathway_decisions_pathway_number')),
        sa.ForeignKeyConstraint(['la_code'], ['local_authorities.la_code'],
                                name=op.f('fk_pathway_decisions_la_code_local_authorities')),
        sa.ForeignKeyConstraint(['set_by_id'], ['users.id'],
                                name=op.f('fk_pathway_decisions_set_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pathway_decisions')),
    )
    with op.batch_alter_table('pathway_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_decisions_la_code'), ['la_code'],
                              unique=False)
    op.create_table(
        'recorded_visits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('visit_date', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('planned', 'held')",
                           name=op.f('ck_recorded_visits_visit_status')),
        sa.CheckConstraint("kind IN ('monitoring_visit', 'focused_visit')",
                           name=op.f('ck_recorded_visits_visit_kind')),
        sa.ForeignKeyConstraint(['la_code'], ['local_authorities.la_code'],
                                name=op.f('fk_recorded_visits_la_code_local_authorities')),
        sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'],
                                name=op.f('fk_recorded_visits_entered_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recorded_visits')),
    )
    with op.batch_alter_table('recorded_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recorded_visits_la_code'), ['la_code'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recorded_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recorded_visits_la_code'))
    op.drop_table('recorded_visits')
    with op.batch_alter_table('pathway_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathway_decisions_la_code'))
    op.drop_table('pathway_decisions')
