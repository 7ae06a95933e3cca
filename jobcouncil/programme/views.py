"""The staff dashboard: the pool, councils that need help, and outcomes at a glance."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobcouncil.accounts import services as account_services
from jobcouncil.accounts.forms import ModeratorTrainingForm
from jobcouncil.accounts.models import Profile
from jobcouncil.councils.attendance import attendance_rate
from jobcouncil.councils.models import Council, Landing
from jobcouncil.lib.access import staff_required
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.forms import ApproveModeratorForm, DeclineModeratorForm

LIST_SIZE = 20


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    # Every figure reads an index or a summary row, so the page costs the same at any size.
    waiting = dict(
        PoolEntry.objects.filter(status=PoolEntry.Status.WAITING)
        .values_list("seeker_type")
        .annotate(n=Count("*"))
        .order_by()
    )
    active = Council.objects.filter(status=Council.Status.ACTIVE)
    at_risk = active.filter(at_risk_since__isnull=False).order_by("at_risk_since", "pk")
    needs_moderator = active.filter(needs_moderator_since__isnull=False).order_by(
        "needs_moderator_since", "pk"
    )
    landings = Landing.objects.aggregate(
        n=Count("pk"),
        asked=Count("pk", filter=Q(asked_for_more_money=True)),
        got=Count("pk", filter=Q(got_more_money=True)),
    )
    context = {
        "waiting_fast": waiting.get("fast", 0),
        "waiting_slow": waiting.get("slow", 0),
        "councils": active.count(),
        "at_risk": Paginator(at_risk, LIST_SIZE).get_page(request.GET.get("page")),
        "needs_moderator": needs_moderator[:LIST_SIZE],
        "needs_moderator_count": needs_moderator.count(),
        "moderators_to_approve": Profile.objects.awaiting_moderator_approval().count(),
        "attendance_rate": attendance_rate(now=now),
        "landings": landings,
    }
    return render(request, "programme/dashboard.html", context)


def _volunteer(profile_id: int) -> Profile:
    """Any volunteer's profile, with their pool entry; staff pages only."""
    profile = (
        Profile.objects.filter(pk=profile_id, volunteers_to_moderate=True)
        .select_related("user__pool_entry")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def _already_decided(request: HttpRequest, profile: Profile) -> HttpResponse:
    if profile.is_approved_moderator:
        message = _("%(name)s is already approved as a moderator.")
    elif profile.is_declined_moderator:
        message = _("%(name)s was already declined as a moderator.")
    else:
        message = _("%(name)s has not finished the moderator training.")
    messages.info(request, message % {"name": profile.staff_label})
    return redirect("programme:moderator-approvals")


def _review_context(profile: Profile, form) -> dict:
    return {
        "profile": profile,
        "pool_entry": getattr(profile.user, "pool_entry", None),
        # What they agreed to at the end of the training, word for word.
        "acknowledgement": ModeratorTrainingForm.base_fields["acknowledge"].label,
        "form": form,
    }


@staff_required
def moderator_approvals(request: HttpRequest) -> HttpResponse:
    """Volunteers who finished the moderator training and wait for staff, longest first."""
    waiting = (
        Profile.objects.awaiting_moderator_approval()
        .select_related("user__pool_entry")
        .order_by("moderator_training_completed_at", "pk")
    )
    page = Paginator(waiting, 20).get_page(request.GET.get("page"))
    return render(request, "programme/moderator_approvals.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def moderator_review(request: HttpRequest, profile_id: int) -> HttpResponse:
    """What one volunteer wrote, and the approval (with an optional note)."""
    profile = _volunteer(profile_id)
    if not Profile.objects.awaiting_moderator_approval().filter(pk=profile.pk).exists():
        return _already_decided(request, profile)
    form = ApproveModeratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not account_services.moderator_approve(
            profile=profile, by=request.user, note=form.cleaned_data["note"]
        ):
            return _already_decided(request, profile)
        messages.success(
            request,
            _("%(name)s is approved as a moderator; we emailed them.")
            % {"name": profile.staff_label},
        )
        return redirect("programme:moderator-approvals")
    return render(request, "programme/moderator_review.html", _review_context(profile, form))


@staff_required
@require_http_methods(["GET", "POST"])
def moderator_decline(request: HttpRequest, profile_id: int) -> HttpResponse:
    """Declining asks for a note first: the volunteer reads it in their email."""
    profile = _volunteer(profile_id)
    if not Profile.objects.awaiting_moderator_approval().filter(pk=profile.pk).exists():
        return _already_decided(request, profile)
    form = DeclineModeratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not account_services.moderator_decline(
            profile=profile, by=request.user, note=form.cleaned_data["note"]
        ):
            return _already_decided(request, profile)
        messages.success(
            request,
            _("%(name)s is declined as a moderator; we emailed them your note.")
            % {"name": profile.staff_label},
        )
        return redirect("programme:moderator-approvals")
    return render(request, "programme/moderator_decline.html", _review_context(profile, form))
