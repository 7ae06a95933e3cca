"""Values quoted in messages, cut to a readable length: an input may hold a 60 MB id."""

from __future__ import annotations

import reprlib

LIMIT = 80
_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxstring = _REPR.maxother = LIMIT


def shown(value: object) -> str:
    """repr(value), at most LIMIT characters, ending in … when cut."""
    if isinstance(value, str):  # slice first: repr of a 60 MB string would copy all of it
        return cut(repr(value[: LIMIT + 1]))
    return cut(_REPR.repr(value))


def cut(text: str) -> str:
    """text itself, at most LIMIT characters, ending in … when cut."""
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"
