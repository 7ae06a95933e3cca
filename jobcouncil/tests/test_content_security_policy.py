"""The app's pages carry the strict policy; the Django admin's pages, and only those, may use
inline styles (which the admin needs); scripts are 'self' only everywhere."""

from __future__ import annotations

import pytest

from jobcouncil.lib.middleware import ADMIN_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(staff):
    staff.is_superuser = True
    staff.save()
    return staff


def _directive(policy: str, name: str) -> str:
    return next(d.strip() for d in policy.split(";") if d.strip().startswith(name + " "))


def test_the_two_policies_differ_only_in_inline_styles():
    assert _directive(CONTENT_SECURITY_POLICY, "style-src") == "style-src 'self'"
    assert _directive(ADMIN_CONTENT_SECURITY_POLICY, "style-src") == (
        "style-src 'self' 'unsafe-inline'"
    )
    for policy in (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY):
        assert _directive(policy, "script-src") == "script-src 'self'"
    assert ADMIN_CONTENT_SECURITY_POLICY.replace(" 'unsafe-inline'", "") == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"])
def test_the_apps_own_pages_are_strict(client, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_a_members_pages_are_strict(client, seeker):
    client.force_login(seeker)
    for path in ["/me/profile/", "/pool/", "/admin/"]:
        response = client.get(path)
        # /admin/ sends a member who is not staff to the admin's login page: still the admin.
        expected = ADMIN_CONTENT_SECURITY_POLICY if path == "/admin/" else CONTENT_SECURITY_POLICY
        assert response["Content-Security-Policy"] == expected, path


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/councils/meeting/add/", "/admin/councils/council/add/"]
)
def test_the_admin_pages_may_use_inline_styles(client, superuser, path):
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_CONTENT_SECURITY_POLICY


def test_the_admin_signs_in_at_the_sites_login_page_which_is_strict(client):
    # /admin/login/ sends people to the site's login, whose failed attempts are limited.
    response = client.get("/admin/login/", follow=True)
    assert response.redirect_chain == [("/accounts/login/?next=%2Fadmin%2F", 302)]
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_every_date_and_time_input_of_the_admin_has_a_label(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/councils/meeting/add/").content.decode()
    for field in ["scheduled_for", "starts_at", "closed_at"]:
        for part in ("0", "1"):
            assert f'<label for="id_{field}_{part}" class="datetime-part">' in html, field
    assert "/static/css/admin.css" in html
