"""An alumnus reads the council's record up to the day they left, the council page and its
celebrations, and nothing said after."""

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from jobcouncil.councils.models import Ask, Commitment, Meeting, Membership
from jobcouncil.tests import factories

LANDING = {"role": "Analyst", "company": "Acme", "start_date": dt.date(2027, 1, 4)}


def _meeting_routes(resolver=None, prefix=""):
    """Every URL of the whole URL conf that takes a meeting, as (name, route)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _meeting_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "meeting_id>" in prefix + str(entry.pattern):
            yield entry.name, prefix + str(entry.pattern)


@pytest.fixture
def landed(db, as_user):
    """Ana lands two weeks after the council formed; Lou joins after she left."""
    moderator = factories.make_moderator()
    ana = factories.make_seeker(display_name="Ana Alumna")
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [ana, *others])
    formed = council.meetings.order_by("starts_at").first().starts_at
    left = formed + dt.timedelta(weeks=2)
    membership = Membership.objects.get(user=ana)
    from jobcouncil.councils.services import membership_land

    membership_land(membership=membership, landing=LANDING, now=left)
    lou = factories.make_seeker(display_name="Lou Later")
    Membership.objects.create(council=council, user=lou, joined_at=left + dt.timedelta(days=1))
    before = council.meetings.filter(starts_at__lt=left).order_by("-starts_at").first()
    after = council.meetings.filter(starts_at__gt=left, starts_at__lt=timezone.now()).first()
    Ask.objects.create(meeting=after, user=lou, text="Lou's private ask")
    commitment = Commitment.objects.create(
        council=council, user=lou, made_at=after, text="Lou's promise", due_at=after.starts_at
    )
    return {
        "council": council,
        "ana": ana,
        "before": before,
        "after": after,
        "ask": after.asks.get(),
        "commitment": commitment,
        "lou": lou,
    }


def _path(route: str, ids: dict) -> str:
    return "/" + re.sub(r"<\w+:(\w+)>", lambda m: str(ids[m.group(1)]), route)


def test_every_meeting_url_after_they_left_is_404_for_an_alumnus(landed, as_user):
    client = as_user(landed["ana"])
    ids = {
        "council_id": landed["council"].pk,
        "meeting_id": landed["after"].pk,
        "user_id": landed["ana"].pk,
        "commitment_id": landed["commitment"].pk,
        "ask_id": landed["ask"].pk,
    }
    routes = list(_meeting_routes())
    assert len(routes) >= 15
    for _name, route in routes:
        path = _path(route, ids)
        assert client.get(path).status_code in (404, 405), path
        assert client.post(path).status_code in (404, 405), path
        assert client.get(path).status_code == 404 or client.post(path).status_code == 404, path


def test_the_live_poll_of_a_meeting_after_they_left_is_404(landed, as_user):
    client = as_user(landed["ana"])
    council, after = landed["council"], landed["after"]
    url = f"/councils/{council.pk}/meetings/{after.pk}/live/"
    assert client.get(url).status_code == 404
    assert client.get(url, {"v": "0.1", "asks-list": "x"}).status_code == 404
    # Lou, who joined after she left, polls it.
    assert as_user(landed["lou"]).get(url, {"v": "0.1"}).status_code == 200


def test_an_alumnus_still_reads_meetings_from_before_they_left(landed, as_user):
    client = as_user(landed["ana"])
    council, before = landed["council"], landed["before"]
    assert client.get(f"/councils/{council.pk}/meetings/{before.pk}/").status_code == 200
    ics = client.get(f"/councils/{council.pk}/meetings/{before.pk}/meeting.ics")
    assert ics.status_code == 200


def test_the_council_page_shows_celebrations_but_not_later_meetings_or_members(landed, as_user):
    client = as_user(landed["ana"])
    council, after = landed["council"], landed["after"]
    page = client.get(f"/councils/{council.pk}/").content.decode()
    assert "Acme" in page  # her own celebration
    assert f"/meetings/{after.pk}/" not in page
    assert f"/meetings/{landed['before'].pk}/" in page
    assert "Lou Later" not in page


def test_a_member_still_sees_everything(landed, as_user):
    client = as_user(landed["lou"])
    council, after = landed["council"], landed["after"]
    assert client.get(f"/councils/{council.pk}/meetings/{after.pk}/").status_code == 200


def test_every_landed_or_left_membership_has_an_end(db):
    from django.db import IntegrityError, transaction

    council = factories.make_council(
        factories.make_moderator(), [factories.make_seeker() for _ in range(5)]
    )
    membership = council.memberships.filter(role="member").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(status="landed", left_at=None)
    assert Meeting.objects.filter(council=council).exists()


def test_an_earlier_meeting_does_not_list_people_who_joined_after_they_left(landed, as_user):
    client = as_user(landed["ana"])
    council, before = landed["council"], landed["before"]
    page = client.get(f"/councils/{council.pk}/meetings/{before.pk}/").content.decode()
    assert "Lou Later" not in page
