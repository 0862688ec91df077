"""Each LA's letter details, and the address and copy list each letter keeps (issue 21)

ILACS framework para 48: the letter goes to the DCS. The region's inspectors enter the
DCS's name, the LA's postal address and the copy list once per LA; each letter copies
the address and copy list, so an issued letter keeps what it was sent with (letters
issued before this have neither, and read as before).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'letter_details',
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('dcs_name', sa.String(length=120), nullable=False),
        sa.Column('address', sa.Text(), nullable=False),
        sa.Column('copies', sa.Text(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['la_code'], ['local_authorities.la_code'],
                                name=op.f('fk_letter_details_la_code_local_authorities')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_letter_details_updated_by_id_users')),
        sa.PrimaryKeyConstraint('la_code', name=op.f('pk_letter_details')),
    )
    # Not batch mode: SQLite would copy the table and lose its issued-letter triggers.
    for column in ('address', 'copies'):
        op.add_column('engagement_letters',
                      sa.Column(column, sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    for column in ('copies', 'address'):
        op.drop_column('engagement_letters', column)
    op.drop_table('letter_details')
