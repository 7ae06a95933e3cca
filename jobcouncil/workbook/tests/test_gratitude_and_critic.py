"""The gratitude house (people who helped, and how) and the inner critic (a name, what it
says, what is true instead): the seeker's alone, hostile text inert, removal asks first."""

from __future__ import annotations

from jobcouncil.workbook.models import GratitudeEntry, InnerCritic


def test_the_gratitude_house_holds_who_helped_and_how(seeker, as_user):
    client = as_user(seeker)
    assert "Nobody here yet." in client.get("/workbook/gratitude/").content.decode()
    response = client.post(
        "/workbook/gratitude/", {"name": "Priya Raman", "how": "Introduced me to Northwind"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert "Added to your gratitude house." in page
    assert "Priya Raman" in page and "Introduced me to Northwind" in page
    missing = client.post("/workbook/gratitude/", {"name": "", "how": ""})
    assert 'id="id_name_error"' in missing.content.decode()
    assert GratitudeEntry.objects.count() == 1


def test_removing_someone_asks_first_and_only_the_owner_can(seeker, stranger, as_user):
    as_user(seeker).post("/workbook/gratitude/", {"name": "Bo", "how": "Listened"})
    entry = GratitudeEntry.objects.get()
    url = f"/workbook/gratitude/{entry.pk}/delete/"
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(stranger).post(url).status_code == 404
    assert "Bo" not in as_user(stranger).get("/workbook/gratitude/").content.decode()
    assert "Remove Bo from your gratitude house?" in as_user(seeker).get(url).content.decode()
    assert GratitudeEntry.objects.exists()
    as_user(seeker).post(url)
    assert not GratitudeEntry.objects.exists()


def test_the_inner_critic_is_named_and_answered(seeker, stranger, as_user):
    client = as_user(seeker)
    response = client.post(
        "/workbook/inner-critic/",
        {"name": "Rumpel", "says": "You are too old", "true_instead": "My experience fits"},
        follow=True,
    )
    assert "Saved. It is yours alone." in response.content.decode()
    critic = InnerCritic.objects.get()
    assert (critic.owner, critic.name, critic.true_instead) == (
        seeker,
        "Rumpel",
        "My experience fits",
    )
    assert "Rumpel" not in as_user(stranger).get("/workbook/inner-critic/").content.decode()
