"""Secret links: a random token for the URL, and only its hash in the database."""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 24  # 192 bits, above the 128 the conventions ask for


def secret_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> tuple[str, str]:
    """A fresh token to show once, and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, secret_hash(token)


# Every route that carries a secret in its path (a test reverses each route against this).
SECRET_PATH_PREFIXES = ("/councils/calendar/", "/councils/apologies/", "/email/unsubscribe/")
_SECRET_IN_PATH = re.compile(
    "(" + "|".join(re.escape(p) for p in SECRET_PATH_PREFIXES) + r")[^/?#\s\"'<>]+"
)
MASK = "[hidden]"


def secrets_mask(text: str) -> str:
    """The text with the token of every secret link replaced: for logs and the admin."""
    return _SECRET_IN_PATH.sub(lambda m: m.group(1) + MASK, text)
