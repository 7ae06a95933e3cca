"""Home, profile, availability grid, orientation, moderator training (and the invitation to
it) and leaving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast
from urllib.parse import urlencode

from allauth.account import views as allauth_views
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobcouncil.accounts import export, services
from jobcouncil.accounts.availability import (
    CELLS_PER_DAY,
    DAYS,
    cells_from_windows,
    default_reference,
    popular_utc_cells,
    to_local_cells,
)
from jobcouncil.accounts.forms import (
    AvailabilityForm,
    DeleteAccountForm,
    ModeratorTrainingForm,
    OrientationCommitmentForm,
    ProfileForm,
    SignupForm,
)
from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.journey import next_step_url, profile_or_none
from jobcouncil.accounts.models import Profile
from jobcouncil.lib.dates import WEEKDAYS
from jobcouncil.matching.timegrid import STEP_MINUTES, hhmm

ORIENTATION_STEPS = 4
MODERATOR_TRAINING_STEPS = 3


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@login_required
def next_step(request: AuthenticatedHttpRequest) -> HttpResponse:
    return redirect(next_step_url(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = profile_or_none(request.user)
    form = ProfileForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.profile_save(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect(next_step_url(request.user))
    return render(request, "accounts/profile.html", {"form": form, "is_new": current is None})


def _grid_rows(cells: set[int], popular: set[int]) -> list[dict]:
    rows = []
    for slot in range(CELLS_PER_DAY):
        start, end = hhmm(slot * STEP_MINUTES), hhmm((slot + 1) * STEP_MINUTES)
        row_cells = []
        for day in range(7):
            index = day * CELLS_PER_DAY + slot
            row_cells.append(
                {
                    "index": index,
                    "checked": index in cells,
                    "popular": index in popular,
                    "label": f"{WEEKDAYS[day]} {start}–{end}",
                }
            )
        rows.append({"label": start, "on_the_hour": slot % 2 == 0, "cells": row_cells})
    return rows


def _popular_local_cells(profile: Profile, reference: dt.date) -> set[int]:
    counts = popular_utc_cells(profile.seeker_type, reference)
    if not counts:
        return set()
    # The busiest fifth of the week's half-hours, and only where people actually are.
    threshold = sorted(counts.values(), reverse=True)[max(0, len(counts) // 5 - 1)]
    busiest = {cell for cell, n in counts.items() if n >= max(threshold, 2)}
    return to_local_cells(busiest, profile.timezone, reference)


@login_required
@require_http_methods(["GET", "POST"])
def availability(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = profile_or_none(request.user)
    if current is None:
        if not request.user.is_staff:
            messages.info(request, _("First, tell us a little about yourself."))
        return redirect(next_step_url(request.user))
    form = AvailabilityForm(
        request.POST or None, seeker_type=current.seeker_type, tzname=current.timezone
    )
    if request.method == "POST" and form.is_valid():
        services.availability_save(profile=current, windows=form.cleaned_data["windows"])
        messages.success(request, _("Your weekly availability is saved."))
        return redirect(next_step_url(request.user))
    if request.method == "POST":
        # Only the grid's own cells: "²".isdigit() is true, yet int("²") fails.
        cell_field = cast(forms.TypedMultipleChoiceField, form.fields["cell"])
        cells = {int(v) for v in request.POST.getlist("cell") if cell_field.valid_value(v)}
    else:
        cells = cells_from_windows(current.availability)
    reference = default_reference()
    popular = _popular_local_cells(current, reference)
    context = {
        "form": form,
        "profile": current,
        "days": [str(name) for name in WEEKDAYS],
        "day_keys": DAYS,
        "rows": _grid_rows(cells, popular),
        "hours": len(cells) / 2,
        "has_popular": bool(popular),
    }
    return render(request, "accounts/availability.html", context)


def _stepped_pages(
    request: AuthenticatedHttpRequest,
    *,
    step: int,
    steps: int,
    url_name: str,
    template: str,
    form_class: type[forms.Form],
    on_done: Callable[[], object],
    done_message: str,
    context: dict[str, object],
) -> HttpResponse:
    """A few pages read in order; the last one asks for an explicit commitment."""
    if not 1 <= step <= steps:
        raise Http404
    form = None
    if step == steps:
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            on_done()
            messages.success(request, done_message)
            return redirect(next_step_url(request.user))
    elif request.method == "POST":
        return redirect(url_name, step=step + 1)
    folder = template.removesuffix(".html").replace("_", "-")
    context = {
        **context,
        "step": step,
        "steps": steps,
        "form": form,
        "step_template": f"{folder}/step-{step}.html",
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def orientation(request: AuthenticatedHttpRequest, step: int) -> HttpResponse:
    current = profile_or_none(request.user)
    if current is None:
        return redirect(next_step_url(request.user))
    return _stepped_pages(
        request,
        step=step,
        steps=ORIENTATION_STEPS,
        url_name="accounts:orientation",
        template="accounts/orientation.html",
        form_class=OrientationCommitmentForm,
        on_done=current.complete_orientation,
        done_message=_("Thank you for committing. Welcome aboard."),
        context={"profile": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderator_training(request: AuthenticatedHttpRequest, step: int) -> HttpResponse:
    current = profile_or_none(request.user)
    if current is None or not current.volunteers_to_moderate:
        raise Http404
    return _stepped_pages(
        request,
        step=step,
        steps=MODERATOR_TRAINING_STEPS,
        url_name="accounts:moderator-training",
        template="accounts/moderator_training.html",
        form_class=ModeratorTrainingForm,
        on_done=current.complete_moderator_training,
        done_message=_(
            "Thank you for volunteering. Our staff will confirm you as a moderator soon."
        ),
        context={"profile": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderating(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Training to moderate: what it involves, and "I'm interested", which starts the training.
    Members are invited here after their third meeting and alumni after landing; anyone with a
    profile may come. Acts only for the person signed in: there is no id to change."""
    current = profile_or_none(request.user)
    if current is None:
        return redirect(next_step_url(request.user))
    if request.method == "POST":
        services.moderator_interest(user=request.user)
        current.refresh_from_db()
        if current.moderator_training_completed_at is None:
            messages.success(
                request,
                _("Thank you for your interest! Your moderator training starts here."),
            )
            return redirect("accounts:moderator-training", step=1)
        messages.info(request, _("You have already done the moderator training. Thank you!"))
        return redirect("accounts:moderating")
    invited = request.user.moderator_invitations.order_by("invited_at").first()
    return render(request, "accounts/moderating.html", {"profile": current, "invited": invited})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and everything in it has been deleted."))
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})


