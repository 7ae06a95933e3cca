"""Leaving, landing, handing over, the backup taking over, settings and the charter."""

import datetime as dt

from jobcouncil.councils.models import Council, Landing, Membership
from jobcouncil.pool.models import PoolEntry
from jobcouncil.tests import factories

LANDING = {
    "role": "Staff engineer",
    "company": "Acme Health",
    "start_date": (dt.date.today() + dt.timedelta(days=34)).isoformat(),
    "asked_for_more_money": "on",
    "got_more_money": "on",
    "wants_alumni_group": "on",
}


def _membership(user):
    return Membership.objects.exclude(status="left").get(user=user)


def test_anonymous_and_outsiders_cannot_reach_any_council_action(
    council, outsider, as_user, client
):
    paths = ["leave/", "landed/", "handover/", "settings/"]
    for path in paths:
        assert client.get(f"/councils/{council.pk}/{path}").status_code == 302
    client = as_user(outsider)
    for path in paths:
        assert client.get(f"/councils/{council.pk}/{path}").status_code == 404
    assert client.post(f"/councils/{council.pk}/charter/").status_code == 404


def test_only_the_moderator_changes_settings_or_hands_over(council, fellow, alumnus, as_user):
    for user in (fellow, alumnus):
        client = as_user(user)
        assert client.get(f"/councils/{council.pk}/settings/").status_code == 403
        assert client.get(f"/councils/{council.pk}/handover/").status_code == 403
    assert as_user(alumnus).get(f"/councils/{council.pk}/leave/").status_code == 403


