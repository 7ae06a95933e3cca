"""The first meeting: a new council's first slot at least FIRST_MEETING_NOTICE_HOURS after it
was confirmed, and a refilled member's first meeting at least that far from joining."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from jobcouncil.councils.models import Meeting, Membership
from jobcouncil.councils.services import council_create
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import round_confirm, round_run
from jobcouncil.tests import factories

MON_WED_11 = [{"weekday": 0, "time": "11:00"}, {"weekday": 2, "time": "11:00"}]
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _create(now: dt.datetime, *, times=MON_WED_11, tzname="America/New_York", kind="fast"):
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(5)]
    return council_create(
        name="C",
        seeker_type=kind,
        moderator=moderator,
        members=members,
        schedule_timezone=tzname,
        meeting_times=times,
        now=now,
    )


def _starts(council) -> list[dt.datetime]:
    return list(council.meetings.order_by("starts_at").values_list("starts_at", flat=True))


def test_a_council_confirmed_on_tuesday_first_meets_on_wednesday_not_next_week(db):
    # Tuesday 1 December 2026, 10:00 in New York; Wednesday 11:00 is 25 hours away.
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK)
    council = _create(now)
    first = _starts(council)[0]
    assert first == dt.datetime(2026, 12, 2, 11, 0, tzinfo=NEW_YORK)
    assert council.starts_on == dt.date(2026, 11, 30)
    membership = council.memberships.get(role="moderator")
    assert membership.first_meeting().starts_at == first


def test_a_slot_less_than_the_notice_away_is_skipped(db):
    # Tuesday 23:30: Wednesday 11:00 is 11.5 hours away, under the 12 hours' notice, so the
    # first is next Monday.
    now = dt.datetime(2026, 12, 1, 23, 30, tzinfo=NEW_YORK)
    council = _create(now)
    assert _starts(council)[0] == dt.datetime(2026, 12, 7, 11, 0, tzinfo=NEW_YORK)
    assert council.starts_on == dt.date(2026, 12, 7)
    assert not Meeting.objects.filter(starts_at__lt=now + dt.timedelta(hours=12)).exists()


def test_the_notice_is_half_a_day_by_default(db):
    # Tuesday 22:30: Wednesday 11:00 is 12.5 hours away, so it is the first meeting.
    council = _create(dt.datetime(2026, 12, 1, 22, 30, tzinfo=NEW_YORK))
    assert _starts(council)[0] == dt.datetime(2026, 12, 2, 11, 0, tzinfo=NEW_YORK)


def test_the_notice_is_a_setting(db, settings):
    settings.FIRST_MEETING_NOTICE_HOURS = 48
    council = _create(dt.datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK))
    assert _starts(council)[0] == dt.datetime(2026, 12, 7, 11, 0, tzinfo=NEW_YORK)


def test_a_slow_council_counts_its_fortnights_from_its_first_meeting(db):
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK)
    council = _create(now, times=[{"weekday": 2, "time": "19:00"}], kind="slow")
    first, second = _starts(council)[:2]
    assert first == dt.datetime(2026, 12, 2, 19, 0, tzinfo=NEW_YORK)
    assert second - first == dt.timedelta(weeks=2)


@pytest.mark.parametrize(
    ("tzname", "now_utc", "slot", "expected_utc"),
    [
        # London springs forward at 01:00 UTC on Sunday 29 March 2026: Sunday 09:00 is BST.
        ("Europe/London", "2026-03-28T08:00", {"weekday": 6, "time": "09:00"}, "2026-03-29T08:00"),
        # New York falls back on Sunday 1 November 2026: Monday 09:00 is EST again.
        (
            "America/New_York",
            "2026-10-31T12:00",
            {"weekday": 0, "time": "09:00"},
            "2026-11-02T14:00",
        ),
    ],
)
def test_a_first_slot_right_after_a_clock_change_keeps_its_local_time(
    db, tzname, now_utc, slot, expected_utc
):
    now = dt.datetime.fromisoformat(now_utc).replace(tzinfo=dt.UTC)
    council = _create(now, times=[slot], tzname=tzname)
    first = _starts(council)[0]
    assert first == dt.datetime.fromisoformat(expected_utc).replace(tzinfo=dt.UTC)
    assert f"{first.astimezone(zoneinfo.ZoneInfo(tzname)):%H:%M}" == slot["time"]
    assert first - now >= dt.timedelta(hours=24)


def test_a_refilled_member_joins_from_the_next_meeting_a_day_away(db, time_machine):
    moderator = factories.make_moderator()
    council = factories.make_council(moderator, [factories.make_seeker() for _ in range(4)])
    upcoming = council.meetings.filter(starts_at__gt=dt.datetime.now(dt.UTC)).order_by("starts_at")
    soon, after = upcoming[0], upcoming[1]
    time_machine.move_to(soon.starts_at - dt.timedelta(hours=5), tick=False)
    newcomer = factories.make_seeker()
    round_ = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    round_confirm(matching_round=round_)
    membership = Membership.objects.get(user=newcomer)
    assert membership.council == council
    assert membership.first_meeting() == after
    # The match email names that meeting, not the one five hours away.
    email = OutboxEmail.objects.get(key=f"council-matched:{council.pk}:{newcomer.pk}")
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert f"{after.starts_at.astimezone(chicago):%A %-d %B, %H:%M}" in email.body_text
    assert f"{soon.starts_at.astimezone(chicago):%A %-d %B, %H:%M}" not in email.body_text


def test_the_council_page_shows_a_newcomers_first_meeting_and_the_pool_page_leads_there(
    db, as_user, time_machine
):
    moderator = factories.make_moderator()
    council = factories.make_council(moderator, [factories.make_seeker() for _ in range(4)])
    soon, after = council.meetings.filter(starts_at__gt=dt.datetime.now(dt.UTC))[:2]
    time_machine.move_to(soon.starts_at - dt.timedelta(hours=5), tick=False)
    newcomer = factories.make_seeker()
    Membership.objects.create(council=council, user=newcomer)
    newcomer.pool_entry.status = "matched"
    newcomer.pool_entry.save()
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    expected = f"Your first meeting: {after.starts_at.astimezone(chicago):%A %-d %B, %H:%M}"
    client = as_user(newcomer)
    assert expected in client.get(f"/councils/{council.pk}/").content.decode()
    assert expected in client.get("/pool/", follow=True).content.decode()