def _download(response: HttpResponse, *, now: dt.datetime, extension: str) -> HttpResponse:
    filename = export.export_filename(now=now, extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Fears, salaries and contacts: never kept by a browser or a proxy on the way.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def data_export_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything the app holds about the signed-in person, as JSON (never anyone else's:
    there is no id in the URL to change)."""
    now = timezone.now()
    response = HttpResponse(
        export.data_export_json(user=request.user, now=now),
        content_type="application/json; charset=utf-8",
    )
    return _download(response, now=now, extension="json")


@login_required
@require_GET
def data_export_html(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same, as one page to read or print, in the person's own timezone."""
    now = timezone.now()
    page, policy = export.data_export_html(user=request.user, now=now)
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = policy
    return _download(response, now=now, extension="html")


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, where a click racing an earlier one gets a form error, not a 500.

    Both pass the "is this address free?" check; the database's unique email lets one in."""

    def form_valid(self, form: SignupForm) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            form.add_error(
                "email",
                _(
                    "An account with this address was made a moment ago. Look in your inbox "
                    "for the link, or sign in."
                ),
            )
            return self.form_invalid(form)


signup = SignupView.as_view()


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the site's own login, which limits failed attempts."""
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied  # signed in, but the admin is not for them (and no loop)
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
