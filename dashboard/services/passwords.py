"""Password hashing with Argon2 (argon2-cffi), the OWASP-recommended default."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

#: Verified against when the email is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, used to even out timing")

MIN_PASSWORD_LENGTH = 12
#: Longer passwords are refused when set and at sign-in before hashing, so a huge one
#: cannot tie up the server hashing it.
MAX_PASSWORD_LENGTH = 1024
TOO_LONG_MESSAGE = f"Password must be at most {MAX_PASSWORD_LENGTH:,} characters long."


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, in plain words, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if len(password) > MAX_PASSWORD_LENGTH:
        return TOO_LONG_MESSAGE
    if password.strip() != password:
        return "Password must not start or end with a space."
    return None
