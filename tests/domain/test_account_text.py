"""What an account's email address and name may hold: NFKC, lower case, plain ASCII
addresses, and names without control characters."""

from __future__ import annotations

import pytest

from dashboard.domain.account_text import (
    NOT_ASCII_MESSAGE,
    email_problem,
    name_problem,
    normalise_email,
)


def test_an_address_is_nfkc_normalised_trimmed_and_lower_cased() -> None:
    assert normalise_email(" Jo.Bloggs@Example.GOV.uk ") == "jo.bloggs@example.gov.uk"
    assert normalise_email("\uff2a\uff4f@example.org") == "jo@example.org"  # full-width
    assert normalise_email("\ufb01nance@example.org") == "finance@example.org"  # fi ligature
    assert normalise_email(None) == ""


@pytest.mark.parametrize("email", ["\u0430dmin@example.org", "admin@ex\u0430mple.org",
                                   "ren\u00e9e@example.org", "admin@\u0440aypal.org"])
def test_an_address_with_anything_but_ascii_is_refused(email: str) -> None:
    assert email_problem(normalise_email(email)) == NOT_ASCII_MESSAGE


def test_a_plain_address_passes_and_a_malformed_one_is_refused() -> None:
    assert email_problem("jo.bloggs+sef@la.example.gov.uk") is None
    assert email_problem("not-an-email") == "Enter an email address like name@example.gov.uk."
    assert email_problem("a@" + "b" * 250 + ".uk") is not None


@pytest.mark.parametrize("name", ["Jo\x0bBloggs", "Jo\r\nBloggs", "\tJo", "Jo\x7f",
                                  "Jo\x9fBloggs", "Jo\u200dBloggs", "Jo\ufeff"])
def test_a_name_with_a_control_or_format_character_is_refused(name: str) -> None:
    assert name_problem(name, "Full name").startswith("Full name must be one line")


def test_an_ordinary_name_passes_whatever_its_alphabet() -> None:
    for name in ("Jo Bloggs", "Siân O'Neill-Brown", "Zoë Ça\u0301rdenas", "李小龙"):
        assert name_problem(name, "Full name") is None
