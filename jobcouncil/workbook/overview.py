"""The workbook overview: each exercise's state and the one next thing to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcouncil.workbook import dues
from jobcouncil.workbook.models import (
    ACTIVE_STAGES,
    FitStatement,
    Interview,
    Opportunity,
    Share,
    TourConversation,
    TwoPager,
    TwoPagerItem,
    UpdateNote,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

NOT_STARTED, IN_PROGRESS, SHARED = "not-started", "in-progress", "shared"
STATE_LABELS = {
    NOT_STARTED: _("not started"),
    IN_PROGRESS: _("in progress"),
    SHARED: _("shared with your council"),
}


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    summary: str
    url: str
    state: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str


def _state(has_content: bool, shared: bool) -> str:
    if shared:
        return SHARED
    return IN_PROGRESS if has_content else NOT_STARTED


def exercises(user: User) -> list[Exercise]:
    """Two queries whatever the workbook holds: what exists, and what is shared."""
    owner = OuterRef("pk")
    flags = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            has_items=Exists(TwoPagerItem.objects.filter(two_pager__owner=owner)),
            has_fit=Exists(
                FitStatement.objects.filter(owner=owner).exclude(
                    role="", company_stage="", industry="", location_culture=""
                )
            ),
            has_talks=Exists(TourConversation.objects.filter(owner=owner)),
            has_notes=Exists(UpdateNote.objects.filter(owner=owner)),
        )
        .values("has_items", "has_fit", "has_talks", "has_notes")
        .get()
    )
    shared = set(
        Share.objects.filter(owner=user, ended_at__isnull=True).values_list(
            "content_type_id", flat=True
        )
    )
    types = ContentType.objects.get_for_models(TwoPager, FitStatement, UpdateNote)
    return [
        Exercise(
            "two-pager",
            str(_("Two-pager")),
            str(_("What you want, and don't want, in your next job.")),
            reverse("workbook:two-pager"),
            _state(flags["has_items"], types[TwoPager].pk in shared),
        ),
        Exercise(
            "fit",
            str(_("Candidate-market fit")),
            str(_("Three or four attributes, read as one line: role, stage, industry, place.")),
            reverse("workbook:fit"),
            _state(flags["has_fit"], types[FitStatement].pk in shared),
        ),
        Exercise(
            "tour",
            str(_("Listening tour")),
            str(_("Conversations that tell you what you are a fit for.")),
            reverse("workbook:tour"),
            _state(flags["has_talks"], False),
        ),
        Exercise(
            "updates",
            str(_("Update notes")),
            str(_("A short regular note to your network, and who got it.")),
            reverse("workbook:updates"),
            _state(flags["has_notes"], types[UpdateNote].pk in shared),
        ),
    ]


@dataclass(frozen=True)
class Due:
    tour: dues.TourDue
    next_update_note: object  # a date, or None before the first note


def due_this_week(user: User) -> Due:
    return Due(tour=dues.tour_due(user), next_update_note=dues.next_update_note_due(user))


def next_step(items: list[Exercise], *, in_council: bool) -> NextStep:
    """The suggested next step: the method's order, the first thing not yet done. Sharing
    is suggested only to someone with a council to share with."""
    by_key = {e.key: e for e in items}
    two_pager, fit, tour = by_key["two-pager"], by_key["fit"], by_key["tour"]
    if two_pager.state == NOT_STARTED:
        return NextStep(
            str(_("Start your two-pager, one question at a time.")),
            reverse("workbook:two-pager-guide"),
        )
    if tour.state == NOT_STARTED:
        return NextStep(
            str(_("Plan your first listening-tour conversation.")),
            reverse("workbook:conversation-new"),
        )
    if fit.state == NOT_STARTED:
        return NextStep(str(_("Write a first candidate-market fit line.")), fit.url)
    if in_council and two_pager.state != SHARED:
        return NextStep(
            str(_("Share your two-pager with your council for comments.")), two_pager.url
        )
    return NextStep(
        str(_("Narrow your fit line with what your conversations taught you.")), fit.url
    )


@dataclass(frozen=True)
class Search:
    """The search under way: interviews to debrief (the prompt), the next interviews, and
    how many targets are active. Three queries."""

    to_debrief: list[Interview]
    upcoming: list[Interview]
    active_targets: int


def search(user: User) -> Search:
    now = timezone.now()
    return Search(
        to_debrief=dues.interviews_awaiting_debrief(now=now, owner=user),
        upcoming=list(
            Interview.objects.filter(owner=user, starts_at__gt=now)
            .select_related("opportunity")
            .order_by("starts_at", "pk")[:5]
        ),
        active_targets=Opportunity.objects.filter(owner=user, stage__in=ACTIVE_STAGES).count(),
    )
