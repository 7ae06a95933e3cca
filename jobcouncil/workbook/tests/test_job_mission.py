"""The Job Mission with OKRs: written for an opportunity, refused with errors next to the
fields until it has two to four objectives with measurable key results, shown escaped, and
downloaded as a PDF a hiring manager can read (its text checked with pypdf)."""

from __future__ import annotations

import datetime as dt

import pytest

from jobcouncil.workbook import forms_offer, offer
from jobcouncil.workbook.models import JobMission
from jobcouncil.workbook.tests.offers import make_opportunity
from jobcouncil.workbook.tests.pdfcheck import font_names, overflowing_text, page_count, pdf_text

HOSTILE = '<script>alert(1)</script><img src="file:///etc/passwd">'


def _mission_post(**overrides) -> dict:
    data = {
        "name_on_page": "Sam Seeker",
        "mission": "Make the clinic app the calmest part of a nurse's day.",
        "objective_1": "Earn the clinics' trust",
        "kr_1_1": "Visit 5 clinics in the first 30 days",
        "kr_1_2": "Support tickets down 20% by day 90",
        "objective_2": "A roadmap the team owns",
        "kr_2_1": "Roadmap reviewed with all 8 engineers by day 45",
        "questions": "What does success look like in a year?\nWho decides the roadmap today?",
    }
    data.update(overrides)
    return data


def _url(opportunity, suffix=""):
    return f"/workbook/targets/{opportunity.pk}/mission/{suffix}"


def test_a_mission_is_saved_and_downloads_as_a_pdf_with_its_words(seeker, as_user):
    opportunity = make_opportunity(seeker, role="Head of Product", company="Acme Health")
    client = as_user(seeker)
    page = client.get(_url(opportunity)).content.decode()
    assert 'value="Sam Seeker"' in page  # the name begins as the display name
    response = client.post(_url(opportunity), _mission_post())
    assert response["Location"] == _url(opportunity)
    mission = JobMission.objects.get()
    assert mission.objectives == [
        {
            "objective": "Earn the clinics' trust",
            "key_results": [
                "Visit 5 clinics in the first 30 days",
                "Support tickets down 20% by day 90",
            ],
        },
        {
            "objective": "A roadmap the team owns",
            "key_results": ["Roadmap reviewed with all 8 engineers by day 45"],
        },
    ]
    assert "Download the PDF" in client.get(_url(opportunity)).content.decode()

    response = client.get(_url(opportunity, "pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="job-mission-acme-health.pdf"'
    assert "no-store" in response["Cache-Control"]
    document = response.content
    text = " ".join(pdf_text(document).split())
    for words in (
        "Sam Seeker",
        "Head of Product, Acme Health",
        "Make the clinic app the calmest part of a nurse's day.",
        "Earn the clinics' trust",
        "Visit 5 clinics in the first 30 days",
        "Support tickets down 20% by day 90",
        "A roadmap the team owns",
        "Roadmap reviewed with all 8 engineers by day 45",
        "Who decides the roadmap today?",
    ):
        assert words in text, words
    assert page_count(document) == 1


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"objective_2": "", "kr_2_1": ""}, "objective_2", "Write at least two objectives"),
        ({"kr_1_1": "Be great with clinics"}, "kr_1_1", "Make it measurable"),
        ({"kr_2_1": ""}, "kr_2_1", "Add at least one key result"),
        ({"objective_3": "", "kr_3_1": "3 hires by day 60"}, "objective_3", "Name the objective"),
        ({"mission": ""}, "mission", "This field is required."),
    ],
)
def test_a_mission_needs_two_objectives_with_measurable_results(
    change, field, words, seeker, as_user
):
    opportunity = make_opportunity(seeker)
    response = as_user(seeker).post(_url(opportunity), _mission_post(**change))
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split(f'id="id_{field}_error"', 1)
    assert len(error) == 2, page
    assert words in error[1].split("</div>", 1)[0]
    assert not JobMission.objects.exists()


