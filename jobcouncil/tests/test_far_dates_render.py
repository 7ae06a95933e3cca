"""No stored date, however far off, makes a page fail for a viewer in any timezone.

The forms refuse such dates (see the commitment and move tests); these rows are written
straight to the database, as an old version or an admin could have left them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import CalendarFeed, Commitment, Council, Meeting
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests import factories

# Within hours of the calendar's ends: no local time exists for them east (or west) of UTC.
LAST = dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)
FIRST = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.UTC)


@pytest.fixture
def far_dates(council, seeker, fellow, staff):
    now = timezone.now()
    meetings = list(council.meetings.order_by("starts_at"))
    past = [m for m in meetings if m.starts_at < now]
    coming = [m for m in meetings if m.starts_at > now]
    Meeting.objects.filter(pk=past[0].pk).update(
        status=Meeting.Status.CLOSED, closed_at=LAST, starts_at=FIRST
    )
    Meeting.objects.filter(pk=past[1].pk).update(status=Meeting.Status.CLOSED, closed_at=FIRST)
    Meeting.objects.filter(pk=coming[1].pk).update(starts_at=LAST)  # moved to the very end
    for user, due in [(seeker, LAST), (fellow, FIRST)]:
        Commitment.objects.create(
            council=council, user=user, made_at=past[-1], text="Someday", due_at=due
        )
    Commitment.objects.create(
        council=council, user=seeker, made_at=coming[0], text="Later", due_at=LAST
    )
    Council.objects.filter(pk=council.pk).update(at_risk_since=LAST, needs_moderator_since=FIRST)
    waiting = factories.make_seeker()
    PoolEntry.objects.filter(user=waiting).update(joined_at=FIRST)
    MatchingRound.objects.create(seeker_types=["fast"])
    MatchingRound.objects.update(created_at=LAST, finished_at=FIRST)
    feed, token = CalendarFeed.issue(seeker)
    CalendarFeed.objects.filter(pk=feed.pk).update(created_at=LAST)
    factories.make_profile(staff)
    return {"meetings": meetings, "waiting": waiting, "token": token}


def _member_urls(council, meetings) -> list[str]:
    urls = ["/", reverse("councils:council-detail", args=[council.pk])]
    for meeting in meetings:
        args = [council.pk, meeting.pk]
        urls += [
            reverse("councils:meeting-detail", args=args),
            reverse("councils:meeting-ics", args=args),
            # The live poll of a page holding stale parts: it renders them again.
            reverse("councils:meeting-live", args=args) + "?v=0&review-list=&commitments-list=",
        ]
    return [*urls, reverse("councils:calendar-manage")]


def _staff_urls(meetings) -> list[str]:
    return [
        reverse("programme:dashboard"),
        reverse("rounds:round-list"),
        reverse("rounds:round-detail", args=[MatchingRound.objects.get().pk]),
        reverse("admin:councils_meeting_changelist"),
        reverse("admin:councils_council_changelist"),
        reverse("admin:councils_council_change", args=[meetings[0].council_id]),
        *(reverse("admin:councils_meeting_change", args=[m.pk]) for m in meetings[:3]),
    ]


@pytest.mark.parametrize("tzname", ["Etc/GMT+12", "Pacific/Kiritimati"])  # UTC−12, UTC+14
def test_every_page_showing_far_dates_answers_for_viewers_at_both_ends_of_the_day(
    client, council, seeker, moderator, fellow, staff, far_dates, tzname
):
    from jobcouncil.accounts.models import Profile

    Profile.objects.update(timezone=tzname)
    failures = []

    def visit(user, urls):
        client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            if status != 200:
                failures.append((user.email, url, status))

    for member in (seeker, moderator, fellow):
        visit(member, _member_urls(council, far_dates["meetings"]))
    visit(far_dates["waiting"], ["/", reverse("pool:status")])
    staff.is_superuser = True
    staff.save()
    visit(staff, _staff_urls(far_dates["meetings"]))
    client.logout()
    feed = client.get(reverse("councils:calendar-feed", args=[far_dates["token"]]))
    if feed.status_code != 200:
        failures.append(("anonymous", "calendar feed", feed.status_code))
    assert failures == []


def test_a_time_past_the_calendars_end_is_shown_as_its_last_moment(
    as_user, council, seeker, far_dates
):
    seeker.profile.timezone = "Pacific/Kiritimati"
    seeker.profile.save()
    moved = Meeting.objects.get(council=council, starts_at=LAST)
    html = as_user(seeker).get(reverse("councils:meeting-detail", args=[council.pk, moved.pk]))
    assert "31 December 9999, 23:59" in html.content.decode()
