"""What an audit entry says about a change: the fields before and after, with no
child-level data.

The audit trail is read by administrators of every organisation and by each LA's own
users, so nothing that may identify a child goes into it (DESIGN.md section 4; the
same patterns the SEF and letter checks use), and secrets never do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.domain.child_identifiers import possible_child_identifiers
from dashboard.domain.sef import sef_from_dict
from dashboard.domain.sef_compare import compare_sefs

REDACTED = "[possible child identifier removed]"
HIDDEN = "(changed; not recorded)"
#: Long texts (a whole letter, say) are kept whole up to this many characters.
MAX_VALUE = 20_000


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


WITHHELD = "[text not recorded: it may identify a child]"


def redact_child_identifiers(text: str, *, full_names: bool = True) -> str:
    """``text`` with every run of words that may identify a child replaced; if the
    checks still find one afterwards (formatting or line breaks inside a name), the
    whole text is withheld: the trail fails closed. Runs of spaces are made one first,
    as the checks read them. ``full_names=False`` for a field that names adults by
    design: a full name alone there is kept (every other check still applies)."""
    text = re.sub(r"[ \t]+", " ", text)
    found = possible_child_identifiers(text, full_names=full_names)
    for _kind, words in sorted(found, key=lambda f: -len(f[1])):
        text = text.replace(words, REDACTED)
    if possible_child_identifiers(text.replace(REDACTED, " "), full_names=full_names):
        return WITHHELD
    return text


def audit_value(value: object, *, full_names: bool = True) -> str:
    """A stored value as the trail shows it: text, redacted and bounded
    (``full_names`` as for ``redact_child_identifiers``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):  # counts and figures, never free text
        return str(value)
    text = redact_child_identifiers(str(value), full_names=full_names)
    if len(text) > MAX_VALUE:
        text = text[:MAX_VALUE] + " [cut]"
    return text


def field_changes(before: dict[str, object], after: dict[str, object],
                  hidden: frozenset[str] = frozenset(),
                  adults: frozenset[str] = frozenset()) -> list[FieldChange]:
    """Each field whose value differs; ``hidden`` fields (secrets) say only that they
    changed. ``adults`` fields name adults by design (a user's full name, an attendee,
    the DCS): a full name alone is kept there, every other identifier still removed."""
    changes = []
    for field in sorted(set(before) | set(after)):
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field in hidden:
            changes.append(FieldChange(field, "", HIDDEN))
        else:
            names = field not in adults
            changes.append(FieldChange(field, audit_value(old, full_names=names),
                                       audit_value(new, full_names=names)))
    return changes


def sef_version_changes(previous_content: str | None, content: str) -> list[FieldChange]:
    """A SEF save as the parts it added, removed or changed against the version before.

    Stored SEF content has passed ``sef_from_dict`` already; if an old version cannot be
    read, the save is recorded without the comparison rather than not at all.
    """
    try:
        newer = sef_from_dict(json.loads(content))
        older = sef_from_dict(json.loads(previous_content or "{}"))
    except (ValueError, TypeError):
        return [FieldChange("content", "", "(saved; not comparable)")]
    return [
        FieldChange(audit_value(change.label), audit_value(change.before),
                    audit_value(change.after))
        for change in compare_sefs(older, newer)
    ]


def changes_to_json(changes: list[FieldChange]) -> str:
    return json.dumps([[c.field, c.before, c.after] for c in changes], ensure_ascii=False)


def changes_from_json(stored: str | None) -> list[FieldChange]:
    if not stored:
        return []
    return [FieldChange(*row) for row in json.loads(stored)]
