"""A reason a person gives for an action that another organisation reads.

Withdrawing an upload (read by administrators) and removing a SEF version's words (read
by the region's inspectors and administrators) both ask why. One rule for both: the
reason is required, kept short, kept as plain text on one line (it is always shown
escaped, so ``<`` is just a character), and must not itself identify a child, or the
record of removing a child's details would hold them again (issue 15, findings 9-10).
"""

from __future__ import annotations

import unicodedata

from dashboard.domain.child_identifiers import possible_child_identifiers

#: The longest reason kept, in characters.
MAX_REASON = 500


def clean_reason(text: str) -> str:
    """The reason as it is kept: line breaks made spaces, other control and formatting
    characters dropped, runs of spaces made one, ends trimmed."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in "\r\n\t" or category == "Zs":
            kept.append(" ")
        elif category[0] != "C":  # Cc control, Cf formatting, Cs, Co, Cn
            kept.append(char)
    return " ".join("".join(kept).split())


def reason_for_others_problem(text: object, missing: str, limit: int = MAX_REASON
                              ) -> str | None:
    """What is wrong with a reason, in plain words (``missing`` when there is none), or
    None. The words that may identify a child are not repeated in the message."""
    reason = clean_reason(text) if isinstance(text, str) else ""
    if not reason:
        return missing
    if len(reason) > limit:
        return f"Keep the reason to {limit} characters or fewer (it has {len(reason):,})."
    found = possible_child_identifiers(reason)
    if found:
        return (f"The reason may identify a child ({found[0][0]}). Give the reason without "
                "identifying any child.")
    return None
