"""Spear, not net: targets checked against the current fit statement, the kind note past 15
active targets, the board that moves by plain forms, and warm paths in (the seeker's own
contacts; a council member who opted in knows someone there, never who)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jobcouncil.councils.models import Ask, Meeting
from jobcouncil.workbook import opportunities, services
from jobcouncil.workbook.models import Contact, FitStatement, Opportunity, Stage, TourConversation
from jobcouncil.workbook.warm_paths import company_key, warm_path_counts, warm_paths


def _fit(owner, **attrs):
    fields = {"role": "", "company_stage": "", "industry": "", "location_culture": ""}
    fields.update(attrs)
    services.fit_statement_save(
        owner=owner, linkedin_text="", lessons=[], now=timezone.now(), **fields
    )


def _target(owner, company="Globex", role="Head of Product", matches=(), **extra):
    return opportunities.opportunity_save(
        owner=owner, opportunity=None, company=company, role=role,
        fit_matches=list(matches), now=timezone.now(), **extra,
    )  # fmt: skip


def test_a_target_is_added_with_the_fit_attributes_it_matches(seeker, as_user):
    _fit(seeker, role="Director of Product", company_stage="Series B", industry="health")
    client = as_user(seeker)
    page = client.get("/workbook/targets/").content.decode()
    assert "Role: Director of Product" in page and "Industry: health" in page
    response = client.post(
        "/workbook/targets/",
        {
            "company": "Northwind",
            "role": "Director of Product",
            "fit_matches": ["role", "industry"],
        },
        follow=True,
    )
    assert "Director of Product at Northwind is on your list." in response.content.decode()
    target = Opportunity.objects.get(owner=seeker)
    assert target.fit_matches == {"role": "Director of Product", "industry": "health"}
    assert target.stage == Stage.RESEARCHING
    check = opportunities.fit_check(
        target, opportunities.fit_attributes(FitStatement.objects.get(owner=seeker))
    )
    assert (len(check.matched), check.total, check.poor) == (2, 3, False)


def test_a_poorly_fitting_target_shows_at_a_glance(seeker, as_user):
    _fit(seeker, role="Director of Product", company_stage="Series B", industry="health")
    _target(seeker, company="Goodfit", matches=["role", "industry", "company_stage"])
    poor = _target(seeker, company="Poorfit", matches=["role"])
    page = as_user(seeker).get("/workbook/targets/").content.decode()
    row = page.split(f'id="target-{poor.pk}"')[1].split("</tr>")[0]
    assert f'id="target-{poor.pk}" class="poor-fit"' in page
    assert "1 of 3" in row and "fits poorly" in row
    good_row = page.split("Goodfit")[1].split("</tr>")[0]
    assert "3 of 3" in good_row and "fits poorly" not in good_row


def test_a_tick_counts_only_while_the_fit_statement_still_says_the_same(seeker):
    _fit(seeker, role="Product manager", industry="health")
    target = _target(seeker, matches=["role", "industry"])
    _fit(seeker, role="Director of Product", industry="health")  # the fit narrowed
    check = opportunities.fit_check(
        target, opportunities.fit_attributes(FitStatement.objects.get(owner=seeker))
    )
    assert check.matched == ["health"] and check.unmatched == ["Director of Product"]


def test_ticks_for_attributes_the_statement_does_not_have_are_dropped(seeker):
    _fit(seeker, role="Director of Product", industry="health")
    target = _target(seeker, matches=["role", "location_culture", "nonsense"])
    assert target.fit_matches == {"role": "Director of Product"}


def test_past_fifteen_active_targets_the_page_says_kindly_it_becomes_a_net(seeker, as_user):
    for k in range(15):
        _target(seeker, company=f"Company {k}")
    closed = _target(seeker, company="Closed one")
    opportunities.opportunity_move(opportunity=closed, stage=Stage.CLOSED, now=timezone.now())
    client = as_user(seeker)
    assert "becoming a net" not in client.get("/workbook/targets/").content.decode()
    assert "starts becoming a net" not in client.get("/workbook/targets/").content.decode()
    client.post("/workbook/targets/", {"company": "One more"})
    page = client.get("/workbook/targets/").content.decode()
    assert "You have 16 active targets. Past 15 a spear starts becoming a net" in page
    assert Opportunity.objects.filter(owner=seeker).count() == 17  # never forbidden


def test_the_board_moves_a_target_with_a_plain_form(seeker, as_user):
    target = _target(seeker)
    client = as_user(seeker)
    board = client.get("/workbook/targets/board/").content.decode()
    for label in ("Researching", "Talking", "Interviewing", "Offer", "Accepted", "Closed"):
        assert f">{label} <small" in board
    assert f'<label for="stage-{target.pk}">Move Globex to</label>' in board
    response = client.post(
        f"/workbook/targets/{target.pk}/stage/", {"stage": "talking", "back": "board"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/workbook/targets/board/#target-{target.pk}"
    target.refresh_from_db()
    assert target.stage == Stage.TALKING
    refused = client.post(f"/workbook/targets/{target.pk}/stage/", {"stage": "hired"})
    assert refused.status_code == 400
    target.refresh_from_db()
    assert target.stage == Stage.TALKING


def test_a_stranger_cannot_see_move_or_remove_a_target(seeker, stranger, as_user):
    target = _target(seeker)
    client = as_user(stranger)
    for url in (f"/workbook/targets/{target.pk}/", f"/workbook/targets/{target.pk}/delete/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"company": "Mine now"}).status_code == 404
    assert (
        client.post(f"/workbook/targets/{target.pk}/stage/", {"stage": "closed"}).status_code == 404
    )
    assert "Globex" not in client.get("/workbook/targets/board/").content.decode()
    target.refresh_from_db()
    assert (target.company, target.stage) == ("Globex", Stage.RESEARCHING)


def test_removing_a_target_asks_first(seeker, as_user):
    target = _target(seeker)
    client = as_user(seeker)
    page = client.get(f"/workbook/targets/{target.pk}/delete/").content.decode()
    assert "Remove Head of Product at Globex?" in page and Opportunity.objects.exists()
    client.post(f"/workbook/targets/{target.pk}/delete/")
    assert not Opportunity.objects.exists()


def test_company_names_match_whatever_their_case_accents_and_legal_form():
    assert company_key("Globex, Inc.") == company_key("globex") == "globex"
    assert company_key("Société Générale SA") == "societe generale"
    assert company_key("Group") == "group"  # a name that is all legal form stays
    assert company_key("") == ""


def test_warm_paths_are_the_seekers_own_contacts_there_typed_or_imported(seeker, as_user):
    ana = Contact.objects.create(owner=seeker, name="Ana Lima", company="Globex Inc.")
    Contact.objects.create(
        owner=seeker, name="Bo Chen", company="GLOBEX", source=Contact.Source.LINKEDIN
    )
    Contact.objects.create(owner=seeker, name="Cy Park", company="Initech")
    talk = TourConversation.objects.create(owner=seeker, contact=ana, held_on=timezone.localdate())
    target = _target(seeker)
    paths = warm_paths(seeker, target)
    assert [c.name for c in paths.contacts] == ["Ana Lima", "Bo Chen"]
    assert paths.conversations == {ana.pk: talk} and not paths.council_knows
    page = as_user(seeker).get(f"/workbook/targets/{target.pk}/").content.decode()
    assert "Ana Lima" in page and f"/workbook/tour/{talk.pk}/" in page
    assert "Bo Chen" in page and "Cy Park" not in page
    assert warm_path_counts(seeker, [target]) == {target.pk: (2, False)}


@pytest.fixture
def fellow_knows_globex(council, fellow):
    Contact.objects.create(owner=fellow, name="Dee Secret", email="dee@globex.example",
                           company="Globex", position="VP Sales")  # fmt: skip


def test_a_council_member_knowing_someone_there_shows_only_once_they_opted_in(
    council, seeker, fellow, fellow_knows_globex, as_user
):
    target = _target(seeker)
    client = as_user(seeker)
    assert (
        "knows someone there" not in client.get(f"/workbook/targets/{target.pk}/").content.decode()
    )
    as_user(fellow).post("/workbook/contacts/companies/", {"share": "on"})
    page = as_user(seeker).get(f"/workbook/targets/{target.pk}/").content.decode()
    assert "A member of your council knows someone there." in page
    assert "Dee Secret" not in page and "dee@globex" not in page and "VP Sales" not in page
    assert "Fran Fellow" not in page  # not even who knows
    listing = as_user(seeker).get("/workbook/targets/").content.decode()
    assert "a council member knows someone" in listing
    as_user(fellow).post("/workbook/contacts/companies/", {})
    assert not warm_paths(seeker, target).council_knows


def test_only_fellow_current_members_count(council, seeker, fellow, outsider, alumnus, as_user):
    for other in (outsider, alumnus):
        Contact.objects.create(owner=other, name="Someone", company="Globex")
        opportunities.contact_companies_share(owner=other, allowed=True)
    target = _target(seeker)
    assert not warm_paths(seeker, target).council_knows
    # and the seeker's own opt-in does not make their own contacts "a council member's"
    Contact.objects.create(owner=seeker, name="Mine", company="Globex")
    opportunities.contact_companies_share(owner=seeker, allowed=True)
    assert not warm_paths(seeker, target).council_knows


def test_asking_for_an_introduction_becomes_an_ask_at_the_next_meeting(
    council, seeker, fellow, fellow_knows_globex, as_user
):
    opportunities.contact_companies_share(owner=fellow, allowed=True)
    target = _target(seeker)
    response = as_user(seeker).post(f"/workbook/targets/{target.pk}/introduction/", follow=True)
    assert (
        "Your request is an ask at your council&#x27;s next meeting." in response.content.decode()
    )
    ask = Ask.objects.get(user=seeker)
    nxt = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).order_by(
        "starts_at"
    )
    assert ask.meeting == nxt.first()
    assert "Globex" in ask.text and "Head of Product" in ask.text and "Dee" not in ask.text
    target.refresh_from_db()
    assert target.introduction_asked_at is not None


def test_an_introduction_needs_a_council(stranger, as_user):
    target = _target(stranger)
    response = as_user(stranger).post(f"/workbook/targets/{target.pk}/introduction/")
    assert response.status_code == 400
    assert "once you are in a council" in response.content.decode()
    assert not Ask.objects.exists()
