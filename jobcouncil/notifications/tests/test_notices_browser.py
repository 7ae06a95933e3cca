"""In a real browser: a moderator moves a meeting; a member's bell shows one new notice; the
member opens the notices, marks it read, and the count is gone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import Meeting
from jobcouncil.notifications.models import Notice
from jobcouncil.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_sees_a_moved_meeting_in_the_bell_and_marks_it_read(
    live_server, browser_page, council, moderator, seeker
):
    meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()
    page = browser_page
    log_in(page, live_server, moderator)
    page.goto(live_server.url + reverse("councils:meeting-detail", args=[council.pk, meeting.pk]))
    page.get_by_text("Move or cancel this meeting").click()
    day = (timezone.now() + dt.timedelta(days=10)).date()
    page.get_by_label("New date").fill(day.isoformat())
    page.get_by_label("New time").fill("19:30")
    page.get_by_role("button", name="Move the meeting").click()
    page.get_by_text("The meeting is moved to").wait_for()
    # The mover is not told what they did themselves.
    assert page.get_by_role("link", name="Notices", exact=True).count() == 1

    log_in(page, live_server, seeker)
    page.goto(live_server.url + "/")
    bell = page.get_by_role("link", name=re.compile(r"^Notices, 1 unread$"))
    bell.click()
    page.get_by_role("heading", name="Notices").wait_for()
    assert page.get_by_role("link", name=re.compile("moved to a new time")).count() == 1
    page.get_by_role("button", name=re.compile("^Mark as read")).click()
    page.get_by_text("Marked as read.").wait_for()
    assert page.get_by_role("link", name="Notices", exact=True).count() == 1
    assert page.get_by_role("link", name=re.compile("unread")).count() == 0
    assert Notice.objects.get(user=seeker).read_at is not None
