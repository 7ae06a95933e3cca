"""A refused htmx action shows its reason where the person acted, in a real browser."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcouncil.councils.models import Meeting
from jobcouncil.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_refused_check_in_is_explained_inside_the_check_in_section(
    live_server, browser_page, council, seeker
):
    page = browser_page
    meeting = council.meetings.filter(starts_at__gt=timezone.now()).first()
    log_in(page, live_server, seeker)
    page.goto(live_server.url + f"/councils/{council.pk}/meetings/{meeting.pk}/")
    # The moderator closes the meeting while the page is still open.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)

    section = page.locator("#section-checkin")
    section.get_by_label("Pulse").fill("7")
    section.get_by_role("button", name="Check in").click()
    refusal = section.locator(":scope > .refusal[role=alert]")
    expect(refusal).to_contain_text("can no longer change")
    expect(page.locator("#meeting-notice")).to_be_hidden()

    section.get_by_role("button", name="Check in").click()  # again: one notice, not two
    page.wait_for_load_state("networkidle")
    expect(section.locator(".refusal")).to_have_count(1)
    # The browser reports the 400 itself; the page adds no error of its own.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
