"""The live meeting page the moderator drives and members follow.

Every write is a POST that works as a plain form and, with htmx, answers with the section's
fragment; members' pages poll one live endpoint per meeting so they follow along without
websockets (what the page shows is built in `meeting_page.py`). A refused write raises
`Refused` (or the services' `MeetingRefused`); `refusing` answers it, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.councils import meetings
from jobcouncil.councils.access import CouncilAccess, get_meeting_for_member
from jobcouncil.councils.forms_meeting import (
    AskForm,
    AttendanceForm,
    CheckInForm,
    CheckoutForm,
    CommitmentForm,
    ExerciseForm,
    MoveForm,
    ReviewForm,
)
from jobcouncil.councils.meeting_page import (
    LIVE_PARTS,
    live_parts,
    live_stamp,
    meeting_context,
    member_rows,
)
from jobcouncil.councils.models import Ask, Commitment, Meeting
from jobcouncil.lib.errors import Refused, refusing

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _detail_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _respond(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    access: CouncilAccess,
    section: str,
    **overrides: Any,
) -> HttpResponse:
    """The section's fragment for htmx; otherwise the page again (errors) or a redirect."""
    if request.htmx:
        ctx = meeting_context(request, meeting, access, **overrides)
        return render(request, f"councils/meeting/_{section}.html", ctx)
    if overrides:
        ctx = meeting_context(request, meeting, access, **overrides)
        return render(request, "councils/meeting_detail.html", ctx)
    return redirect(_detail_url(meeting, f"section-{section}"))


NOT_STARTED, STARTED = meetings.NOT_STARTED, meetings.STARTED


def _not_yet(
    request: AuthenticatedHttpRequest, meeting: Meeting, reason: StrOrPromise
) -> HttpResponse:
    """Refuse a step the meeting's time does not allow yet (or any more): a link followed
    (GET) goes back to the meeting with the reason; a write is refused outright."""
    if request.method == "GET":
        messages.warning(request, reason)
        return redirect(_detail_url(meeting))
    raise Refused(str(reason), status=400)


def _open(meeting: Meeting) -> None:
    if not meetings.is_open(meeting):
        raise Refused(meetings.refusal_reason(meeting), status=400)


def _take_part(meeting: Meeting, access: CouncilAccess) -> None:
    """Writes by an active member to an open meeting; refused for anyone else."""
    if not access.can_take_part:
        raise Refused(_("Alumni can read the record but not change it."))
    _open(meeting)


