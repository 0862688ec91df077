"""Names already stored lose their control characters (issue "Nothing typed is lost and
nothing stays down", accounts)

A name copied from Word or Excel can carry a vertical tab (\\x0b, their line break), which
XML cannot hold: every Word download of a letter or SEF version naming that person
failed. Accounts now refuse such names; this cleans the ones stored before, in the
columns that hold a person's name or a letter's lines and flow into documents:

- one line each: ``users.full_name``, ``meeting_attendees.name`` and ``.role``,
  ``letter_details.dcs_name``, and a draft letter's ``addressee`` and ``signatory``;
- a line each: ``letter_details.address`` and ``.copies``, and a draft letter's.

In a one-line value a tab, line break, vertical tab, form feed or other line separator
becomes a space; any other control or format character (Unicode Cc, Cf) is dropped;
runs of spaces become one, and the ends are trimmed. A many-line value is split into
lines as the app reads it (``str.splitlines``), each cleaned so, blank lines dropped.

Issued letters and the audit trail are left as they are: the database freezes both
(0006, 0007), and they are the record of what was sent and done. The Word export drops
what XML cannot hold, so they download too. Rows are read and written with SQLAlchemy
Core, the same on SQLite and PostgreSQL; only rows that change are written.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-14 09:00:00
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Characters that end a line or space words in copied text: each becomes a space.
_SPACES = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def one_line(value: str) -> str:
    """``value`` as one line of plain text (see the module's docstring)."""
    kept = "".join(
        " " if c in _SPACES else c for c in value
        if c in _SPACES or unicodedata.category(c) not in ("Cc", "Cf")
    )
    return " ".join(kept.split())


def lines(value: str) -> str:
    """``value`` as lines of plain text, blank lines dropped."""
    cleaned = (one_line(line) for line in value.splitlines())
    return "\n".join(line for line in cleaned if line)


#: (table, key column, {column: cleaner}, only rows where this column is NULL)
_COLUMNS = (
    ("users", "id", {"full_name": one_line}, None),
    ("meeting_attendees", "id", {"name": one_line, "role": one_line}, None),
    ("letter_details", "la_code",
     {"dcs_name": one_line, "address": lines, "copies": lines}, None),
    ("engagement_letters", "id",
     {"addressee": one_line, "signatory": one_line, "address": lines, "copies": lines},
     "issued_at"),
)


def upgrade() -> None:
    connection = op.get_bind()
    for table_name, key, cleaners, unless_set in _COLUMNS:
        table = sa.table(table_name, sa.column(key),
                         *(sa.column(c) for c in cleaners),
                         *((sa.column(unless_set),) if unless_set else ()))
        query = sa.select(table.c[key], *(table.c[c] for c in cleaners))
        if unless_set:
            query = query.where(table.c[unless_set].is_(None))
        for row in connection.execute(query).mappings().all():
            changed = {}
            for column, clean in cleaners.items():
                value = row[column]
                if isinstance(value, str) and clean(value) != value:
                    changed[column] = clean(value)
            if changed:
                connection.execute(
                    sa.update(table).where(table.c[key] == row[key]).values(**changed))


def downgrade() -> None:
    """Nothing: the characters removed were invisible, could not be written into a Word
    file, and are refused when typed now; putting them back would bring the failures
    back, and the old values were not kept. The cleaned names are valid at 0020 too."""
