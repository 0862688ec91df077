"""An LA's own Annex A codes mapped to DfE codes, kept for its next upload (issue 18)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'local_code_mappings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('list_key', sa.String(length=30), nullable=False),
        sa.Column('column_key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=80), nullable=False),
        sa.Column('label', sa.String(length=80), nullable=False),
        sa.Column('dfe_code', sa.String(length=10), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['la_code'], ['local_authorities.la_code'],
                                name=op.f('fk_local_code_mappings_la_code_local_authorities')),
        sa.ForeignKeyConstraint(['set_by_id'], ['users.id'],
                                name=op.f('fk_local_code_mappings_set_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_local_code_mappings')),
        sa.UniqueConstraint('la_code', 'list_key', 'column_key', 'value',
                            name=op.f('uq_local_code_mappings_la_code')),
    )
    op.create_index(op.f('ix_local_code_mappings_la_code'), 'local_code_mappings',
                    ['la_code'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_local_code_mappings_la_code'), table_name='local_code_mappings')
    op.drop_table('local_code_mappings')
