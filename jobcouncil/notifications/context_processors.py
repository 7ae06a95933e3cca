"""The header's bell: how many notices the person signed in has not read."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from jobcouncil.notifications.models import Notice


class Bell:
    """Counted only when a page shows it (htmx fragments and files do not), in one query."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        return Notice.unread_count(self.user)


def bell(request: HttpRequest) -> dict[str, Bell]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
