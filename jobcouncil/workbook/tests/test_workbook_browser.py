"""The workbook in a real browser: a two-pager written and shared, a fellow member comments
from the meeting page during the two-pager review, the owner marks it addressed; a fit
statement's LinkedIn post is copied. No dialog opens and the console stays clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.councils.models import Meeting
from jobcouncil.tests.browser import log_in
from jobcouncil.workbook.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_shared_two_pager_gets_a_comment_in_the_meeting_and_a_fit_post_is_copied(
    live_server, browser_page, council, seeker, fellow
):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    now = timezone.now()
    meeting = Meeting.objects.create(
        council=council,
        scheduled_for=now - dt.timedelta(minutes=20),
        starts_at=now - dt.timedelta(minutes=20),
        exercise="two-pager",
    )

    log_in(page, live_server, seeker)
    page.goto(f"{live_server.url}/workbook/two-pager/")
    page.get_by_role("textbox", name="Item").fill("Coach new managers <script>alert(1)</script>")
    page.get_by_label("Why (optional)").fill("I grow when others grow")
    page.get_by_role("button", name="Add").click()
    page.get_by_text("Added to your two-pager.").wait_for()
    page.get_by_role("button", name="Share with my council").click()
    page.get_by_text("Shared with your council. Only its members can read it.").wait_for()

    log_in(page, live_server, fellow)
    page.goto(f"{live_server.url}/councils/{council.pk}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Sam Seeker's two-pager").click()
    page.get_by_text("Coach new managers <script>alert(1)</script>").wait_for()
    page.get_by_label("Your comment").fill("Which *managers*? <img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Post the comment").click()
    page.get_by_text("Your comment is posted.").wait_for()
    assert page.locator(".comment em", has_text="managers").count() == 1

    log_in(page, live_server, seeker)
    page.goto(f"{live_server.url}/workbook/shared/{Comment.objects.get().share_id}/")
    page.get_by_role("button", name="Mark as addressed").click()
    page.get_by_text("Marked as addressed.").wait_for()
    assert Comment.objects.get().addressed_at is not None

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/workbook/fit/")
    page.get_by_label("Role").fill("Director of Product")
    page.get_by_label("Company stage or size").fill("Series B start-up")
    page.get_by_label("Industry").fill("healthcare")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your fit statement is saved.").wait_for()
    post = page.get_by_label("A LinkedIn post asking for advice and introductions")
    post.fill(post.input_value() + " Thanks, all!")
    page.get_by_role("button", name="Copy the post").click()
    page.locator("#copy-status", has_text="Copied the post.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("I'm looking for my next role as Director of Product, Series B")
    assert copied.endswith("Thanks, all!")
    assert dialogs == [] and page.console_errors == []
