"""The pre-registration takeover through an unconfirmed second address cannot happen.

Account A adds address V (not yet registered); V's owner signs up with V, resets the password
for V, then clicks A's add-address mail. V's owner must end up in their own account, and A's
account must neither gain V nor change hands."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.test import Client

from jobcouncil.accounts.models import User
from jobcouncil.tests import factories

V = "victim@example.org"
NEW_PASSWORD = "victims-own-pass-2026"


def _link(mail, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(path)}\S*)", mail.body).group(1)


def _a_adds_v(mailoutbox) -> tuple[User, str]:
    a = factories.make_user("a@example.org")
    client = Client()
    client.force_login(a)
    client.post("/accounts/email/", {"action_add": "", "email": V})
    assert EmailAddress.objects.filter(user=a, email=V, verified=False).exists()
    (mail,) = [m for m in mailoutbox if m.to == [V]]
    return a, _link(mail, "/accounts/confirm-email/")


def _reset(client, mailoutbox) -> None:
    before = len(mailoutbox)
    client.post("/accounts/password/reset/", {"email": V})
    (mail,) = mailoutbox[before:]
    assert mail.to == [V]
    path = _link(mail, "/accounts/password/reset/key/")
    set_password = client.get(path)["Location"]
    client.post(set_password, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_the_whole_chain_leaves_a_account_alone_and_gives_v_its_own(db, mailoutbox):
    a, a_confirmation = _a_adds_v(mailoutbox)
    victim = Client()
    victim.post(
        "/accounts/signup/", {"email": V, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    own = User.objects.get(email=V)  # the sign-up made an account
    assert own != a
    assert not EmailAddress.objects.filter(user=a, email=V).exists()  # A's claim is gone
    _reset(victim, mailoutbox)
    victim.get(a_confirmation)
    victim.post(a_confirmation)
    a.refresh_from_db()
    assert a.email == "a@example.org" and a.check_password(factories.PASSWORD)
    assert not EmailAddress.objects.filter(user=a, email=V).exists()
    # The new password opens V's own account, and A's not at all.
    assert authenticate(None, username=V, password=NEW_PASSWORD) == own
    assert authenticate(None, username="a@example.org", password=NEW_PASSWORD) is None
    victim.post("/accounts/login/", {"login": "a@example.org", "password": NEW_PASSWORD})
    assert victim.session.get("_auth_user_id") != str(a.pk)
    assert [e.user for e in EmailAddress.objects.filter(email=V)] == [own]


def test_a_reset_for_an_address_only_added_by_another_account_opens_nothing(db, mailoutbox):
    a, _confirmation = _a_adds_v(mailoutbox)
    before = len(mailoutbox)
    Client().post("/accounts/password/reset/", {"email": V})
    sent = mailoutbox[before:]
    assert [m.to for m in sent] == [[V]]  # the "no account with this address" mail
    assert "/accounts/password/reset/key/" not in sent[0].body
    a.refresh_from_db()
    assert a.check_password(factories.PASSWORD)


def test_a_reset_still_reaches_a_confirmed_address(db, mailoutbox):
    person = factories.make_user(V)
    client = Client()
    _reset(client, mailoutbox)
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
