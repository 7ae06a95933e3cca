"""Staff pages for matching rounds: start, watch progress, preview, confirm or discard."""

from __future__ import annotations

import datetime as dt

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


def _preview(matching_round: MatchingRound) -> dict:
    result = matching_round.result or {}
    ids = {p for c in result.get("councils", []) for p in c["members"]}
    ids |= {p for r in result.get("refilled", []) for p in r["added"]}
    ids |= {u["id"] for u in result.get("unplaced", [])}
    users = User.objects.select_related("profile").in_bulk([person_user_id(p) for p in ids])
    person = {person_id(pk): user for pk, user in users.items()}
    reference = dt.date.fromisoformat(result.get("reference_date", "2026-01-05"))
    councils = []
    for proposal in result.get("councils", []):
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
    unplaced = [(person.get(u["id"]), u["reason"]) for u in result.get("unplaced", [])]
    return {
        "councils": councils,
        "unplaced": unplaced,
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
        context.update(_preview(matching_round))
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
