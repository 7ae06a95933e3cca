"""The live meeting page the moderator drives and members follow.

Every write is a POST that works as a plain form and, with htmx, answers with the section's
fragment; members' pages poll the read-only lists so they follow along without websockets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.councils import exercises, meetings
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
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CheckIn,
    Commitment,
    Meeting,
    Membership,
)
from jobcouncil.lib.errors import refuse

# Read-only parts members' pages poll, by name.
POLLED_PARTS = {
    "checkin-list": "councils/meeting/_checkin_list.html",
    "review-list": "councils/meeting/_review_list.html",
    "exercise-current": "councils/meeting/_exercise_current.html",
    "asks-list": "councils/meeting/_asks_list.html",
    "commitments-list": "councils/meeting/_commitments_list.html",
    "checkout-list": "councils/meeting/_checkout_list.html",
    "attendance-list": "councils/meeting/_attendance_list.html",
    # The moderator's page waits for the start before it offers attendance and closing.
    "attendance": "councils/meeting/_attendance.html",
    "close": "councils/meeting/_close.html",
}


@dataclass
class MemberRow:
    user_id: int
    name: str
    is_me: bool
    is_moderator: bool
    is_backup: bool = False
    is_active: bool = True
    checkin: CheckIn | None = None
    attendance: Attendance | None = None
    to_review: list[Commitment] = field(default_factory=list)
    new_commitments: list[Commitment] = field(default_factory=list)


def _member_rows(meeting: Meeting, viewer) -> tuple[list[MemberRow], dict[int, str]]:
    memberships = Membership.objects.filter(council_id=meeting.council_id).select_related(
        "user__profile"
    )
    names: dict[int, str] = {}
    active: list[Membership] = []
    for membership in memberships:
        profile = getattr(membership.user, "profile", None)
        names[membership.user_id] = profile.display_name if profile else membership.user.email
        # Someone who joined after this meeting was never part of it (nor seen by alumni).
        joined_in_time = membership.joined_at < meeting.ends_at
        if (
            membership.is_active
            and joined_in_time
            and all(m.user_id != membership.user_id for m in active)
        ):
            active.append(membership)
    rows = {
        m.user_id: MemberRow(
            user_id=m.user_id,
            name=names[m.user_id],
            is_me=m.user_id == viewer.pk,
            is_moderator=m.is_moderator,
            is_backup=m.role == Membership.Role.BACKUP,
        )
        for m in active
    }

    def row(user_id: int) -> MemberRow:
        # Someone who has left since still belongs in the record of this meeting.
        if user_id not in rows:
            rows[user_id] = MemberRow(
                user_id=user_id,
                name=names.get(user_id, "—"),
                is_me=False,
                is_moderator=False,
                is_active=False,
            )
        return rows[user_id]

    for checkin in meeting.checkins.all():
        row(checkin.user_id).checkin = checkin
    for attendance in meeting.attendance.all():
        row(attendance.user_id).attendance = attendance
    for commitment in meetings.commitments_to_review(meeting):
        row(commitment.user_id).to_review.append(commitment)
    for commitment in meeting.commitments_made.order_by("due_at", "id"):
        row(commitment.user_id).new_commitments.append(commitment)
    ordered = sorted(rows.values(), key=lambda r: (not r.is_moderator, r.name.lower()))
    return ordered, names


def _asks(meeting: Meeting, viewer, names: dict[int, str]) -> list[Ask]:
    asks = list(meeting.asks.all())
    helpers: dict[int, list[int]] = {}
    offers = Ask.helpers.through.objects.filter(ask__meeting=meeting).order_by("id")
    for ask_id, user_id in offers.values_list("ask_id", "user_id"):
        helpers.setdefault(ask_id, []).append(user_id)
    for ask in asks:
        helper_ids = helpers.get(ask.pk, [])
        ask.asker_name = names.get(ask.user_id, "—")
        ask.helper_names = [names.get(pk, "—") for pk in helper_ids]
        ask.is_mine = ask.user_id == viewer.pk
        ask.i_offered = viewer.pk in helper_ids
    return asks


def meeting_context(
    request: HttpRequest, meeting: Meeting, access: CouncilAccess, **overrides
) -> dict:
    """Everything the page and its fragments show, in a fixed number of queries."""
    viewer = request.user
    is_open = meetings.is_open(meeting)
    rows, names = _member_rows(meeting, viewer)
    me = next((r for r in rows if r.is_me), None)
    can_take_part = access.can_take_part and is_open
    can_moderate = access.can_moderate and is_open
    # "Your backup can lead this one" only when there is one.
    has_backup = any(r.is_backup for r in rows)

    if meeting.exercise_skipped:
        exercise, suggested = None, None
    elif meeting.exercise:
        exercise, suggested = exercises.BY_KEY.get(meeting.exercise), False
    else:
        exercise, suggested = exercises.suggest_next(meetings.done_exercise_keys(meeting)), True

    ctx = {
        "meeting": meeting,
        "council": access.council,
        "access": access,
        "is_open": is_open,
        "can_take_part": can_take_part,
        "can_moderate": can_moderate,
        "rows": rows,
        "any_to_review": any(r.to_review for r in rows),
        "me": me,
        "asks": _asks(meeting, viewer, names),
        "exercise": exercise,
        "exercise_suggested": suggested,
        "confirming": None,
        "can_send_apologies": can_take_part and not meeting.has_started,
        "can_close": can_moderate and meetings.can_close(meeting),
        "can_reschedule": can_moderate and meetings.can_reschedule(meeting),
        "has_backup": has_backup,
        "polling": is_open,
    }
    if meeting.status == Meeting.Status.CANCELLED:
        ctx["next_meeting"] = meetings.next_meeting_after(meeting)
    if can_take_part:
        ctx["checkin_form"] = CheckInForm(
            initial={"pulse": me.checkin.pulse, "line": me.checkin.line}
            if me and me.checkin
            else None
        )
        ctx["checkout_form"] = CheckoutForm(
            initial={"word": me.checkin.checkout_word} if me and me.checkin else None
        )
        ctx["ask_form"] = AskForm()
        ctx["commitment_form"] = CommitmentForm(default_due_at=meetings.default_due_at(meeting))
    if ctx["can_close"]:
        ctx["attendance_form"] = AttendanceForm(
            members=[r for r in rows if r.is_active],
            current={r.user_id: r.attendance.status for r in rows if r.attendance},
        )
    if can_moderate:
        ctx["exercise_form"] = ExerciseForm(initial={"exercise": meeting.exercise})
        ctx["move_form"] = MoveForm()
    ctx.update(overrides)
    return ctx


def _detail_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _respond(
    request: HttpRequest, meeting: Meeting, access: CouncilAccess, section: str, **overrides
) -> HttpResponse:
    """The section's fragment for htmx; otherwise the page again (errors) or a redirect."""
    if request.htmx:
        ctx = meeting_context(request, meeting, access, **overrides)
        return render(request, f"councils/meeting/_{section}.html", ctx)
    if overrides:
        ctx = meeting_context(request, meeting, access, **overrides)
        return render(request, "councils/meeting_detail.html", ctx)
    return redirect(_detail_url(meeting, f"section-{section}"))


