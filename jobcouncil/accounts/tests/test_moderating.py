"""The invitation to train as a moderator: what it involves, and "I'm interested", which
starts the training for the person signed in, and only them."""

from __future__ import annotations

from django.utils import timezone

from jobcouncil.accounts import services
from jobcouncil.accounts.models import ModeratorInvitation

URL = "/me/moderating/"


def _invite(user, reason=ModeratorInvitation.Reason.ATTENDED):
    return services.moderator_invite(user=user, reason=reason)


def test_the_page_says_what_it_involves_and_offers_one_button(seeker, as_user):
    page = as_user(seeker).get(URL).content.decode()
    assert "What it involves" in page
    assert "about fifteen minutes" in page
    assert "interested: start the training" in page


def test_an_invited_member_reads_why_they_were_invited(seeker, as_user):
    _invite(seeker)
    page = as_user(seeker).get(URL).content.decode()
    assert "You have come to three council meetings" in page


def test_im_interested_starts_the_training_and_says_so(seeker, as_user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    invitation = _invite(seeker)
    response = as_user(seeker).post(URL, follow=True)
    assert response.redirect_chain[-1][0] == "/me/moderator-training/1/"
    page = response.content.decode()
    assert "Your moderator training starts here" in page
    assert "Your role as a moderator" in page
    seeker.profile.refresh_from_db()
    assert seeker.profile.volunteers_to_moderate
    invitation.refresh_from_db()
    assert invitation.accepted_at == timezone.now()


def test_a_second_click_changes_nothing_more(seeker, as_user):
    _invite(seeker)
    client = as_user(seeker)
    client.post(URL)
    first = ModeratorInvitation.objects.get(user=seeker).accepted_at
    response = client.post(URL, follow=True)
    assert response.redirect_chain[-1][0] == "/me/moderator-training/1/"
    assert ModeratorInvitation.objects.get(user=seeker).accepted_at == first
    page = client.get(URL).content.decode()
    assert "Continue the training" in page
    assert "start the training" not in page


def test_after_the_training_the_page_says_staff_will_confirm(seeker, as_user):
    client = as_user(seeker)
    client.post(URL)
    seeker.profile.complete_moderator_training()
    page = client.get(URL).content.decode()
    assert "Our staff will confirm you soon" in page
    response = client.post(URL, follow=True)
    assert "already done the moderator training" in response.content.decode()


def test_a_stranger_cannot_accept_for_someone_else(seeker, stranger, as_user):
    invitation = _invite(seeker)
    as_user(stranger).post(URL, {"user": seeker.pk, "user_id": seeker.pk})
    invitation.refresh_from_db()
    seeker.profile.refresh_from_db()
    assert invitation.accepted_at is None
    assert not seeker.profile.volunteers_to_moderate
    stranger.profile.refresh_from_db()
    assert stranger.profile.volunteers_to_moderate  # they spoke for themselves only


def test_signed_out_people_are_sent_to_log_in(client, seeker):
    for response in (client.get(URL), client.post(URL)):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    seeker.profile.refresh_from_db()
    assert not seeker.profile.volunteers_to_moderate


def test_an_invitation_is_sent_once_per_reason_and_never_to_a_volunteer(seeker, moderator):
    assert _invite(seeker) is not None
    assert _invite(seeker) is None
    assert _invite(seeker, ModeratorInvitation.Reason.LANDED) is not None
    assert _invite(moderator) is None
    assert ModeratorInvitation.objects.filter(user=seeker).count() == 2


def test_the_figures_count_people_invited_interested_and_trained(seeker, fellow, stranger):
    _invite(seeker)
    _invite(seeker, ModeratorInvitation.Reason.LANDED)
    _invite(fellow, ModeratorInvitation.Reason.LANDED)
    _invite(stranger)
    services.moderator_interest(user=seeker)
    services.moderator_interest(user=fellow)
    fellow.profile.complete_moderator_training()
    assert services.moderator_invitation_figures() == {
        "invited": 3,
        "after_meetings": 2,
        "after_landing": 2,
        "accepted": 2,
        "trained": 1,
    }


def test_a_training_done_before_the_invitation_is_not_counted_as_its_result(seeker):
    seeker.profile.moderator_training_completed_at = timezone.now().replace(month=1)
    seeker.profile.save()
    ModeratorInvitation.objects.create(
        user=seeker, reason="attended", invited_at=timezone.now(), accepted_at=timezone.now()
    )
    assert services.moderator_invitation_figures()["accepted"] == 1
    assert services.moderator_invitation_figures()["trained"] == 0
