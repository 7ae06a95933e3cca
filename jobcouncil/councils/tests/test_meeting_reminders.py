"""Meeting reminders: 24 hours and 1 hour ahead, once each, in each member's own time, with
the video link, the .ics file and a one-click "I can't make it" link."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobcouncil.councils.meetings import meeting_move
from jobcouncil.councils.models import Attendance, Meeting, Membership
from jobcouncil.councils.reminders import APOLOGY_SALT, apology_token, meeting_reminders_queue
from jobcouncil.notifications.models import EmailSubscription, OutboxEmail
from jobcouncil.tests import factories

H = dt.timedelta(hours=1)


def _next_meeting(council) -> Meeting:
    return council.meetings.filter(
        status="scheduled", starts_at__gt=dt.datetime.now(dt.UTC)
    ).order_by("starts_at")[0]


def _active(council) -> list:
    return list(Membership.objects.filter(council=council, status="active").select_related("user"))


@pytest.fixture
def meeting(council):
    """The council's next meeting, its members all in Chicago (18:00 there, not quiet)."""
    from jobcouncil.accounts.models import Profile

    Profile.objects.filter(user__memberships__council=council).update(timezone="America/Chicago")
    council.video_url = "https://video.example.org/council"
    council.save()
    return _next_meeting(council)


def _pass(now, capture):
    with capture(execute=True):
        return meeting_reminders_queue(now=now)


