"""Sign-up, log-in and the other account pages: the site's layout and one set of words
("Sign up", "Log in", "Log out"), never allauth's "Sign In", "Sign Up" or "Signup"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# allauth's own words for the same things; none may show on a page.
OTHER_WORDS = re.compile(r"\bsign[ -]?in\b|\bsign[ -]?out\b|\bsignup\b|Sign Up|Log In\b|Log Out\b")
PASSPHRASE = "a-private-phrase-2026"


def _visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _page(client, path: str, *, title: str, heading: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert f"<title>{title} · " in html, path
    assert re.search(rf"<h1>{re.escape(heading)}</h1>", html), path
    assert 'class="brand"' in html and '<main id="main"' in html, path  # the site's layout
    assert not OTHER_WORDS.search(_visible_text(html)), (path, OTHER_WORDS.findall(html))
    return html


def _signup(client, email: str = "ada@example.org"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE},
    )


def _link(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({path}\S+)", message.body).group(1)


def test_the_pages_for_visitors_use_the_sites_words(client):
    html = _page(client, reverse("account_signup"), title="Sign up", heading="Sign up")
    assert ">Sign up</button>" in html and ">Log in</a>" in html
    html = _page(client, reverse("account_login"), title="Log in", heading="Log in")
    assert ">Log in</button>" in html and ">Sign up</a>" in html
    assert "Forgot your password?" in html
    _page(
        client,
        reverse("account_reset_password"),
        title="Reset your password",
        heading="Reset your password",
    )
    _page(
        client,
        reverse("account_reset_password_done"),
        title="Check your email",
        heading="Check your email",
    )
    html = _page(
        client,
        reverse("account_confirm_email", args=["not-a-key"]),
        title="Confirm your email address",
        heading="Confirm your email address",
    )
    assert "This link has expired or was already used" in html


def test_signing_up_confirming_and_logging_out_use_the_sites_words(client, mailoutbox):
    response = _signup(client)
    html = _page(client, response.url, title="Check your email", heading="Check your email")
    assert "We have sent a confirmation link to ada@example.org." in html

    link = _link(mailoutbox[0], "/accounts/confirm-email/")
    html = _page(
        client, link, title="Confirm your email address", heading="Confirm your email address"
    )
    assert ">Yes, confirm my address</button>" in html
    client.post(link)

    html = _page(client, reverse("account_logout"), title="Log out", heading="Log out")
    assert ">Log out</button>" in html
    _page(
        client, reverse("account_email"), title="Your email address", heading="Your email address"
    )
    _page(
        client,
        reverse("account_change_password"),
        title="Change your password",
        heading="Change your password",
    )
    response = client.post(reverse("account_logout"), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["You are logged out. See you soon."]


def test_resetting_a_password_uses_the_sites_words(client, newcomer, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": newcomer.email})
    [message] = mailoutbox
    assert message.subject.endswith("Reset your password")
    response = client.get(_link(message, "/accounts/password/reset/key/"), follow=True)
    path = response.redirect_chain[-1][0]
    html = _page(client, path, title="Choose a new password", heading="Choose a new password")
    assert ">New password</label>" in html
    response = client.post(path, {"password1": PASSPHRASE, "password2": PASSPHRASE}, follow=True)
    assert "<h1>Your password is changed</h1>" in response.content.decode()
    assert client.login(username=newcomer.email, password=PASSPHRASE)


def test_a_used_reset_link_says_so_kindly(client, newcomer, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": newcomer.email})
    response = client.get(_link(mailoutbox[0], "/accounts/password/reset/key/"), follow=True)
    path = response.redirect_chain[-1][0]
    client.post(path, {"password1": PASSPHRASE, "password2": PASSPHRASE})
    client.logout()
    html = _page(
        client,
        _link(mailoutbox[0], "/accounts/password/reset/key/"),
        title="This link no longer works",
        heading="This link no longer works",
    )
    assert "Send me a new reset link" in html


def test_confirming_the_email_shows_one_banner_not_two(client, mailoutbox):
    client.get(_signup(client).url)  # "check your email", as the person sees it
    response = client.post(_link(mailoutbox[0], "/accounts/confirm-email/"), follow=True)
    html = response.content.decode()
    assert response.context["user"].is_authenticated  # confirming also logs in
    assert html.count('class="message ') == 1
    assert "Thank you: ada@example.org is confirmed." in html


def test_logging_in_still_says_so(client, newcomer):
    newcomer.set_password(PASSPHRASE)
    newcomer.save()
    response = client.post(
        reverse("account_login"), {"login": newcomer.email, "password": PASSPHRASE}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["You are logged in."]


def test_changing_the_email_address_uses_the_sites_words(
    client, newcomer, mailoutbox, settings, monkeypatch
):
    from allauth.account.views import EmailView

    # One address per account: a change, not a list. allauth picks the template at import.
    settings.ACCOUNT_CHANGE_EMAIL = True
    monkeypatch.setattr(EmailView, "template_name", "account/email_change.html")
    client.force_login(newcomer)
    html = _page(
        client, reverse("account_email"), title="Your email address", heading="Your email address"
    )
    assert f"We send council emails to <strong>{newcomer.email}</strong>" in html
    assert ">Change my address</button>" in html
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new@example.net"}, follow=True
    )
    html = response.content.decode()
    assert "You asked to change it to <strong>new@example.net</strong>" in html
    assert ">Keep my current address</button>" in html
