"""Passwords are hashed with Argon2, a password change ends every other session, and cookies
are secure in production."""

import json
import os
import subprocess
import sys

from django.test import Client

from jobcouncil.tests.factories import PASSWORD

NEW_PASSWORD = "another-long-password-77"


def _production_settings(**env) -> dict:
    """Load the settings module the way production does: a fresh process, no pytest."""
    code = (
        "import json, jobcouncil.settings as s; print(json.dumps({"
        "'hashers': s.PASSWORD_HASHERS, 'session_secure': s.SESSION_COOKIE_SECURE, "
        "'csrf_secure': s.CSRF_COOKIE_SECURE, 'httponly': s.SESSION_COOKIE_HTTPONLY}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "JOBCOUNCIL_TESTING")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_hashes_passwords_with_argon2_first():
    loaded = _production_settings(DEBUG="false", SECRET_KEY="k" * 10 + "x9#Vq2!mZr7@Lp4$Tw8&Yd")
    assert loaded["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # Older hashes still verify (and are upgraded on the next log-in).
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in loaded["hashers"]


def test_argon2_really_hashes():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify(PASSWORD, encoded) and not hasher.verify("wrong", encoded)


def test_cookies_are_secure_in_production_and_not_on_a_laptop():
    production = _production_settings(DEBUG="false", SECRET_KEY="k" * 10 + "x9#Vq2!mZr7@Lp4$Tw8&Yd")
    assert production["session_secure"] and production["csrf_secure"] and production["httponly"]
    local = _production_settings(DEBUG="true")
    assert not local["session_secure"] and not local["csrf_secure"]


def _logged_in_client(user) -> Client:
    client = Client()
    assert (
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get("/me/profile/").status_code == 200
    return client


def test_a_password_change_ends_every_other_session(seeker):
    here, elsewhere = _logged_in_client(seeker), _logged_in_client(seeker)
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert here.get("/me/profile/").status_code == 200  # the session that changed it stays
    gone = elsewhere.get("/me/profile/")
    assert gone.status_code == 302 and gone["Location"].startswith("/accounts/login/")


def test_a_password_reset_ends_every_session(seeker, mailoutbox):
    import re
    from urllib.parse import urlsplit

    elsewhere = _logged_in_client(seeker)
    Client().post("/accounts/password/reset/", {"email": seeker.email})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mailoutbox[-1].body).group(0)
    reset = Client()
    # allauth moves the key into the session and redirects to a keyless form URL.
    form = reset.get(urlsplit(link).path, follow=True)
    reset.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD)
    assert elsewhere.get("/me/profile/").status_code == 302
