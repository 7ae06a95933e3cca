"""Privacy, decided in one place (workbook/access.py) and proved for every workbook URL: a
private item is its owner's alone; a shared one is read by the owner's current council only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import Landing
from jobcouncil.tests.test_permissions import url_rows
from jobcouncil.workbook import ninety_days, opportunities, services
from jobcouncil.workbook.models import Contact, TourConversation, TwoPager, UpdateNote

WORKBOOK_OBJECT_URLS = [
    r for r in url_rows() if r.name.startswith("workbook:") and "<id:" in r.path
]


@pytest.fixture
def private_items(council, seeker):
    """One of each of the seeker's private things, each addressed by its id in a URL."""
    now = timezone.now() - dt.timedelta(hours=1)
    item = services.two_pager_add_item(
        owner=seeker, side="want", topic="money", text="At least 95,000", why="", now=now
    )
    contact = Contact.objects.create(owner=seeker, name="Ana Lima", email="ana@example.org")
    share = services.share_open(owner=seeker, item=TwoPager.objects.get(owner=seeker), now=now)
    # After landing: the seeker's first-90-days group (theirs alone here) and a question in it.
    Landing.objects.create(
        user=seeker, council=council, role="Analyst", company="Acme", start_date=now.date()
    )
    group = ninety_days.alumni_group_join(user=seeker, now=now)
    return {
        "group_id": group.pk,
        "question_id": ninety_days.question_ask(
            group=group, author=seeker, body="Lunch?", now=now
        ).pk,
        "item_id": item.pk,
        "conversation_id": TourConversation.objects.create(owner=seeker, contact=contact).pk,
        "import_id": services.contacts_import_preview(
            owner=seeker, data=b"Name\nBo\n", filename="c.csv"
        ).pk,
        "note_id": UpdateNote.objects.create(owner=seeker, subject="News", body="Hi").pk,
        "share_id": share.pk,
        "comment_id": services.comment_add(
            share=share, author=seeker, body="A note to self", parent=None, now=now
        ).pk,
        **_search_ids(seeker, now),
    }


def _search_ids(seeker, now) -> dict:
    target = opportunities.opportunity_save(
        owner=seeker, opportunity=None, company="Globex", role="CTO", fit_matches=[], now=now
    )
    interview = opportunities.interview_save(
        owner=seeker, opportunity=target, interview=None, starts_at=now, minutes=45,
        with_whom="Ana", place="", preparation="", now=now,
    )  # fmt: skip
    return {
        "target_id": target.pk,
        "interview_id": interview.pk,
        "entry_id": opportunities.gratitude_add(owner=seeker, name="Bo", how="Advice").pk,
    }


def _url(route, ids: dict) -> str:
    import re

    return "/" + re.sub(r"<id:(\w+)>", lambda m: str(ids[m.group(1)]), route.path)


def test_every_workbook_url_with_an_id_is_covered():
    names = {r.name for r in WORKBOOK_OBJECT_URLS}
    assert {"workbook:two-pager-item", "workbook:shared", "workbook:update-note"} <= names


@pytest.mark.parametrize("route", WORKBOOK_OBJECT_URLS, ids=lambda r: r.name)
@pytest.mark.parametrize("who", ["stranger", "outsider", "alumnus", "staff"])
def test_nobody_but_the_owner_reaches_a_private_item(
    route, who, private_items, request, as_user, seeker
):
    if route.name == "workbook:shared":
        services.share_end(share=services.share_for(TwoPager.objects.get(owner=seeker),
                           services.current_council_id(seeker)), now=timezone.now())  # fmt: skip
    viewer = request.getfixturevalue(who)
    client = as_user(viewer)
    url = _url(route, private_items)
    assert client.get(url).status_code in (404, 405), url
    posted = client.post(url, {"action": "share", "addressed": "yes", "body": "x"})
    assert posted.status_code in (404, 405), url
    page = as_user(seeker).get(reverse("workbook:two-pager")).content.decode()
    assert "At least 95,000" in page  # still the owner's, untouched


def test_a_shared_item_is_read_by_the_owners_current_council_only(
    private_items, fellow, moderator, outsider, alumnus, staff, as_user
):
    url = f"/workbook/shared/{private_items['share_id']}/"
    for member in (fellow, moderator):
        assert as_user(member).get(url).status_code == 200
    for other in (outsider, alumnus, staff):
        assert as_user(other).get(url).status_code == 404
