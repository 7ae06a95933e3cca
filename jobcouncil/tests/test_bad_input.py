"""Bad input answers 400, 404 or a form error, never a 500."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jobcouncil.accounts.models import User

TOO_BIG = "99999999999999999999"  # more than a signed 64-bit column holds


def _routes_with_ids(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if getattr(entry.urlconf_module, "__name__", "").startswith("jobcouncil."):
                yield from _routes_with_ids(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith("jobcouncil."):
            route = prefix + str(entry.pattern)
            if re.search(r"<\w+:\w+_id>", route):
                yield route


def test_every_id_too_big_for_the_database_is_not_found(client, staff, seeker, council):
    staff.is_superuser = True
    staff.save()
    routes = list(_routes_with_ids())
    assert len(routes) > 15
    for user in (seeker, staff):
        client.force_login(user)
        for route in routes:
            path = "/" + re.sub(r"<\w+:(\w+)>", lambda m: TOO_BIG, route)
            for method in (client.get, client.post):
                assert method(path).status_code in (404, 405), path
    assert client.get(f"/councils/{TOO_BIG}/").status_code == 404


def test_a_cell_that_is_a_digit_but_not_a_number_is_a_form_error(seeker, as_user):
    from jobcouncil.accounts.models import Profile

    before = Profile.objects.get(user=seeker).availability
    response = as_user(seeker).post("/me/availability/", {"cell": ["²", "36", "٣", "-1", "9" * 30]})
    assert response.status_code == 200
    assert "cell" in response.context["form"].errors
    assert 'id="cell-36"\n                  checked' in response.content.decode()  # kept painted
    assert Profile.objects.get(user=seeker).availability == before


SIGNUP = {"email": "new.person@example.org", "password1": "a-long-pass-93", "password2": ""}


@pytest.mark.django_db(transaction=True)
def test_eight_sign_ups_at_once_with_one_new_address_make_one_account_and_no_error():
    data = SIGNUP | {"password2": SIGNUP["password1"]}
    start = threading.Barrier(8)
    statuses: list[int] = []

    def sign_up() -> None:
        client = Client(raise_request_exception=False)
        try:
            start.wait()
            statuses.append(client.post("/accounts/signup/", data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) != [] and 500 not in statuses, statuses
    assert len(statuses) == 8
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1


def test_a_chosen_id_too_big_for_the_database_is_a_form_error(seeker, as_user):
    """A choice of several by id (found by the form fuzzing): Django sends `pk__in` with the
    number to the database, and SQLite raised OverflowError."""
    from jobcouncil.workbook import services

    note = services.update_note_save(owner=seeker, note=None, subject="News", body="Hello")
    services.contact_add(owner=seeker, name="Ana", email="ana@example.org")
    response = as_user(seeker).post(f"/workbook/updates/{note.pk}/send/", {"contacts": TOO_BIG})
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()
    assert not note.recipients.exists()
