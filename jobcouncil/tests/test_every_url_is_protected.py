"""A safety net over the whole URL map: nothing private answers an anonymous visitor or a
signed-in stranger, whatever a future view forgets."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"home", "healthz", "account_signup", "calendar-feed", "unsubscribe"}
SAMPLE_ARGS = {
    "council_id": "{council}",
    "meeting_id": "{meeting}",
    "round_id": "{round}",
    "step": "1",
    "user_id": "{user}",
    "token": "not-a-token",
    "part": "checkin-list",
}


def _our_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            if module.startswith("jobcouncil."):
                yield from _our_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith("jobcouncil."):
            yield entry.name, prefix + str(entry.pattern)


def _path(route: str, ids: dict) -> str:
    def sample(match: re.Match) -> str:
        return SAMPLE_ARGS.get(match.group(1), "1").format(**ids)

    return "/" + re.sub(r"<\w+:(\w+)>", sample, route)


@pytest.fixture
def ids(council, seeker):
    from jobcouncil.pool.models import MatchingRound

    round_ = MatchingRound.objects.create(seeker_types=["fast"])
    return {
        "council": council.pk,
        "meeting": council.meetings.first().pk,
        "round": round_.pk,
        "user": seeker.pk,
    }


def test_the_map_has_the_pages_we_expect():
    names = {name for name, _route in _our_patterns()}
    assert {"council-detail", "meeting-detail", "round-list", "profile", "status"} <= names


def test_anonymous_visitors_reach_nothing_private(client, ids):
    for name, route in _our_patterns():
        path = _path(route, ids)
        for method in (client.get, client.post):
            response = method(path)
            if name in PUBLIC:
                assert response.status_code in (200, 404, 405), path
            else:
                assert response.status_code in (302, 405), (path, response.status_code)
                if response.status_code == 302:
                    assert response["Location"].startswith("/accounts/login/"), path


def test_a_member_of_another_council_reaches_nothing_of_this_one(outsider, as_user, ids):
    client = as_user(outsider)
    for _name, route in _our_patterns():
        if not re.search(r"<\w+:(council_id|round_id)>", route):
            continue
        path = _path(route, ids)
        for method in (client.get, client.post):
            assert method(path).status_code in (404, 405), path
