"""The live meeting page in a real browser: a member's open page shows a fellow's check-in and
a new ask within one poll, says so politely to screen readers, and keeps what they typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_members_page_follows_what_others_add(
    live_server, browser_page, client, council, seeker, fellow
):
    meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()
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
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/live/" in r.url else None)
    page.goto(live_server.url + reverse("councils:meeting-detail", args=[council.pk, meeting.pk]))
    # Half-typed check-in: a poll must not wipe it.
    page.locator("#section-checkin").get_by_label("One line").fill("Still thinking")
    meetings.meeting_checkin(meeting=meeting, user=fellow, pulse=8, line="An offer came in!")
    meetings.ask_create(meeting=meeting, user=fellow, text="A reference from a nurse manager")
    page.locator("#checkin-list", has_text="An offer came in!").wait_for(timeout=15000)
    page.locator("#asks-list", has_text="A reference from a nurse manager").wait_for()
    status = page.locator("#meeting-live-status")
    assert status.get_attribute("aria-live") == "polite"
    assert "Check-in" in status.inner_text() and "Hot seat and asks" in status.inner_text()
    assert page.locator("#section-checkin").get_by_label("One line").input_value() == (
        "Still thinking"
    )
    # The next poll finds nothing new: 204, nothing announced again, one poller on the page.
    count = len(requests)
    page.wait_for_timeout(10500)
    assert len(requests) > count
    assert page.locator("#meeting-live").count() == 1
    assert page.console_errors == []


def test_the_moderators_page_opens_attendance_when_the_meeting_starts(
    live_server, browser_page, client, council, moderator, time_machine
):
    meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()
    time_machine.move_to(meeting.starts_at - dt.timedelta(seconds=3), tick=True)
    client.force_login(moderator)
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
    page.goto(live_server.url + reverse("councils:meeting-detail", args=[council.pk, meeting.pk]))
    assert page.locator("#section-schedule").count() == 1
    assert page.locator("#section-apologies").count() == 1
    attendance = reverse("councils:meeting-attendance", args=[council.pk, meeting.pk])
    assert page.locator(f'form[action="{attendance}"]').count() == 0
    # The first poll after the start brings the form and the close button, and takes away
    # moving, cancelling and apologies: no reload.
    page.locator(f'form[action="{attendance}"]').wait_for(timeout=15000)
    page.locator("#section-close").get_by_role("button", name="Close the meeting…").wait_for()
    assert page.locator("#section-schedule").count() == 0
    assert page.locator("#section-apologies").count() == 0
    assert page.console_errors == []
