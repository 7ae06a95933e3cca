"""`jobcouncil periodic`: meetings stay scheduled, scheduled rounds start once and may confirm."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from jobcouncil.councils.models import Council, Meeting
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.tests import factories


def test_it_keeps_eight_weeks_of_meetings_scheduled(council):
    Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).delete()
    call_command("periodic", stdout=StringIO())
    ahead = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).count()
    assert ahead in (15, 16, 17)  # twice a week for eight weeks


def test_a_scheduled_round_starts_once_and_confirms_itself_when_allowed(
    db, django_capture_on_commit_callbacks
):
    [factories.make_moderator()] + [factories.make_seeker() for _ in range(7)]
    hour = timezone.now().hour
    MatchingSchedule.objects.create(
        enabled=True, seeker_types=["fast"], hour_utc=hour, auto_confirm=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("periodic", stdout=StringIO())
        call_command("periodic", stdout=StringIO())
    assert MatchingRound.objects.get().status == "confirmed"
    assert Council.objects.count() == 1


def test_no_round_starts_outside_its_hour(db):
    other_hour = (timezone.now() + dt.timedelta(hours=3)).hour
    MatchingSchedule.objects.create(enabled=True, seeker_types=["fast"], hour_utc=other_hour)
    call_command("periodic", stdout=StringIO())
    assert not MatchingRound.objects.exists()
