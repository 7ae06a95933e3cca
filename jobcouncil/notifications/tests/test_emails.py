"""Emails: rendered with a plain-text part and an unsubscribe link, sent once via the outbox."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.test import override_settings
from django.utils import timezone

from jobcouncil.notifications.emails import email_council_matched
from jobcouncil.notifications.models import EmailSubscription, OutboxEmail
from jobcouncil.notifications.tasks import outbox_send
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import round_confirm, round_run
from jobcouncil.tests import factories


def _pool(n=8):
    return [factories.make_moderator()] + [factories.make_seeker() for _ in range(n - 1)]


def test_confirming_a_round_emails_every_new_member_once(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    people = _pool()
    round_ = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    with django_capture_on_commit_callbacks(execute=True):
        round_confirm(matching_round=round_)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in people)
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects.pop(people[0].email).startswith("You moderate a new council: ")
    assert all(subject.startswith("You have a council: ") for subject in subjects.values())
    message = next(m for m in mailoutbox if m.to[0] == people[1].email)
    assert "/councils/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "/email/unsubscribe/" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert OutboxEmail.objects.filter(status="sent").count() == 8


def test_a_claimed_email_is_never_sent_twice(council, seeker, mailoutbox):
    email = email_council_matched(user=seeker, council=council)
    assert email_council_matched(user=seeker, council=council) is None  # same event, same key
    assert outbox_send(email_id=email.pk) == "sent"
    assert outbox_send(email_id=email.pk) == "already claimed"
    assert len(mailoutbox) == 1


def test_unsubscribing_asks_first_then_stops_council_emails(council, seeker, client, mailoutbox):
    email = email_council_matched(user=seeker, council=council)
    path = "/" + email.unsubscribe_url.split("/", 3)[3]
    assert "Unsubscribe" in client.get(path).content.decode()
    assert not EmailSubscription.objects.filter(user=seeker).exists()  # GET changes nothing
    client.post(path)
    assert EmailSubscription.objects.get(user=seeker).unsubscribed_at is not None
    OutboxEmail.objects.all().delete()
    assert email_council_matched(user=seeker, council=council) is None


def test_a_made_up_unsubscribe_token_gets_404(db, client):
    assert client.get("/email/unsubscribe/nope/").status_code == 404


def test_staff_are_alerted_only_when_a_council_has_no_backup(council, moderator, staff, as_user):
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    alerts = OutboxEmail.objects.filter(key__startswith="no-moderator:")
    assert [a.to for a in alerts] == [staff.email]


@pytest.fixture
def smtp_server():
    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    handler = Collect()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, received
    finally:
        controller.stop()


def test_it_really_sends_through_smtp(council, seeker, settings, smtp_server):
    controller, received = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    email = email_council_matched(user=seeker, council=council)
    assert outbox_send(email_id=email.pk) == "sent"
    assert len(received) == 1
    assert received[0]["To"] == seeker.email
    assert received[0].is_multipart()


def test_plain_text_parts_are_not_html_escaped(council, seeker, mailoutbox):
    seeker.profile.display_name = "Seán O'Brien & co"
    seeker.profile.save()
    email = email_council_matched(user=seeker, council=council)
    assert "Hello Seán O'Brien & co," in email.body_text
    assert "&amp;" in email.body_html and "&#x27;" not in email.subject


def test_a_failed_send_is_retried_later_a_few_times_at_most(
    council, seeker, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMultiAlternatives

    from jobcouncil.notifications.tasks import MAX_ATTEMPTS, RETRY_FIRST_AFTER, outbox_retry

    email = email_council_matched(user=seeker, council=council)

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with pytest.raises(ConnectionRefusedError):
        outbox_send(email_id=email.pk)
    assert OutboxEmail.objects.get(pk=email.pk).status == "failed"
    monkeypatch.undo()
    assert outbox_retry() == 0  # it waits a little first
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_retry(now=timezone.now() + RETRY_FIRST_AFTER) == 1
    assert OutboxEmail.objects.get(pk=email.pk).status == "sent"
    assert len(mailoutbox) == 1
    OutboxEmail.objects.filter(pk=email.pk).update(status="failed", attempts=MAX_ATTEMPTS)
    assert outbox_retry() == 0


@override_settings(PROGRAMME_NAME="Rivertown Job Councils")
def test_every_email_names_the_programme(council, seeker, moderator, staff):
    from jobcouncil.notifications.emails import (
        email_new_moderator,
        email_staff_council_without_moderator,
    )

    council.needs_moderator_since = timezone.now()
    emails = [
        email_council_matched(user=seeker, council=council),
        email_new_moderator(user=seeker, council=council, moderator=moderator),
        email_staff_council_without_moderator(staff_user=staff, council=council),
    ]
    for email in emails:
        assert "Rivertown Job Councils" in email.body_text, email.subject
        assert "Rivertown Job Councils" in email.body_html, email.subject
        assert email.unsubscribe_url in email.body_text


def test_every_email_template_ends_with_the_footer_that_names_the_programme():
    from django.conf import settings

    bodies = sorted((settings.BASE_DIR / "templates" / "emails").glob("*-body.*"))
    assert len(bodies) >= 6
    missing = [
        body.name
        for body in bodies
        if f'{{% include "emails/_footer{body.suffix}" %}}' not in body.read_text()
    ]
    assert not missing, (
        f"include emails/_footer.txt or .html (programme name, unsubscribe): {missing}"
    )
