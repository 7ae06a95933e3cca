"""Moderator supply: members are invited to train as moderators after their third council
meeting, alumni after they land (once each, and never someone who already volunteers).

Every council needs its own volunteer moderator, so the programme can place at most about
seven or eight people per volunteer (`bench/programme.py` measures the ceiling); the
invitation page and its "I'm interested" are the accounts app's (`accounts:moderating`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from jobcouncil.accounts.models import ModeratorInvitation, User
from jobcouncil.accounts.services import moderator_invite
from jobcouncil.councils.models import Attendance, Meeting

INVITE_AFTER_MEETINGS = 3


def moderator_invitations_after_meeting(*, meeting: Meeting, now: dt.datetime) -> int:
    """Invite the people who came to this (just closed) meeting and have now come to at least
    three, unless they volunteer already or were invited; one query when nobody is due."""
    came = Attendance.objects.filter(meeting=meeting, status__in=Attendance.CAME).values("user_id")
    due = (
        Attendance.objects.filter(
            user_id__in=came, status__in=Attendance.CAME, meeting__status=Meeting.Status.CLOSED
        )
        .exclude(user__profile__volunteers_to_moderate=True)
        .exclude(user__moderator_invitations__reason=ModeratorInvitation.Reason.ATTENDED)
        .values("user_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=INVITE_AFTER_MEETINGS)
        .values_list("user_id", flat=True)
    )
    invited = 0
    for user in User.objects.filter(pk__in=list(due)).order_by("pk"):
        if moderator_invite(user=user, reason=ModeratorInvitation.Reason.ATTENDED, now=now):
            invited += 1
    return invited


def moderator_invitation_after_landing(*, user: User, now: dt.datetime, email: bool = True) -> bool:
    """An alumnus who just landed is invited, unless they volunteer already."""
    invitation = moderator_invite(
        user=user, reason=ModeratorInvitation.Reason.LANDED, now=now, email=email
    )
    return invitation is not None
