"""Failed logins are limited across processes, and the admin's login is the same limited one.

allauth counts failures in the cache; in each process's memory, every gunicorn worker (and
host) would check another five passwords. The processes here share only the database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jobcouncil.tests import factories
from jobcouncil.tests.databases import database_url

GUESSES_PER_PROCESS = 10
LIMIT = 5  # allauth's default: five failures per address in five minutes

# One "gunicorn worker": its own interpreter, its own memory, the shared database.
GUESSER = """
import sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client, checked = Client(), 0
for _ in range(int(sys.argv[2])):
    guess = {"login": sys.argv[1], "password": "a-guess"}
    form = client.post("/accounts/login/", guess).context["form"]
    codes = {e.code for errors in form.errors.as_data().values() for e in errors}
    checked += "email_password_mismatch" in codes  # the password was actually compared
print(checked)
"""


def _guess_in_processes(email: str, processes: int) -> list[int]:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "jobcouncil.settings",
        "DATABASE_URL": database_url(),
        "JOBCOUNCIL_TESTING": "1",
    }
    args = [sys.executable, "-c", GUESSER, email, str(GUESSES_PER_PROCESS)]
    running = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True) for _ in range(processes)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in running]
    assert all(p.returncode == 0 for p in running)
    return [int(out.strip().splitlines()[-1]) for out in outputs]


@pytest.mark.django_db(transaction=True)
def test_three_processes_check_five_passwords_in_all_and_then_not_the_right_one(client):
    staff = factories.make_user("staff@example.org", is_staff=True)
    checked = _guess_in_processes(staff.email, processes=3)
    assert sum(checked) == LIMIT, checked
    client.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_the_sites_limited_login(db, client):
    staff = factories.make_user("staff@example.org", is_staff=True)
    for _ in range(30):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": staff.email, "password": "x"}
        )
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    for _ in range(LIMIT):
        client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": "x"})
    right = {"username": staff.email, "password": factories.PASSWORD}
    assert client.post("/admin/login/", right).status_code == 302
    client.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    assert "_auth_user_id" not in client.session  # the limit holds for the right one too


def test_staff_sign_in_at_the_sites_login_and_reach_the_admin(db, client):
    staff = factories.make_user("staff@example.org", is_staff=True)
    login = client.get("/admin/")["Location"]
    assert login == "/admin/login/?next=/admin/"
    login = client.get(login)["Location"]
    response = client.post(login, {"login": staff.email, "password": factories.PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_a_signed_in_seeker_at_the_admin_login_is_refused_not_looped(seeker, as_user):
    client = as_user(seeker)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/?next=/admin/").status_code == 403
