"""Leaving the programme really deletes the person's data."""

from allauth.account.models import EmailAddress

from jobcouncil.accounts.models import Profile, User
from jobcouncil.pool.models import PoolEntry
from jobcouncil.tests.factories import PASSWORD


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/me/delete/").status_code == 302


def test_it_asks_first_and_a_wrong_password_deletes_nothing(seeker, as_user):
    client = as_user(seeker)
    assert "cannot be undone" in client.get("/me/delete/").content.decode()
    response = client.post("/me/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "Nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=seeker.pk).exists()


def test_it_deletes_the_account_profile_pool_entry_and_emails(seeker, stranger, as_user):
    client = as_user(seeker)
    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=seeker.pk).exists()
    assert not Profile.objects.filter(user_id=seeker.pk).exists()
    assert not PoolEntry.objects.filter(user_id=seeker.pk).exists()
    assert not EmailAddress.objects.filter(email="seeker@example.org").exists()
    assert User.objects.filter(pk=stranger.pk).exists()
    assert client.get("/me/profile/").status_code == 302  # logged out


def test_a_moderator_who_deletes_their_account_hands_the_council_to_the_backup(db, as_user):
    from jobcouncil.councils.models import Council, Membership
    from jobcouncil.tests import factories

    moderator, backup = factories.make_moderator(), factories.make_moderator()
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    as_user(moderator).post("/me/delete/", {"password": PASSWORD})
    assert Membership.objects.get(user=backup).role == "moderator"
    assert Council.objects.get(pk=council.pk).meetings.exists()
