"""A whole meeting in a real browser, driven by the moderator: check-in, review, the
exercise, an ask and an offer of help, new commitments, check-out, a refused early close,
attendance and close."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Attendance, CheckIn, Commitment, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_moderator_runs_a_whole_meeting(
    live_server, browser_page, client, council, moderator, seeker, fellow, time_machine
):
    meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()
    # The page opens a quarter of an hour early, for check-ins; the clock runs on from there.
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=15), tick=True)
    earlier = Meeting.objects.filter(council=council, starts_at__lt=timezone.now()).last()
    promise = Commitment.objects.create(
        council=council,
        user=moderator,
        made_at=earlier,
        text="Call two former colleagues",
        due_at=meeting.starts_at,
    )
    meetings.ask_create(meeting=meeting, user=seeker, text="An intro to someone at Acme Health")
    meetings.meeting_send_apologies(meeting=meeting, user=fellow)

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
    assert page.locator("h1").count() == 1

    checkin = page.locator("#section-checkin")
    checkin.get_by_label("Pulse").fill("12")
    checkin.get_by_role("button", name="Check in").click()
    page.locator("#checkin_pulse_error").wait_for()
    page.locator("#section-checkin").get_by_label("Pulse").fill("7")
    page.locator("#section-checkin").get_by_label("One line").fill("Rested and ready")
    page.locator("#section-checkin").get_by_role("button", name="Check in").click()
    page.locator("#checkin-list", has_text="Rested and ready").wait_for()

    page.locator("#section-review").get_by_role("button", name="Done", exact=True).click()
    page.locator("#review-list mark", has_text="Done").wait_for()

    page.locator("#section-exercise").get_by_label("Exercise").select_option("targets")
    page.get_by_role("button", name="Use this exercise").click()
    page.locator("#exercise-current", has_text="Spear, not net").wait_for()

    page.get_by_role("button", name="I can help Sam Seeker").click()
    page.locator("#asks-list", has_text="You offered to help").wait_for()
    page.get_by_label("What would you like help with?").fill("Practise a salary conversation")
    page.get_by_role("button", name="Post my ask").click()
    page.locator("#asks-list", has_text="Practise a salary conversation").wait_for()

    page.get_by_label("What will you do?").fill("Send my two-pager to three people")
    page.get_by_role("button", name="Add my commitment").click()
    page.locator("#commitments-list", has_text="Send my two-pager").wait_for()

    page.get_by_label("Your word to close").fill("Grateful")
    page.get_by_role("button", name="Check out").click()
    page.locator("#checkout-list", has_text="Grateful").wait_for()

    # Not started yet: no way to close, and the close page itself refuses.
    assert page.get_by_role("button", name="Close the meeting…").count() == 0
    page.goto(live_server.url + reverse("councils:meeting-close", args=[council.pk, meeting.pk]))
    page.locator(".messages", has_text="This meeting has not started yet").wait_for()
    assert page.get_by_role("button", name="Yes, close the meeting").count() == 0
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    assert not Attendance.objects.filter(meeting=meeting, status="absent").exists()

    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=55), tick=True)
    page.reload()
    attendance = page.locator("#section-attendance")
    attendance.get_by_label("Sam Seeker", exact=True).select_option("present")
    attendance.get_by_label("Mo Moderator", exact=True).select_option("present")
    with page.expect_response(re.compile(r"/attendance/$")) as saved:
        attendance.get_by_role("button", name="Save attendance").click()
    assert saved.value.status == 200
    page.locator("#section-attendance .messages", has_text="Attendance saved.").wait_for()

    page.get_by_role("button", name="Close the meeting…").click()
    page.wait_for_url(re.compile(r"/close/"))
    page.get_by_role("button", name="Yes, close the meeting").click()
    page.locator("main", has_text="This is its record").wait_for()
    page.locator(".messages", has_text="The meeting is closed.").wait_for()
    assert page.locator("main form").count() == 0

    meeting.refresh_from_db()
    assert meeting.status == "closed" and meeting.exercise == "targets"
    mine = CheckIn.objects.get(meeting=meeting, user=moderator)
    assert (mine.pulse, mine.line, mine.checkout_word) == (7, "Rested and ready", "Grateful")
    promise.refresh_from_db()
    assert (promise.status, promise.reviewed_at_id) == ("done", meeting.pk)
    asks = {ask.text: ask for ask in meeting.asks.all()}
    assert list(asks["An intro to someone at Acme Health"].helpers.all()) == [moderator]
    assert asks["Practise a salary conversation"].user == moderator
    made = Commitment.objects.get(made_at=meeting)
    following = Meeting.objects.filter(council=council, starts_at__gt=meeting.starts_at).first()
    assert (made.user, made.due_at) == (moderator, following.starts_at)
    marks = dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "status"))
    assert marks[seeker.pk] == "present" and marks[moderator.pk] == "present"
    assert marks[fellow.pk] == "excused"
    assert sorted(set(marks.values())) == ["absent", "excused", "present"]
    assert page.console_errors == []
