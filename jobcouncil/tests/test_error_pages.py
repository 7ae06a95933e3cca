"""The 400, 403, 404 and 500 pages: in the site's layout, calm words, and a way back."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import Meeting
from jobcouncil.lib.errors import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("jobcouncil.tests.urls_errors")]


def _in_layout(html: str) -> bool:
    return 'class="brand"' in html and '<main id="main"' in html and "<footer" in html


def test_a_missing_page_says_so_kindly_and_offers_the_way_home(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _in_layout(html)
    assert "We can't find that page" in html
    assert f'href="{reverse("home")}"' in html
    assert "Go to my council" not in html  # a visitor has no council


def test_a_member_who_hits_a_missing_page_is_offered_their_council(as_user, seeker):
    html = as_user(seeker).get("/councils/999999/").content.decode()
    assert "We can't find that page" in html
    assert f'href="{reverse("accounts:next-step")}"' in html


def test_a_member_opening_the_moderators_settings_gets_the_403_page(as_user, seeker, council):
    response = as_user(seeker).get(reverse("councils:council-settings", args=[council.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(html)
    assert "This page is not open to you" in html
    assert "403 Forbidden" not in html
    assert f'href="{reverse("accounts:next-step")}"' in html


def test_a_bad_request_gets_the_400_page(client):
    response = client.get("/test-errors/400/")
    html = response.content.decode()
    assert response.status_code == 400
    assert _in_layout(html)
    assert "Something in that request was not right" in html
    assert "Nothing was changed" in html


def test_a_crash_gets_the_500_page(seeker):
    client = Client(raise_request_exception=False)
    client.force_login(seeker)
    response = client.get("/test-errors/500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert _in_layout(html)
    assert "Something went wrong on our side" in html
    assert "It is not your fault" in html
    assert "a test asked for a 500" not in html


@override_settings(PROGRAMME_NAME="Rivertown Job Councils")
def test_the_500_page_needs_no_database_and_no_context_processors(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Rivertown Job Councils" in html
    assert "Log out" not in html and "Log in" not in html  # no user to ask about


def test_an_expired_form_gets_a_kind_page_not_djangos(seeker):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x@example.org"})
    html = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(html)
    assert "That form could not be sent" in html
    assert "CSRF" not in html


def _attendance_url(council) -> str:
    meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()
    return reverse("councils:meeting-attendance", args=[council.pk, meeting.pk])


def test_a_refused_htmx_action_answers_an_alert_where_the_member_acted(as_user, seeker, council):
    response = as_user(seeker).post(_attendance_url(council), {}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert response["HX-Reswap"] == "beforeend"  # into the section the form targets
    assert html.strip() == '<p class="refusal" role="alert">Only the moderator can change this.</p>'


def test_the_same_refusal_without_htmx_is_the_403_page_with_the_reason(as_user, seeker, council):
    response = as_user(seeker).post(_attendance_url(council), {})
    html = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(html)
    assert "Only the moderator can change this." in html
