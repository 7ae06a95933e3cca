"""Leaving the programme really deletes the person's data."""

from allauth.account.models import EmailAddress

from jobcouncil.accounts.models import Profile, User
from jobcouncil.pool.models import PoolEntry
from jobcouncil.tests.factories import PASSWORD
from jobcouncil.tests.traces import text_values


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


def test_after_deletion_no_text_column_of_any_table_names_the_person(db, as_user, client):
    from django.apps import apps
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from jobcouncil.councils import services
    from jobcouncil.councils.models import Ask, Membership
    from jobcouncil.tests import factories

    zed = factories.make_seeker("zed.deleteme@example.org", display_name="Zed Deleteme")
    moderator = factories.make_moderator()
    fellow = factories.make_seeker()
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [zed, fellow, *others], backup=zed)
    staff_user = factories.make_user(is_staff=True)
    # The moderator leaves: Zed takes over, the council is told and mailed his name.
    services.membership_leave(
        membership=Membership.objects.get(user=moderator), reason="", back_to_pool=False
    )
    # A fellow thanks him by name in an ask; staff edit his profile in the admin.
    Ask.objects.create(
        meeting=council.meetings.first(),
        user=fellow,
        text="Thanks Zed Deleteme (zed.deleteme@example.org) for the intro!",
    )
    LogEntry.objects.log_actions(
        user_id=staff_user.pk,
        queryset=[zed.profile],
        action_flag=CHANGE,
        change_message="Checked Zed Deleteme",
    )
    assert ContentType.objects.exists()
    # Then he lands, which the council celebrates by name.
    as_user(zed).post(
        f"/councils/{council.pk}/landed/",
        {"role": "deleteme-role", "company": "deleteme-company", "start_date": "2027-01-04"},
    )
    texts = [v for model in apps.get_models() for v in text_values(model)]
    assert any("Zed Deleteme" in v for v in texts)  # the setup really wrote his name around

    response = as_user(zed).post("/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302

    for model in apps.get_models():
        for value in text_values(model):
            lowered = value.lower()
            for trace in ("zed deleteme", "zed.deleteme@example.org", "deleteme-company"):
                assert trace not in lowered, (model.__name__, value)


def test_anonymising_replaces_whole_words_only_and_keeps_other_peoples_names(council, fellow):
    from jobcouncil.accounts.services import traces_anonymise
    from jobcouncil.councils.models import Ask

    ask = Ask.objects.create(
        meeting=council.meetings.first(), user=fellow, text="Sam Seeker knows someone at Samsung"
    )
    assert traces_anonymise(traces=["Sam Seeker", "Sam"], replacement="someone") >= 1
    assert Ask.objects.get(pk=ask.pk).text == "someone knows someone at Samsung"
    assert Profile.objects.get(user__email="seeker@example.org").display_name == "Sam Seeker"