def _participant(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> tuple[Meeting, CouncilAccess]:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    _take_part(meeting, access)
    return meeting, access


def _moderator(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> tuple[Meeting, CouncilAccess]:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    if not access.can_moderate:
        raise Refused(_("Only the moderator can change this."))
    _open(meeting)
    return meeting, access


def _own(request: AuthenticatedHttpRequest, user_id: int, message: str) -> None:
    if user_id != request.user.pk:
        raise Refused(message)


@login_required
@require_GET
def meeting_detail(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    return render(
        request, "councils/meeting_detail.html", meeting_context(request, meeting, access)
    )


@login_required
@require_GET
def meeting_live(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    """The one endpoint an open meeting's page polls. `v` is the version stamp the page holds
    and each part's id carries the digest of what the page shows: 204 when the stamp is
    unchanged (no further query), else only the parts that differ, swapped out of band."""
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    held = request.GET.get("v", "")
    stamp = live_stamp(meeting)
    if held == stamp:
        return HttpResponse(status=204)
    if not meetings.is_open(meeting):
        # Closed or cancelled: the page becomes a record, without forms; load it whole.
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    ctx = meeting_context(request, meeting, access)
    # The meeting started since the page was loaded: attendance and closing open, apologies
    # and moving close (the stamp ends in 1 once started).
    started_now = held.endswith(".0") and stamp.endswith(".1")
    changed, titles = [], []
    for name, (digest, html) in live_parts(request, ctx).items():
        # Only parts the page holds: a swap with no target is an error in the browser.
        if name not in request.GET or request.GET[name] == digest:
            continue
        if started_now and name == "attendance-list":
            continue  # the whole attendance section comes below
        changed.append(html)
        titles.append(str(LIVE_PARTS[name][1]))
    ctx.update(changed_parts=changed, changed_titles=titles, started_now=started_now)
    return render(request, "councils/meeting/_live.html", ctx)


@login_required
@require_POST
@refusing
def meeting_checkin(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int, user_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    _own(request, user_id, _("You can only change your own check-in."))
    _take_part(meeting, access)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "checkin", checkin_form=form)
    meetings.meeting_checkin(
        meeting=meeting,
        user=request.user,
        pulse=form.cleaned_data["pulse"],
        line=form.cleaned_data["line"],
    )
    return _respond(request, meeting, access, "checkin")


@login_required
@require_POST
@refusing
def meeting_checkout(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int, user_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    _own(request, user_id, _("You can only change your own check-out."))
    _take_part(meeting, access)
    form = CheckoutForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "checkout", checkout_form=form)
    meetings.meeting_checkout(meeting=meeting, user=request.user, word=form.cleaned_data["word"])
    return _respond(request, meeting, access, "checkout")


@login_required
@require_POST
@refusing
def meeting_commitment_review(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int, commitment_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    commitment = Commitment.objects.filter(pk=commitment_id, council=access.council).first()
    if commitment is None:
        raise Http404
    if not (
        access.can_moderate or (access.can_take_part and commitment.user_id == request.user.pk)
    ):
        raise Refused(_("Only the member themself or the moderator can say."))
    _open(meeting)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise Refused(_("Choose done, not done or dropped."), status=400)
    meetings.commitment_review(
        meeting=meeting, commitment=commitment, status=form.cleaned_data["status"]
    )
    return _respond(request, meeting, access, "review")


@login_required
@require_POST
@refusing
def meeting_exercise(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = _moderator(request, council_id, meeting_id)
    form = ExerciseForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "exercise", exercise_form=form)
    meetings.meeting_set_exercise(
        meeting=meeting, exercise=form.cleaned_data["exercise"], skipped="skip" in request.POST
    )
    return _respond(request, meeting, access, "exercise")


@login_required
@require_POST
@refusing
def meeting_ask_create(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = _participant(request, council_id, meeting_id)
    form = AskForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "asks", ask_form=form)
    meetings.ask_create(meeting=meeting, user=request.user, text=form.cleaned_data["text"])
    return _respond(request, meeting, access, "asks")


@login_required
@require_POST
@refusing
def meeting_ask_help(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int, ask_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    ask = Ask.objects.filter(pk=ask_id, meeting=meeting).first()
    if ask is None:
        raise Http404
    _take_part(meeting, access)
    ask.meeting = meeting
    meetings.ask_offer_help(ask=ask, user=request.user)
    return _respond(request, meeting, access, "asks")


@login_required
@require_POST
@refusing
def meeting_commitment_create(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = _participant(request, council_id, meeting_id)
    form = CommitmentForm(request.POST, default_due_at=meetings.default_due_at(meeting))
    if form.is_valid():
        try:
            meetings.commitment_create(
                meeting=meeting,
                user=request.user,
                text=form.cleaned_data["text"],
                due_at=form.due_at,
            )
        except meetings.MeetingRefused as exc:  # about the date typed: shown next to it
            form.add_error("due", str(exc))
    if not form.is_valid():
        return _respond(request, meeting, access, "commitments", commitment_form=form)
    return _respond(request, meeting, access, "commitments")


@login_required
@require_POST
@refusing
def meeting_attendance(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = _moderator(request, council_id, meeting_id)
    if not meetings.can_close(meeting):
        raise Refused(str(NOT_STARTED), status=400)
    rows, _names = member_rows(meeting, request.user)
    form = AttendanceForm(request.POST, members=[r for r in rows if r.is_active], current={})
    if not form.is_valid():
        return _respond(request, meeting, access, "attendance", attendance_form=form)
    meetings.attendance_set(meeting=meeting, statuses=form.statuses())
    messages.success(request, _("Attendance saved."))
    return _respond(request, meeting, access, "attendance")


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def meeting_close(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    """GET asks the moderator to confirm; POST closes the meeting for good."""
    meeting, access = _moderator(request, council_id, meeting_id)
    if not meetings.can_close(meeting):
        return _not_yet(request, meeting, NOT_STARTED)
    if request.method == "GET":
        ctx = meeting_context(request, meeting, access, confirming="close")
        return render(request, "councils/meeting_detail.html", ctx)
    meetings.meeting_close(meeting=meeting)
    messages.success(request, _("The meeting is closed. Its record is kept on the council page."))
    return redirect(_detail_url(meeting))


@login_required
@require_POST
@refusing
def meeting_apologies(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, _access = _participant(request, council_id, meeting_id)
    meetings.meeting_send_apologies(meeting=meeting, user=request.user)
    if request.POST.get("back") == "council":  # sent from the council page: go back there
        return redirect(
            reverse("councils:council-detail", args=[council_id]) + "#section-apologies"
        )
    return redirect(_detail_url(meeting))


@login_required
@require_POST
@refusing
def meeting_move(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access = _moderator(request, council_id, meeting_id)
    if not meetings.can_reschedule(meeting):
        return _not_yet(request, meeting, STARTED)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            meetings.meeting_move(
                meeting=meeting, starts_at=form.cleaned_data["starts_at"], actor=request.user
            )
        except meetings.MeetingRefused as exc:  # about the time typed: shown next to it
            form.add_error("time" if exc.field else None, str(exc))
    if not form.is_valid():
        ctx = meeting_context(request, meeting, access, move_form=form, confirming="move")
        return render(request, "councils/meeting_detail.html", ctx)
    when = date_format(timezone.localtime(meeting.starts_at), "l j F, H:i")
    messages.success(
        request,
        _("The meeting is moved to %(when)s (%(zone)s). Members are told by email.")
        % {"when": when, "zone": timezone.get_current_timezone_name()},
    )
    return redirect(_detail_url(meeting))


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def meeting_cancel(
    request: AuthenticatedHttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    """GET asks the moderator to confirm; POST cancels this one occurrence."""
    meeting, access = _moderator(request, council_id, meeting_id)
    if not meetings.can_reschedule(meeting):
        return _not_yet(request, meeting, STARTED)
    if request.method == "GET":
        ctx = meeting_context(request, meeting, access, confirming="cancel")
        return render(request, "councils/meeting_detail.html", ctx)
    meetings.meeting_cancel(meeting=meeting, actor=request.user)
    messages.success(request, _("This meeting is cancelled. Members are told by email."))
    return redirect(_detail_url(meeting))
