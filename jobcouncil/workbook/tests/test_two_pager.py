"""The two-pager: items grouped by side and topic, a version per change, guided questions."""

from __future__ import annotations

import pytest

from jobcouncil.workbook.models import TwoPager, TwoPagerItem, TwoPagerVersion


def _add(client, **data):
    fields = {"side": "want", "topic": "role", "text": "Lead a product team", "why": ""}
    fields.update(data)
    return client.post("/workbook/two-pager/", fields)


def test_a_new_seeker_sees_an_empty_two_pager_and_nothing_is_stored(seeker, as_user):
    response = as_user(seeker).get("/workbook/two-pager/")
    assert response.status_code == 200
    assert "Start with a few questions" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not TwoPager.objects.exists()


def test_adding_items_groups_them_and_keeps_a_version_each_time(seeker, as_user):
    client = as_user(seeker)
    assert _add(client, why="I love it").status_code == 302
    _add(client, side="dont_want", topic="people", text="Micromanagement")
    page = client.get("/workbook/two-pager/").content.decode()
    assert "Lead a product team" in page and "I love it" in page and "Micromanagement" in page
    assert (
        page.index("What I want")
        < page.index("Lead a product team")
        < page.index("What I don't want")
        < page.index("Micromanagement")
    )
    versions = TwoPagerVersion.objects.filter(two_pager__owner=seeker).order_by("number")
    assert [len(v.items) for v in versions] == [1, 2]


def test_a_save_that_changes_nothing_keeps_no_new_version(seeker, as_user):
    client = as_user(seeker)
    _add(client)
    item = TwoPagerItem.objects.get()
    data = {"side": "want", "topic": "role", "text": "Lead a product team", "why": ""}
    client.post(f"/workbook/two-pager/items/{item.pk}/", data)
    assert TwoPagerVersion.objects.count() == 1
    client.post(f"/workbook/two-pager/items/{item.pk}/", {**data, "text": "Lead a design team"})
    assert TwoPagerVersion.objects.count() == 2


def test_an_empty_item_is_refused_next_to_the_field(seeker, as_user):
    response = _add(as_user(seeker), text="")
    assert response.status_code == 200
    assert 'id="id_text_error"' in response.content.decode()
    assert not TwoPagerItem.objects.exists()


def test_removing_asks_first_then_removes_and_keeps_the_old_version(seeker, as_user):
    client = as_user(seeker)
    _add(client)
    item = TwoPagerItem.objects.get()
    confirm = client.get(f"/workbook/two-pager/items/{item.pk}/delete/")
    assert "Remove this item?" in confirm.content.decode()
    assert TwoPagerItem.objects.exists()
    client.post(f"/workbook/two-pager/items/{item.pk}/delete/")
    assert not TwoPagerItem.objects.exists()
    assert TwoPagerVersion.objects.order_by("-number").first().items == []
    assert TwoPagerVersion.objects.count() == 2


def test_comparing_versions_marks_what_was_removed_and_added(seeker, as_user):
    client = as_user(seeker)
    _add(client, text="Remote work")
    item = TwoPagerItem.objects.get()
    client.post(
        f"/workbook/two-pager/items/{item.pk}/",
        {"side": "want", "topic": "role", "text": "Two days in the office", "why": ""},
    )
    page = client.get("/workbook/two-pager/versions/?compare=1").content.decode()
    assert "<del>" in page and "Remote work</del>" in page
    assert "Two days in the office</ins>" in page
    assert client.get("/workbook/two-pager/versions/?compare=99").status_code == 404


def test_the_guide_asks_one_question_at_a_time_and_each_can_be_skipped(seeker, as_user):
    client = as_user(seeker)
    first = client.get("/workbook/two-pager/guide/")
    assert "Question 1 of 9" in first.content.decode()
    response = client.post("/workbook/two-pager/guide/?step=1", {"action": "skip"})
    assert response["Location"].endswith("?step=2")
    assert not TwoPagerItem.objects.exists()
    client.post("/workbook/two-pager/guide/?step=2", {"action": "save", "text": "Endless meetings"})
    item = TwoPagerItem.objects.get()
    assert (item.side, item.topic) == ("dont_want", "role")
    refused = client.post("/workbook/two-pager/guide/?step=3", {"action": "save", "text": " "})
    assert "Skip this question" in refused.content.decode() and refused.status_code == 200
    last = client.post("/workbook/two-pager/guide/?step=9", {"action": "skip"})
    assert last["Location"] == "/workbook/two-pager/"
    assert client.get("/workbook/two-pager/guide/?step=10").status_code == 404
    assert client.get("/workbook/two-pager/guide/?step=x").status_code == 200


@pytest.mark.parametrize("suffix", ["", "delete/"])
def test_nobody_else_reaches_an_item(suffix, seeker, stranger, staff, as_user, client):
    _add(as_user(seeker))
    item = TwoPagerItem.objects.get()
    url = f"/workbook/two-pager/items/{item.pk}/{suffix}"
    for other in (stranger, staff):
        other_client = as_user(other)
        assert other_client.get(url).status_code == 404
        assert (
            other_client.post(url, {"side": "want", "topic": "role", "text": "x"}).status_code
            == 404
        )
    client.logout()
    assert client.get(url).status_code == 302
    item.refresh_from_db()
    assert item.text == "Lead a product team"
