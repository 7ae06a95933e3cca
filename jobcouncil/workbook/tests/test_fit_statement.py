"""Candidate-market fit: one line from 3-4 attributes, versioned as it narrows."""

from __future__ import annotations

from jobcouncil.workbook.models import Contact, FitStatement, FitStatementVersion, TourConversation

FIT = {
    "role": "Director of Product",
    "company_stage": "Series B start-up",
    "industry": "healthcare",
    "location_culture": "San Francisco",
    "linkedin_text": "",
}


def test_it_reads_as_one_line_with_a_ready_to_post_text(seeker, as_user):
    client = as_user(seeker)
    assert client.post("/workbook/fit/", FIT).status_code == 302
    page = client.get("/workbook/fit/").content.decode()
    line = "Director of Product, Series B start-up, healthcare, San Francisco"
    assert f'value="{line}"' in page
    assert f"as {line}. If you know someone" in page
    assert 'data-copy="linkedin-post"' in page


def test_a_version_is_kept_only_when_the_attributes_change(seeker, as_user):
    client = as_user(seeker)
    client.post("/workbook/fit/", FIT)
    client.post("/workbook/fit/", {**FIT, "linkedin_text": "My own words"})
    assert FitStatementVersion.objects.count() == 1
    client.post(
        "/workbook/fit/", {**FIT, "industry": "digital health", "linkedin_text": "My own words"}
    )
    assert list(FitStatementVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert "digital health" in FitStatementVersion.objects.first().one_liner
    assert FitStatement.objects.get().linkedin_text == "My own words"


def test_a_fit_needs_at_least_two_attributes(seeker, as_user):
    response = as_user(seeker).post("/workbook/fit/", {"role": "Designer"})
    assert response.status_code == 200
    assert "Fill at least two" in response.content.decode()
    assert not FitStatementVersion.objects.exists()


def test_it_links_the_lessons_that_shaped_it_but_only_the_owners(seeker, stranger, as_user):
    mine = TourConversation.objects.create(
        owner=seeker,
        contact=Contact.objects.create(owner=seeker, name="Ana"),
        learned="Start-ups value my 0-to-1 work",
    )
    theirs = TourConversation.objects.create(
        owner=stranger, contact=Contact.objects.create(owner=stranger, name="Bo"), learned="x"
    )
    client = as_user(seeker)
    page = client.get("/workbook/fit/").content.decode()
    assert "Ana: Start-ups value my 0-to-1 work" in page and "Bo:" not in page
    client.post("/workbook/fit/", {**FIT, "lessons": [theirs.pk]})
    assert not FitStatement.objects.exists() or not FitStatement.objects.get().lessons.exists()
    client.post("/workbook/fit/", {**FIT, "lessons": [mine.pk]})
    assert list(FitStatement.objects.get().lessons.all()) == [mine]


def test_a_shared_fit_line_shows_on_the_council_page(council, seeker, fellow, as_user):
    as_user(seeker).post("/workbook/fit/", FIT)
    page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert "Director of Product" not in page  # private until shared
    as_user(seeker).post("/workbook/share/fit/", {"action": "share"})
    page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert "Director of Product, Series B start-up" in page