def test_hostile_words_are_text_on_the_page_and_in_the_pdf(seeker, as_user):
    opportunity = make_opportunity(seeker, company="<b>Evil</b> Corp")
    client = as_user(seeker)
    client.post(_url(opportunity), _mission_post(name_on_page=HOSTILE, objective_1=HOSTILE))
    page = client.get(_url(opportunity)).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    document = client.get(_url(opportunity, "pdf/")).content
    text = pdf_text(document)
    assert "<script>alert(1)</script>" in text  # shown as the words typed, never run
    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text  # the file was not read into the page
    assert "<b>Evil</b> Corp" in text


def test_no_one_else_sees_a_mission_or_its_pdf(seeker, stranger, staff, as_user, client):
    opportunity = make_opportunity(seeker)
    as_user(seeker).post(_url(opportunity), _mission_post())
    for person in (stranger, staff):
        other = as_user(person)
        assert other.get(_url(opportunity)).status_code == 404
        assert other.get(_url(opportunity, "pdf/")).status_code == 404
        assert other.post(_url(opportunity), _mission_post(name_on_page="X")).status_code == 404
    client.logout()
    assert client.get(_url(opportunity, "pdf/")).status_code == 302
    assert JobMission.objects.get().name_on_page == "Sam Seeker"


def test_no_pdf_before_a_mission_is_written(seeker, as_user):
    opportunity = make_opportunity(seeker)
    assert as_user(seeker).get(_url(opportunity, "pdf/")).status_code == 404


LONG = (
    "Bring calm to the clinics with a product that nurses trust, measured every week "
    "with them rather than for them, and shared openly with the whole company. "
)


def test_long_text_and_names_in_any_script_fit_on_two_pages_without_overflow(seeker):
    """Every field at its longest, names in Latin with diacritics, Polish and Chinese, and an
    unbroken word as long as a key result may be: all the text reads back, it wraps inside the
    page, the CJK glyphs come from a CJK font, and the PDF is at most two pages."""
    opportunity = make_opportunity(
        seeker, role="Dyrektor ds. produktu 产品总监", company="王芳 Łódź"
    )
    names = ("Zoë, 王芳 and Łukasz " * 20)[: forms_offer.OBJECTIVE_MAX - 14]
    mission = offer.job_mission_save(
        owner=seeker,
        opportunity=opportunity,
        name_on_page="Zoë 王芳 Łukasz Wiśniewski-Żółtowska",
        mission=(LONG * 10)[: forms_offer.MISSION_MAX],
        objectives=[
            {
                "objective": f"Objective {i}: {names}",
                "key_results": [
                    "x" * forms_offer.KEY_RESULT_MAX
                    if (i, j) == (1, 1)
                    else f"KR {i}.{j}: " + (LONG * 2)[: forms_offer.KEY_RESULT_MAX - 9]
                    for j in range(1, forms_offer.KEY_RESULTS_EACH + 1)
                ],
            }
            for i in range(1, forms_offer.MAX_OBJECTIVES + 1)
        ],
        questions="\n".join(f"{k}. " + (LONG * 2)[:140] for k in range(1, 20))[
            : forms_offer.QUESTIONS_MAX
        ],
    )
    today = dt.date(2026, 12, 1)
    document = offer.job_mission_pdf(mission, today=today)
    flat = "".join(pdf_text(document).split())
    for name in ("Zoë", "王芳", "Łukasz", "Wiśniewski-Żółtowska", "产品总监", "Łódź"):
        assert name in flat, name
    assert "x" * forms_offer.KEY_RESULT_MAX in flat  # the long word is all there, wrapped
    assert page_count(document) <= 2
    assert any("WenQuanYi" in f or "CJK" in f for f in font_names(document))
    assert overflowing_text(offer.job_mission_html(mission, today=today)) == []