def _refused(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    return refuse(request, message, status=status)


def _closed(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _refused(request, meetings.refusal_reason(meeting))


NOT_STARTED, STARTED = meetings.NOT_STARTED, meetings.STARTED


def _not_yet(request: HttpRequest, meeting: Meeting, reason: str) -> HttpResponse:
    """Refuse a step the meeting's time does not allow yet (or any more): a link followed
    (GET) goes back to the meeting with the reason; a write is refused outright."""
    if request.method == "GET":
        messages.warning(request, reason)
        return redirect(_detail_url(meeting))
    return _refused(request, str(reason))


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return _refused(request, message or _("Only the moderator can change this."), status=403)


def _participant(request: HttpRequest, council_id: int, meeting_id: int):
    """The meeting and access for a write by an active member, or the response refusing it."""
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    if not access.can_take_part:
        return (
            meeting,
            access,
            _forbidden(request, _("Alumni can read the record but not change it.")),
        )
    if not meetings.is_open(meeting):
        return meeting, access, _closed(request, meeting)
    return meeting, access, None


def _moderator(request: HttpRequest, council_id: int, meeting_id: int):
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    if not access.can_moderate:
        return meeting, access, _forbidden(request)
    if not meetings.is_open(meeting):
        return meeting, access, _closed(request, meeting)
    return meeting, access, None


@login_required
@require_GET
def meeting_detail(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    return render(
        request, "councils/meeting_detail.html", meeting_context(request, meeting, access)
    )


@login_required
@require_GET
def meeting_part(request: HttpRequest, council_id: int, meeting_id: int, part: str) -> HttpResponse:
    """A read-only list, polled by the page so members follow what the moderator does."""
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    if part not in POLLED_PARTS:
        raise Http404
    return render(request, POLLED_PARTS[part], meeting_context(request, meeting, access))


@login_required
@require_POST
def meeting_checkin(
    request: HttpRequest, council_id: int, meeting_id: int, user_id: int
) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    if user_id != request.user.pk:
        return _forbidden(request, _("You can only change your own check-in."))
    if refusal:
        return refusal
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "checkin", checkin_form=form)
    try:
        meetings.meeting_checkin(
            meeting=meeting,
            user=request.user,
            pulse=form.cleaned_data["pulse"],
            line=form.cleaned_data["line"],
        )
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "checkin")


@login_required
@require_POST
def meeting_checkout(
    request: HttpRequest, council_id: int, meeting_id: int, user_id: int
) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    if user_id != request.user.pk:
        return _forbidden(request, _("You can only change your own check-out."))
    if refusal:
        return refusal
    form = CheckoutForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "checkout", checkout_form=form)
    try:
        meetings.meeting_checkout(
            meeting=meeting, user=request.user, word=form.cleaned_data["word"]
        )
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "checkout")