def test_a_member_leaves_with_a_reason_and_goes_back_to_the_pool(council, fellow, as_user):
    response = as_user(fellow).post(
        f"/councils/{council.pk}/leave/", {"reason": "New timezone", "back_to_pool": "on"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=fellow)
    assert (membership.status, membership.left_reason) == ("left", "New timezone")
    assert PoolEntry.objects.get(user=fellow).status == "waiting"
    assert council.meetings.count() > 0  # history stays


def test_landing_celebrates_and_makes_an_alumnus(council, fellow, as_user):
    response = as_user(fellow).post(f"/councils/{council.pk}/landed/", LANDING)
    assert response.status_code == 302
    assert _membership(fellow).status == "landed"
    landing = Landing.objects.get(user=fellow)
    assert (landing.asked_for_more_money, landing.got_more_money) == (True, True)
    assert "Acme Health" in Council.objects.get(pk=council.pk).announcement
    assert as_user(fellow).get(f"/councils/{council.pk}/").status_code == 200


def test_got_more_money_without_asking_is_questioned_kindly(council, fellow, as_user):
    response = as_user(fellow).post(
        f"/councils/{council.pk}/landed/", LANDING | {"asked_for_more_money": ""}
    )
    assert response.status_code == 200
    assert "got_more_money" in response.context["form"].errors
    assert not Landing.objects.exists()


def test_when_the_moderator_lands_the_backup_takes_over_at_once(db, as_user):
    moderator, backup = factories.make_moderator(), factories.make_moderator()
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    as_user(moderator).post(f"/councils/{council.pk}/landed/", LANDING)
    assert _membership(backup).role == "moderator"
    council.refresh_from_db()
    assert council.needs_moderator_since is None
    assert "is now your council's moderator" in council.announcement


def test_without_a_backup_staff_are_alerted(council, moderator, as_user):
    as_user(moderator).post(f"/councils/{council.pk}/leave/", {"reason": ""})
    council.refresh_from_db()
    assert council.needs_moderator_since is not None
    assert not council.memberships.filter(role="moderator", status="active").exists()


def test_the_moderator_hands_over_to_an_approved_moderator_and_stays_as_backup(
    council, moderator, fellow, seeker, as_user
):
    from django.utils import timezone

    client = as_user(moderator)
    untrained = Membership.objects.get(user=seeker)
    response = client.post(f"/councils/{council.pk}/handover/", {"to": untrained.pk})
    assert "to" in response.context["form"].errors  # only approved moderators or the backup
    fellow.profile.moderator_approved_at = timezone.now()
    fellow.profile.save()
    to = Membership.objects.get(user=fellow)
    client.post(f"/councils/{council.pk}/handover/", {"to": to.pk})
    assert _membership(fellow).role == "moderator"
    assert _membership(moderator).role == "backup"


def test_handing_over_keeps_a_single_backup(db, as_user):
    moderator, backup, approved = (factories.make_moderator() for _ in range(3))
    others = [factories.make_seeker() for _ in range(3)]
    council = factories.make_council(moderator, [backup, approved, *others], backup=backup)
    to = Membership.objects.get(user=approved)
    as_user(moderator).post(f"/councils/{council.pk}/handover/", {"to": to.pk})
    roles = sorted(council.memberships.values_list("role", flat=True))
    assert roles.count("backup") == 1 and roles.count("moderator") == 1
    assert _membership(moderator).role == "member"


def test_a_double_click_on_landed_or_leave_does_it_once(db, as_user):
    from jobcouncil.notifications.models import OutboxEmail

    moderator, backup = factories.make_moderator(), factories.make_moderator()
    staff = factories.make_user(is_staff=True)
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    client = as_user(others[0])
    client.post(f"/councils/{council.pk}/landed/", LANDING)
    client.post(f"/councils/{council.pk}/landed/", LANDING)
    assert Landing.objects.filter(user=others[0]).count() == 1
    client = as_user(moderator)
    client.post(f"/councils/{council.pk}/leave/", {"reason": ""})
    client.post(f"/councils/{council.pk}/leave/", {"reason": ""})
    council.refresh_from_db()
    assert _membership(backup).role == "moderator"
    assert council.needs_moderator_since is None
    assert not OutboxEmail.objects.filter(to=staff.email).exists()


def test_a_moderator_landing_keeps_the_celebration_and_names_the_new_moderator(db, as_user):
    moderator, backup = factories.make_moderator(), factories.make_moderator(display_name="Bea")
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    as_user(moderator).post(
        f"/councils/{council.pk}/landed/", LANDING | {"company": "C" * 120, "role": "R" * 120}
    )
    council.refresh_from_db()
    assert "landed" in council.announcement and "Congratulations" in council.announcement
    assert "Bea is now your council's moderator." in council.announcement


def test_the_moderator_replaces_the_video_link(council, moderator, as_user):
    as_user(moderator).post(
        f"/councils/{council.pk}/settings/",
        {"video_url": "https://zoom.example.org/j/123", "charter": "Be kind."},
    )
    council.refresh_from_db()
    assert (council.video_url, council.charter) == ("https://zoom.example.org/j/123", "Be kind.")


def test_members_accept_the_charter_once(council, seeker, as_user):
    client = as_user(seeker)
    assert "I accept the charter" in client.get(f"/councils/{council.pk}/").content.decode()
    client.post(f"/councils/{council.pk}/charter/")
    assert _membership(seeker).charter_accepted_at is not None
    assert "I accept the charter" not in client.get(f"/councils/{council.pk}/").content.decode()


def test_two_thin_meetings_in_a_row_flag_the_council_at_risk(council, seeker, fellow):
    from django.utils import timezone

    from jobcouncil.councils.models import Attendance
    from jobcouncil.councils.services import council_health_update

    past = list(council.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at")[:2])
    members = [m.user for m in council.memberships.filter(status="active")]
    for meeting in past:
        meeting.status = "closed"
        meeting.save()
        for user in members:
            status = "present" if user == seeker else "absent"
            Attendance.objects.create(meeting=meeting, user=user, status=status)
    assert council_health_update(council=council, now=timezone.now() - dt.timedelta(minutes=1))
    assert Council.objects.get(pk=council.pk).at_risk_since is not None


def test_a_member_volunteers_as_backup_and_is_sent_to_moderator_training(
    council, seeker, fellow, outsider, as_user
):
    assert as_user(outsider).post(f"/councils/{council.pk}/backup/").status_code == 404
    response = as_user(seeker).post(f"/councils/{council.pk}/backup/")
    assert response["Location"] == "/me/moderator-training/1/"
    assert _membership(seeker).role == "backup"
    seeker.profile.refresh_from_db()
    assert seeker.profile.volunteers_to_moderate
    as_user(fellow).post(f"/councils/{council.pk}/backup/")
    assert _membership(fellow).role == "member"  # one backup is enough


def test_meetings_nobody_closed_count_as_thin(council):
    from django.utils import timezone

    from jobcouncil.councils.services import council_health_update

    # The cast's council has three weeks of past meetings that nobody closed.
    assert council_health_update(council=council, now=timezone.now())
    council.meetings.filter(starts_at__lt=timezone.now()).update(status="cancelled")
    assert not council_health_update(council=council, now=timezone.now())


def test_the_handover_page_explains_when_nobody_can_take_over(council, moderator, as_user):
    page = as_user(moderator).get(f"/councils/{council.pk}/handover/").content.decode()
    assert "Nobody in your council can take over yet" in page


def test_a_start_date_more_than_a_year_away_is_refused_next_to_the_field(council, fellow, as_user):
    for far in ["9999-12-31", "0001-01-01", (dt.date.today() + dt.timedelta(days=400)).isoformat()]:
        response = as_user(fellow).post(
            f"/councils/{council.pk}/landed/", LANDING | {"start_date": far}
        )
        assert response.status_code == 200
        assert 'id="id_start_date_error"' in response.content.decode()
    assert not Landing.objects.exists()
    assert _membership(fellow).status == "active"


def test_the_handover_page_offers_the_backup_when_there_is_one(db, as_user):
    moderator = factories.make_moderator()
    backup = factories.make_seeker(display_name="Bea Backup")
    others = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, [backup, *others], backup=backup)
    page = as_user(moderator).get(f"/councils/{council.pk}/handover/").content.decode()
    assert "Nobody in your council can take over yet" not in page
    assert "Bea Backup" in page


def _open_commitment(council, user, text="Send my two-pager"):
    from jobcouncil.councils.models import Commitment

    made_at = council.meetings.order_by("starts_at").first()
    return Commitment.objects.create(
        council=council, user=user, made_at=made_at, text=text, due_at=made_at.starts_at
    )


def test_leaving_or_landing_closes_open_commitments_as_left_the_council(
    council, seeker, fellow, moderator, as_user
):
    from jobcouncil.councils import meetings
    from jobcouncil.councils.models import Commitment

    left, landed, stays = (_open_commitment(council, u) for u in (fellow, seeker, moderator))
    done = _open_commitment(council, fellow, "Already done")
    Commitment.objects.filter(pk=done.pk).update(status="done")
    as_user(fellow).post(f"/councils/{council.pk}/leave/", {"reason": "Moving on"})
    as_user(seeker).post(f"/councils/{council.pk}/landed/", LANDING)
    statuses = dict(Commitment.objects.values_list("pk", "status"))
    assert statuses[left.pk] == "left" and statuses[landed.pk] == "left"
    assert statuses[stays.pk] == "open" and statuses[done.pk] == "done"
    assert Commitment.objects.get(pk=left.pk).get_status_display() == "Left the council"
    later = council.meetings.order_by("-starts_at").first()
    assert list(meetings.commitments_to_review(later)) == [stays]
