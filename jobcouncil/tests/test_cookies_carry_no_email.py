"""No cookie carries the person's email address: messages live on the server."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.contrib.messages.storage.cookie import CookieStorage

from jobcouncil.tests import factories

EMAIL = "ada.lovelace@example.org"


def _readable(morsel) -> str:
    """What anyone holding the cookie can read: messages are signed and compressed, not hidden."""
    if morsel.key == CookieStorage.cookie_name and morsel.value:
        decoded = CookieStorage(None)._decode(morsel.value.strip('"')) or []
        return " ".join(str(message) for message in decoded)
    return unquote(morsel.value)


def _walk(client, method: str, path: str, data: dict | None = None) -> list[str]:
    """Every cookie set along the way, following redirects by hand so none is missed."""
    response = getattr(client, method)(path, data or {})
    seen = []
    while True:
        seen += [_readable(m) for m in response.cookies.values()]
        if response.status_code not in (301, 302):
            return seen
        response = client.get(response["Location"])


@pytest.mark.django_db
def test_sign_up_confirmation_and_sign_in_set_no_cookie_with_the_address(client, mailoutbox):
    password = factories.PASSWORD
    seen = _walk(
        client,
        "post",
        "/accounts/signup/",
        {"email": EMAIL, "password1": password, "password2": password},
    )
    link = re.search(r"/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    seen += _walk(client, "post", link)
    client.logout()
    seen += _walk(client, "post", "/accounts/login/", {"login": EMAIL, "password": password})
    assert client.session.get("_auth_user_id")  # signed in at the end
    assert seen  # cookies were set along the way (session, csrf)
    assert [cookie for cookie in seen if "ada.lovelace" in cookie] == []