@login_required
@require_POST
def meeting_commitment_review(
    request: HttpRequest, council_id: int, meeting_id: int, commitment_id: int
) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    commitment = Commitment.objects.filter(pk=commitment_id, council=access.council).first()
    if commitment is None:
        raise Http404
    if not (
        access.can_moderate or (access.can_take_part and commitment.user_id == request.user.pk)
    ):
        return _forbidden(request, _("Only the member themself or the moderator can say."))
    if not meetings.is_open(meeting):
        return _closed(request, meeting)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Choose done, not done or dropped."))
    try:
        meetings.commitment_review(
            meeting=meeting, commitment=commitment, status=form.cleaned_data["status"]
        )
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "review")


@login_required
@require_POST
def meeting_exercise(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access, refusal = _moderator(request, council_id, meeting_id)
    if refusal:
        return refusal
    form = ExerciseForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "exercise", exercise_form=form)
    try:
        meetings.meeting_set_exercise(
            meeting=meeting,
            exercise=form.cleaned_data["exercise"],
            skipped="skip" in request.POST,
        )
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "exercise")


@login_required
@require_POST
def meeting_ask_create(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    if refusal:
        return refusal
    form = AskForm(request.POST)
    if not form.is_valid():
        return _respond(request, meeting, access, "asks", ask_form=form)
    try:
        meetings.ask_create(meeting=meeting, user=request.user, text=form.cleaned_data["text"])
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "asks")


