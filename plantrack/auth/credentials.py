"""Passwords and names of editors: how a password is hashed and compared, and which names and passwords
can be used. Kept apart because every login, account and the viewer password rest on it.

Only a salted hash is stored: `hashlib.scrypt` (n=2**14, r=8, p=1, 32 bytes) over the UTF-8 password
with a random 16-byte salt. Hashes are compared with `hmac.compare_digest`.

The other modules call `credentials.hash_password` and `credentials.matches` through this module, so
a test that swaps the costly hash for a cheap one (tests/test_throttle.py) reaches every caller.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES = 2**14, 8, 1, 32
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64


def hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=HASH_BYTES,
        maxmem=64 * 1024 * 1024,
    )


def matches(password: str, salt: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(hash_password(password, salt), expected)


def clean_name(name: str) -> str:
    return unicodedata.normalize("NFC", str(name or "")).strip()


class BadCredentials(ValueError):
    """A user name or a new password that cannot be used; `code` is an i18n key."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def check_name(name: str) -> str:
    cleaned = clean_name(name)
    if (
        not cleaned
        or len(cleaned) > MAX_NAME_LENGTH
        or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in cleaned)
    ):
        raise BadCredentials("user_bad_name", limit=MAX_NAME_LENGTH)
    return cleaned


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise BadCredentials("user_short_password", length=MIN_PASSWORD_LENGTH)
    return password
