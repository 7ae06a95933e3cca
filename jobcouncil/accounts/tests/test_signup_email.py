"""The verification email names the programme (PROGRAMME_NAME), not the host it was sent from."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(PROGRAMME_NAME="Rivertown Job Councils")
def test_the_verification_email_names_the_programme_not_the_host(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ada@example.org",
            "password1": "a-private-phrase",
            "password2": "a-private-phrase",
        },
        HTTP_HOST="127.0.0.1:8000",
    )
    assert response.status_code == 302
    [message] = mailoutbox
    assert "Rivertown Job Councils" in message.body
    assert "Hello from" not in message.body
    assert "127.0.0.1:8000!" not in message.body
    assert "sign up for Rivertown Job Councils" in message.body
    assert "/accounts/confirm-email/" in message.body  # the link itself still works


@override_settings(PROGRAMME_NAME="Rivertown Job Councils")
def test_pages_name_the_programme(client):
    html = client.get("/accounts/login/").content.decode()
    assert "· Rivertown Job Councils</title>" in html
