"""Exactly once, with real concurrent connections: two calls queueing one email, two periodic
passes at once, and two task workers sending at the same time, counted at a real SMTP server;
and a sender killed between the claim and the send (SIGKILL), retried once it is stuck.

On PostgreSQL the calls really overlap (the unique key and the claim's UPDATE decide); on
SQLite the same calls queue on the IMMEDIATE write lock, the serialised check of the same
outcome. The test with two worker processes runs in the PostgreSQL lane only."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobcouncil.accounts.models import Profile
from jobcouncil.councils.models import Meeting, Membership
from jobcouncil.councils.reminders import meeting_reminders_queue
from jobcouncil.notifications import emails
from jobcouncil.notifications.emails import email_moderator_approved
from jobcouncil.notifications.models import OutboxEmail, UnsubscribeLink
from jobcouncil.notifications.tasks import STUCK_SENDING_AFTER, outbox_retry
from jobcouncil.notifications.tests.workers import send_and_die, start_worker, wait_for
from jobcouncil.tests import factories
from jobcouncil.tests.concurrently import at_once, slowed

pytestmark = pytest.mark.django_db(transaction=True)

H = dt.timedelta(hours=1)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_two_calls_queueing_one_email_at_once_store_and_send_it_once(monkeypatch, mailoutbox):
    person = factories.make_user("volunteer@example.org")
    decided_at = timezone.now()
    # Both calls find no row, then both render (slowly), then both insert.
    monkeypatch.setattr(emails, "_render", slowed(emails._render))

    def approve():
        return email_moderator_approved(user=person, note="Welcome", decided_at=decided_at)

    results = at_once(approve, approve)

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(r is None for r in results) == [False, True]
    assert OutboxEmail.objects.count() == 1
    assert UnsubscribeLink.objects.count() == 1  # the loser's link went with its row
    assert [m.to for m in mailoutbox] == [[person.email]]


def _councils(n: int) -> tuple[list[Membership], Meeting]:
    """n councils of six in Chicago, meeting at the same time (Mondays and Thursdays 18:00)."""
    for _ in range(n):
        factories.make_council(
            factories.make_moderator(), [factories.make_seeker() for _ in range(5)]
        )
    Profile.objects.update(timezone="America/Chicago")
    members = list(Membership.objects.filter(status="active").select_related("user"))
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    return members, meeting


def test_two_passes_at_once_queue_and_send_each_reminder_once(mailoutbox):
    members, meeting = _councils(3)
    now = meeting.starts_at - 24 * H
    passes = at_once(
        lambda: meeting_reminders_queue(now=now), lambda: meeting_reminders_queue(now=now)
    )
    assert not [p for p in passes if isinstance(p, BaseException)], passes
    assert [p.due for p in passes] == [len(members)] * 2
    assert OutboxEmail.objects.count() == len(members)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(m.user.email for m in members)


def _wait_until_sent(expected: int, log_path) -> None:
    def done() -> bool:
        open_tasks = DBTaskResult.objects.exclude(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        )
        sent = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count()
        return sent == expected and not open_tasks.exists()

    try:
        wait_for(done, f"{expected} emails sent")
    except AssertionError:
        raise AssertionError(log_path.read_text()[-3000:]) from None


@pytest.mark.postgres_only
@pytest.mark.real_clock
@override_settings(TASKS=DATABASE_TASKS)
def test_two_workers_and_two_passes_at_once_send_every_reminder_exactly_once(smtp, tmp_path):
    members, meeting = _councils(4)
    log_path = tmp_path / "workers.log"
    log = log_path.open("w")
    workers = [start_worker(smtp.env(), log) for _ in range(2)]
    try:
        for kind, lead in (("24h", 24 * H), ("1h", H)):
            now = meeting.starts_at - lead
            passes = at_once(
                lambda now=now: meeting_reminders_queue(now=now),
                lambda now=now: meeting_reminders_queue(now=now),
            )
            assert not [p for p in passes if isinstance(p, BaseException)], passes
            assert [p.due for p in passes] == [len(members)] * 2, kind
            expected = len(members) * (1 if kind == "24h" else 2)
            _wait_until_sent(expected, log_path)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        log.close()

    received = Counter((m.to[0], " meets soon: " in m.subject) for m in smtp.received)
    assert set(received.values()) == {1}, [k for k, n in received.items() if n > 1]
    assert len(received) == 2 * len(members)
    assert {to for to, _ in received} == {m.user.email for m in members}
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {("sent", 1)}
    # Whatever tasks both passes handed the emails to, the claim let one of them send each.
    sent_by_tasks = 0
    for outcome in DBTaskResult.objects.values_list("return_value", flat=True):
        sent_by_tasks += int(outcome.split(" ")[0]) if " sent of " in outcome else 0
    assert sent_by_tasks == 2 * len(members)


# --- a sender killed between claim and send -------------------------------------------------


def _claimed_then_killed(person, smtp, when: str) -> OutboxEmail:
    with override_settings(TASKS=DATABASE_TASKS):  # queued, not sent here
        email = email_moderator_approved(user=person, note="Welcome", decided_at=timezone.now())
    assert email is not None
    died = send_and_die(email.pk, when, smtp.env())
    assert died.returncode == -9, (died.stdout, died.stderr[-3000:])
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENDING and email.attempts == 1
    return email


def test_a_sender_killed_after_its_claim_is_retried_once_stuck_and_the_mail_arrives_once(smtp):
    person = factories.make_user("volunteer@example.org")
    email = _claimed_then_killed(person, smtp, "before")
    assert smtp.received == []
    # A live sender takes seconds: until the claim is STUCK_SENDING_AFTER old, nobody else
    # touches it.
    assert outbox_retry(now=email.claimed_at + STUCK_SENDING_AFTER - dt.timedelta(seconds=1)) == 0
    assert outbox_retry(now=email.claimed_at + STUCK_SENDING_AFTER + dt.timedelta(seconds=1)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert [m.to for m in smtp.received] == [[person.email]]
    assert outbox_retry(now=email.claimed_at + 10 * STUCK_SENDING_AFTER) == 0
    assert len(smtp.received) == 1


def test_the_at_least_once_window_a_sender_killed_after_the_server_accepted_sends_twice(smtp):
    """What the README says is left: the server took the mail, the process died before the
    row was marked sent; 15 minutes on, the row looks stuck and the mail goes again."""
    person = factories.make_user("volunteer@example.org")
    email = _claimed_then_killed(person, smtp, "after")
    assert [m.to for m in smtp.received] == [[person.email]]
    assert outbox_retry(now=email.claimed_at + STUCK_SENDING_AFTER + dt.timedelta(seconds=1)) == 1
    assert [m.to for m in smtp.received] == [[person.email]] * 2
