"""Negotiating an offer for success: the numbers, the ask with a script framed as working it
out together, what the role needs (each with why), the outcome; the landing form begins from
it, so the programme counts who asked and who got more. No one but the owner sees a figure."""

from __future__ import annotations

from jobcouncil.councils.models import Landing
from jobcouncil.workbook.models import Negotiation
from jobcouncil.workbook.tests.offers import make_opportunity


def _url(opportunity):
    return f"/workbook/targets/{opportunity.pk}/negotiation/"


def _post(**overrides) -> dict:
    data = {
        "currency": "eur",
        "base_salary": "85000",
        "bonus": "8000",
        "equity": "0.1% over four years",
        "start_date": "2027-01-11",
        "ask_base_salary": "95000",
        "ask_script": "Thank you! I want us both to succeed: could we look at 95,000?",
        "training_what": "A leadership course",
        "training_why": "I will lead managers for the first time",
        "hires_what": "A designer by March",
        "hires_why": "The roadmap needs research we cannot do alone",
        "asked_for_more": "on",
        "got_more": "on",
        "final_base_salary": "92000",
        "got_also": "The course, paid",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_offer_the_ask_and_the_outcome_are_saved_and_summed_up(seeker, as_user):
    opportunity = make_opportunity(seeker, role="Head of Product", company="Acme Health")
    client = as_user(seeker)
    page = client.get(_url(opportunity)).content.decode()
    # A script to start from, framed as a collaboration, naming the role and company.
    assert "I want to start in a way that sets us both up to succeed" in page
    assert "Head of Product role" in page and "at Acme Health" in page
    response = client.post(_url(opportunity), _post())
    assert response["Location"] == _url(opportunity)
    record = Negotiation.objects.get()
    assert (record.currency, record.base_salary, record.final_base_salary) == ("EUR", 85000, 92000)
    assert record.increase == 7000 and str(record.increase_percent) == "8.2"
    page = client.get(_url(opportunity)).content.decode()
    assert "You asked, and you got more." in page
    assert "7,000 EUR more base salary (8.2%)." in page
    assert "no-store" in client.get(_url(opportunity))["Cache-Control"]


def test_errors_are_shown_next_to_their_fields(seeker, as_user):
    opportunity = make_opportunity(seeker)
    cases = [
        ({"currency": "E1R"}, "currency", "Three letters"),
        ({"base_salary": "-5"}, "base_salary", "zero or more"),
        ({"asked_for_more": None}, "got_more", "I asked for more"),
        ({"hires_why": ""}, "hires_why", "Say why"),
        ({"bonus": "1e400"}, "bonus", "digits"),
    ]
    client = as_user(seeker)
    for change, field, words in cases:
        response = client.post(_url(opportunity), _post(**change))
        assert response.status_code == 200, change
        page = response.content.decode()
        after = page.split(f'id="id_{field}_error"', 1)
        assert len(after) == 2, (change, field)
        assert words in after[1].split("</div>", 1)[0], (change, words)
    assert not Negotiation.objects.exists()


def test_no_one_else_reaches_a_negotiation(seeker, stranger, staff, as_user, client):
    opportunity = make_opportunity(seeker)
    as_user(seeker).post(_url(opportunity), _post())
    for person in (stranger, staff):
        other = as_user(person)
        assert other.get(_url(opportunity)).status_code == 404
        assert other.post(_url(opportunity), _post(base_salary="1")).status_code == 404
    client.logout()
    assert client.get(_url(opportunity)).status_code == 302
    assert Negotiation.objects.get().base_salary == 85000


def test_the_landing_form_begins_from_the_negotiation_and_the_dashboard_counts_it(
    seeker, council, staff, as_user
):
    opportunity = make_opportunity(seeker, role="Head of Product", company="Acme Health")
    client = as_user(seeker)
    client.post(_url(opportunity), _post(got_more=None, final_base_salary=""))
    page = client.get(f"/councils/{council.pk}/landed/").content.decode()
    assert "We began this from what you wrote in your workbook about the offer." in page
    assert 'value="Head of Product"' in page and 'value="Acme Health"' in page
    assert 'value="2027-01-11"' in page
    assert 'name="asked_for_more_money" id="id_asked_for_more_money" checked' in page
    assert 'name="got_more_money" id="id_got_more_money" checked' not in page
    assert "85000" not in page and "85,000" not in page  # the landing form holds no figure
    client.post(
        f"/councils/{council.pk}/landed/",
        {
            "role": "Head of Product",
            "company": "Acme Health",
            "start_date": "2027-01-11",
            "asked_for_more_money": "on",
            "wants_alumni_group": "on",
        },
    )
    landing = Landing.objects.get(user=seeker)
    assert (landing.asked_for_more_money, landing.got_more_money) == (True, False)
    dashboard = as_user(staff).get("/programme/").content.decode()
    assert "1 asked for more money; 0 got it." in dashboard


def test_without_a_negotiation_the_landing_form_begins_empty(seeker, council, as_user):
    page = as_user(seeker).get(f"/councils/{council.pk}/landed/").content.decode()
    assert "We began this from what you wrote" not in page
