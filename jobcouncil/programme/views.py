"""The staff dashboard: the pool, councils that need help, and outcomes at a glance."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from jobcouncil.accounts import services as account_services
from jobcouncil.accounts.forms import ModeratorTrainingForm
from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.models import Profile
from jobcouncil.councils import exercises
from jobcouncil.councils.attendance import attendance_rate
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    Commitment,
    Council,
    Landing,
    Meeting,
    Membership,
)
from jobcouncil.lib.access import staff_required
from jobcouncil.pool.queue import waiting_count
from jobcouncil.programme.figures import active_council_count, moderator_invitations
from jobcouncil.programme.forms import ApproveModeratorForm, DeclineModeratorForm

LIST_SIZE = 20


@staff_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    # Every figure reads an index, a summary row or a figure counted at most once a minute
    # (figures.py), so the page costs the same at any size.
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
        "waiting_fast": waiting_count("fast"),
        "waiting_slow": waiting_count("slow"),
        "councils": active_council_count(),
        "at_risk": Paginator(at_risk, LIST_SIZE).get_page(request.GET.get("page")),
        "needs_moderator": needs_moderator[:LIST_SIZE],
        "needs_moderator_count": needs_moderator.count(),
        "moderators_to_approve": Profile.objects.awaiting_moderator_approval().count(),
        "attendance_rate": attendance_rate(now=now),
        "landings": landings,
        "invitations": moderator_invitations(),
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


def _already_decided(request: AuthenticatedHttpRequest, profile: Profile) -> HttpResponse:
    if profile.is_approved_moderator:
        message = _("%(name)s is already approved as a moderator.")
    elif profile.is_declined_moderator:
        message = _("%(name)s was already declined as a moderator.")
    else:
        message = _("%(name)s has not finished the moderator training.")
    messages.info(request, message % {"name": profile.staff_label})
    return redirect("programme:moderator-approvals")


def _review_context(profile: Profile, form: forms.Form) -> dict[str, object]:
    return {
        "profile": profile,
        "pool_entry": getattr(profile.user, "pool_entry", None),
        # What they agreed to at the end of the training, word for word.
        "acknowledgement": ModeratorTrainingForm.base_fields["acknowledge"].label,
        "form": form,
    }


@staff_required
def moderator_approvals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Volunteers who finished the moderator training and wait for staff, longest first."""
    waiting = (
        Profile.objects.awaiting_moderator_approval()
        .select_related("user__pool_entry")
        .order_by("moderator_training_completed_at", "pk")
    )
    page = Paginator(waiting, 20).get_page(request.GET.get("page"))
    return render(request, "programme/moderator_approvals.html", {"page": page})


# Approving and declining are one page each, with the same checks: (form, template, message).
_DECISIONS = {
    True: (
        ApproveModeratorForm,
        "programme/moderator_review.html",
        gettext_lazy("%(name)s is approved as a moderator; we emailed them."),
    ),
    False: (
        DeclineModeratorForm,
        "programme/moderator_decline.html",
        gettext_lazy("%(name)s is declined as a moderator; we emailed them your note."),
    ),
}


@staff_required
@require_http_methods(["GET", "POST"])
def moderator_decision(
    request: AuthenticatedHttpRequest, profile_id: int, approve: bool
) -> HttpResponse:
    """What one volunteer wrote, and the approval (with an optional note) or the decline
    (which asks for a note first: the volunteer reads it in their email)."""
    profile = _volunteer(profile_id)
    if not Profile.objects.awaiting_moderator_approval().filter(pk=profile.pk).exists():
        return _already_decided(request, profile)
    form_class, template, done = _DECISIONS[approve]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            account_services.moderator_approve if approve else account_services.moderator_decline
        )
        if not decide(profile=profile, by=request.user, note=form.cleaned_data["note"]):
            return _already_decided(request, profile)
        messages.success(request, done % {"name": profile.staff_label})
        return redirect("programme:moderator-approvals")
    return render(request, template, _review_context(profile, form))


MEETINGS_PER_PAGE = 10


