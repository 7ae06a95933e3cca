"""A failing SMTP server (connections refused, or 451 "try again later"): the email is tried
again with waits that double, arrives once the server is back, and after MAX_ATTEMPTS stays
failed where staff see it (the outbox admin's "gave up" filter) and can send it again."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from jobcouncil.notifications.emails import email_moderator_approved
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.notifications.tasks import MAX_ATTEMPTS, outbox_retry
from jobcouncil.tests import factories

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC), tick=False) as c:
        yield c


@pytest.fixture
def person(db):
    return factories.make_user("volunteer@example.org")


def _queue(person, capture) -> OutboxEmail:
    with capture(execute=True):
        email = email_moderator_approved(
            user=person, note="Welcome", decided_at=dt.datetime.now(dt.UTC)
        )
    assert email is not None
    email.refresh_from_db()
    return email


def _retry(clock, at, capture) -> int:
    clock.move_to(at)
    with capture(execute=True):
        return outbox_retry(now=at)


def test_a_refusing_server_is_tried_again_with_doubling_waits_until_it_is_back(
    person, smtp, clock, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    start = dt.datetime.now(dt.UTC)
    smtp.stop()
    email = _queue(person, capture)
    assert (email.status, email.attempts) == ("failed", 1)
    assert "refused" in email.last_error.lower()
    assert _retry(clock, start + MINUTE, capture) == 0  # not yet: 2 minutes after a failure
    assert _retry(clock, start + 2 * MINUTE, capture) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 2)
    assert _retry(clock, start + 5 * MINUTE, capture) == 0  # then 4 minutes
    smtp.start()
    assert _retry(clock, start + 6 * MINUTE, capture) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 3)
    assert [m.to for m in smtp.received] == [[person.email]]
    assert _retry(clock, start + 60 * MINUTE, capture) == 0
    assert len(smtp.received) == 1


def test_a_server_answering_451_gets_the_email_once_it_accepts(
    person, smtp, clock, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    start = dt.datetime.now(dt.UTC)
    smtp.inbox.defer_next = 2
    email = _queue(person, capture)
    assert (email.status, email.attempts) == ("failed", 1)
    assert "451" in email.last_error
    assert _retry(clock, start + 2 * MINUTE, capture) == 1
    assert _retry(clock, start + 6 * MINUTE, capture) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, smtp.inbox.deferred) == ("sent", 3, 2)
    (mail,) = smtp.received
    assert mail.to == [person.email] and "Welcome" in mail.text


def test_after_the_last_attempt_staff_see_it_failed_and_can_send_it_again(
    person, smtp, clock, client, django_capture_on_commit_callbacks
):
    from jobcouncil.accounts.models import User

    capture = django_capture_on_commit_callbacks
    smtp.stop()
    email = _queue(person, capture)
    at = first = dt.datetime.now(dt.UTC)
    waits = []
    while True:
        at += MINUTE
        if _retry(clock, at, capture):
            waits.append(at)
        email.refresh_from_db()
        if email.attempts == MAX_ATTEMPTS or at > dt.datetime(2027, 1, 13, tzinfo=dt.UTC):
            break
    gaps = [int((b - a) / MINUTE) for a, b in zip([first, *waits], waits, strict=False)]
    assert gaps == [2, 4, 8, 16]
    assert (email.status, email.attempts) == ("failed", MAX_ATTEMPTS)
    assert _retry(clock, at + dt.timedelta(days=1), capture) == 0  # it gave up: not lost

    staff = User.objects.create_superuser("root@example.org", factories.PASSWORD)
    client.force_login(staff)
    changelist = reverse("admin:notifications_outboxemail_changelist")
    page = client.get(changelist, {"delivery": "gave-up"}).content.decode()
    assert "moderator-approved:" in page and "none: gave up" in page
    retrying = client.get(changelist, {"delivery": "retrying"}).content.decode()
    assert "moderator-approved:" not in retrying
    smtp.start()
    with capture(execute=True):
        sent = client.post(changelist, {"action": "send_again", "_selected_action": [email.pk]})
    assert sent.status_code == 302
    email.refresh_from_db()
    assert email.status == "sent"
    assert [m.to for m in smtp.received] == [[person.email]]