def test_each_member_gets_the_day_and_hour_reminders_once(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    members = _active(meeting.council)
    first = _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    assert first.queued == len(members) == len(mailoutbox)
    assert _pass(meeting.starts_at - 23 * H, django_capture_on_commit_callbacks).queued == 0
    assert _pass(meeting.starts_at - H, django_capture_on_commit_callbacks).queued == len(members)
    assert _pass(meeting.starts_at - H / 2, django_capture_on_commit_callbacks).queued == 0
    assert len(mailoutbox) == 2 * len(members)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(2 * [m.user.email for m in members])
    day, hour = mailoutbox[0], mailoutbox[-1]
    assert day.subject.startswith(f"Reminder: {meeting.council.name} meets ")
    assert day.subject.endswith("18:00 (America/Chicago)")
    assert hour.subject == f"{meeting.council.name} meets soon: 18:00 (America/Chicago)"
    assert "https://video.example.org/council" in day.body
    assert "/councils/apologies/" in day.body and "/councils/apologies/" in day.alternatives[0][0]
    assert f"/meetings/{meeting.pk}/meeting.ics" in day.body
    (name, ics, mimetype) = day.attachments[0]
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics and meeting.council.name in ics
    keys = set(OutboxEmail.objects.values_list("key", flat=True))
    member = members[0].user
    assert f"reminder:24h:{meeting.pk}:{member.pk}:{meeting.starts_at.isoformat()}" in keys


def test_a_missed_run_catches_up_once_and_a_started_meeting_is_dropped(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    members = _active(meeting.council)
    # The runs from 24 hours before never happened; the next is at 22:00 in Chicago, in
    # quiet hours, so the day reminder waits for 08:00 and goes then, once.
    assert _pass(meeting.starts_at - 20 * H, django_capture_on_commit_callbacks).due == 0
    assert _pass(meeting.starts_at - 10 * H, django_capture_on_commit_callbacks).queued == len(
        members
    )
    assert _pass(meeting.starts_at - 9 * H, django_capture_on_commit_callbacks).queued == 0
    # Nothing ran in the last hour before the meeting, nor after it started: no late mail.
    assert (
        _pass(meeting.starts_at + dt.timedelta(minutes=1), django_capture_on_commit_callbacks).due
        == 0
    )
    assert len(mailoutbox) == len(members)


def test_one_hour_before_a_fresh_meeting_only_the_hour_reminder_goes(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    members = _active(meeting.council)
    assert _pass(meeting.starts_at - H / 2, django_capture_on_commit_callbacks).queued == len(
        members
    )
    assert {m.subject.split(":")[0] for m in mailoutbox} == {f"{meeting.council.name} meets soon"}


def test_a_moved_meeting_reminds_again_at_its_new_time(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    members = _active(meeting.council)
    _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    moved_to = meeting.starts_at + 2 * H
    with time_machine.travel(meeting.starts_at - 23 * H, tick=False):
        meeting_move(meeting=meeting, starts_at=moved_to)
    mailoutbox.clear()
    assert _pass(moved_to - 24 * H, django_capture_on_commit_callbacks).queued == len(members)
    assert all("20:00 (America/Chicago)" in m.subject for m in mailoutbox)


def test_no_reminder_for_the_unsubscribed_nor_who_already_sent_apologies(
    meeting, seeker, fellow, mailoutbox, django_capture_on_commit_callbacks
):
    members = _active(meeting.council)
    EmailSubscription.objects.create(user=seeker, unsubscribed_at=meeting.starts_at - 48 * H)
    Attendance.objects.create(meeting=meeting, user=fellow, status="excused", sent_apologies=True)
    _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    got = {m.to[0] for m in mailoutbox}
    assert len(got) == len(members) - 2 and seeker.email not in got and fellow.email not in got


def _councils(n, now):
    for _ in range(n):
        people = [factories.make_seeker() for _ in range(5)]
        factories.make_council(factories.make_moderator(), people, now=now)


def _queries(now) -> int:
    with CaptureQueriesContext(connection) as queries:
        meeting_reminders_queue(now=now)
    return len(queries)


@pytest.mark.parametrize("n", [1, 4])
def test_the_pass_costs_the_same_queries_however_many_meetings_are_due(db, n):
    now = dt.datetime(2026, 12, 7, 0, 0, tzinfo=dt.UTC)  # Monday 18:00 Chicago is 24 h on
    with time_machine.travel(now, tick=False):
        _councils(n, now - dt.timedelta(weeks=1))
    due = Meeting.objects.filter(starts_at=now + 24 * H).count()
    assert due == n
    # The members with their meetings; the outbox keys already there; the due people (with
    # their profiles) and their councils; then queueing: the keys again, who unsubscribed, the
    # unsubscribe links, the emails, their ids (each one statement), the savepoint.
    assert _queries(now) == 11
    assert OutboxEmail.objects.count() == 6 * n
    # Nothing due any more: the one read and the keys.
    assert _queries(now + dt.timedelta(minutes=1)) == 2


def test_the_link_records_apologies_for_its_person_and_meeting_only(
    meeting, seeker, fellow, client
):
    later = meeting.council.meetings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at")[
        0
    ]
    token = apology_token(meeting=meeting, user=seeker)
    url = reverse("councils:meeting-apology", args=[token])
    with time_machine.travel(meeting.starts_at - 2 * H, tick=False):
        page = client.get(url)
        assert page.status_code == 200 and "Send my apologies" in page.content.decode()
        assert "America/Chicago" in page.content.decode()
        assert not Attendance.objects.exists()  # opening the link (or a mail scanner) does nothing
        done = client.post(url)
    assert done.status_code == 200 and "are recorded" in done.content.decode()
    assert list(Attendance.objects.values_list("meeting_id", "user_id", "sent_apologies")) == [
        (meeting.pk, seeker.pk, True)
    ]
    assert later.pk != meeting.pk
    # The same link altered to name another person or meeting is refused, kindly.
    payload = signing.loads(token, salt=APOLOGY_SALT)
    for changed in ({**payload, "u": fellow.pk}, {**payload, "m": later.pk}):
        forged = token.replace(
            signing.dumps(payload, salt=APOLOGY_SALT, compress=True).split(":")[0],
            signing.dumps(changed, salt=APOLOGY_SALT, compress=True).split(":")[0],
        )
        with time_machine.travel(meeting.starts_at - 2 * H, tick=False):
            refused = client.post(reverse("councils:meeting-apology", args=[forged]))
        assert refused.status_code == 404 and "does not work" in refused.content.decode()
    assert Attendance.objects.count() == 1


def test_the_moderator_sees_apologies_sent_by_link(meeting, seeker, moderator, client, as_user):
    url = reverse("councils:meeting-apology", args=[apology_token(meeting=meeting, user=seeker)])
    with time_machine.travel(meeting.starts_at - 2 * H, tick=False):
        client.post(url)
        page = as_user(moderator).get(
            reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
        )
    assert page.status_code == 200
    attendance = Attendance.objects.get(meeting=meeting, user=seeker)
    assert attendance.status == "excused" and attendance.sent_apologies


def test_the_link_is_refused_once_the_meeting_started_or_moved(meeting, seeker, client):
    url = reverse("councils:meeting-apology", args=[apology_token(meeting=meeting, user=seeker)])
    with time_machine.travel(meeting.starts_at + dt.timedelta(seconds=1), tick=False):
        late = client.post(url)
    assert late.status_code == 410 and "already started" in late.content.decode()
    with time_machine.travel(meeting.starts_at - 3 * H, tick=False):
        meeting_move(meeting=meeting, starts_at=meeting.starts_at + H)
        moved = client.get(url)
    assert moved.status_code == 410 and "has moved" in moved.content.decode()
    assert not Attendance.objects.exists()
