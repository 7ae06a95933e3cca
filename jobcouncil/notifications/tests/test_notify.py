"""notify_many: a notice each and the email, never twice; the meeting changes and a new
council go through it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Meeting
from jobcouncil.councils.notices import council_matched_notify
from jobcouncil.notifications.models import Notice, OutboxEmail
from jobcouncil.notifications.notify import notify_many


def _upcoming(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def test_it_makes_one_notice_per_person_and_emails_each(seeker, fellow):
    sent = []
    made = notify_many(
        kind=Notice.Kind.STAFF_ALERT,
        users=[seeker, fellow],
        occurrence="x",
        text="Hello",
        url="/",
        email=sent.append,
    )
    assert made == 2
    assert sent == [seeker, fellow]
    assert set(Notice.objects.values_list("user_id", "text", "read_at")) == {
        (seeker.pk, "Hello", None),
        (fellow.pk, "Hello", None),
    }


def test_a_rerun_makes_no_second_notice(seeker):
    for _ in range(2):
        notify_many(kind=Notice.Kind.STAFF_ALERT, users=[seeker], occurrence="x", text="A", url="/")
    assert Notice.objects.filter(user=seeker).count() == 1
    assert (
        notify_many(kind=Notice.Kind.STAFF_ALERT, users=[seeker], occurrence="x", text="A", url="/")
        == 0
    )


def test_a_moved_meeting_tells_every_member_but_the_mover_once_per_new_time(
    council, moderator, seeker, fellow, alumnus
):
    meeting = _upcoming(council)
    new_time = meeting.starts_at + dt.timedelta(hours=2)
    meetings.meeting_move(meeting=meeting, starts_at=new_time, actor=moderator)
    notified = set(Notice.objects.values_list("user_id", flat=True))
    assert seeker.pk in notified and fellow.pk in notified
    assert moderator.pk not in notified and alumnus.pk not in notified
    notice = Notice.objects.get(user=seeker)
    assert notice.kind == Notice.Kind.MEETING_CHANGED
    assert notice.url == f"/councils/{council.pk}/meetings/{meeting.pk}/"
    assert council.name in notice.text and "moved" in notice.text
    # The email went too, through its own function.
    assert OutboxEmail.objects.filter(user=seeker, key__startswith="meeting-moved:").count() == 1
    meetings.meeting_move(meeting=meeting, starts_at=new_time + dt.timedelta(hours=1))
    assert Notice.objects.filter(user=seeker).count() == 2


def test_a_cancelled_meeting_tells_the_members(council, moderator, seeker):
    meeting = _upcoming(council)
    meetings.meeting_cancel(meeting=meeting, actor=moderator)
    notice = Notice.objects.get(user=seeker)
    assert "cancelled" in notice.text
    assert OutboxEmail.objects.filter(user=seeker, key__startswith="meeting-cancelled:").exists()


def test_a_new_council_tells_its_members_once(council, seeker, fellow):
    council_matched_notify(council=council, users=[seeker, fellow])
    council_matched_notify(council=council, users=[seeker])
    assert Notice.objects.filter(kind=Notice.Kind.COUNCIL_MATCHED).count() == 2
    assert Notice.objects.get(user=seeker).url == f"/councils/{council.pk}/"
    assert OutboxEmail.objects.filter(user=seeker, key__startswith="council-matched:").count() == 1


def test_staff_get_a_notice_when_a_council_has_no_moderator(council, moderator, staff, as_user):
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    notice = Notice.objects.get(kind=Notice.Kind.STAFF_ALERT)
    assert notice.user == staff and council.name in notice.text
    assert notice.url == f"/programme/councils/{council.pk}/"


def test_members_get_a_notice_when_the_backup_takes_over(council, moderator, fellow, as_user):
    from jobcouncil.councils.models import Membership

    Membership.objects.filter(council=council, user=fellow).update(role="backup")
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    notices = Notice.objects.filter(kind=Notice.Kind.NEW_MODERATOR)
    assert notices.filter(user=fellow).exists() and notices.count() >= 2
    assert "now moderates" in notices.first().text
