"""The search in a real browser, on a phone-sized screen and by keyboard where it matters: add
a target checked against the fit statement, move it on the board, schedule an interview,
then (its time moved into the past, as the meeting tests do) debrief it and share the debrief
with one member alone, the inner critic beside it. The console stays clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.tests.browser import log_in
from jobcouncil.workbook import services
from jobcouncil.workbook.models import Debrief, Interview, Opportunity, Share, Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_a_target_schedule_an_interview_and_debrief_it_after_its_end(
    live_server, browser_page, council, seeker, fellow
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    services.fit_statement_save(
        owner=seeker, role="Director of Product", company_stage="Series B", industry="health",
        location_culture="", linkedin_text="", lessons=[], now=timezone.now(),
    )  # fmt: skip
    log_in(page, live_server, seeker)
    page.goto(f"{live_server.url}/workbook/")
    page.get_by_role("link", name="Spear, not net").click()
    page.get_by_label("Company", exact=True).fill("Northwind Health")
    page.get_by_label("Role", exact=True).fill("Director of Product")
    page.get_by_label("Role: Director of Product").check()
    page.get_by_role("button", name="Add the target").click()
    page.get_by_text("Director of Product at Northwind Health is on your list.").wait_for()
    row = page.locator("tr", has_text="Northwind Health")
    assert "1 of 3" in row.inner_text() and "fits poorly" in row.inner_text()

    # The board by keyboard: focus the target's menu, choose a stage, press Enter on Move.
    page.get_by_role("link", name="See them on the board, by stage").click()
    menu = page.get_by_label("Move Northwind Health to")
    menu.focus()
    menu.select_option("talking")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("moved to Talking.").wait_for()
    assert Opportunity.objects.get().stage == Stage.TALKING
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{overflow}px sideways on a phone"

    # Schedule an interview for tomorrow at 10:00 in the seeker's timezone.
    page.get_by_role("link", name="Northwind Health").click()
    page.get_by_role("button", name="Add an interview").click()
    tomorrow = (timezone.localtime(timezone.now(), seeker.profile.tzinfo).date()
                + dt.timedelta(days=1))  # fmt: skip
    page.get_by_label("Date").fill(tomorrow.isoformat())
    page.get_by_label("Time").fill("10:00")
    page.get_by_label("Who you meet").fill("Ana Lima, hiring manager <b>bold</b>")
    page.get_by_label("Preparation notes").fill("Lead with the *onboarding* story")
    page.get_by_role("button", name="Save the interview").click()
    page.get_by_text("Your interview is in your workbook.").wait_for()
    assert page.locator(".rendered-notes em", has_text="onboarding").count() == 1
    page.get_by_text("With Ana Lima, hiring manager <b>bold</b>").wait_for()
    assert page.get_by_role("link", name="Before you go in: your gratitude house").count() == 1
    interview = Interview.objects.get()
    assert timezone.localtime(interview.starts_at, seeker.profile.tzinfo).hour == 10
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename == f"interview-{interview.pk}.ics"

    # The interview took place: move it into the past, as if the day had come and gone.
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    page.goto(f"{live_server.url}/workbook/")
    page.get_by_text("Time to debrief").wait_for()
    page.get_by_role("link", name="Debrief your interview for Director of Product").click()
    page.get_by_role("link", name="Name your inner critic").click()
    page.get_by_label("Its name").fill("Gerald")
    page.get_by_label("What it says").fill("They saw you were nervous")
    page.get_by_label("What is true instead").fill("I prepared and it showed")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. It is yours alone.").wait_for()
    page.goto(f"{live_server.url}/workbook/")
    page.get_by_role("link", name="Debrief your interview for Director of Product").click()
    page.locator(".critic-aside", has_text="Gerald, your inner critic").wait_for()
    page.get_by_label("How did it go?").fill("Warmer than I feared")
    page.get_by_label("What were you asked?").fill("Why product, why now")
    page.get_by_label("What landed well?").fill("The onboarding numbers")
    page.get_by_label("What would you change next time?").fill("Shorter answers")
    page.get_by_label("What your inner critic is saying").fill("You rambled")
    page.get_by_label("What is true", exact=True).fill("I answered every question")
    page.get_by_role("button", name="Save the debrief").click()
    page.get_by_text("Your debrief is saved.").wait_for()
    assert Debrief.objects.get().how_it_went == "Warmer than I feared"

    page.get_by_label("Who reads it").select_option(label="Fran Fellow")
    page.get_by_role("button", name="Share the debrief").click()
    page.get_by_text("Shared with Fran Fellow alone.", exact=True).wait_for()
    share = Share.objects.get()
    assert share.member == fellow

    log_in(page, live_server, fellow)
    page.goto(f"{live_server.url}/workbook/shared/{share.pk}/")
    page.get_by_text("Warmer than I feared").wait_for()
    assert page.get_by_text("You rambled").count() == 0
    assert page.get_by_text("Gerald").count() == 0
    assert page.console_errors == []
