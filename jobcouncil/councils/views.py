"""The council home page and what members do there: leave, land, hand over, calendars."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.councils import services
from jobcouncil.councils.access import get_council_for_member, get_meeting_for_member
from jobcouncil.councils.calendar import meetings_ics
from jobcouncil.councils.forms import CouncilSettingsForm, HandoverForm, LandingForm, LeaveForm
from jobcouncil.councils.models import Attendance, CalendarFeed, Meeting, Membership
from jobcouncil.lib.dates import WEEKDAYS_PLURAL
from jobcouncil.lib.tokens import secret_hash

INVITE_AFTER_MEETINGS = 3


@login_required
def council_detail(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    council = access.council
    now = timezone.now()
    members = list(
        access.memberships().select_related("user__profile").order_by("status", "joined_at")
    )
    upcoming = list(
        access.meetings()
        .filter(starts_at__gte=now - dt.timedelta(hours=2))
        .exclude(status=Meeting.Status.CLOSED)
        .order_by("starts_at")[:4]
    )
    past = Paginator(
        access.meetings()
        .filter(Q(status=Meeting.Status.CLOSED) | Q(starts_at__lt=now))
        .exclude(pk__in=[m.pk for m in upcoming])
        .annotate(came=Count("attendance", filter=Q(attendance__status__in=["present", "late"])))
        .order_by("-starts_at"),
        10,
    ).get_page(request.GET.get("page"))
    # The weekly pattern in the viewer's own timezone, read off the coming occurrences.
    viewer_tz = timezone.get_current_timezone()
    coming = council.occurrences(now, now + dt.timedelta(weeks=council.every_weeks))
    pattern = sorted(
        {
            (t.astimezone(viewer_tz).weekday(), t.astimezone(viewer_tz).strftime("%H:%M"))
            for t in coming
        }
    )
    attended = Attendance.objects.filter(
        meeting__council=council, user=request.user, status__in=["present", "late"]
    ).count()
    profile = request.user.profile
    context = {
        "access": access,
        "council": council,
        "members": members,
        "next_meeting": upcoming[0] if upcoming else None,
        "upcoming": upcoming[1:],
        "past": past,
        "invite_to_moderate": access.can_take_part
        and not profile.volunteers_to_moderate
        and attended >= INVITE_AFTER_MEETINGS,
        "needs_charter": access.can_take_part and access.membership.charter_accepted_at is None,
        "pattern": [(WEEKDAYS_PLURAL[day], time) for day, time in pattern],
        "can_be_backup": access.can_take_part
        and access.membership.role == Membership.Role.MEMBER
        and not any(m.is_active and m.role == Membership.Role.BACKUP for m in members),
    }
    return render(request, "councils/council_detail.html", context)


@login_required
@require_POST
def charter_accept(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    Membership.objects.filter(pk=access.membership.pk, charter_accepted_at__isnull=True).update(
        charter_accepted_at=timezone.now()
    )
    messages.success(request, _("Thank you. You have accepted your council's charter."))
    return redirect("councils:council-detail", council_id=council_id)


@login_required
@require_POST
def council_backup_volunteer(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    if not services.backup_volunteer(membership=access.membership):
        messages.info(request, _("Your council already has a backup moderator. Thank you!"))
        return redirect("councils:council-detail", council_id=council_id)
    messages.success(request, _("Thank you! You are now the council's backup moderator."))
    profile = access.membership.user.profile
    profile.refresh_from_db()  # the service just marked them as volunteering
    if profile.needs_moderator_training:
        return redirect("accounts:moderator-training", step=1)
    return redirect("councils:council-detail", council_id=council_id)


@login_required
@require_http_methods(["GET", "POST"])
def council_settings(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_change_settings:
        raise PermissionDenied
    form = CouncilSettingsForm(request.POST or None, instance=access.council)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The council's settings are saved."))
        return redirect("councils:council-detail", council_id=council_id)
    return render(request, "councils/council_settings.html", {"form": form, "access": access})


@login_required
@require_http_methods(["GET", "POST"])
def council_leave(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        left = services.membership_leave(
            membership=access.membership,
            reason=form.cleaned_data["reason"],
            back_to_pool=form.cleaned_data["back_to_pool"],
        )
        if left:
            messages.success(
                request, _("You have left the council. Thank you for the time you gave.")
            )
        return redirect("accounts:next-step")
    return render(request, "councils/council_leave.html", {"form": form, "access": access})


@login_required
@require_http_methods(["GET", "POST"])
def council_land(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    form = LandingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.membership_land(membership=access.membership, landing=form.cleaned_data):
            messages.success(request, _("Congratulations! Your council will celebrate with you."))
        return redirect("councils:council-detail", council_id=council_id)
    return render(request, "councils/council_land.html", {"form": form, "access": access})


@login_required
@require_http_methods(["GET", "POST"])
def council_handover(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_moderate:
        raise PermissionDenied
    form = HandoverForm(request.POST or None, council=access.council, exclude=access.membership)
    if request.method == "POST" and form.is_valid():
        if services.moderator_handover(council=access.council, to=form.cleaned_data["to"]):
            messages.success(request, _("You have handed over. Thank you for moderating."))
        return redirect("councils:council-detail", council_id=council_id)
    return render(request, "councils/council_handover.html", {"form": form, "access": access})


@login_required
@require_GET
def meeting_ics(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    response = HttpResponse(
        meetings_ics([meeting], name=access.council.name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_manage(request: HttpRequest) -> HttpResponse:
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            messages.success(request, _("Your calendar link no longer works."))
        else:
            _feed, token = CalendarFeed.issue(request.user)
    active = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    url = (
        request.build_absolute_uri(reverse("councils:calendar-feed", args=[token]))
        if token
        else None
    )
    return render(request, "councils/calendar_feed.html", {"url": url, "active": active})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by secret token only: grants this person's council meetings and nothing else."""
    feed = (
        CalendarFeed.objects.filter(token_hash=secret_hash(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None:
        raise Http404
    meetings = Meeting.objects.filter(
        council__memberships__user=feed.user,
        council__memberships__status=Membership.Status.ACTIVE,
        starts_at__gte=timezone.now() - dt.timedelta(days=30),
    ).select_related("council")
    response = HttpResponse(
        meetings_ics(meetings, name="jobcouncil"), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response
