"""Members are invited to train as moderators after their third meeting, alumni after
landing: once each, never someone who volunteers already, with an email linking the page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobcouncil.accounts.models import ModeratorInvitation
from jobcouncil.councils import meetings
from jobcouncil.councils.models import Meeting, Membership
from jobcouncil.councils.services import membership_land
from jobcouncil.notifications.models import OutboxEmail

LANDING = {"role": "Product lead", "company": "Acme", "start_date": dt.date(2026, 12, 14)}


def _hold(meeting: Meeting, time_machine, present) -> None:
    """The meeting runs: the clock moves into it, these people come, the moderator closes it."""
    time_machine.move_to(meeting.starts_at + dt.timedelta(minutes=50), tick=False)
    meetings.attendance_set(meeting=meeting, statuses={u.pk: "present" for u in present})
    meetings.meeting_close(meeting=meeting)


def _invitations(user):
    return list(ModeratorInvitation.objects.filter(user=user).values_list("reason", flat=True))


def _emails(user):
    return OutboxEmail.objects.filter(user=user, key__startswith="moderator-invitation:")


def test_a_member_is_invited_after_their_third_meeting_not_before(
    council, seeker, fellow, moderator, time_machine
):
    upcoming = list(Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:4])
    _hold(upcoming[0], time_machine, [seeker, fellow, moderator])
    _hold(upcoming[1], time_machine, [seeker, moderator])
    assert _invitations(seeker) == []
    _hold(upcoming[2], time_machine, [seeker, moderator])
    assert _invitations(seeker) == ["attended"]
    invitation = ModeratorInvitation.objects.get(user=seeker)
    assert invitation.invited_at == upcoming[2].starts_at + dt.timedelta(minutes=50)
    (email,) = _emails(seeker)
    assert "/me/moderating/" in email.body_text
    assert "three council meetings" in email.body_text
    # Fran came once, and the moderator volunteers already: neither is invited.
    assert _invitations(fellow) == []
    assert _invitations(moderator) == []
    # A fourth meeting sends nothing more.
    _hold(upcoming[3], time_machine, [seeker, moderator])
    assert _invitations(seeker) == ["attended"]
    assert _emails(seeker).count() == 1


def test_absences_and_apologies_do_not_count(council, seeker, moderator, time_machine):
    upcoming = list(Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:3])
    for meeting in upcoming:
        _hold(meeting, time_machine, [moderator])  # Sam is marked absent each time
    assert _invitations(seeker) == []


def test_someone_who_volunteers_already_is_not_invited(council, seeker, moderator, time_machine):
    seeker.profile.volunteers_to_moderate = True
    seeker.profile.save()
    for meeting in Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:3]:
        _hold(meeting, time_machine, [seeker, moderator])
    assert _invitations(seeker) == []


def test_an_alumnus_is_invited_after_landing(council, fellow):
    membership = Membership.objects.get(council=council, user=fellow)
    membership_land(membership=membership, landing=LANDING)
    assert _invitations(fellow) == ["landed"]
    (email,) = _emails(fellow)
    assert "Congratulations on landing" in email.body_text
    assert "/me/moderating/" in email.body_text


def test_a_moderator_who_lands_is_not_invited_again(council, moderator):
    membership = Membership.objects.get(council=council, user=moderator)
    membership_land(membership=membership, landing=LANDING)
    assert _invitations(moderator) == []


def test_history_written_without_email_still_records_the_invitation(council, fellow):
    membership = Membership.objects.get(council=council, user=fellow)
    membership_land(membership=membership, landing=LANDING, invite_by_email=False)
    assert _invitations(fellow) == ["landed"]
    assert not _emails(fellow).exists()
