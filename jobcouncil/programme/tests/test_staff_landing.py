"""Staff land on the programme dashboard with staff navigation, never on a seeker's form."""

from __future__ import annotations

import pytest

from jobcouncil.tests import factories


def _nav(page: str) -> str:
    return page.split("<nav", 1)[1].split("</nav>", 1)[0]


def test_staff_who_log_in_land_on_the_dashboard(staff, client):
    response = client.post(
        "/accounts/login/", {"login": staff.email, "password": factories.PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/programme/"
    assert "How the programme is doing" in response.content.decode()


def test_staff_see_staff_navigation_and_not_a_seekers(staff, as_user):
    nav = _nav(as_user(staff).get("/programme/").content.decode())
    for name, href in [
        ("Dashboard", "/programme/"),
        ("Rounds", "/pool/rounds/"),
        ("Approvals", "/programme/moderators/"),
        ("Admin", "/admin/"),
    ]:
        assert f'href="{href}">{name}</a>' in nav
    assert "My council" not in nav and "Workbook" not in nav


def test_seekers_keep_their_own_navigation(seeker, as_user):
    nav = _nav(as_user(seeker).get("/pool/").content.decode())
    assert "My council" in nav and "Workbook" in nav
    assert "/programme/" not in nav and "Approvals" not in nav


@pytest.mark.parametrize(
    "path", ["/me/next/", "/me/availability/", "/me/orientation/1/", "/pool/join/"]
)
def test_staff_without_a_profile_are_never_sent_to_the_profile_form(staff, as_user, path):
    response = as_user(staff).get(path)
    assert response.status_code == 302
    assert response["Location"] == "/programme/"


def test_staff_with_a_profile_land_on_the_dashboard_too(staff, as_user):
    factories.make_profile(staff)
    assert as_user(staff).get("/me/next/")["Location"] == "/programme/"
