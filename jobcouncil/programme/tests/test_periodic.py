"""`jobcouncil periodic`: meetings stay scheduled, scheduled rounds start once and may confirm."""

import datetime as dt
import zoneinfo
from io import StringIO

from django.core.management import call_command

from jobcouncil.councils.models import Council, Meeting
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.tests import factories

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def _council(now):
    """Mondays and Thursdays at 18:00 in Chicago (the factory's), formed three weeks before."""
    members = [factories.make_seeker() for _ in range(5)]
    return factories.make_council(factories.make_moderator(), members, now=now)


def test_it_keeps_eight_weeks_of_meetings_scheduled(db, time_machine):
    now = dt.datetime(2026, 12, 2, 15, 20, tzinfo=dt.UTC)  # a Wednesday
    time_machine.move_to(now, tick=False)
    council = _council(now - dt.timedelta(weeks=3))
    Meeting.objects.filter(council=council, starts_at__gt=now).delete()
    call_command("periodic", stdout=StringIO())
    ahead = list(council.meetings.filter(starts_at__gt=now).order_by("starts_at"))
    # Twice a week for eight weeks: Thursday 3 December to Monday 25 January.
    assert len(ahead) == 16
    assert ahead[0].starts_at == dt.datetime(2026, 12, 3, 18, 0, tzinfo=CHICAGO)
    assert ahead[-1].starts_at == dt.datetime(2027, 1, 25, 18, 0, tzinfo=CHICAGO)
    call_command("periodic", stdout=StringIO())  # a second run adds nothing
    assert council.meetings.filter(starts_at__gt=now).count() == 16


def test_meetings_scheduled_across_a_clock_change_keep_their_local_time(db, time_machine):
    # Chicago moves its clocks forward on 14 March 2027: 18:00 is 00:00 UTC before, 23:00 after.
    now = dt.datetime(2027, 2, 24, 15, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)
    council = _council(now - dt.timedelta(weeks=3))
    Meeting.objects.filter(council=council, starts_at__gt=now).delete()
    call_command("periodic", stdout=StringIO())
    ahead = list(council.meetings.filter(starts_at__gt=now).order_by("starts_at"))
    assert len(ahead) == 16
    local = {m.starts_at.astimezone(CHICAGO).strftime("%a %H:%M") for m in ahead}
    assert local == {"Mon 18:00", "Thu 18:00"}
    utc_hours = {m.starts_at.astimezone(dt.UTC).hour for m in ahead}
    assert utc_hours == {0, 23}


def test_a_scheduled_round_starts_once_and_confirms_itself_when_allowed(
    db, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 2, 3, 59, 30, tzinfo=dt.UTC), tick=False)
    [factories.make_moderator()] + [factories.make_seeker() for _ in range(7)]
    MatchingSchedule.objects.create(
        enabled=True, seeker_types=["fast"], hour_utc=3, auto_confirm=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("periodic", stdout=StringIO())
        call_command("periodic", stdout=StringIO())
    assert MatchingRound.objects.get().status == "confirmed"
    assert Council.objects.count() == 1


def test_no_round_starts_outside_its_hour(db, time_machine):
    MatchingSchedule.objects.create(enabled=True, seeker_types=["fast"], hour_utc=3)
    time_machine.move_to(dt.datetime(2026, 12, 2, 2, 59, 59, tzinfo=dt.UTC), tick=False)
    call_command("periodic", stdout=StringIO())
    time_machine.move_to(dt.datetime(2026, 12, 2, 4, 0, tzinfo=dt.UTC), tick=False)
    call_command("periodic", stdout=StringIO())
    assert not MatchingRound.objects.exists()
