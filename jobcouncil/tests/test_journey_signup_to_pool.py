"""A new seeker's whole first journey, in a real browser: sign up, verify the email, fill the
profile and availability grid, do the orientation, and land on the pool status page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jobcouncil.accounts.models import Profile
from jobcouncil.pool.models import PoolEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _drag(page, start_id: str, end_id: str) -> None:
    page.locator(f"#{end_id}").scroll_into_view_if_needed()
    page.locator(f"#{start_id}").scroll_into_view_if_needed()
    start = page.locator(f"#{start_id}").bounding_box()
    end = page.locator(f"#{end_id}").bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(end["x"] + 5, end["y"] + 5, steps=8)
    page.mouse.up()


def test_a_new_seeker_goes_from_sign_up_to_the_matching_pool(live_server, browser_page, mailoutbox):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    page.get_by_role("button", name="Join a council").click()

    page.fill("input[name=email]", "ada@example.org")
    page.fill("input[name=password1]", "a-very-private-passphrase")
    page.fill("input[name=password2]", "a-very-private-passphrase")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    body = mailoutbox[-1].body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    page.goto(live_server.url + link[link.index("/accounts/") :])
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/me/profile/"))
    assert page.locator("select[name=timezone]").input_value() == "America/Chicago"
    page.fill("input[name=display_name]", "Ada L.")
    page.get_by_label("Fast: I'm not working right now").check()
    page.select_option("select[name=seniority]", "4")
    page.select_option("select[name=function]", "engineering")
    page.select_option("select[name=industry]", "healthcare")
    page.fill("input[name=linkedin_url]", "not a url")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#id_linkedin_url_error")).to_be_visible()
    page.fill("input[name=linkedin_url]", "https://www.linkedin.com/in/ada")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/me/availability/"))
    # Monday 18:00-21:00 by dragging; Thursday 18:00-20:00 by keyboard.
    _drag(page, f"cell-{0 * 48 + 36}", f"cell-{0 * 48 + 41}")
    for cell in range(3 * 48 + 36, 3 * 48 + 40):
        page.locator(f"#cell-{cell}").focus()
        page.keyboard.press("Space")
    assert page.locator("#hours-total").inner_text() == "5"
    page.get_by_role("button", name="Save availability").click()

    page.wait_for_url(re.compile(r"/me/orientation/1/"))
    for _step in range(3):
        page.get_by_role("button", name="Next").click()
    for box in page.locator("main input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="I commit").click()

    page.wait_for_url(re.compile(r"/pool/join/"))
    page.get_by_role("button", name="Join the matching pool").click()
    page.wait_for_url(re.compile(r"/pool/$"))
    assert "You're in" in page.locator("main").inner_text()

    profile = Profile.objects.get(user__email="ada@example.org")
    assert profile.availability == ["mon 18:00-21:00", "thu 18:00-20:00"]
    assert PoolEntry.objects.get(user__email="ada@example.org").status == "waiting"
    assert page.console_errors == []
