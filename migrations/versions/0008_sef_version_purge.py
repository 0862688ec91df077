"""SEF saves record identifier overrides; a version's words can be purged (issue 15)

Versions (0004) and the audit trail (0007) stay append-only, with one exception each,
which the database itself checks:

- a ``sef_versions`` row may have its words replaced by the tombstone, once, and only
  when a purge of that version is recorded as done in ``sef_purges``; nothing else of
  the row may change;
- an ``audit_events`` row may have only its ``changes`` replaced, only for the save of a
  purged version or of the version after it (the two entries that quote its words),
  and only with the words-removed marker in the new value.

``sef_purges`` rows are never deleted; a request is decided once (purged or declined).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: These match dashboard/domain/sef_purge.py (a migration must not import app code,
#: which moves on; a test checks they agree).
PURGED_CONTENT = "[words removed]"
PURGED_WORDS = "[words removed: version purged]"

VERSIONS_MESSAGE = "sef_versions rows cannot be changed or deleted"
AUDIT_MESSAGE = "audit_events rows cannot be changed or deleted"
PURGES_MESSAGE = "sef_purges rows cannot be changed or deleted"

#: The one change a version may have: its words replaced by the tombstone, after a
#: recorded purge. (SQL shared by SQLite's WHEN clause and PostgreSQL's function.)
VERSION_PURGE_ONLY = f"""
    NEW.id = OLD.id AND NEW.sef_id = OLD.sef_id AND NEW.number = OLD.number
    AND NEW.author_id IS NOT DISTINCT FROM OLD.author_id AND NEW.saved_at = OLD.saved_at
    AND NEW.identifier_warnings = OLD.identifier_warnings
    AND OLD.content <> '{PURGED_CONTENT}' AND NEW.content = '{PURGED_CONTENT}'
    AND NEW.identifier_override_reason IS NULL
    AND EXISTS (SELECT 1 FROM sef_purges p WHERE p.version_id = OLD.id
                AND p.status = 'purged')
"""

#: The one change an audit entry may have: the words of a purged version taken out of
#: the save that stored it or the save compared against it.
AUDIT_REDACTION_ONLY = f"""
    NEW.id = OLD.id AND NEW.at = OLD.at
    AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
    AND NEW.actor_name = OLD.actor_name AND NEW.actor_role = OLD.actor_role
    AND NEW.action = OLD.action AND NEW.entity = OLD.entity
    AND NEW.entity_id = OLD.entity_id AND NEW.la_code IS NOT DISTINCT FROM OLD.la_code
    AND NEW.summary = OLD.summary
    AND OLD.entity = 'SEF' AND OLD.action = 'created' AND OLD.summary LIKE 'Saved SEF version %'
    AND NEW.changes LIKE '%{PURGED_WORDS}%'
    AND EXISTS (
        SELECT 1 FROM sef_versions v JOIN sef_purges p ON p.version_id = v.id
        WHERE p.status = 'purged' AND v.content = '{PURGED_CONTENT}'
        AND (CAST(v.id AS TEXT) = OLD.entity_id
             OR EXISTS (SELECT 1 FROM sef_versions n WHERE n.sef_id = v.sef_id
                        AND n.number = v.number + 1 AND CAST(n.id AS TEXT) = OLD.entity_id)))
"""

#: A request decided once: nothing but its status (to purged or declined) and who
#: decided, when.
PURGE_DECISION_ONLY = """
    OLD.status = 'requested' AND NEW.status IN ('purged', 'declined')
    AND NEW.id = OLD.id AND NEW.version_id = OLD.version_id AND NEW.la_code = OLD.la_code
    AND NEW.version_number = OLD.version_number AND NEW.was_shared = OLD.was_shared
    AND NEW.reason = OLD.reason
    AND NEW.requested_by_id IS NOT DISTINCT FROM OLD.requested_by_id
    AND NEW.requested_at = OLD.requested_at
    AND NEW.decided_at IS NOT NULL
