"""In a real browser: a Job Mission with OKRs written for an offer and downloaded as a PDF
(read back with pypdf), then the offer and the negotiation's outcome recorded, and the
landing form begun from it. No dialog opens and the console stays clean."""

from __future__ import annotations

import pytest

from jobcouncil.councils.models import Landing
from jobcouncil.tests.browser import log_in
from jobcouncil.workbook.models import Negotiation
from jobcouncil.workbook.tests.offers import make_opportunity
from jobcouncil.workbook.tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_job_mission_pdf_then_an_offer_negotiated_and_a_landing(
    live_server, browser_page, council, seeker, tmp_path
):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opportunity = make_opportunity(seeker, role="Head of Product", company="Acme Health")
    log_in(page, live_server, seeker)

    page.goto(f"{live_server.url}/workbook/targets/{opportunity.pk}/mission/")
    page.get_by_label("Your name, as it should appear on the page").fill("Sam Seeker-Łukasz")
    page.get_by_label("The job's mission, in your own words").fill(
        "Make the clinic app the calmest part of a nurse's day."
    )
    page.get_by_label("Objective 1", exact=True).fill("Earn the clinics' trust")
    page.get_by_label("Key result 1.1").fill("Visit 5 clinics in 30 days")
    page.get_by_label("Objective 2", exact=True).fill("A roadmap the team owns")
    page.get_by_label("Key result 2.1").fill("Be loved")  # not measurable: refused
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Make it measurable").wait_for()
    page.get_by_label("Key result 2.1").fill("Reviewed with 8 engineers by day 45")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your Job Mission is saved.").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the PDF").click()
    download = info.value
    assert download.suggested_filename == "job-mission-acme-health.pdf"
    path = tmp_path / "mission.pdf"
    download.save_as(path)
    text = " ".join(pdf_text(path.read_bytes()).split())
    for words in ("Sam Seeker-Łukasz", "Head of Product, Acme Health", "Earn the clinics' trust",
                  "Visit 5 clinics in 30 days", "Reviewed with 8 engineers by day 45"):  # fmt: skip
        assert words in text, words

    page.goto(f"{live_server.url}/workbook/targets/{opportunity.pk}/negotiation/")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Base salary offered, a year").fill("85000")
    page.get_by_label("Start date offered").fill("2027-01-11")
    page.get_by_label("The base salary you will ask for").fill("95000")
    page.get_by_label("Training", exact=True).fill("A leadership course")
    page.get_by_label("Why the role needs it").nth(1).fill(
        "I will lead managers for the first time"
    )
    page.get_by_label("I asked for more").check()
    page.get_by_label("and I got more").check()
    page.get_by_label("The base salary agreed").fill("92000")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. Only you can see these figures.").wait_for()
    page.get_by_text("7,000 EUR more base salary (8.2%).").wait_for()
    record = Negotiation.objects.get()
    assert (record.asked_for_more, record.got_more, record.final_base_salary) == (True, True, 92000)

    page.goto(f"{live_server.url}/councils/{council.pk}/landed/")
    page.get_by_text("We began this from what you wrote in your workbook").wait_for()
    assert page.get_by_label("I asked for more money").is_checked()
    assert page.get_by_label("and I got more").is_checked()
    page.get_by_role("button", name="Share the news").click()
    page.get_by_text("Congratulations! Your council will celebrate with you.").wait_for()
    landing = Landing.objects.get(user=seeker)
    assert (landing.company, landing.asked_for_more_money, landing.got_more_money) == (
        "Acme Health", True, True,
    )  # fmt: skip
    assert dialogs == [] and page.console_errors == []
