"""A backup who is not an approved moderator takes over as acting moderator: the council keeps
meeting, staff are alerted, and the video link and charter stay locked until approval."""

from django.utils import timezone

from jobcouncil.councils.models import Council, Membership
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.tests import factories
from jobcouncil.tests.factories import PASSWORD

NEW_SETTINGS = {"video_url": "https://phish.example.org/meet", "charter": "Send me your ID."}


def _council_with_unapproved_backup(as_user):
    moderator = factories.make_moderator()
    volunteer = factories.make_seeker(display_name="Vic Volunteer")  # never volunteered, untrained
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [volunteer, *others])
    as_user(volunteer).post(f"/councils/{council.pk}/backup/")
    assert Membership.objects.get(user=volunteer).role == "backup"
    return council, moderator, volunteer


def test_an_unapproved_backup_takes_over_but_cannot_change_the_video_link(staff, as_user):
    council, moderator, volunteer = _council_with_unapproved_backup(as_user)
    video_url, charter = council.video_url, council.charter
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})

    assert Membership.objects.get(user=volunteer, status="active").role == "moderator"
    client = as_user(volunteer)
    assert client.get(f"/councils/{council.pk}/settings/").status_code == 403
    assert client.post(f"/councils/{council.pk}/settings/", NEW_SETTINGS).status_code == 403
    council.refresh_from_db()
    assert (council.video_url, council.charter) == (video_url, charter)
    page = client.get(f"/councils/{council.pk}/").content.decode()
    assert "Change the video link or charter" not in page
    assert "acting moderator" in page
    assert "Vic Volunteer is now your council's acting moderator" in council.announcement
    alert = OutboxEmail.objects.get(to=staff.email)
    assert "Vic Volunteer" in alert.body_text and "not yet approved" in alert.body_text


def test_the_acting_moderator_still_runs_meetings(staff, as_user):
    council, moderator, volunteer = _council_with_unapproved_backup(as_user)
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    meeting = council.meetings.filter(starts_at__gte=timezone.now()).first()
    response = as_user(volunteer).get(f"/councils/{council.pk}/meetings/{meeting.pk}/cancel/")
    assert response.status_code == 200


def test_once_staff_approve_them_they_can_change_the_settings(staff, as_user):
    council, moderator, volunteer = _council_with_unapproved_backup(as_user)
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    profile = volunteer.profile
    profile.moderator_training_completed_at = profile.moderator_approved_at = timezone.now()
    profile.save()
    as_user(volunteer).post(f"/councils/{council.pk}/settings/", NEW_SETTINGS)
    assert Council.objects.get(pk=council.pk).video_url == NEW_SETTINGS["video_url"]


def test_an_approved_backup_takes_over_fully_and_staff_are_not_bothered(staff, as_user):
    moderator, backup = factories.make_moderator(), factories.make_moderator(display_name="Bea")
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    as_user(moderator).post("/me/delete/", {"password": PASSWORD})
    assert as_user(backup).get(f"/councils/{council.pk}/settings/").status_code == 200
    assert "Bea is now your council's moderator." in Council.objects.get(pk=council.pk).announcement
    assert not OutboxEmail.objects.filter(to=staff.email).exists()


def test_handing_over_to_an_unapproved_backup_also_makes_an_acting_moderator(staff, as_user):
    council, moderator, volunteer = _council_with_unapproved_backup(as_user)
    backup = Membership.objects.get(user=volunteer)
    as_user(moderator).post(f"/councils/{council.pk}/handover/", {"to": backup.pk})
    assert Membership.objects.get(user=volunteer).role == "moderator"
    assert as_user(volunteer).get(f"/councils/{council.pk}/settings/").status_code == 403
    assert OutboxEmail.objects.filter(to=staff.email).exists()
