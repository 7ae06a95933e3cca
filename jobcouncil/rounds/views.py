"""Staff pages for matching rounds: start, watch progress, preview, confirm or discard."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.models import User
from jobcouncil.councils.services import local_meeting_times
from jobcouncil.lib.access import staff_required
from jobcouncil.lib.dates import WEEKDAYS
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import (
    RoundConflict,
    person_id,
    person_user_id,
    round_confirm,
    round_discard,
    round_is_stuck,
)
from jobcouncil.rounds.start import round_start


class StartRoundForm(forms.Form):
    seeker_types = forms.MultipleChoiceField(
        label=gettext_lazy("Which pool?"),
        choices=[("fast", gettext_lazy("Fast seekers")), ("slow", gettext_lazy("Slow seekers"))],
        widget=forms.CheckboxSelectMultiple,
        initial=["fast", "slow"],
    )


@staff_required
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StartRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asked_at = timezone.now()
        matching_round = round_start(
            started_by=request.user, seeker_types=form.cleaned_data["seeker_types"]
        )
        if matching_round.created_at < asked_at:
            messages.info(
                request, _("A round was already running, so no new one was started. Here it is.")
            )
        return redirect("rounds:round-detail", round_id=matching_round.pk)
    # Each result can be megabytes of JSON; the list shows only the small stats.
    rounds = MatchingRound.objects.defer("result").select_related("started_by")
    page = Paginator(rounds, 20).get_page(request.GET.get("page"))
    return render(request, "rounds/round_list.html", {"form": form, "page": page})


UNPLACED_SHOWN = 100
COUNCILS_PER_PAGE = 20


def _preview(matching_round: MatchingRound, page_number: str | None) -> dict:
    result = matching_round.result or {}
    # A round over a big pool proposes hundreds of councils: they are shown COUNCILS_PER_PAGE
    # at a time, and only the people on the page are loaded.
    council_page = Paginator(result.get("councils", []), COUNCILS_PER_PAGE).get_page(page_number)
    ids = {p for c in council_page.object_list for p in c["members"]}
    ids |= {p for r in result.get("refilled", []) for p in r["added"]}
    # A big round leaves thousands unplaced: the page names the first few and counts the
    # reasons of all, so its people are loaded for a page, not for the whole pool.
    all_unplaced = result.get("unplaced", [])
    shown_unplaced = all_unplaced[:UNPLACED_SHOWN]
    ids |= {u["id"] for u in shown_unplaced}
    users = User.objects.select_related("profile").in_bulk([person_user_id(p) for p in ids])
    person = {person_id(pk): user for pk, user in users.items()}
    reference = dt.date.fromisoformat(result.get("reference_date", "2026-01-05"))
    councils = []
    for proposal in council_page.object_list:
        moderator = person.get(proposal["moderator"])
        tzname = moderator.profile.timezone if moderator else "UTC"
        times = [
            f"{WEEKDAYS[t['weekday']]} {t['time']}"
            for t in local_meeting_times(proposal["slots"], tzname, reference)
        ]
        councils.append(
            {
                "proposal": proposal,
                "moderator": moderator,
                "members": [person[p] for p in proposal["members"] if p in person],
                "times": times,
                "timezone": tzname,
            }
        )
    unplaced = [(person.get(u["id"]), u["reason"]) for u in shown_unplaced]
    return {
        "councils": councils,
        "council_page": council_page,
        "unplaced": unplaced,
        "unplaced_count": len(all_unplaced),
        "unplaced_more": len(all_unplaced) - len(shown_unplaced),
        "unplaced_reasons": Counter(u["reason"] for u in all_unplaced).most_common(),
        "stats": result.get("stats", {}),
        "refilled": result.get("refilled", []),
        "person": person,
    }


@staff_required
def round_detail(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    matching_round = get_object_or_404(MatchingRound, pk=round_id)
    running = matching_round.status in (MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING)
    if request.htmx and running:
        return render(request, "rounds/_round_progress.html", {"round": matching_round})
    if request.htmx:
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    context = {
        "round": matching_round,
        "running": running,
        "stuck": round_is_stuck(matching_round),
    }
    if matching_round.status in (MatchingRound.Status.PREVIEW, MatchingRound.Status.CONFIRMED):
        context.update(_preview(matching_round, request.GET.get("page")))
    return render(request, "rounds/round_detail.html", context)


@staff_required
@require_POST
def round_confirm_view(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    matching_round = get_object_or_404(MatchingRound, pk=round_id)
    try:
        created = round_confirm(matching_round=matching_round)
    except RoundConflict as conflict:
        messages.error(
            request, _("Nothing was created: %(why)s Please discard and rerun.") % {"why": conflict}
        )
    else:
        messages.success(request, _("%(n)s councils created.") % {"n": len(created)})
    return redirect("rounds:round-detail", round_id=round_id)


@staff_required
@require_POST
def round_discard_view(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    matching_round = get_object_or_404(MatchingRound, pk=round_id)
    if round_discard(matching_round=matching_round):
        messages.info(request, _("The round was discarded. Nobody was placed."))
    else:
        messages.info(request, _("This round can no longer be discarded."))
    return redirect("rounds:round-list")
