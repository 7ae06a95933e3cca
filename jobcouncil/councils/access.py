"""The one way views get a council or a meeting: only for its members, else 404.

Non-members get 404 rather than 403 so a council's existence is not leaked. Alumni (members
who landed) keep read access to the council page, its celebrations and the record of meetings
that started before they left; nothing said after, and nobody who joined after. Members who
left without landing see nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Council, Meeting, Membership

VISIBLE_STATUSES = [Membership.Status.ACTIVE, Membership.Status.LANDED]


@dataclass(frozen=True)
class CouncilAccess:
    council: Council
    membership: Membership

    @property
    def can_take_part(self) -> bool:
        """Active members write their own check-ins, commitments and asks."""
        return self.membership.is_active

    @property
    def can_moderate(self) -> bool:
        """Only the moderator changes the agenda, attendance or schedule."""
        return self.membership.is_moderator

    @property
    def is_acting_moderator(self) -> bool:
        """A backup who took over before staff approved them as a moderator."""
        return self.can_moderate and not self.membership.user.profile.is_approved_moderator

    @property
    def can_change_settings(self) -> bool:
        """The video link and charter: a changed link could send a council to a phishing page,
        so only a moderator staff approved may change them."""
        return self.can_moderate and not self.is_acting_moderator

    @property
    def is_alumnus(self) -> bool:
        return self.membership.status == Membership.Status.LANDED

    @property
    def reads_until(self) -> dt.datetime | None:
        """The end of what this person may read: when they left (alumni), else no end."""
        if self.membership.is_active:
            return None
        # A database constraint makes left_at present on every membership that ended.
        return self.membership.left_at or self.membership.joined_at

    def meetings(self) -> QuerySet[Meeting]:
        """The council's meetings this person may see."""
        meetings = Meeting.objects.filter(council=self.council)
        if self.reads_until is not None:
            meetings = meetings.filter(starts_at__lt=self.reads_until)
        return meetings

    def memberships(self) -> QuerySet[Membership]:
        """The members and alumni this person may see: for an alumnus, those who joined
        before they left."""
        memberships = Membership.objects.filter(council=self.council, status__in=VISIBLE_STATUSES)
        if self.reads_until is not None:
            memberships = memberships.filter(joined_at__lt=self.reads_until)
        return memberships


def get_council_for_member(user: User | AnonymousUser, council_id: int) -> CouncilAccess:
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("council", "user__profile")
        .filter(council_id=council_id, user=user, status__in=VISIBLE_STATUSES)
        .order_by("-joined_at")
        .first()
    )
    if membership is None:
        raise Http404
    return CouncilAccess(council=membership.council, membership=membership)


def get_meeting_for_member(
    user: User | AnonymousUser, council_id: int, meeting_id: int
) -> tuple[Meeting, CouncilAccess]:
    access = get_council_for_member(user, council_id)
    try:
        meeting = access.meetings().get(pk=meeting_id)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    meeting.council = access.council
    return meeting, access
