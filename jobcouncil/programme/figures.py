"""Dashboard figures that would count over every council on each view: counted at most once a
minute per process, in this process's memory, like the pool's per-day summary
(`pool/queue.py`). A figure may be a minute old; the lists beside it are live."""

from __future__ import annotations

from django.core.cache import caches

from jobcouncil.accounts.services import moderator_invitation_figures
from jobcouncil.councils.models import Council
from jobcouncil.pool.queue import SUMMARY_SECONDS

cache = caches["local"]
ACTIVE_COUNCILS_KEY = "programme:active-councils:v1"
MODERATOR_INVITATIONS_KEY = "programme:moderator-invitations:v1"


def active_council_count() -> int:
    count = cache.get(ACTIVE_COUNCILS_KEY)
    if count is None:
        count = Council.objects.filter(status=Council.Status.ACTIVE).count()
        cache.set(ACTIVE_COUNCILS_KEY, count, SUMMARY_SECONDS)
    return count


def moderator_invitations() -> dict[str, int]:
    """Invited to train as moderators (after three meetings, after landing), interested, and
    trained since: counted over every invitation, so at most once a minute."""
    figures = cache.get(MODERATOR_INVITATIONS_KEY)
    if figures is None:
        figures = moderator_invitation_figures()
        cache.set(MODERATOR_INVITATIONS_KEY, figures, SUMMARY_SECONDS)
    return figures
