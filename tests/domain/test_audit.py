"""What an audit entry keeps: changed fields only, no child identifiers, no secrets."""

from __future__ import annotations

import json

from dashboard.domain.audit import (
    HIDDEN,
    REDACTED,
    audit_value,
    changes_from_json,
    changes_to_json,
    field_changes,
    redact_child_identifiers,
    sef_version_changes,
)
from dashboard.domain.sef import (
    STRENGTH,
    Sef,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
    sef_to_dict,
)


def test_a_possible_child_identifier_is_removed_and_the_rest_kept() -> None:
    text = "A boy called Jayden Smith (DOB 03/04/2015) showed drift in planning."
    redacted = redact_child_identifiers(text)
    assert "Jayden" not in redacted and "03/04/2015" not in redacted
    assert REDACTED in redacted
    assert redacted.endswith("showed drift in planning.")


def test_a_full_name_alone_is_removed_except_where_a_field_names_adults() -> None:
    assert redact_child_identifiers("Jayden Smith was visited.") == f"{REDACTED} was visited."
    changes = field_changes({}, {"full_name": "Jo Bloggs", "note": "Jo Bloggs rang",
                                 "name": "Jo Bloggs DOB 01/02/2015"},
                            adults=frozenset({"full_name", "name"}))
    assert [(c.field, c.after) for c in changes] == [
        ("full_name", "Jo Bloggs"),  # a user's or an attendee's name: an adult by design
        ("name", f"Jo Bloggs {REDACTED}"),  # every other rule still applies there
        ("note", f"{REDACTED} rang")]


def test_ordinary_practice_text_is_kept_whole() -> None:
    text = "Re-referrals fell from 24% to 19% after the front door review."
    assert redact_child_identifiers(text) == text


def test_only_changed_fields_are_listed_with_before_and_after() -> None:
    changes = field_changes({"role": "la_user", "la_code": "370", "active": True},
                            {"role": "inspector", "la_code": "370", "active": False})
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("active", "yes", "no"), ("role", "la_user", "inspector")]


def test_a_secret_says_only_that_it_changed() -> None:
    changes = field_changes({"password_hash": "$argon2id$old"}, {"password_hash": "$argon2id$new"},
                            hidden=frozenset({"password_hash"}))
    assert [(c.field, c.before, c.after) for c in changes] == [("password_hash", "", HIDDEN)]
    assert "argon2" not in changes_to_json(changes)


def test_a_very_long_value_is_bounded() -> None:
    assert len(audit_value("word " * 10_000)) < 20_100


def _sef(text: str) -> str:
    sef = add_theme(Sef(), "Help and protection")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    sef = apply_edits(sef, {field_path("statement", sef.themes[0].statements[0].id, "text"):
                            text})
    return json.dumps(sef_to_dict(sef))


def test_a_sef_save_is_recorded_as_the_parts_it_changed() -> None:
    older, newer = _sef("The front door is timely."), _sef("The front door is timely.")
    newer_data = json.loads(older)
    newer_data["themes"][0]["statements"][0]["text"] = "The front door is timely and safe."
    changes = sef_version_changes(older, json.dumps(newer_data))
    assert len(changes) == 1
    assert changes[0].before == "The front door is timely."
    assert changes[0].after == "The front door is timely and safe."
    assert newer  # the first version is compared with an empty SEF
    first = sef_version_changes(None, older)
    assert any(c.after == "The front door is timely." for c in first)


def test_a_sef_save_never_carries_a_childs_name_the_checks_recognise_into_the_trail() -> None:
    changes = sef_version_changes(None, _sef("A girl named Amy Brown waited too long."))
    assert changes and all("Amy" not in c.after for c in changes)
    assert any(c.after.endswith("waited too long.") for c in changes)


def test_changes_survive_storage() -> None:
    changes = field_changes({"place": "Town hall"}, {"place": "Civic centre"})
    assert changes_from_json(changes_to_json(changes)) == changes


def test_a_name_broken_up_by_formatting_or_spacing_is_never_kept() -> None:
    for text in ("A boy called **Tyler Jones** waited.", "A boy called *Tyler* Jones waited.",
                 "- A boy called Tyler\n  Jones waited.", "A boy called Tyler  Jones"):
        assert "Jones" not in audit_value(text), text


def test_a_name_in_a_sef_parts_label_is_removed_too() -> None:
    changes = sef_version_changes(None, _sef("A boy called Tyler Jones waited."))
    assert changes and all("Tyler" not in c.field and "Tyler" not in c.after for c in changes)
