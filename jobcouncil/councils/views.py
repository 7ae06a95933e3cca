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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.councils import meetings, page_parts, services
from jobcouncil.councils.access import (
    CouncilAccess,
    get_council_for_member,
    get_meeting_for_member,
)
from jobcouncil.councils.calendar import meeting_ics as meeting_ics_file
from jobcouncil.councils.calendar import member_feed_ics
from jobcouncil.councils.forms import CouncilSettingsForm, HandoverForm, LandingForm, LeaveForm
from jobcouncil.councils.models import Attendance, CalendarFeed, Meeting, Membership
from jobcouncil.councils.reminders import apology_from_link, apology_link_open
from jobcouncil.lib.dates import viewer_zone
from jobcouncil.lib.errors import Refused, refuse
from jobcouncil.lib.tokens import secret_hash


def _council_page(
    request: AuthenticatedHttpRequest, access: CouncilAccess, **extra: object
) -> HttpResponse:
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
        .annotate(came=Count("attendance", filter=Q(attendance__status__in=Attendance.CAME)))
        .order_by("-starts_at"),
        10,
    ).get_page(request.GET.get("page"))
    next_meeting = upcoming[0] if upcoming else None
    attended = Attendance.objects.filter(
        meeting__council=council, user=request.user, status__in=Attendance.CAME
    ).count()
    has_backup = any(m.is_backup for m in members)
    context = {
        "access": access,
        "council": council,
        "members": members,
        "next_meeting": next_meeting,
        "next_meetings": upcoming,
        "first_meeting": services.first_meeting_ahead(
            access.membership, now=now, upcoming=upcoming
        ),
        "upcoming": upcoming[1:],
        "past": past,
        "invite_to_moderate": access.membership.invite_to_moderate(attended=attended),
        "needs_charter": access.membership.needs_charter,
        "pattern": council.weekly_pattern(timezone.get_current_timezone()),
        "has_backup": has_backup,
        "can_be_backup": access.membership.can_be_backup(council_has_backup=has_backup),
        **_apologies_context(request, access, next_meeting),
        **_calendar_context(request, access),
        "page_parts": page_parts.council_page_parts(access),
    }
    context.update(extra)
    return render(request, "councils/council_detail.html", context)


def _apologies_context(
    request: AuthenticatedHttpRequest, access: CouncilAccess, meeting: Meeting | None
) -> dict:
    """What the meeting page's "I can't make it" partial needs, for the next meeting."""
    if meeting is None or not access.can_take_part or not meetings.is_open(meeting):
        return {"can_send_apologies": False}
    attendance = Attendance.objects.filter(meeting=meeting, user=request.user).first()
    return {
        "can_send_apologies": not meeting.has_started,
        "apologies_me": {"attendance": attendance},
    }


def _calendar_context(
    request: AuthenticatedHttpRequest, access: CouncilAccess, token: str = ""
) -> dict:
    """The calendar link box: a link made just now (its one showing), or the state of the
    member's link. Tokens are stored hashed, so an older link cannot be shown again."""
    if not access.can_take_part:
        return {}
    context: dict = {"calendar_active": None, "calendar_url": "", "calendar_webcal": ""}
    if token:
        url = request.build_absolute_uri(reverse("councils:calendar-feed", args=[token]))
        context["calendar_url"] = url
        context["calendar_webcal"] = "webcal://" + url.split("://", 1)[1]
    else:
        context["calendar_active"] = CalendarFeed.active_for(request.user)
    return context


