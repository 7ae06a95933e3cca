"""What the live meeting page shows: one read model, built in a fixed number of queries, for
the page, the fragments a write answers with, and the live endpoint members' pages poll.

The live endpoint answers from a version stamp (`live_stamp`) when nothing changed, so a page
left open costs one cheap request every 10 s; when something did change it sends only the
parts whose rendered content differs from what the page holds (each part carries a digest of
its content, `live_digest`)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from jobcouncil.councils import exercises, meetings, page_parts
from jobcouncil.councils.access import CouncilAccess
from jobcouncil.councils.forms_meeting import (
    AskForm,
    AttendanceForm,
    CheckInForm,
    CheckoutForm,
    CommitmentForm,
    ExerciseForm,
    MoveForm,
)
from jobcouncil.councils.models import Ask, Attendance, CheckIn, Commitment, Meeting, Membership

# The read-only parts a member's page follows live: id on the page -> template, and the name a
# screen reader hears when it changes.
LIVE_PARTS: dict[str, tuple[str, Any]] = {
    "checkin-list": ("councils/meeting/_checkin_list.html", _("Check-in")),
    "review-list": ("councils/meeting/_review_list.html", _("Last time's commitments")),
    "exercise-current": ("councils/meeting/_exercise_current.html", _("Exercise of the day")),
    "asks-list": ("councils/meeting/_asks_list.html", _("Hot seat and asks")),
    "commitments-list": ("councils/meeting/_commitments_list.html", _("New commitments")),
    "checkout-list": ("councils/meeting/_checkout_list.html", _("Check-out")),
    "attendance-list": ("councils/meeting/_attendance_list.html", _("Attendance")),
}

# A masked CSRF token differs at every render; it is not content a member would see change.
_CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


@dataclass
class MemberRow:
    """One person in the meeting's record, with what they said and promised in it."""

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


@dataclass(frozen=True)
class AskRow:
    """One ask as the viewer sees it: who asked, who offered help, whether they may offer."""

    pk: int
    text: str
    asker_name: str
    helper_names: list[str]
    is_mine: bool
    i_offered: bool


def member_rows(meeting: Meeting, viewer: Any) -> tuple[list[MemberRow], dict[int, str]]:
    """The meeting's people, moderator first, and every name by user id (leavers included)."""
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


def ask_rows(meeting: Meeting, viewer: Any, names: dict[int, str]) -> list[AskRow]:
    """The meeting's asks in order, in two queries however many offers of help."""
    helpers: dict[int, list[int]] = {}
    offers = Ask.helpers.through.objects.filter(ask__meeting=meeting).order_by("id")
    for ask_id, user_id in offers.values_list("ask_id", "user_id"):
        helpers.setdefault(ask_id, []).append(user_id)
    rows = []
    for ask in meeting.asks.all():
        helper_ids = helpers.get(ask.pk, [])
        rows.append(
            AskRow(
                pk=ask.pk,
                text=ask.text,
                asker_name=names.get(ask.user_id, "—"),
                helper_names=[names.get(pk, "—") for pk in helper_ids],
                is_mine=ask.user_id == viewer.pk,
                i_offered=viewer.pk in helper_ids,
            )
        )
    return rows


def live_stamp(meeting: Meeting) -> str:
    """Changes whenever what the page shows may have: every write to the meeting bumps its
    version (and so does a member joining, leaving or changing role), and the start of the
    meeting changes what the moderator and members may do."""
    return f"{meeting.version}.{int(meeting.has_started)}"


def live_digest(html: str) -> str:
    """A short digest of a part's content, so a poll sends only parts that really changed."""
    content = _CSRF_INPUT.sub("", html).encode()
    return hashlib.blake2b(content, digest_size=8).hexdigest()


def live_parts(request: HttpRequest, ctx: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Every live part rendered for an out-of-band swap: id -> (digest, html)."""
    ctx = {**ctx, "live_oob": True}
    rendered: dict[str, tuple[str, str]] = {}
    for name, (template, _title) in LIVE_PARTS.items():
        html = render_to_string(template, ctx, request=request)
        found = re.search(r'data-digest="(\w+)"', html)
        rendered[name] = (found.group(1) if found else "", html)
    return rendered


def meeting_context(
    request: HttpRequest, meeting: Meeting, access: CouncilAccess, **overrides: Any
) -> dict[str, Any]:
    """Everything the page and its fragments show, in a fixed number of queries."""
    viewer = request.user
    is_open = meetings.is_open(meeting)
    rows, names = member_rows(meeting, viewer)
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

    ctx: dict[str, Any] = {
        "meeting": meeting,
        "council": access.council,
        "access": access,
        "is_open": is_open,
        "can_take_part": can_take_part,
        "can_moderate": can_moderate,
        "rows": rows,
        "any_to_review": any(r.to_review for r in rows),
        "me": me,
        "asks": ask_rows(meeting, viewer, names),
        "exercise": exercise,
        "exercise_suggested": suggested,
        "exercise_parts": page_parts.exercise_parts(access, exercise.key) if exercise else [],
        "confirming": None,
        "can_send_apologies": can_take_part and not meeting.has_started,
        "can_close": can_moderate and meetings.can_close(meeting),
        "can_reschedule": can_moderate and meetings.can_reschedule(meeting),
        "has_backup": has_backup,
        # An open meeting's page follows along; a record does not change.
        "live_stamp": live_stamp(meeting) if is_open else None,
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
