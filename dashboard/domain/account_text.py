"""What an account's email address and name may hold (issue: "Nothing typed is lost and
nothing stays down", accounts).

- An email address is compared and stored NFKC-normalised, trimmed and lower-cased, on
  creation and at sign-in alike, so full-width or compatibility forms of the same letters
  are the same address.
- After that it must be plain ASCII. UK public-sector addresses are, and the rule shuts
  out look-alikes of an existing address (U+0430, the Cyrillic small a, for a Latin "a",
  or any other mixed-script spelling) without a confusables table to keep up to date.
  An internationalised address cannot be created; say so if one is ever needed.
- A name is one line of text: no control or format characters (Unicode categories Cc
  and Cf: a line break, a tab, the vertical tab Word and Excel put at a line break in
  copied text, zero-width and direction marks). Such characters cannot be seen, and some
  cannot be written into a Word file.
"""

from __future__ import annotations

import re
import unicodedata

#: One @, a dot in the domain, and none of the characters an unquoted address may not
#: hold (RFC 5322: no spaces, brackets, commas, semicolons, colons, quotes, backslashes).
EMAIL_PATTERN = re.compile(r'^[^@\s<>()\[\],;:"\\]+@[^@\s<>()\[\],;:"\\]+\.[^@\s<>()\[\],;:"\\]+$')
MAX_EMAIL_LENGTH = 254

NOT_ASCII_MESSAGE = ("Use an email address made only of plain letters (a to z), digits and "
                     "ordinary punctuation: accented letters, and letters from other "
                     "alphabets that look like a to z (such as Cyrillic ones), are not "
                     "accepted.")


def normalise_email(email: object) -> str:
    """The address as stored and compared: NFKC, trimmed, lower-cased; "" if not text."""
    if not isinstance(email, str):
        return ""
    return unicodedata.normalize("NFKC", email).strip().lower()


def email_problem(email: str) -> str | None:
    """Why a (normalised) address cannot be an account's, in plain words, or None."""
    if not email.isascii():
        return NOT_ASCII_MESSAGE
    if not EMAIL_PATTERN.match(email) or len(email) > MAX_EMAIL_LENGTH:
        return "Enter an email address like name@example.gov.uk."
    return None


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control or format character (categories Cc, Cf)."""
    return any(unicodedata.category(c) in ("Cc", "Cf") for c in text)


def name_problem(name: str, label: str) -> str | None:
    """Why ``name`` cannot be a person's name, naming the field, or None."""
    if has_control_characters(name):
        return (f"{label} must be one line of plain text: it holds a line break, tab or "
                "other invisible control character (often copied from Word or Excel). "
                "Type it again.")
    return None
