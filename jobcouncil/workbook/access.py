"""The one place that decides who may see a workbook item.

An item is its owner's alone (anyone else gets 404, staff included) unless it is shared. A
share is readable by the active members of its council while the owner is an active member
too, so leaving or landing ends it. An alumnus of that council reads it only if they were a
member when it was shared and the owner allowed alumni to read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q
from django.http import Http404

from jobcouncil.councils.models import Membership
from jobcouncil.workbook.models import (
    AlumniGroup,
    AlumniQuestion,
    Comment,
    Share,
    TwoPagerItem,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

M = TypeVar("M", bound=Model)

# How each model reaches its owner; every other workbook model has an `owner` field.
_OWNER_PATH: dict[type[Model], str] = {TwoPagerItem: "two_pager__owner"}


def get_item_for_owner(user: User, model: type[M], pk: int) -> M:
    if not user.is_authenticated:
        raise Http404
    lookup = {"pk": pk, _OWNER_PATH.get(model, "owner"): user}
    item = model._default_manager.filter(**lookup).first()
    if item is None:
        raise Http404
    return item


@dataclass(frozen=True)
class SharedItem:
    share: Share
    is_owner: bool
    can_comment: bool


def _readers(share: Share) -> dict[int, Membership]:
    return {
        m.user_id: m
        for m in Membership.objects.filter(
            council_id=share.council_id,
            status__in=[Membership.Status.ACTIVE, Membership.Status.LANDED],
        )
    }


def get_shared_item_for_member(user: User, share_id: int) -> SharedItem:
    if not user.is_authenticated:
        raise Http404
    share = (
        Share.objects.select_related("owner__profile", "council", "content_type")
        .filter(pk=share_id, ended_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404
    memberships = _readers(share)
    owner = memberships.get(share.owner_id)
    if owner is None or owner.status != Membership.Status.ACTIVE:
        raise Http404  # the owner left or landed: the sharing ended with it
    if user.pk == share.owner_id:
        return SharedItem(share=share, is_owner=True, can_comment=True)
    if share.member_id is not None and share.member_id != user.pk:
        raise Http404  # shared with one member of the council alone
    mine = memberships.get(user.pk)
    if mine is None:
        raise Http404
    if mine.status == Membership.Status.ACTIVE:
        return SharedItem(share=share, is_owner=False, can_comment=True)
    if share.alumni_may_read and mine.left_at and mine.left_at > share.shared_at:
        return SharedItem(share=share, is_owner=False, can_comment=False)
    raise Http404


def get_comment_for_owner(user: User, comment_id: int) -> Comment:
    """Only the owner of what was shared marks its comments addressed."""
    comment = (
        Comment.objects.select_related("share").filter(pk=comment_id, share__owner=user).first()
        if user.is_authenticated
        else None
    )
    if comment is None:
        raise Http404
    return comment


def open_shares_in_council(council_id: int, viewer_id: int | None = None) -> list[Share]:
    """What active members shared with this council, for its page (the owner still active):
    shared with the whole council, or with the viewer alone."""
    active = Membership.objects.filter(council_id=council_id, status=Membership.Status.ACTIVE)
    return list(
        Share.objects.filter(
            Q(member__isnull=True) | Q(member_id=viewer_id) | Q(owner_id=viewer_id),
            council_id=council_id,
            ended_at__isnull=True,
            owner_id__in=active.values("user_id"),
        )
        .select_related("owner__profile", "content_type")
        .order_by("-shared_at")
    )


def get_alumni_group_for_member(user: User, group_id: int) -> AlumniGroup:
    """A first-90-days group is read by its members alone: anyone else, staff too, gets 404."""
    group = (
        AlumniGroup.objects.filter(pk=group_id, members__user=user).first()
        if user.is_authenticated
        else None
    )
    if group is None:
        raise Http404
    return group


def get_alumni_question_for_member(user: User, question_id: int) -> AlumniQuestion:
    question = (
        AlumniQuestion.objects.select_related("group", "author__profile")
        .filter(pk=question_id, group__members__user=user)
        .first()
        if user.is_authenticated
        else None
    )
    if question is None:
        raise Http404
    return question