"""


def _sqlite(sql: str) -> str:
    """SQLite spells IS NOT DISTINCT FROM as IS."""
    return sql.replace("IS NOT DISTINCT FROM", "IS")


def upgrade() -> None:
    op.add_column('sef_versions', sa.Column('identifier_warnings', sa.Integer(),
                                            nullable=False, server_default='0'))
    op.add_column('sef_versions', sa.Column('identifier_override_reason', sa.Text(),
                                            nullable=True))
    op.create_table('sef_purges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('was_shared', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['sef_versions.id'], name=op.f('fk_sef_purges_version_id_sef_versions')),
    sa.ForeignKeyConstraint(['la_code'], ['local_authorities.la_code'], name=op.f('fk_sef_purges_la_code_local_authorities')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_sef_purges_requested_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_sef_purges_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sef_purges'))
    )
    with op.batch_alter_table('sef_purges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sef_purges_version_id'), ['version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sef_purges_la_code'), ['la_code'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    for table, allowed, message in (("sef_versions", VERSION_PURGE_ONLY, VERSIONS_MESSAGE),
                                    ("audit_events", AUDIT_REDACTION_ONLY, AUDIT_MESSAGE)):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                   f"WHEN NOT ({_sqlite(allowed)}) BEGIN "
                   f"SELECT RAISE(ABORT, '{message}'); END")
    op.execute("CREATE TRIGGER sef_purges_no_update BEFORE UPDATE ON sef_purges "
               f"WHEN NOT ({_sqlite(PURGE_DECISION_ONLY)}) BEGIN "
               f"SELECT RAISE(ABORT, '{PURGES_MESSAGE}'); END")
    op.execute("CREATE TRIGGER sef_purges_no_delete BEFORE DELETE ON sef_purges BEGIN "
               f"SELECT RAISE(ABORT, '{PURGES_MESSAGE}'); END")
    op.execute("CREATE TRIGGER sef_purges_no_replace BEFORE INSERT ON sef_purges "
               "WHEN EXISTS (SELECT 1 FROM sef_purges WHERE id = NEW.id) BEGIN "
               f"SELECT RAISE(ABORT, '{PURGES_MESSAGE}'); END")


def _postgres_function(name: str, allowed: str) -> None:
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {allowed} THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME; END $$")


def _postgres_triggers() -> None:
    _postgres_function("sef_version_purge_only", VERSION_PURGE_ONLY)
    _postgres_function("audit_redaction_only", AUDIT_REDACTION_ONLY)
    _postgres_function("sef_purge_decision_only", PURGE_DECISION_ONLY)
    for table, function in (("sef_versions", "sef_version_purge_only"),
                            ("audit_events", "audit_redaction_only")):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
        op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {function}()")
    op.execute("CREATE TRIGGER sef_purges_no_update BEFORE UPDATE ON sef_purges "
               "FOR EACH ROW EXECUTE FUNCTION sef_purge_decision_only()")
    op.execute("CREATE TRIGGER sef_purges_no_delete BEFORE DELETE ON sef_purges "
               "FOR EACH ROW EXECUTE FUNCTION refuse_change()")
    op.execute("CREATE TRIGGER sef_purges_no_truncate BEFORE TRUNCATE ON sef_purges "
               "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, message in (("sef_versions", VERSIONS_MESSAGE), ("audit_events", AUDIT_MESSAGE)):
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
            op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION refuse_change()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, '{message}'); END")
    for action in ("update", "delete", "truncate", "replace"):
        suffix = " ON sef_purges" if postgres else ""
        op.execute(f"DROP TRIGGER IF EXISTS sef_purges_no_{action}{suffix}")
    if postgres:
        for function in ("sef_version_purge_only", "audit_redaction_only",
                         "sef_purge_decision_only"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    with op.batch_alter_table('sef_purges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sef_purges_la_code'))
        batch_op.drop_index(batch_op.f('ix_sef_purges_version_id'))
    op.drop_table('sef_purges')
    op.drop_column('sef_versions', 'identifier_override_reason')
    op.drop_column('sef_versions', 'identifier_warnings')
