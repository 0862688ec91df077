"""MI snapshots can be withdrawn: status 'withdrawn', with when, by whom and why

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:00:00

On PostgreSQL the check constraint is replaced in place. SQLite cannot alter a check
constraint, so the table is recreated (Alembic's batch mode); with foreign keys on,
dropping the old table would delete every snapshot's counts and figures through their
ON DELETE CASCADE, so those rows are set aside first and put back after, in the same
transaction. The partial unique index (one current snapshot per LA and period) is
dropped and made again by hand, so its WHERE clause survives the copy.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "mi_snapshots"
CHILDREN = ("mi_list_counts", "mi_indicator_values")
ONE_CURRENT = "uq_mi_snapshots_one_current_per_period"
KNOWN_BEFORE = "status IN ('pending', 'current', 'replaced')"
KNOWN_AFTER = "status IN ('pending', 'current', 'replaced', 'withdrawn')"
WITHDRAWAL_RECORDED = (
    "(status = 'withdrawn' AND withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL)"
    " OR (status <> 'withdrawn' AND withdrawn_at IS NULL AND withdrawn_by_id IS NULL"
    " AND withdrawal_reason IS NULL)"
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _set_children_aside() -> None:
    if _sqlite():
        for child in CHILDREN:
            op.execute(f"CREATE TEMP TABLE kept_{child} AS SELECT * FROM {child}")


def _put_children_back() -> None:
    if _sqlite():
        for child in CHILDREN:
            op.execute(f"DELETE FROM {child}")  # nothing should be left; be sure
            op.execute(f"INSERT INTO {child} SELECT * FROM kept_{child}")
            op.execute(f"DROP TABLE kept_{child}")


def _drop_one_current_index() -> None:
    op.drop_index(ONE_CURRENT, table_name=TABLE)


def _create_one_current_index() -> None:
    op.create_index(ONE_CURRENT, TABLE, ["la_code", "period_end"], unique=True,
                    sqlite_where=sa.text("status = 'current'"),
                    postgresql_where=sa.text("status = 'current'"))


def upgrade() -> None:
    _set_children_aside()
    _drop_one_current_index()
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.String(length=500),
                                      nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_mi_snapshots_withdrawn_by_id_users'),
                                    'users', ['withdrawn_by_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('ck_mi_snapshots_status_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_mi_snapshots_status_known'),
                                         sa.text(KNOWN_AFTER))
        batch_op.create_check_constraint(batch_op.f('ck_mi_snapshots_withdrawal_recorded'),
                                         sa.text(WITHDRAWAL_RECORDED))
    _create_one_current_index()
    _put_children_back()


def downgrade() -> None:
    """A withdrawn snapshot becomes 'replaced': kept on record, out of every trend, as
    before; who withdrew it, when and why stay in the audit trail."""
    op.execute(f"UPDATE {TABLE} SET status = 'replaced', withdrawn_at = NULL, "
               f"withdrawn_by_id = NULL, withdrawal_reason = NULL WHERE status = 'withdrawn'")
    _set_children_aside()
    _drop_one_current_index()
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_mi_snapshots_withdrawal_recorded'),
                                 type_='check')
        batch_op.drop_constraint(batch_op.f('ck_mi_snapshots_status_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_mi_snapshots_status_known'),
                                         sa.text(KNOWN_BEFORE))
        batch_op.drop_constraint(batch_op.f('fk_mi_snapshots_withdrawn_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_by_id')
        batch_op.drop_column('withdrawn_at')
    _create_one_current_index()
    _put_children_back()
