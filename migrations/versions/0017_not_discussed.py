"""A record's agenda item may be marked "not discussed"; a letter issued despite the
issuing rules keeps the senior HMI's reason (issue 21)

ILACS framework para 48: the letter summarises each agenda item, so an item of the
record has a note or is marked as not discussed; items recorded before this are not
marked. ILACS framework paras 47 and 48: a senior HMI may issue a letter whose agenda
was not agreed, or whose record lacks a note, with a reason, kept with the letter.
Letters issued before this have no reason (NULL). Going back drops both columns and
keeps the rows; the triggers freezing issued letters (0006) are left as they are, so the
letters' column is added and dropped in place, never by copying the table.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-12 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('agenda_items', sa.Column('not_discussed', sa.Boolean(),
                                            server_default=sa.false(), nullable=False))
    op.add_column('engagement_letters', sa.Column('issue_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('engagement_letters', 'issue_reason')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('not_discussed')
