"""What is due in the workbook: thank-yous, follow-ups, the next update note, debriefs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from jobcouncil.workbook.models import (
    Interview,
    TourConversation,
    UpdateNoteRecipient,
    WorkbookSettings,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

SOON = dt.timedelta(days=7)
# A debrief is asked for from the interview's end for this long; after that the moment passed
# and the prompt would only nag (the interview's page still offers it).
DEBRIEF_WINDOW = dt.timedelta(days=14)
LIST_LIMIT = 20


@dataclass(frozen=True)
class TourDue:
    thank_yous: list[TourConversation]
    follow_ups: list[TourConversation]

    def __bool__(self) -> bool:
        return bool(self.thank_yous or self.follow_ups)


def tour_due(user: User, *, today: dt.date | None = None) -> TourDue:
    """Thank-yous not yet sent for conversations held, and follow-ups due within a week (or
    overdue), in the viewer's own today. Two queries, at most LIST_LIMIT rows each."""
    today = today or timezone.localdate()
    mine = TourConversation.objects.filter(owner=user).select_related("contact")
    return TourDue(
        thank_yous=list(
            mine.filter(held_on__isnull=False, thank_you_sent=False).order_by("held_on")[
                :LIST_LIMIT
            ]
        ),
        follow_ups=list(
            mine.filter(follow_up_on__lte=today + SOON).order_by("follow_up_on")[:LIST_LIMIT]
        ),
    )


def next_update_note_due(user: User) -> dt.date | None:
    """The last note sent plus the seeker's rhythm; None before the first one."""
    last = UpdateNoteRecipient.objects.filter(note__owner=user).aggregate(last=Max("sent_at"))[
        "last"
    ]
    if last is None:
        return None
    weeks = (
        WorkbookSettings.objects.filter(owner=user)
        .values_list("update_note_every_weeks", flat=True)
        .first()
        or WorkbookSettings.Every.THREE
    )
    return timezone.localtime(last).date() + dt.timedelta(weeks=weeks)


def interviews_awaiting_debrief(
    *, now: dt.datetime | None = None, owner: User | None = None
) -> list[Interview]:
    """Interviews whose end has passed (within DEBRIEF_WINDOW) and that have no debrief yet:
    the seeker's pages prompt for these (owner given), and the notices send the nudge (every
    owner; a notice keyed on the interview's id goes once). Ended longest ago first."""
    now = now or timezone.now()
    candidates = Interview.objects.filter(
        starts_at__lte=now, starts_at__gte=now - DEBRIEF_WINDOW - dt.timedelta(days=1),
        debrief__isnull=True,
    ).select_related("opportunity", "owner")  # fmt: skip
    if owner is not None:
        candidates = candidates.filter(owner=owner)
    due = [
        i
        for i in candidates.order_by("starts_at", "pk")
        if now - DEBRIEF_WINDOW <= i.ends_at <= now
    ]
    return due[: LIST_LIMIT if owner is not None else None]
