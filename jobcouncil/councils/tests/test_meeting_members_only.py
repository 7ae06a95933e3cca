"""The meeting services themselves take part only from the council's active members.

The views refuse strangers and alumni first (404); these tests call the services directly, so
a view that forgot to ask, or a task or command calling them, still cannot write for a person
who is not (or no longer) in the council."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Ask, Attendance, CheckIn, Commitment, Meeting, Membership


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


@pytest.fixture
def ask(meeting, fellow):
    return meetings.ask_create(meeting=meeting, user=fellow, text="An introduction to Acme")


def _writes(meeting, ask):
    due = timezone.now() + dt.timedelta(days=3)
    return {
        "check-in": lambda user: meetings.meeting_checkin(
            meeting=meeting, user=user, pulse=5, line="Fine"
        ),
        "check-out": lambda user: meetings.meeting_checkout(meeting=meeting, user=user, word="x"),
        "ask": lambda user: meetings.ask_create(meeting=meeting, user=user, text="A referral"),
        "offer help": lambda user: meetings.ask_offer_help(ask=ask, user=user),
        "commitment": lambda user: meetings.commitment_create(
            meeting=meeting, user=user, text="Call Ana", due_at=due
        ),
        "apologies": lambda user: meetings.meeting_send_apologies(meeting=meeting, user=user),
    }


def _nothing_written_by(user, meeting, ask):
    assert not CheckIn.objects.filter(user=user).exists()
    assert not Ask.objects.filter(user=user).exists()
    assert not ask.helpers.filter(pk=user.pk).exists()
    assert not Commitment.objects.filter(user=user).exists()
    assert not Attendance.objects.filter(meeting=meeting, user=user).exists()


@pytest.mark.parametrize(
    "write", ["check-in", "check-out", "ask", "offer help", "commitment", "apologies"]
)
def test_an_alumnus_a_leaver_and_a_stranger_are_refused(
    write, meeting, ask, alumnus, fellow, outsider, seeker
):
    from jobcouncil.councils.services import membership_leave

    membership_leave(
        membership=Membership.objects.get(council=meeting.council, user=seeker),
        reason="moved on",
        back_to_pool=False,
    )
    call = _writes(meeting, ask)[write]
    for person in (alumnus, seeker, outsider):
        with pytest.raises(meetings.MeetingRefused, match="Only active members"):
            call(person)
        _nothing_written_by(person, meeting, ask)


@pytest.mark.parametrize(
    "write", ["check-in", "check-out", "ask", "offer help", "commitment", "apologies"]
)
def test_an_active_member_is_let_through(write, meeting, ask, seeker):
    _writes(meeting, ask)[write](seeker)  # the guard above refuses for a reason, not always


def test_only_active_members_are_marked_present(meeting, alumnus, outsider, seeker):
    started = meeting.starts_at + dt.timedelta(minutes=5)
    for person in (alumnus, outsider):
        with pytest.raises(meetings.MeetingRefused, match="Only active members"):
            meetings.attendance_set(meeting=meeting, statuses={person.pk: "present"}, now=started)
    # One refused name refuses the whole list: the members beside it are not marked either.
    with pytest.raises(meetings.MeetingRefused):
        meetings.attendance_set(
            meeting=meeting, statuses={seeker.pk: "present", alumnus.pk: "present"}, now=started
        )
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert meetings.attendance_set(meeting=meeting, statuses={seeker.pk: "late"}, now=started) == 1
