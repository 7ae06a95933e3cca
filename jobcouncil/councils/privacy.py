"""What councils hold about a person, for their data export (lib/privacy.py): their
memberships, the meetings they were at with their own check-ins, their commitments, their
asks and offers of help, their landings and calendar links (lib/privacy.py).

Only the person's own words: never another member's check-in, ask or name."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CalendarFeed,
    CheckIn,
    Commitment,
    Landing,
    Membership,
)
from jobcouncil.lib.privacy import Part, Section


def export(user: Any) -> list[Section]:
    memberships = Membership.objects.filter(user=user).select_related("council")
    attendance = Attendance.objects.filter(user=user).select_related("meeting__council")
    checkins = CheckIn.objects.filter(user=user).select_related("meeting__council")
    meetings: dict[int, dict] = {}
    rows: list[Attendance | CheckIn] = [*attendance, *checkins]
    for row in rows:
        meeting = row.meeting
        record = meetings.setdefault(
            meeting.pk,
            {
                "council": meeting.council.name,
                "starts_at": meeting.starts_at,
                "meeting_status": meeting.get_status_display(),
                "attendance": "",
                "sent_apologies": False,
                "pulse": None,
                "line": "",
                "checkout_word": "",
            },
        )
        if isinstance(row, Attendance):
            record["attendance"] = row.get_status_display()
            record["sent_apologies"] = row.sent_apologies
        else:
            record.update(pulse=row.pulse, line=row.line, checkout_word=row.checkout_word)
    commitments = Commitment.objects.filter(user=user).select_related("council", "made_at")
    asks = (
        Ask.objects.filter(user=user)
        .select_related("meeting__council")
        .annotate(offers=Count("helpers"))
        .order_by("created_at", "pk")
    )
    offers = Ask.objects.filter(helpers=user).select_related("meeting__council").order_by("pk")
    landings = Landing.objects.filter(user=user).select_related("council").order_by("created_at")
    feeds = CalendarFeed.objects.filter(user=user).order_by("created_at")
    return [
        Section(
            key="memberships",
            title=_("Councils and memberships"),
            fields={
                "council": _("Council"),
                "role": _("Role"),
                "status": _("Status"),
                "joined_at": _("Joined"),
                "left_at": _("Left"),
                "left_reason": _("Why you left (what you told us)"),
                "charter_accepted_at": _("Accepted the charter"),
                "invited_to_moderate_at": _("Invited to moderate"),
            },
            rows=[
                {
                    "council": m.council.name,
                    "role": m.get_role_display(),
                    "status": m.get_status_display(),
                    "joined_at": m.joined_at,
                    "left_at": m.left_at,
                    "left_reason": m.left_reason,
                    "charter_accepted_at": m.charter_accepted_at,
                    "invited_to_moderate_at": m.invited_to_moderate_at,
                }
                for m in memberships
            ],
        ),
        Section(
            key="meetings",
            title=_("Meetings and your check-ins"),
            fields={
                "council": _("Council"),
                "starts_at": _("Meeting"),
                "meeting_status": _("Meeting status"),
                "attendance": _("Your attendance"),
                "sent_apologies": _("You sent apologies"),
                "pulse": _("Your check-in pulse (1-10)"),
                "line": _("Your check-in"),
                "checkout_word": _("Your check-out word"),
            },
            rows=sorted(meetings.values(), key=lambda r: r["starts_at"]),
            note=_("Only what you said; what other members said stays in the council."),
        ),
        Section(
            key="commitments",
            title=_("Commitments"),
            fields={
                "council": _("Council"),
                "made_at": _("Made at the meeting of"),
                "text": _("Commitment"),
                "due_at": _("Due"),
                "status": _("Status"),
            },
            rows=[
                {
                    "council": c.council.name,
                    "made_at": c.made_at.starts_at,
                    "text": c.text,
                    "due_at": c.due_at,
                    "status": c.get_status_display(),
                }
                for c in commitments
            ],
        ),
        Section(
            key="asks",
            title=_("Asks for help you wrote"),
            fields={
                "council": _("Council"),
                "meeting": _("Meeting"),
                "text": _("Your ask"),
                "created_at": _("Written"),
                "offers": _("Offers of help"),
            },
            rows=[
                {
                    "council": a.meeting.council.name,
                    "meeting": a.meeting.starts_at,
                    "text": a.text,
                    "created_at": a.created_at,
                    "offers": a.offers,
                }
                for a in asks
            ],
        ),
        Section(
            key="offers",
            title=_("Help you offered"),
            fields={"council": _("Council"), "meeting": _("Meeting")},
            rows=[
                {"council": a.meeting.council.name, "meeting": a.meeting.starts_at} for a in offers
            ],
            note=_("The asks themselves are other members' words, so they are not in here."),
        ),
        Section(
            key="celebrations",
            title=_("Celebrations: your landings"),
            fields={
                "council": _("Council"),
                "role": _("Role"),
                "company": _("Company"),
                "start_date": _("Start date"),
                "asked_for_more_money": _("You asked for more money"),
                "got_more_money": _("You got more"),
                "wants_alumni_group": _("First-90-days alumni group"),
                "created_at": _("Told the council"),
            },
            rows=[
                {
                    "council": landing.council.name,
                    "role": landing.role,
                    "company": landing.company,
                    "start_date": landing.start_date,
                    "asked_for_more_money": landing.asked_for_more_money,
                    "got_more_money": landing.got_more_money,
                    "wants_alumni_group": landing.wants_alumni_group,
                    "created_at": landing.created_at,
                }
                for landing in landings
            ],
        ),
        Section(
            key="calendar_feeds",
            title=_("Calendar links"),
            fields={"created_at": _("Made"), "revoked_at": _("Turned off")},
            rows=[{"created_at": f.created_at, "revoked_at": f.revoked_at} for f in feeds],
            note=_(
                "The secret address itself is never stored (only a fingerprint of it), so it "
                "is not in here either."
            ),
        ),
    ]


PART = Part(
    app="councils",
    order=30,
    export=export,
    models=(
        "councils.Membership",
        "councils.Attendance",
        "councils.CheckIn",
        "councils.Commitment",
        "councils.Ask",
        "councils.Landing",
        "councils.CalendarFeed",
    ),
)
