"""Secret links (unsubscribe, calendar feed): hidden in the admin, expiring, revocable, and
never written to a log."""

import datetime as dt
import logging
import threading
import urllib.error
import urllib.request

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import CalendarFeed
from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.emails import email_council_matched
from jobcouncil.notifications.models import EmailSubscription, OutboxEmail, UnsubscribeLink
from jobcouncil.notifications.tasks import outbox_send
from jobcouncil.tests import factories


def _token(email: OutboxEmail) -> str:
    return email.unsubscribe_url.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def superuser(db):
    from jobcouncil.accounts.models import User

    return User.objects.create_superuser("root@example.org", factories.PASSWORD)


def test_the_admin_shows_no_unsubscribe_token(council, seeker, superuser, as_user):
    email = email_council_matched(user=seeker, council=council)
    token = _token(email)
    client = as_user(superuser)
    change = client.get(reverse("admin:notifications_outboxemail_change", args=[email.pk]))
    listing = client.get(reverse("admin:notifications_outboxemail_changelist"))
    assert change.status_code == listing.status_code == 200
    assert token not in change.content.decode() and token not in listing.content.decode()
    assert "matched" in change.content.decode()  # staff still see what was sent
    assert site._registry[UnsubscribeLink]  # links are listed, to revoke them


def test_a_sent_email_keeps_no_usable_token(council, seeker, mailoutbox):
    email = email_council_matched(user=seeker, council=council)
    token = _token(email)
    outbox_send(email_id=email.pk)
    assert token in mailoutbox[0].body  # the person got a working link
    email.refresh_from_db()
    assert token not in email.body_text + email.body_html + email.unsubscribe_url


def test_unsubscribe_links_expire_after_the_setting(council, seeker, client):
    with override_settings(UNSUBSCRIBE_LINK_DAYS=30):
        email = email_council_matched(user=seeker, council=council)
    path = reverse("notifications:unsubscribe", args=[_token(email)])
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404


def test_the_default_expiry_is_a_year(council, seeker):
    with time_machine.travel(timezone.now(), tick=False):
        email_council_matched(user=seeker, council=council)
    link = UnsubscribeLink.objects.get(user=seeker)
    assert (link.expires_at - link.created_at).days == 365


def test_a_revoked_unsubscribe_link_does_nothing(council, seeker, client):
    email = email_council_matched(user=seeker, council=council)
    UnsubscribeLink.objects.get(user=seeker).revoke()
    path = reverse("notifications:unsubscribe", args=[_token(email)])
    assert client.post(path).status_code == 404
    assert not EmailSubscription.objects.filter(user=seeker).exists()


def test_masking_covers_every_secret_route():
    feed = reverse("councils:calendar-feed", args=["SECRETTOKEN123"])
    unsubscribe = reverse("notifications:unsubscribe", args=["SECRETTOKEN456"])
    text = f"GET {feed} HTTP/1.1 and https://x.org{unsubscribe}?a=1"
    masked = secrets_mask(text)
    assert "SECRETTOKEN" not in masked
    assert "/councils/calendar/" in masked and "/email/unsubscribe/" in masked


def _serve_once(path: str) -> None:
    """One request through runserver's own server and request handler (which logs it)."""
    from django.core.servers.basehttp import (
        WSGIRequestHandler,
        WSGIServer,
        get_internal_wsgi_application,
    )

    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_internal_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=10)
        except urllib.error.HTTPError:
            pass
    finally:
        server.shutdown()
        server.server_close()


def test_runserver_logs_feed_and_unsubscribe_requests_with_the_token_scrubbed(
    transactional_db, capfd
):
    user = factories.make_seeker()
    _feed, token = CalendarFeed.issue(user)
    _serve_once(reverse("councils:calendar-feed", args=[token]))
    _serve_once(reverse("notifications:unsubscribe", args=["made-up-token-xyz"]))  # 404 logged
    logged = capfd.readouterr().err
    assert "/councils/calendar/" in logged and "/email/unsubscribe/" in logged
    assert token not in logged and "made-up-token-xyz" not in logged


def test_the_gunicorn_access_log_scrubs_tokens():
    from types import SimpleNamespace

    from gunicorn.config import Config

    from jobcouncil.lib.gunicorn_logging import ScrubbingLogger

    cfg = Config()
    cfg.set("accesslog", "-")
    logger = ScrubbingLogger(cfg)
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger.access_log.addHandler(handler)
    path = reverse("councils:calendar-feed", args=["GUNICORNTOKEN"])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://x.org{path}",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, dt.timedelta(seconds=1))
    assert records and "/councils/calendar/" in records[0]
    assert "GUNICORNTOKEN" not in records[0]