@login_required
def council_detail(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    return _council_page(request, get_council_for_member(request.user, council_id))


@login_required
@require_POST
def council_calendar(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    """Make (or remake) the member's private calendar link and show it once, right here."""
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    _feed, token = CalendarFeed.issue(request.user)
    if request.htmx:
        context = {"access": access, "council": access.council}
        context.update(_calendar_context(request, access, token))
        return render(request, "councils/council/_calendar.html", context)
    # Without JavaScript the page itself shows the link; it is not kept anywhere to redirect.
    return _council_page(request, access, **_calendar_context(request, access, token))


@login_required
@require_POST
def charter_accept(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        raise PermissionDenied
    access.membership.charter_accept()
    messages.success(request, _("Thank you. You have accepted your council's charter."))
    return redirect("councils:council-detail", council_id=council_id)


@login_required
@require_POST
def council_backup_volunteer(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
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
def council_settings(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_change_settings:
        raise PermissionDenied
    form = CouncilSettingsForm(request.POST or None, instance=access.council)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The council's settings are saved."))
        return redirect("councils:council-detail", council_id=council_id)
    return render(request, "councils/council_settings.html", {"form": form, "access": access})


ALREADY_LEFT = gettext_lazy("You had already left this council (from another tab or device).")


def _access_or_left(
    request: AuthenticatedHttpRequest, council_id: int
) -> CouncilAccess | HttpResponse:
    """The council for a member, or, for a post from a page left open by someone who has
    left it meanwhile (another tab's "Leave"), a redirect that says so instead of "not found"."""
    try:
        return get_council_for_member(request.user, council_id)
    except Http404:
        if (
            request.method == "POST"
            and Membership.objects.filter(
                council_id=council_id, user=request.user, status=Membership.Status.LEFT
            ).exists()
        ):
            messages.info(request, str(ALREADY_LEFT))
            return redirect("accounts:next-step")
        raise


@login_required
@require_http_methods(["GET", "POST"])
def council_leave(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    access = _access_or_left(request, council_id)
    if isinstance(access, HttpResponse):
        return access
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
        else:
            messages.info(request, str(ALREADY_LEFT))
        return redirect("accounts:next-step")
    return render(request, "councils/council_leave.html", {"form": form, "access": access})


ALREADY_LANDED = gettext_lazy("Your news was already recorded (from another tab or device).")


@login_required
@require_http_methods(["GET", "POST"])
def council_land(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    if not access.can_take_part:
        if request.method == "POST" and access.is_alumnus:
            return refuse(request, str(ALREADY_LANDED))  # from a tab left open
        raise PermissionDenied
    initial = page_parts.landing_initial(request.user)
    form = LandingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if services.membership_land(membership=access.membership, landing=form.cleaned_data):
            messages.success(request, _("Congratulations! Your council will celebrate with you."))
        else:
            messages.info(request, str(ALREADY_LANDED))
        return redirect("councils:council-detail", council_id=council_id)
    return render(
        request,
        "councils/council_land.html",
        {"form": form, "access": access, "prefilled": bool(initial)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_handover(request: AuthenticatedHttpRequest, council_id: int) -> HttpResponse:
    access = _access_or_left(request, council_id)
    if isinstance(access, HttpResponse):
        return access
    if not access.can_moderate:
        if request.method == "POST" and access.can_take_part:
            return refuse(request, str(NOT_MODERATOR_NOW))  # handed over from another tab
        raise PermissionDenied
    form = HandoverForm(request.POST or None, council=access.council, exclude=access.membership)
    if request.method == "POST" and form.is_valid():
        if services.moderator_handover(
            council=access.council, by=access.membership, to=form.cleaned_data["to"]
        ):
            messages.success(request, _("You have handed over. Thank you for moderating."))
        else:
            messages.warning(request, str(NOT_MODERATOR_NOW))
        return redirect("councils:council-detail", council_id=council_id)
    return render(request, "councils/council_handover.html", {"form": form, "access": access})


NOT_MODERATOR_NOW = gettext_lazy(
    "Nothing was handed over: you are no longer this council's moderator "
    "(it changed from another tab or device a moment ago)."
)


@login_required
@require_GET
def meeting_ics(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    response = HttpResponse(
        meeting_ics_file(meeting=meeting, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.revoke_for(request.user)
            messages.success(request, _("Your calendar link no longer works."))
        else:
            _feed, token = CalendarFeed.issue(request.user)
    active = CalendarFeed.active_for(request.user)
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
    response = HttpResponse(
        member_feed_ics(user=feed.user, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def meeting_apology(request: HttpRequest, token: str) -> HttpResponse:
    """ "I can't make it" from a reminder, without logging in: the signed link is for one person
    and one meeting. GET only asks (mail scanners open links); POST records the apology."""
    done = False
    try:
        if request.method == "POST":
            link = apology_from_link(token=token)
            done = True
        else:
            link = apology_link_open(token=token)
    except Refused as refusal:
        return render(
            request, "councils/apology.html", {"refusal": str(refusal)}, status=refusal.status
        )
    moderator = (
        Membership.objects.filter(
            council_id=link.meeting.council_id,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.MODERATOR,
        )
        .select_related("user__profile")
        .first()
    )
    with timezone.override(viewer_zone(link.user.profile.timezone or "UTC")):
        return render(
            request,
            "councils/apology.html",
            {
                "meeting": link.meeting,
                "person": link.user,
                "moderator_name": moderator.user.profile.display_name if moderator else "",
                "done": done,
            },
        )
