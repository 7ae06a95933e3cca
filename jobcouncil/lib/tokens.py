"""Secret links: a random token for the URL, and only its hash in the database."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 24  # 192 bits, above the 128 the conventions ask for


def secret_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> tuple[str, str]:
    """A fresh token to show once, and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, secret_hash(token)
