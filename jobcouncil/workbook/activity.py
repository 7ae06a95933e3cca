"""The dated log of a seeker's search, to prove it (unemployment benefits ask for it):
conversations held on the listening tour, applications, interviews and update notes sent.

Built from what the workbook already holds, so nothing is typed twice. Days are the seeker's
own (their timezone); the CSV opens in a spreadsheet as it is: UTF-8 with a byte-order mark,
ISO dates, one row per activity, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcouncil.workbook.models import Interview, Opportunity, TourConversation, UpdateNoteRecipient

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

CONVERSATION, APPLICATION, INTERVIEW, UPDATE_NOTE = (
    "conversation",
    "application",
    "interview",
    "update",
)
KINDS = {
    CONVERSATION: gettext_lazy("Conversation"),
    APPLICATION: gettext_lazy("Application"),
    INTERVIEW: gettext_lazy("Interview"),
    UPDATE_NOTE: gettext_lazy("Update note sent"),
}
COLUMNS = [
    gettext_lazy("Date"),
    gettext_lazy("Activity"),
    gettext_lazy("Company"),
    gettext_lazy("Role"),
    gettext_lazy("With"),
    gettext_lazy("Details"),
]


@dataclass(frozen=True)
class Activity:
    day: dt.date
    kind: str
    company: str = ""
    role: str = ""
    person: str = ""
    details: str = ""

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


def activities(
    owner: User, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[Activity]:
    """Every activity from `since` to `until` (both included), oldest first. Four queries.

    `until` defaults to today: an interview planned for next week is not yet an activity."""
    zone = timezone.get_current_timezone()
    until = until or timezone.localdate()
    rows: list[Activity] = []

    talks = TourConversation.objects.filter(owner=owner, held_on__isnull=False, held_on__lte=until)
    if since:
        talks = talks.filter(held_on__gte=since)
    for t in talks.select_related("contact"):
        rows.append(
            Activity(
                t.held_on,  # type: ignore[arg-type]
                CONVERSATION,
                company=t.contact.company,
                role=t.contact.position,
                person=t.contact.name,
                details=t.learned,
            )
        )

    applied = Opportunity.objects.filter(
        owner=owner, applied_on__isnull=False, applied_on__lte=until
    )
    if since:
        applied = applied.filter(applied_on__gte=since)
    for o in applied:
        rows.append(Activity(o.applied_on, APPLICATION, company=o.company, role=o.role))  # type: ignore[arg-type]

    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    interviews = Interview.objects.filter(owner=owner, starts_at__lt=end)
    if since:
        interviews = interviews.filter(
            starts_at__gte=dt.datetime.combine(since, dt.time(), tzinfo=zone)
        )
    for i in interviews.select_related("opportunity"):
        rows.append(
            Activity(
                timezone.localtime(i.starts_at).date(),
                INTERVIEW,
                company=i.opportunity.company,
                role=i.opportunity.role,
                person=i.with_whom,
            )
        )

    sent = (
        UpdateNoteRecipient.objects.filter(note__owner=owner, sent_at__isnull=False)
        .annotate(day=TruncDate("sent_at", tzinfo=zone))
        .filter(day__lte=until)
    )
    if since:
        sent = sent.filter(day__gte=since)
    for row in (
        sent.values("note_id", "note__subject", "day")
        .annotate(people=Count("pk"), first=Min("sent_at"))
        .order_by("day", "note_id")
    ):
        rows.append(
            Activity(
                row["day"],
                UPDATE_NOTE,
                details=_("“%(subject)s”, to %(n)d people")
                % {"subject": row["note__subject"], "n": row["people"]},
            )
        )
    order = list(KINDS)
    rows.sort(key=lambda a: (a.day, order.index(a.kind), a.company, a.person))
    return rows


def _cell(value: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ (or a tab or return) as a formula:
    a quote in front keeps it text."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def activities_csv(rows: list[Activity]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c) for c in COLUMNS])
    for a in rows:
        writer.writerow(
            [
                a.day.isoformat(),
                a.kind_label,
                _cell(a.company),
                _cell(a.role),
                _cell(a.person),
                _cell(a.details),
            ]
        )
    return out.getvalue().encode("utf-8-sig")
