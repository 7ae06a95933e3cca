"""Joining the pool, the waiting status page, editing or pausing one's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.journey import active_council_url, next_step_url
from jobcouncil.lib.hooks import Hook
from jobcouncil.pool import services
from jobcouncil.pool.access import get_own_pool_entry
from jobcouncil.pool.estimate import simulated_wait
from jobcouncil.pool.forms import PoolEntryForm
from jobcouncil.pool.journey import ready_for_pool
from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.queue import queue_ahead, recent_wait_days, waiting_count

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


def _has_council(request: AuthenticatedHttpRequest) -> bool:
    return request.user.memberships.filter(status="active").exists()


def _placed_meanwhile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A round placed them while their pool page was open: say so and show the council."""
    messages.info(
        request,
        _("You have a council now, so your place in the pool is no longer needed. Welcome!"),
    )
    return redirect(next_step_url(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not ready_for_pool(request.user):
        messages.info(request, _("A few steps first, then you can join the pool."))
        return redirect(next_step_url(request.user))
    if request.method == "POST":
        try:
            services.pool_join(user=request.user)
        except services.AlreadyPlaced:
            return _placed_meanwhile(request)
        messages.success(request, _("You are in the matching pool."))
        return redirect("pool:status")
    return render(request, "pool/join.html", {"profile": request.user.profile})


def _no_next_step(user: User) -> tuple[str, str] | None:
    return None


# Registered by the workbook: the one next thing to do there, as (text, url).
workbook_next_step: Hook[[User], tuple[str, str] | None] = Hook(
    "pool.workbook_next_step", _no_next_step
)


@login_required
def status(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Someone with a council has nothing to wait for here: their council page is the news.
    council_url = active_council_url(request.user)
    if council_url:
        return redirect(council_url)
    entry = get_own_pool_entry(request.user)
    profile = entry.user.profile
    wait_days = recent_wait_days(profile.seeker_type)
    context = {
        "entry": entry,
        "profile": profile,
        "ahead": queue_ahead(entry),
        "waiting": waiting_count(profile.seeker_type),
        "wait_days": wait_days,
        # The simulator's figure, only while the programme's own record is too short.
        "simulated": simulated_wait(profile.seeker_type) if wait_days is None else None,
        "workbook_next_step": workbook_next_step(request.user),
    }
    return render(request, "pool/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    entry = get_own_pool_entry(request.user)
    form = PoolEntryForm(
        request.POST or None,
        instance=entry,
        initial={"paused": entry.status == PoolEntry.Status.PAUSED},
    )
    if request.method == "POST" and form.is_valid():
        entry = services.pool_entry_update(
            entry=entry, paused=form.cleaned_data["paused"], note=form.cleaned_data["note"]
        )
        if entry.status == PoolEntry.Status.MATCHED and _has_council(request):
            return _placed_meanwhile(request)
        messages.success(request, _("Your place in the pool is updated."))
        return redirect("pool:status")
    return render(request, "pool/edit.html", {"form": form, "entry": entry})
