"""The DCS or delegate flag on LA accounts, and each meeting attendee's part (issue 20)

ILACS framework para 47: the DCS agrees the agenda, so an LA account may be marked as
the DCS or someone the DCS named to act for them. Para 46: the DCS and a senior HMI,
HMI or regional director attend, so each attendee of a meeting record has a part chosen
from a list; records made before this have none (NULL) and read as before.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_dcs', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    with op.batch_alter_table('meeting_attendees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('meeting_attendees', schema=None) as batch_op:
        batch_op.drop_column('part')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_dcs')
