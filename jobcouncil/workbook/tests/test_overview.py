"""The workbook overview: each exercise's state, what is due, the one next step."""

from __future__ import annotations

import datetime as dt

import time_machine

from jobcouncil.workbook import services
from jobcouncil.workbook.models import Contact, TourConversation, TwoPager

NOW = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)


def test_a_blank_workbook_suggests_the_two_pager_first(seeker, as_user):
    page = as_user(seeker).get("/workbook/").content.decode()
    assert page.count("not started") == 4
    assert 'href="/workbook/two-pager/guide/"' in page
    assert "Nothing is due" in page


@time_machine.travel(NOW, tick=False)
def test_states_and_due_items_follow_the_work(council, seeker, as_user):
    services.two_pager_add_item(
        owner=seeker, side="want", topic="role", text="Coach", why="", now=NOW
    )
    services.share_open(owner=seeker, item=TwoPager.objects.get(owner=seeker), now=NOW)
    ana = Contact.objects.create(owner=seeker, name="Ana Lima")
    TourConversation.objects.create(owner=seeker, contact=ana, held_on=dt.date(2026, 12, 1))
    page = as_user(seeker).get("/workbook/").content.decode()
    assert "shared with your council" in page and "in progress" in page
    assert "A thank-you to Ana Lima" in page
    assert 'href="/workbook/fit/"' in page  # the next step: a first fit line


def test_the_pool_page_gives_the_one_next_step_in_the_workbook(seeker, as_user):
    page = as_user(seeker).get("/pool/").content.decode()
    assert '<a href="/workbook/two-pager/guide/">Start your two-pager' in page
    services.two_pager_add_item(owner=seeker, side="want", topic="role", text="x", why="", now=NOW)
    page = as_user(seeker).get("/pool/").content.decode()
    assert '<a href="/workbook/tour/new/">Plan your first listening-tour conversation' in page


def test_the_council_page_gives_a_member_their_next_step(council, fellow, alumnus, as_user):
    page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert "Your next step in the workbook:" in page and "Start your two-pager" in page
    page = as_user(alumnus).get(f"/councils/{council.pk}/").content.decode()
    assert "Your next step in the workbook:" not in page


def test_sharing_is_suggested_only_to_someone_with_a_council(council, seeker, stranger, as_user):
    """Someone waiting in the pool has nobody to share with yet (sharing answers "once you are
    in a council"): their next step is the fit line, not sharing."""
    for person in (seeker, stranger):
        services.two_pager_add_item(
            owner=person, side="want", topic="role", text="x", why="", now=NOW
        )
        contact = Contact.objects.create(owner=person, name="Ana Lima")
        TourConversation.objects.create(owner=person, contact=contact, learned="Health tech")
        services.fit_statement_save(
            owner=person, role="PM", company_stage="Series A", industry="", location_culture="",
            linkedin_text="", lessons=[], now=NOW,
        )  # fmt: skip
    member = as_user(seeker).get("/workbook/").content.decode()
    assert "Share your two-pager with your council" in member
    for path in ("/workbook/", "/pool/"):
        waiting = as_user(stranger).get(path).content.decode()
        assert "Share your two-pager" not in waiting, path
        assert "Narrow your fit line" in waiting, path
