"""What the workbook adds to the council page: the drafts members shared, with fit lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType

from jobcouncil.councils import page_parts
from jobcouncil.pool.views import workbook_next_step
from jobcouncil.workbook import offer, overview
from jobcouncil.workbook.access import open_shares_in_council
from jobcouncil.workbook.models import Debrief, FitStatement, Share, TwoPager, UpdateNote

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User
    from jobcouncil.councils.access import CouncilAccess


def _rows(access: CouncilAccess) -> list[dict]:
    """The drafts this viewer may read in the council, with the fit lines they carry."""
    shares = open_shares_in_council(access.council.pk, access.membership.user_id)
    if access.reads_until is not None:  # an alumnus: what the owner let alumni read
        shares = [s for s in shares if s.alumni_may_read and s.shared_at < access.reads_until]
    types = ContentType.objects.get_for_models(TwoPager, FitStatement, UpdateNote, Debrief)
    # One query whatever was shared: the fit statements among the council's open shares.
    fits = {
        f.pk: f
        for f in FitStatement.objects.filter(
            pk__in=Share.objects.filter(
                council_id=access.council.pk,
                ended_at__isnull=True,
                content_type_id=types[FitStatement].pk,
            ).values("object_id")
        )
    }
    rows = [
        {
            "share": s,
            "name": s.owner.profile.display_name,
            "is_two_pager": s.content_type_id == types[TwoPager].pk,
            "is_note": s.content_type_id == types[UpdateNote].pk,
            "is_debrief": s.content_type_id == types[Debrief].pk,
            "fit_line": fits[s.object_id].one_liner if s.object_id in fits else "",
        }
        for s in shares
        if s.content_type_id != types[FitStatement].pk or s.object_id in fits
    ]
    return rows


def shared_drafts(access: CouncilAccess) -> list[page_parts.Part]:
    part = {"template": "workbook/_council_part.html", "rows": _rows(access), "access": access}
    if access.can_take_part:
        part["next_step"] = overview.next_step(
            overview.exercises(access.membership.user), in_council=True
        )
    return [part]


# The exercises of the council's path that review a workbook draft (councils/exercises.py).
EXERCISE_DRAFTS = {"two-pager": "two-pager", "market-fit": "fit"}


def exercise_drafts(access: CouncilAccess, exercise_key: str) -> list[page_parts.Part]:
    """Under "Two-pager review" the shared two-pagers; under "Candidate-market fit" the fit
    lines; nothing (and no query) for the other exercises."""
    kind = EXERCISE_DRAFTS.get(exercise_key)
    if kind is None:
        return []
    rows = [
        r for r in _rows(access) if (r["is_two_pager"] if kind == "two-pager" else r["fit_line"])
    ]
    return [
        {"template": "workbook/_exercise_part.html", "rows": rows, "kind": kind, "access": access}
    ]


def register() -> None:
    page_parts.council_page_parts.register(shared_drafts)
    page_parts.exercise_parts.register(exercise_drafts)
    workbook_next_step.register(_next_step)
    page_parts.landing_initial.register(offer.landing_initial)


def _next_step(user: User) -> tuple[str, str] | None:
    # Asked by the pool page, which is for people without a council.
    step = overview.next_step(overview.exercises(user), in_council=False)
    return step.text, step.url
