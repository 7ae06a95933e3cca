"""The links in reminders as they ARRIVE through a real SMTP server: "I can't make it" and
unsubscribe work without logging in, for their own person only, and not once expired."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client

from jobcouncil.accounts.models import Profile
from jobcouncil.councils.meetings import meeting_move
from jobcouncil.councils.models import Attendance, Membership
from jobcouncil.councils.reminders import meeting_reminders_queue
from jobcouncil.notifications.models import EmailSubscription

H = dt.timedelta(hours=1)


@pytest.fixture
def meeting(council):
    """The council's next meeting, 18:00 in Chicago where its members all live."""
    Profile.objects.filter(user__memberships__council=council).update(timezone="America/Chicago")
    return council.meetings.filter(status="scheduled", starts_at__gt=dt.datetime.now(dt.UTC))[0]


def _pass(at, capture):
    with time_machine.travel(at, tick=False), capture(execute=True):
        return meeting_reminders_queue(now=at)


def _mail_to(smtp, user, since=0):
    (mail,) = [m for m in smtp.received[since:] if m.to == [user.email]]
    return mail


def _path(url: str) -> str:
    return urlsplit(url).path


def test_i_cant_make_it_from_the_received_mail_works_for_its_person_only(
    meeting, seeker, fellow, smtp, django_capture_on_commit_callbacks
):
    _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    mine, theirs = _mail_to(smtp, seeker), _mail_to(smtp, fellow)
    link = _path(mine.link("/councils/apologies/"))
    assert link != _path(theirs.link("/councils/apologies/"))
    assert link in mine.html  # the HTML part carries the same link
    anonymous = Client()
    with time_machine.travel(meeting.starts_at - 2 * H, tick=False):
        page = anonymous.get(link)
        assert page.status_code == 200 and "Send my apologies" in page.content.decode()
        assert not Attendance.objects.exists()  # opening it (a mail scanner) records nothing
        done = anonymous.post(link)
        assert done.status_code == 200 and "are recorded" in done.content.decode()
        # Clicked again: still one apology, the same answer.
        assert anonymous.post(link).status_code == 200
    assert list(Attendance.objects.values_list("meeting_id", "user_id", "sent_apologies")) == [
        (meeting.pk, seeker.pk, True)
    ]
    # Who sent apologies gets no hour reminder; everyone else does.
    before = len(smtp.received)
    _pass(meeting.starts_at - H, django_capture_on_commit_callbacks)
    hour = {tuple(m.to) for m in smtp.received[before:]}
    assert (fellow.email,) in hour and (seeker.email,) not in hour


def test_i_cant_make_it_is_refused_once_the_meeting_started_moved_or_i_left(
    meeting, seeker, fellow, smtp, django_capture_on_commit_callbacks
):
    _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    mine = _path(_mail_to(smtp, seeker).link("/councils/apologies/"))
    anonymous = Client()
    with time_machine.travel(meeting.starts_at, tick=False):
        late = anonymous.post(mine)
    assert late.status_code == 410 and "already started" in late.content.decode()

    moved_to = meeting.starts_at + 2 * H
    with time_machine.travel(meeting.starts_at - 20 * H, tick=False):
        meeting_move(meeting=meeting, starts_at=moved_to)
        stale = anonymous.post(mine)
    assert stale.status_code == 410 and "has moved" in stale.content.decode()
    # The reminder for the new time brings a link that works.
    before = len(smtp.received)
    _pass(moved_to - 24 * H, django_capture_on_commit_callbacks)
    fresh = _path(_mail_to(smtp, seeker, since=before).link("/councils/apologies/"))
    theirs = _path(_mail_to(smtp, fellow, since=before).link("/councils/apologies/"))
    assert fresh != mine
    # Someone who has left the council since cannot use theirs.
    Membership.objects.filter(user=fellow, council=meeting.council).update(
        status=Membership.Status.LEFT, left_at=moved_to - 4 * H
    )
    with time_machine.travel(moved_to - 3 * H, tick=False):
        assert anonymous.post(fresh).status_code == 200
        left = anonymous.post(theirs)
    assert left.status_code >= 400, left.status_code
    assert list(Attendance.objects.values_list("user_id", flat=True)) == [seeker.pk]


def test_one_click_unsubscribe_from_the_received_mail_stops_only_its_person(
    meeting, seeker, fellow, smtp, settings, django_capture_on_commit_callbacks
):
    _pass(meeting.starts_at - 24 * H, django_capture_on_commit_callbacks)
    mine, theirs = _mail_to(smtp, seeker), _mail_to(smtp, fellow)
    header = str(mine.message["List-Unsubscribe"]).strip().strip("<>")
    assert mine.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header == mine.link("/email/unsubscribe/")  # the footer link is the same one
    anonymous = Client()
    assert anonymous.get(_path(header)).status_code == 200
    assert not EmailSubscription.objects.exists()  # asking changes nothing
    # What a mail client sends for one-click unsubscribe (RFC 8058): no cookie, no CSRF token.
    one_click = anonymous.post(
        _path(header),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert list(EmailSubscription.objects.values_list("user_id", flat=True)) == [seeker.pk]

    before = len(smtp.received)
    _pass(meeting.starts_at - H, django_capture_on_commit_callbacks)
    hour = {m.to[0] for m in smtp.received[before:]}
    assert fellow.email in hour and seeker.email not in hour

    their_link = _path(theirs.link("/email/unsubscribe/"))
    later = meeting.starts_at + dt.timedelta(days=settings.UNSUBSCRIBE_LINK_DAYS + 1)
    with time_machine.travel(later, tick=False):
        assert anonymous.get(their_link).status_code == 404
        assert anonymous.post(their_link).status_code == 404
    assert not EmailSubscription.objects.filter(user=fellow).exists()
