"""Every list page and htmx endpoint costs exactly the same number of queries on a small
programme and a ten times larger one (many councils, members, meetings and rounds), so an N+1
shows as a count that differs between the two sizes. `assert_queries` checks the status first
and lists the SQL when a count changes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from jobcouncil.accounts.models import User
from jobcouncil.councils.meeting_page import LIVE_PARTS
from jobcouncil.councils.models import CalendarFeed, Meeting, Membership
from jobcouncil.programme.scale import MEMBER_EMAIL, MODERATOR_EMAIL, STAFF_EMAIL, WAITING_EMAIL
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests.queries import assert_queries

SIZES = [60, 600]


@pytest.fixture(scope="module", params=SIZES, ids=[f"{n}-seekers" for n in SIZES])
def seeded(request, django_db_setup, django_db_blocker):
    """One programme per size for the whole module (seeding is the slow part); each test runs
    in its own transaction on top of it."""
    with django_db_blocker.unblock():
        call_command(
            "seed_scale", "--seekers", str(request.param), "--no-progress", stdout=StringIO()
        )
        yield request.param
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def programme(seeded, db, client):
    council = Membership.objects.get(user__email=MODERATOR_EMAIL, status="active").council
    meetings = Meeting.objects.filter(council=council).order_by("starts_at")
    member = User.objects.get(email=MEMBER_EMAIL)
    _feed, token = CalendarFeed.issue(member)

    def login(email):
        client.force_login(User.objects.get(email=email))
        return client

    return {
        "council": council,
        "closed": meetings.filter(status="closed").last(),
        "open": meetings.filter(status="scheduled").first(),
        "round": MatchingRound.objects.order_by("-pk").first(),
        "token": token,
        "login": login,
        "client": client,
    }


def _count(client, path, queries, **kwargs):
    # Warm what is cached across requests (popular times, the pool summary, sessions).
    client.get(
        path, kwargs.get("data") or {}, headers={"HX-Request": "true"} if kwargs.get("htmx") else {}
    )
    return assert_queries(client, path, queries, **kwargs)


def test_home(programme):
    _count(programme["login"](WAITING_EMAIL), "/", 4)


def test_pool_status(programme):
    # 8: with the workbook's next step (what exists, and what is shared). The waiting summary
    # and the wait estimate are each read once a minute per process (after the warm-up).
    _count(programme["login"](WAITING_EMAIL), reverse("pool:status"), 9)


def test_availability(programme):
    _count(programme["login"](WAITING_EMAIL), reverse("accounts:availability"), 4)


def test_calendar_manage(programme):
    _count(programme["login"](MEMBER_EMAIL), reverse("councils:calendar-manage"), 5)


def test_calendar_feed(programme):
    # Anonymous: the link is the credential. The feed, its person, their meetings.
    _count(programme["client"], reverse("councils:calendar-feed", args=[programme["token"]]), 3)


@pytest.mark.parametrize("email", [MEMBER_EMAIL, MODERATOR_EMAIL], ids=["member", "moderator"])
def test_council_page(programme, email):
    path = reverse("councils:council-detail", args=[programme["council"].pk])
    # The page also reads the viewer's apologies for the next meeting and their calendar link,
    # the workbook drafts members shared (the shares, and their fit lines), and the viewer's
    # next step in the workbook (two queries).
    _count(programme["login"](email), path, 16)


@pytest.mark.parametrize("email", [MEMBER_EMAIL, MODERATOR_EMAIL], ids=["member", "moderator"])
def test_meeting_page_of_a_closed_meeting(programme, email):
    meeting = programme["closed"]
    path = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    _count(programme["login"](email), path, 13)


@pytest.mark.parametrize("email", [MEMBER_EMAIL, MODERATOR_EMAIL], ids=["member", "moderator"])
def test_meeting_page_of_an_open_meeting(programme, email):
    meeting = programme["open"]
    path = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    _count(programme["login"](email), path, 15)


def test_live_poll_unchanged(programme):
    meeting = programme["open"]
    path = reverse("councils:meeting-live", args=[meeting.council_id, meeting.pk])
    stamp = f"{meeting.version}.{int(meeting.has_started)}"
    _count(programme["login"](MEMBER_EMAIL), path, 5, data={"v": stamp}, status=204, htmx=True)


def test_live_poll_changed(programme):
    meeting = programme["open"]
    path = reverse("councils:meeting-live", args=[meeting.council_id, meeting.pk])
    stale = {"v": "stale", **{part: "" for part in LIVE_PARTS}}  # every part out of date
    response = _count(programme["login"](MEMBER_EMAIL), path, 14, data=stale, htmx=True)
    assert response.content.decode().count("data-live-part") == len(LIVE_PARTS)


def test_live_poll_of_a_closed_meeting(programme):
    meeting = programme["closed"]
    path = reverse("councils:meeting-live", args=[meeting.council_id, meeting.pk])
    # A stamp the page might hold from before the close ("0.0" can be the closed one's own).
    response = _count(programme["login"](MEMBER_EMAIL), path, 5, data={"v": "stale"}, htmx=True)
    assert response["HX-Refresh"] == "true"


def test_dashboard(programme):
    # The active-council count is counted at most once a minute (programme/figures.py).
    _count(programme["login"](STAFF_EMAIL), reverse("programme:dashboard"), 11)


def test_programme_council_list(programme):
    _count(programme["login"](STAFF_EMAIL), reverse("programme:council-list"), 6)


def test_programme_council_detail(programme):
    path = reverse("programme:council-detail", args=[programme["council"].pk])
    _count(programme["login"](STAFF_EMAIL), path, 14)


def test_round_list(programme):
    _count(programme["login"](STAFF_EMAIL), reverse("rounds:round-list"), 6)


def test_round_detail(programme):
    path = reverse("rounds:round-detail", args=[programme["round"].pk])
    _count(programme["login"](STAFF_EMAIL), path, 6)


def test_moderator_approvals(programme):
    _count(programme["login"](STAFF_EMAIL), reverse("programme:moderator-approvals"), 6)


def test_round_progress_while_it_runs(programme):
    running = MatchingRound.objects.create(seeker_types=["fast"])  # queued: the page polls
    path = reverse("rounds:round-detail", args=[running.pk])
    response = _count(programme["login"](STAFF_EMAIL), path, 4, htmx=True)
    assert 'id="round-progress"' in response.content.decode()


def test_council_calendar_link_made_with_htmx(programme):
    path = reverse("councils:council-calendar", args=[programme["council"].pk])
    client = programme["login"](MEMBER_EMAIL)
    assert_queries(client, path, 6, method="post", htmx=True)


def test_check_in_with_htmx(programme):
    meeting = programme["open"]
    member = User.objects.get(email=MEMBER_EMAIL)
    path = reverse("councils:meeting-checkin", args=[meeting.council_id, meeting.pk, member.pk])
    client = programme["login"](MEMBER_EMAIL)
    # 26: with the council's row lock every meeting write takes first
    assert_queries(client, path, 26, method="post", data={"pulse": "6"}, htmx=True)


@pytest.mark.parametrize("name", ["accounts:data-json", "accounts:data-html"], ids=["json", "html"])
def test_data_export(programme, name):
    # Session and user, then one query per area (accounts 2: the profile is the timezone
    # middleware's, then the moderator invitations; pool 1, councils 8, workbook 21,
    # notifications 3), whatever the person's history.
    _count(programme["login"](MEMBER_EMAIL), reverse(name), 39)


def test_notices(programme, seeded):
    # A history as long as the programme is large: the page reads one page of it.
    from jobcouncil.notifications.models import Notice

    member = User.objects.get(email=MEMBER_EMAIL)
    Notice.objects.bulk_create(
        Notice(key=f"count:{n}", user=member, kind="meeting-changed", text=f"N {n}", url="/")
        for n in range(seeded // 2)
    )
    # session, user, profile (the timezone), the page's count, the bell, the page's rows
    _count(programme["login"](MEMBER_EMAIL), reverse("notices:list"), 6)
