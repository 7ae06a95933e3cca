"""In a real browser: a member invited after their third meeting opens the invitation, says
"I'm interested" with one click, does the training, and staff see it counted."""

from __future__ import annotations

import pytest

from jobcouncil.accounts import services
from jobcouncil.accounts.models import ModeratorInvitation
from jobcouncil.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invited_member_starts_and_finishes_the_training(
    live_server, browser_page, council, seeker, staff
):
    services.moderator_invite(user=seeker, reason=ModeratorInvitation.Reason.ATTENDED)
    page = browser_page
    log_in(page, live_server, seeker)
    page.goto(live_server.url + "/me/moderating/")
    assert page.get_by_role("heading", level=1).inner_text() == "Train as a moderator"
    page.get_by_text("You have come to three council meetings").wait_for()
    page.get_by_role("button", name="I'm interested: start the training").click()
    page.wait_for_url("**/me/moderator-training/1/")
    page.get_by_text("Thank you for your interest! Your moderator training starts here.").wait_for()
    for _ in range(2):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("I have read the moderator guide", exact=False).check()
    page.get_by_role("button", name="I'm ready to moderate").click()
    page.get_by_text("Our staff will confirm you as a moderator soon").wait_for()
    assert page.console_errors == []

    log_in(page, live_server, staff)
    page.goto(live_server.url + "/programme/")
    supply = page.locator("dl", has_text="Invited to train")
    assert "1 person (1 after three meetings, 0 after landing)" in supply.inner_text()
