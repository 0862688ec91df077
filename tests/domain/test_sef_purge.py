"""The rules behind checking every SEF save and removing a version's words (issue 15)."""

from __future__ import annotations

import pytest

from dashboard.domain.audit import FieldChange
from dashboard.domain.child_identifiers import IdentifierFinding
from dashboard.domain.sef_purge import (
    PURGED_LABEL,
    PURGED_WORDS,
    new_findings,
    override_reason_problem,
    reason_problem,
    redact_purged_changes,
    versions_still_holding,
)


def finding(excerpt: str, where: str = "Question 1, opening text",
            kind: str = "a name") -> IdentifierFinding:
    return IdentifierFinding(where, kind, excerpt)


def test_only_findings_not_already_saved_anyway_are_asked_about() -> None:
    accepted = [finding("Mr Pike", where="Strength in “Front door”")]
    found = [finding("Mr Pike", where="Plan 1 (Audit)"), finding("girl called Ada Moss")]
    assert new_findings(found, accepted) == [finding("girl called Ada Moss")]
    assert new_findings(found, []) == found


@pytest.mark.parametrize("reason", ["", "   ", None, 42, "x" * 501,
                                    "It named a boy called Tom Hartley",
                                    "DOB 04/05/2011 was typed"])
def test_a_purge_reason_is_required_short_and_names_no_child(reason: object) -> None:
    assert reason_problem(reason)


def test_a_plain_reason_is_accepted_and_markup_is_only_text() -> None:
    """The same rule as an upload's withdrawal: the reason is always shown escaped."""
    assert reason_problem("A child's full name was typed in a statement") is None
    assert reason_problem("<script>x</script> was pasted in") is None


def test_a_save_anyway_reason_may_quote_what_was_found_but_not_be_blank() -> None:
    assert override_reason_problem("Mr Pike is our director") is None
    assert override_reason_problem(" ") and override_reason_problem("y" * 1001)


def test_the_purged_versions_words_and_labels_go_and_nothing_else() -> None:
    own = [FieldChange("Strength in “Front door”", "Old words", "A girl called Ada Moss"),
           FieldChange("Plan 1 (Audit)", "Removed plan", "")]
    assert redact_purged_changes(own, "after") == [
        FieldChange(PURGED_LABEL, "Old words", PURGED_WORDS),
        FieldChange("Plan 1 (Audit)", "Removed plan", "")]
    following = [FieldChange("Strength in “Front door”", "A girl called Ada Moss", "New"),
                 FieldChange("Question 2, opening text", "", "Added later")]
    assert redact_purged_changes(following, "before") == [
        FieldChange(PURGED_LABEL, PURGED_WORDS, "New"),
        FieldChange("Question 2, opening text", "", "Added later")]
    with pytest.raises(ValueError):
        redact_purged_changes(own, "label")


def test_other_versions_holding_the_words_are_found_whatever_the_formatting() -> None:
    versions = [(3, ["We saw **Ada  Moss** weekly"]), (4, ["Nothing here"]),
                (6, ["ada moss again"])]
    assert versions_still_holding(["Ada Moss"], versions) == [3, 6]
    assert versions_still_holding(["", "  "], versions) == []
