"""What is due in the workbook: thank-yous, follow-ups, the next update note."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from jobcouncil.workbook.models import TourConversation, UpdateNoteRecipient, WorkbookSettings

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

SOON = dt.timedelta(days=7)
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
