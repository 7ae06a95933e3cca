"""The calendar link in a real browser: one click on the council page shows the subscribe
link and the copy button, and copying works, with no console error (strict CSP)."""

from __future__ import annotations

import pytest
from django.conf import settings

from jobcouncil.councils.models import CalendarFeed
from jobcouncil.lib.tokens import secret_hash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_adds_the_meetings_to_a_calendar_and_copies_the_link(
    live_server, browser_page, client, council, seeker
):
    client.force_login(seeker)
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/councils/{council.pk}/")
    box = page.locator("#calendar-link")
    box.get_by_role("button", name="Add to my calendar").click()
    box = page.locator("#calendar-link", has_text="Your private calendar link is ready")
    box.wait_for()
    assert page.url == f"{live_server.url}/councils/{council.pk}/"  # swapped in place
    subscribe = box.get_by_role("button", name="Subscribe in my calendar app")
    webcal = subscribe.get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.endswith(".ics")
    url = box.get_by_label("Or copy the link").input_value()
    assert url.split("://", 1)[1] == webcal.split("://", 1)[1]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeed.objects.filter(token_hash=secret_hash(token), user=seeker).exists()

    box.get_by_role("button", name="Copy link").click()
    box.locator("#calendar-copy-status", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.console_errors == []
