"""Audit trail: who changed what, when, with the fields before and after

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "audit_events"
MESSAGE = "audit_events rows cannot be changed or deleted"


def upgrade() -> None:
    op.create_table(TABLE,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('actor_role', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=True),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_entity'), ['entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_la_code'), ['la_code'], unique=False)
    _append_only()


def _append_only() -> None:
    """The trail is evidence: refuse UPDATE and DELETE (and TRUNCATE, INSERT OR REPLACE)."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for action in ("UPDATE", "DELETE"):
        name = f"{TABLE}_no_{action.lower()}"
        if postgres:  # refuse_change() comes from migration 0004
            op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON {TABLE} "
                       "FOR EACH ROW EXECUTE FUNCTION refuse_change()")
        else:
            op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON {TABLE} BEGIN "
                       f"SELECT RAISE(ABORT, '{MESSAGE}'); END")
    if postgres:
        op.execute(f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()")
    else:
        op.execute(f"CREATE TRIGGER {TABLE}_no_replace BEFORE INSERT ON {TABLE} "
                   f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id) BEGIN "
                   f"SELECT RAISE(ABORT, '{MESSAGE}'); END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for action in ("update", "delete", "truncate", "replace"):
        suffix = f" ON {TABLE}" if postgres else ""
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{action}{suffix}")
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_la_code'))
        batch_op.drop_index(batch_op.f('ix_audit_events_entity'))
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
    op.drop_table(TABLE)
