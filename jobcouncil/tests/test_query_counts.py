"""Every main page costs the same number of queries on a small programme and a ten times
larger one (exact counts: django_assert_num_queries prints the SQL when one changes)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Meeting, Membership
from jobcouncil.programme.scale import MEMBER_EMAIL, MODERATOR_EMAIL, STAFF_EMAIL, WAITING_EMAIL

SIZES = [60, 600]


@pytest.fixture(params=SIZES, ids=[f"{n}-seekers" for n in SIZES])
def programme(request, db, client):
    call_command("seed_scale", "--seekers", str(request.param), "--no-progress", stdout=StringIO())
    council = Membership.objects.get(user__email=MODERATOR_EMAIL, status="active").council
    meeting = Meeting.objects.filter(council=council, status="closed").order_by("starts_at").last()

    def login(email):
        client.force_login(User.objects.get(email=email))
        return client

    return {"council": council, "meeting": meeting, "login": login}


def _get(client, path, queries, assert_num_queries):
    client.get(path)  # warm what is cached across requests (popular times, sessions)
    with assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_home(programme, django_assert_num_queries):
    _get(programme["login"](WAITING_EMAIL), "/", 3, django_assert_num_queries)


def test_pool_page(programme, django_assert_num_queries):
    _get(programme["login"](WAITING_EMAIL), "/pool/", 7, django_assert_num_queries)


def test_availability_page(programme, django_assert_num_queries):
    _get(programme["login"](WAITING_EMAIL), "/me/availability/", 3, django_assert_num_queries)


@pytest.mark.parametrize("email", [MEMBER_EMAIL, MODERATOR_EMAIL], ids=["member", "moderator"])
def test_council_page(programme, email, django_assert_num_queries):
    path = f"/councils/{programme['council'].pk}/"
    # 11: the page also reads the viewer's apologies for the next meeting and their calendar link.
    _get(programme["login"](email), path, 11, django_assert_num_queries)


@pytest.mark.parametrize("email", [MEMBER_EMAIL, MODERATOR_EMAIL], ids=["member", "moderator"])
def test_meeting_page(programme, email, django_assert_num_queries):
    council, meeting = programme["council"], programme["meeting"]
    path = f"/councils/{council.pk}/meetings/{meeting.pk}/"
    _get(programme["login"](email), path, 12, django_assert_num_queries)


def test_meeting_live_poll(programme, django_assert_num_queries):
    council, meeting = programme["council"], programme["meeting"]
    path = f"/councils/{council.pk}/meetings/{meeting.pk}/live/?v=0"
    # A closed meeting: the page reloads as a record (the read model is not built).
    _get(programme["login"](MEMBER_EMAIL), path, 5, django_assert_num_queries)


def test_dashboard(programme, django_assert_num_queries):
    _get(programme["login"](STAFF_EMAIL), "/programme/", 11, django_assert_num_queries)


def test_round_list(programme, django_assert_num_queries):
    _get(programme["login"](STAFF_EMAIL), "/pool/rounds/", 5, django_assert_num_queries)


def test_moderator_approvals(programme, django_assert_num_queries):
    _get(programme["login"](STAFF_EMAIL), "/programme/moderators/", 5, django_assert_num_queries)
