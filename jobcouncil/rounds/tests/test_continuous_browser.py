"""In a real browser: a seeker joins the pool while a council they fit has a free seat, and
the next page they see is their council, with their first meeting a day or more away."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.conf import settings

from jobcouncil.councils.models import Membership
from jobcouncil.rounds.models import MatchingSchedule
from jobcouncil.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_seeker_who_joins_the_pool_lands_in_a_council_with_a_free_seat(
    live_server, browser_page, client
):
    MatchingSchedule.objects.create(place_continuously=True)
    council = factories.make_council(
        factories.make_moderator(), [factories.make_seeker() for _ in range(5)]
    )
    seeker = factories.make_seeker(in_pool=False, display_name="Nia Newcomer")
    client.force_login(seeker)
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/pool/join/")
    page.get_by_role("button", name="Join the matching pool").click()
    # Tests run tasks at once: the placement is done when the pool page loads, which sends
    # someone with a council to it.
    page.wait_for_url(re.compile(rf"/councils/{council.pk}/$"))
    main = page.locator("main").inner_text()
    assert council.name in main
    membership = Membership.objects.get(user=seeker, status="active")
    assert membership.council == council
    # The council's first meeting a day's notice or more away, in the browser's zone.
    first = membership.first_meeting()
    assert first.starts_at >= membership.joined_at + dt.timedelta(hours=24)
    when = first.starts_at.astimezone(zoneinfo.ZoneInfo("America/Chicago"))
    assert f"Your first meeting: {when:%A} {when.day} {when:%B, %H:%M}" in main
    assert page.console_errors == []
