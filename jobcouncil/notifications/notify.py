"""The one way to tell people about an event: an in-app notice each (the header's bell) and
the email, queued through the event's own function in emails.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from jobcouncil.notifications.models import Notice

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


def notice_key(*, kind: str, occurrence: str, user_id: int) -> str:
    """One notice per kind, event (its occurrence, e.g. a meeting and its new time) and
    person: a rerun or a double click never tells anyone twice."""
    return f"{kind}:{occurrence}:{user_id}"


def notify_many(
    *,
    kind: str,
    users: Iterable[User],
    occurrence: str,
    text: str | Callable[[User], str],
    url: str,
    email: Callable[[User], Any] | None = None,
) -> int:
    """A notice for each person (one insert; those made before are kept as they are), then
    each one's email. `text` is a one-line summary (the email says the rest); `url` the path
    of the page it is about. Returns how many notices are new."""
    people = list(users)
    if not people:
        return 0
    notices = [
        Notice(
            key=notice_key(kind=kind, occurrence=occurrence, user_id=user.pk),
            user=user,
            kind=kind,
            text=(text(user) if callable(text) else text)[:300],
            url=url,
        )
        for user in people
    ]
    before = Notice.objects.filter(key__in=[n.key for n in notices]).count()
    Notice.objects.bulk_create(notices, ignore_conflicts=True)
    if email is not None:
        for user in people:
            email(user)
    return len(notices) - before
