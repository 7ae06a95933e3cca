"""Orientation pages and the explicit commitment that ends them."""

from django.utils import timezone

from jobcouncil.accounts.models import Profile
from jobcouncil.tests import factories

ALL_NORMS = {
    "confidentiality": "on",
    "show_up": "on",
    "ask_for_help": "on",
    "give_help": "on",
    "commitments": "on",
}


def _fresh(as_user, **profile):
    user = factories.make_user()
    profile.setdefault("orientation_completed_at", None)
    factories.make_profile(user, **profile)
    return user, as_user(user)


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/me/orientation/1/").status_code == 302


def test_the_pages_lead_one_to_the_next(db, as_user):
    _user, client = _fresh(as_user)
    for step in (1, 2, 3):
        assert client.get(f"/me/orientation/{step}/").status_code == 200
        assert client.post(f"/me/orientation/{step}/")["Location"] == f"/me/orientation/{step + 1}/"
    assert client.get("/me/orientation/5/").status_code == 404


def test_every_norm_must_be_agreed_to(db, as_user):
    user, client = _fresh(as_user)
    response = client.post("/me/orientation/4/", ALL_NORMS | {"confidentiality": ""})
    assert response.status_code == 200
    assert "confidentiality" in response.context["form"].errors
    assert Profile.objects.get(user=user).orientation_completed_at is None


def test_committing_completes_orientation_and_leads_to_the_pool(db, as_user):
    user, client = _fresh(as_user)
    response = client.post("/me/orientation/4/", ALL_NORMS)
    assert response["Location"] == "/pool/join/"
    assert Profile.objects.get(user=user).orientation_completed_at is not None


def test_volunteers_are_sent_to_moderator_training_next(db, as_user):
    user, client = _fresh(as_user, volunteers_to_moderate=True)
    response = client.post("/me/orientation/4/", ALL_NORMS)
    assert response["Location"] == "/me/moderator-training/1/"


def test_moderator_training_ends_with_an_acknowledgement(db, as_user):
    user, client = _fresh(
        as_user, volunteers_to_moderate=True, orientation_completed_at=timezone.now()
    )
    assert client.post("/me/moderator-training/3/", {}).status_code == 200
    response = client.post("/me/moderator-training/3/", {"acknowledge": "on"})
    assert response["Location"] == "/pool/join/"
    profile = Profile.objects.get(user=user)
    assert profile.moderator_training_completed_at is not None
    assert profile.moderator_approved_at is None  # staff approve later


def test_people_who_did_not_volunteer_cannot_open_moderator_training(seeker, as_user):
    assert as_user(seeker).get("/me/moderator-training/1/").status_code == 404
