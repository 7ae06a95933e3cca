"""Scheduled rounds as often as the programme wants, confirmed after a review window."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jobcouncil.councils.models import Council
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.rounds.services import round_run
from jobcouncil.rounds.start import scheduled_round_due
from jobcouncil.tests import factories

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0, day: int = 2) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=dt.UTC)


def test_rounds_start_every_few_hours_from_the_first_hour_and_once_an_hour(time_machine):
    MatchingSchedule.objects.create(enabled=True, seeker_types=["fast"], hour_utc=2, every_hours=4)
    started = []
    for hour in range(24):
        for minute in (0, 1, 30):
            time_machine.move_to(at(hour, minute), tick=False)
            matching_round = scheduled_round_due()
            if matching_round is not None:
                started.append(hour)
                # Finished before the next is due (one round runs at a time).
                MatchingRound.objects.filter(pk=matching_round.pk).update(status="discarded")
    assert started == [2, 6, 10, 14, 18, 22]


def test_the_nightly_default_is_once_a_day():
    MatchingSchedule.objects.create(enabled=True, seeker_types=["fast"], hour_utc=3)
    assert scheduled_round_due(now=at(3)) is not None
    MatchingRound.objects.update(status="discarded")
    assert scheduled_round_due(now=at(3, 40)) is None
    assert scheduled_round_due(now=at(4)) is None
    assert scheduled_round_due(now=at(3, day=3)) is not None


def test_a_scheduled_round_confirms_itself_only_after_its_review_window(
    time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(at(3), tick=False)
    [factories.make_moderator()] + [factories.make_seeker() for _ in range(7)]
    MatchingSchedule.objects.create(
        enabled=True, seeker_types=["fast"], hour_utc=3, auto_confirm=True, review_hours=2
    )
    with django_capture_on_commit_callbacks(execute=True):
        matching_round = scheduled_round_due()
    matching_round.refresh_from_db()
    assert matching_round.status == "preview"  # staff have two hours to look
    time_machine.move_to(at(4, 59), tick=False)
    scheduled_round_due()
    assert MatchingRound.objects.get().status == "preview"
    time_machine.move_to(at(5, 1), tick=False)
    scheduled_round_due()
    assert MatchingRound.objects.get().status == "confirmed"
    assert Council.objects.count() == 1


def test_a_round_asks_the_engine_for_first_meetings_after_the_review_and_the_notice(
    time_machine,
):
    time_machine.move_to(at(3), tick=False)
    MatchingSchedule.objects.create(
        enabled=True, seeker_types=["fast"], auto_confirm=True, review_hours=2
    )
    by_hand = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    # Twelve hours' notice (FIRST_MEETING_NOTICE_HOURS); by hand, new councils at any time.
    assert by_hand.result["options"]["earliest_meeting"] == at(15).isoformat()
    assert "form_within_hours" not in by_hand.result["options"]
    MatchingRound.objects.update(status="discarded")
    scheduled = round_run(
        matching_round=MatchingRound.objects.create(seeker_types=["fast"], scheduled=True)
    )
    assert scheduled.result["options"]["earliest_meeting"] == at(17).isoformat()
    assert scheduled.result["options"]["form_within_hours"] == 48


def _monday_group() -> None:
    # Monday 12:00-13:00 in Chicago: Monday 18:00 UTC, five days after Wednesday 15:00 UTC.
    monday = {"seeker_type": "slow", "availability": ["mon 12:00-13:00"]}
    factories.make_moderator(**monday)
    for _ in range(7):
        factories.make_seeker(**monday)


def test_a_scheduled_round_leaves_a_council_that_would_first_meet_in_five_days_for_later(
    time_machine,
):
    time_machine.move_to(at(3), tick=False)
    _monday_group()
    MatchingSchedule.objects.create(enabled=True, seeker_types=["slow"], form_within_hours=48)
    scheduled = round_run(
        matching_round=MatchingRound.objects.create(seeker_types=["slow"], scheduled=True)
    )
    assert scheduled.result["councils"] == []
    assert {u["reason"] for u in scheduled.result["unplaced"]} == {
        "a council at their slots would first meet too late; a later round forms it"
    }
    MatchingRound.objects.update(status="discarded")
    # Sunday's round: Monday 18:00 UTC is now within two days of the earliest meeting.
    time_machine.move_to(at(3, day=6), tick=False)
    later = round_run(
        matching_round=MatchingRound.objects.create(seeker_types=["slow"], scheduled=True)
    )
    assert [c["slots"] for c in later.result["councils"]] == [["mon 18:00"]]


def test_staff_running_a_round_by_hand_form_councils_at_any_time(time_machine):
    time_machine.move_to(at(3), tick=False)
    _monday_group()
    MatchingSchedule.objects.create(enabled=True, seeker_types=["slow"], form_within_hours=48)
    by_hand = round_run(matching_round=MatchingRound.objects.create(seeker_types=["slow"]))
    assert [c["slots"] for c in by_hand.result["councils"]] == [["mon 18:00"]]


def test_a_schedule_of_any_time_forms_councils_days_ahead(time_machine):
    time_machine.move_to(at(3), tick=False)
    _monday_group()
    MatchingSchedule.objects.create(enabled=True, seeker_types=["slow"], form_within_hours=0)
    scheduled = round_run(
        matching_round=MatchingRound.objects.create(seeker_types=["slow"], scheduled=True)
    )
    assert [c["slots"] for c in scheduled.result["councils"]] == [["mon 18:00"]]


def test_the_window_must_reach_the_next_round():
    schedule = MatchingSchedule(seeker_types=["slow"], every_hours=24, form_within_hours=12)
    with pytest.raises(ValidationError) as raised:
        schedule.full_clean()
    assert "form_within_hours" in raised.value.message_dict
    for hours in (0, 24, 48):
        schedule.form_within_hours = hours
        schedule.full_clean()