@login_required
@require_POST
def meeting_ask_help(
    request: HttpRequest, council_id: int, meeting_id: int, ask_id: int
) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    ask = Ask.objects.filter(pk=ask_id, meeting=meeting).first()
    if ask is None:
        raise Http404
    if refusal:
        return refusal
    ask.meeting = meeting
    try:
        meetings.ask_offer_help(ask=ask, user=request.user)
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, meeting, access, "asks")


@login_required
@require_POST
def meeting_commitment_create(
    request: HttpRequest, council_id: int, meeting_id: int
) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    if refusal:
        return refusal
    form = CommitmentForm(request.POST, default_due_at=meetings.default_due_at(meeting))
    if not form.is_valid():
        return _respond(request, meeting, access, "commitments", commitment_form=form)
    try:
        meetings.commitment_create(
            meeting=meeting, user=request.user, text=form.cleaned_data["text"], due_at=form.due_at
        )
    except meetings.MeetingRefused as exc:
        form.add_error("due", str(exc))
        return _respond(request, meeting, access, "commitments", commitment_form=form)
    return _respond(request, meeting, access, "commitments")


@login_required
@require_POST
def meeting_attendance(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access, refusal = _moderator(request, council_id, meeting_id)
    if refusal:
        return refusal
    if not meetings.can_close(meeting):
        return _refused(request, str(NOT_STARTED))
    rows, _names = _member_rows(meeting, request.user)
    form = AttendanceForm(request.POST, members=[r for r in rows if r.is_active], current={})
    if not form.is_valid():
        return _respond(request, meeting, access, "attendance", attendance_form=form)
    try:
        meetings.attendance_set(meeting=meeting, statuses=form.statuses())
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    messages.success(request, _("Attendance saved."))
    return _respond(request, meeting, access, "attendance")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_close(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    """GET asks the moderator to confirm; POST closes the meeting for good."""
    meeting, access, refusal = _moderator(request, council_id, meeting_id)
    if refusal:
        return refusal
    if not meetings.can_close(meeting):
        return _not_yet(request, meeting, NOT_STARTED)
    if request.method == "GET":
        ctx = meeting_context(request, meeting, access, confirming="close")
        return render(request, "councils/meeting_detail.html", ctx)
    try:
        meetings.meeting_close(meeting=meeting)
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    messages.success(request, _("The meeting is closed. Its record is kept on the council page."))
    return redirect(_detail_url(meeting))


@login_required
@require_POST
def meeting_apologies(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access, refusal = _participant(request, council_id, meeting_id)
    if refusal:
        return refusal
    try:
        meetings.meeting_send_apologies(meeting=meeting, user=request.user)
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    if request.POST.get("back") == "council":  # sent from the council page: go back there
        return redirect(
            reverse("councils:council-detail", args=[council_id]) + "#section-apologies"
        )
    return redirect(_detail_url(meeting))


@login_required
@require_POST
def meeting_move(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access, refusal = _moderator(request, council_id, meeting_id)
    if refusal:
        return refusal
    if not meetings.can_reschedule(meeting):
        return _not_yet(request, meeting, STARTED)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            meetings.meeting_move(
                meeting=meeting, starts_at=form.cleaned_data["starts_at"], actor=request.user
            )
        except meetings.MeetingRefused as exc:
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
def meeting_cancel(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    """GET asks the moderator to confirm; POST cancels this one occurrence."""
    meeting, access, refusal = _moderator(request, council_id, meeting_id)
    if refusal:
        return refusal
    if not meetings.can_reschedule(meeting):
        return _not_yet(request, meeting, STARTED)
    if request.method == "GET":
        ctx = meeting_context(request, meeting, access, confirming="cancel")
        return render(request, "councils/meeting_detail.html", ctx)
    try:
        meetings.meeting_cancel(meeting=meeting, actor=request.user)
    except meetings.MeetingRefused as exc:
        return _refused(request, str(exc))
    messages.success(request, _("This meeting is cancelled. Members are told by email."))
    return redirect(_detail_url(meeting))
