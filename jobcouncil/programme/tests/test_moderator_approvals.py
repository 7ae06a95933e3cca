"""The moderator approval pages: staff read what a volunteer wrote, approve or decline with a
note, and the volunteer is emailed; the admin action uses the same service."""

from __future__ import annotations

from django.contrib.messages import get_messages

from jobcouncil.accounts.models import Profile
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.pool.models import PoolEntry
from jobcouncil.tests import factories


def _volunteer(**profile) -> Profile:
    profile.setdefault("moderator_approved_at", None)
    return factories.make_moderator(**profile).profile


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_strangers_and_members_get_404_and_visitors_log_in(seeker, moderator, client, as_user):
    profile = _volunteer()
    paths = [
        "/programme/moderators/",
        f"/programme/moderators/{profile.pk}/",
        f"/programme/moderators/{profile.pk}/decline/",
    ]
    for path in paths:
        assert client.get(path)["Location"].startswith("/accounts/login/")
    for user in (seeker, moderator):
        client = as_user(user)
        for path in paths:
            assert client.get(path).status_code == 404
            assert client.post(path, {"note": "x"}).status_code == 404
    profile.refresh_from_db()
    assert profile.moderator_approved_at is None and profile.moderator_declined_at is None


def test_the_list_shows_who_waits_with_what_tells_them_apart(staff, as_user, moderator):
    waiting = _volunteer(display_name="Maya S.", timezone="Europe/Berlin")
    twin = _volunteer(display_name="Maya S.", timezone="Asia/Tokyo", function="design")
    _volunteer(display_name="Not Trained", moderator_training_completed_at=None)
    page = as_user(staff).get("/programme/moderators/").content.decode()
    assert f"Maya S. · Europe/Berlin · Product management · #{waiting.user_id:x}" in page
    assert f"Maya S. · Asia/Tokyo · Design · #{twin.user_id:x}" in page
    assert "Not Trained" not in page
    assert moderator.profile.display_name not in page  # already approved
    assert "2 volunteers are waiting." in page


def test_the_list_is_paginated(staff, as_user):
    for _ in range(21):
        _volunteer()
    client = as_user(staff)
    first = client.get("/programme/moderators/").content.decode()
    assert first.count('href="/programme/moderators/') == 20 + 1  # 20 people + the nav link
    assert "Page 1 of 2" in first
    second = client.get("/programme/moderators/?page=2").content.decode()
    assert second.count('href="/programme/moderators/') == 1 + 1


def test_the_review_page_shows_what_they_wrote(staff, as_user):
    profile = _volunteer(
        display_name="Vera V.", location="Lisbon", linkedin_url="https://www.linkedin.com/in/vera"
    )
    PoolEntry.objects.filter(user=profile.user).update(note="Happy to moderate in Portuguese")
    page = as_user(staff).get(f"/programme/moderators/{profile.pk}/").content.decode()
    assert "Vera V. volunteers to moderate" in page
    assert "Lisbon" in page and "https://www.linkedin.com/in/vera" in page
    assert "Happy to moderate in Portuguese" in page
    assert "I have read the moderator guide." in page  # the acknowledgement they ticked


def test_staff_approve_with_a_note_and_the_volunteer_is_emailed(staff, as_user):
    profile = _volunteer(display_name="Vera V.")
    response = as_user(staff).post(
        f"/programme/moderators/{profile.pk}/", {"note": "Thank you, Vera!"}
    )
    assert response["Location"] == "/programme/moderators/"
    assert _messages(response) == [
        f"{profile.staff_label} is approved as a moderator; we emailed them."
    ]
    profile.refresh_from_db()
    assert profile.is_approved_moderator and profile.moderator_approved_by == staff
    assert "Thank you, Vera!" in OutboxEmail.objects.get(user=profile.user).body_text


def test_declining_asks_for_a_note_shown_next_to_the_field(staff, as_user):
    profile = _volunteer()
    client = as_user(staff)
    page = client.get(f"/programme/moderators/{profile.pk}/decline/").content.decode()
    assert "as a moderator?" in page
    response = client.post(f"/programme/moderators/{profile.pk}/decline/", {"note": " "})
    assert response.status_code == 200
    assert 'id="id_note_error"' in response.content.decode()
    assert "Please tell the volunteer why." in response.content.decode()
    profile.refresh_from_db()
    assert profile.moderator_declined_at is None and not OutboxEmail.objects.exists()


def test_staff_decline_with_a_note_and_the_volunteer_is_emailed(staff, as_user):
    profile = _volunteer()
    response = as_user(staff).post(
        f"/programme/moderators/{profile.pk}/decline/", {"note": "We have enough for now."}
    )
    assert response["Location"] == "/programme/moderators/"
    assert "we emailed them your note" in _messages(response)[0]
    profile.refresh_from_db()
    assert profile.is_declined_moderator
    assert "We have enough for now." in OutboxEmail.objects.get(user=profile.user).body_text


def test_a_decided_volunteer_sends_staff_back_to_the_list_with_a_word(staff, as_user, moderator):
    client = as_user(staff)
    response = client.post(f"/programme/moderators/{moderator.profile.pk}/", {"note": ""})
    assert response["Location"] == "/programme/moderators/"
    assert _messages(response) == [
        f"{moderator.profile.staff_label} is already approved as a moderator."
    ]
    assert not OutboxEmail.objects.exists()


def test_the_dashboard_counts_and_links_the_volunteers_waiting(staff, as_user):
    _volunteer()
    declined = _volunteer()
    declined.moderator_declined_at = declined.moderator_training_completed_at
    declined.save()
    page = as_user(staff).get("/programme/").content.decode()
    assert '<a href="/programme/moderators/">1 moderator to approve</a>' in page


def test_the_admin_action_uses_the_service_and_counts_right(staff, client):
    staff.is_superuser = True
    staff.save()
    ready = _volunteer()
    untrained = _volunteer(moderator_training_completed_at=None)
    seeker = factories.make_seeker()
    client.force_login(staff)
    response = client.post(
        "/admin/accounts/profile/",
        {
            "action": "approve_moderators",
            "_selected_action": [ready.pk, untrained.pk, seeker.profile.pk],
        },
        follow=True,
    )
    assert _messages(response) == [
        "Approved 1 moderator.",
        "2 skipped: not volunteering, training not finished, or already decided.",
    ]
    ready.refresh_from_db()
    assert ready.moderator_approved_by == staff
    assert OutboxEmail.objects.get().user == ready.user


def test_the_admin_action_says_moderators_in_the_plural(staff, client):
    staff.is_superuser = True
    staff.save()
    people = [_volunteer(), _volunteer()]
    client.force_login(staff)
    response = client.post(
        "/admin/accounts/profile/",
        {"action": "approve_moderators", "_selected_action": [p.pk for p in people]},
        follow=True,
    )
    assert _messages(response) == ["Approved 2 moderators."]