@staff_required
def council_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every council, active first, searchable by name: the way to any council's page."""
    query = request.GET.get("q", "").strip()[:80]
    councils = Council.objects.annotate(
        active_members=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    ).order_by("status", "name", "pk")
    if query:
        councils = councils.filter(name__icontains=query)
    page = Paginator(councils, 25).get_page(request.GET.get("page"))
    return render(request, "programme/council_list.html", {"page": page, "query": query})


@staff_required
def council_detail(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    """Any council, read only, for staff: members, schedule, attendance and meeting records.

    What members said stays in the council, as its norms promise: staff see that a meeting
    happened, who came, which exercise was done and how many commitments were made, kept or
    missed and how many asks were raised; never the words. Private, and not shown here:
    check-in pulses and lines, check-out words, the text of commitments and asks (and who
    offered help on them), the moderator's meeting notes and the charter. Staff links go to
    this page; the members' own pages stay 404 for staff."""
    council = get_object_or_404(Council, pk=council_id)
    now = timezone.now()
    memberships = list(council.memberships.select_related("user__profile").order_by("joined_at"))
    labels = {m.user_id: m.user.profile.staff_label for m in memberships}
    came: dict[int, int] = {}
    marked: dict[int, int] = {}
    for user_id, status, n in (
        Attendance.objects.filter(meeting__council=council, meeting__status=Meeting.Status.CLOSED)
        .values_list("user_id", "status")
        .annotate(n=Count("pk"))
    ):
        marked[user_id] = marked.get(user_id, 0) + n
        if status in Attendance.CAME:
            came[user_id] = came.get(user_id, 0) + n
    memberships.sort(key=lambda m: (not m.is_active, labels[m.user_id].lower()))
    members = [
        {
            "membership": m,
            "label": labels[m.user_id],
            "came": came.get(m.user_id, 0),
            "marked": marked.get(m.user_id, 0),
        }
        for m in memberships
    ]
    upcoming = list(
        council.meetings.filter(starts_at__gte=now, status=Meeting.Status.SCHEDULED).order_by(
            "starts_at"
        )[:4]
    )
    past = Paginator(
        council.meetings.filter(Q(status=Meeting.Status.CLOSED) | Q(starts_at__lt=now))
        .prefetch_related("attendance")
        .order_by("-starts_at"),
        MEETINGS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    records = _meeting_records(list(past.object_list), labels)
    context = {
        "council": council,
        "members": members,
        "pattern": council.weekly_pattern(council.tzinfo),
        "upcoming": upcoming,
        "past": past,
        "records": records,
    }
    return render(request, "programme/council_detail.html", context)


def _meeting_records(meetings: list[Meeting], labels: dict[int, str]) -> list[dict]:
    """Each meeting's record without anyone's words: counts, attendance and the exercise."""
    ids = [m.pk for m in meetings]
    made = dict(
        Commitment.objects.filter(made_at__in=ids)
        .values("made_at")
        .annotate(n=Count("pk"))
        .values_list("made_at", "n")
    )
    reviewed: dict[int, dict[str, int]] = {}
    for meeting_id, status, n in (
        Commitment.objects.filter(reviewed_at__in=ids)
        .values_list("reviewed_at", "status")
        .annotate(n=Count("pk"))
    ):
        reviewed.setdefault(meeting_id, {})[status] = n
    asks = dict(
        Ask.objects.filter(meeting__in=ids)
        .values("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    records = []
    for meeting in meetings:
        attendance = sorted(
            ((labels.get(a.user_id, "—"), a) for a in meeting.attendance.all()),
            key=lambda pair: pair[0].lower(),
        )
        exercise = exercises.BY_KEY.get(meeting.exercise)
        records.append(
            {
                "meeting": meeting,
                "exercise": exercise.title if exercise else "",
                "attendance": attendance,
                "came": sum(a.came_to_meeting for _label, a in attendance),
                "commitments_made": made.get(meeting.pk, 0),
                "reviewed": reviewed.get(meeting.pk, {}),
                "asks": asks.get(meeting.pk, 0),
            }
        )
    return records
