"""An uploaded figure's note may run past 200 characters (issue 28)

A figure now says how many rows it left out (a count that could not be read), why a list
gives no figure (no row in its period) and that a list may cover less than the template's
six months, besides what it said before; together these run past the 200 characters the
column held. PostgreSQL refused the longer notes; SQLite never checked. Going back
shortens any longer note to its first 200 characters.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('mi_indicator_values', schema=None) as batch_op:
        batch_op.alter_column('note', existing_type=sa.String(length=200), type_=sa.Text(),
                              existing_nullable=True)


def downgrade() -> None:
    op.execute("UPDATE mi_indicator_values SET note = substr(note, 1, 200) "
               "WHERE length(note) > 200")
    with op.batch_alter_table('mi_indicator_values', schema=None) as batch_op:
        batch_op.alter_column('note', existing_type=sa.Text(), type_=sa.String(length=200),
                              existing_nullable=True)
