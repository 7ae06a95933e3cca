"""Matching rounds: run the engine over the pool, preview, then confirm all-or-nothing.

Starting a round (which queues the task that runs it) is in start.py, above tasks.py."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Council, Meeting, Membership, first_meeting_notice
from jobcouncil.councils.notices import council_matched_notify
from jobcouncil.councils.services import council_create, local_meeting_times
from jobcouncil.matching import (
    MatchOptions,
    match,
    parse_applicant,
    parse_existing,
    result_to_json,
    validate_result,
)
from jobcouncil.matching.applicants import council_fit
from jobcouncil.matching.timegrid import (
    STEP_MINUTES,
    format_slot,
    next_monday,
    utc_offset_minutes,
)
from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.services import pool_entries_placed, pool_entry_rejoin
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule, SeatFill

log = logging.getLogger(__name__)
MIN_ACTIVE = 6
MAX_SIZE = 8
STUCK_AFTER = dt.timedelta(minutes=30)
IN_FLIGHT = [MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING]
PROGRESS_EVERY_SECONDS = 0.5


class RoundConflict(Exception):
    """Someone in the preview was placed elsewhere meanwhile; nothing was created."""


def person_id(user_id: int) -> str:
    """How a person is named in the engine's documents: "u" and their user id."""
    return f"u{user_id}"


def person_user_id(person: str) -> int:
    return int(person.removeprefix("u"))


def applicant_doc(user: User, applied_at: dt.datetime) -> dict:
    """A person as the engine reads them (matching/SPEC.md), waiting since applied_at."""
    profile = user.profile
    return {
        "id": person_id(user.pk),
        "seeker_type": profile.seeker_type,
        "moderator": profile.is_approved_moderator,
        "timezone": profile.timezone,
        "availability": profile.availability,
        "seniority": profile.seniority,
        "function": profile.function,
        "industry": profile.industry,
        "applied_at": applied_at.isoformat(),
    }


def council_utc_slots(council: Council, reference: dt.date) -> list[str]:
    """The council's local meeting times as the engine's weekly UTC slots on the reference date."""
    offset = utc_offset_minutes(council.schedule_timezone, reference)
    slots = []
    for item in council.meeting_times:
        hour, minute = (int(x) for x in item["time"].split(":"))
        local_minutes = item["weekday"] * 24 * 60 + hour * 60 + minute
        slots.append(format_slot((local_minutes - offset) // STEP_MINUTES))
    return slots


def round_inputs(seeker_types: list[str], reference: dt.date) -> tuple[list[dict], list[dict]]:
    """Applicants (waiting pool entries) and councils below six active members, as engine docs."""
    entries = (
        PoolEntry.objects.filter(
            status=PoolEntry.Status.WAITING, user__profile__seeker_type__in=seeker_types
        )
        .exclude(user__memberships__status=Membership.Status.ACTIVE)
        .select_related("user__profile")
        .order_by("joined_at", "pk")
    )
    applicants = [applicant_doc(entry.user, entry.joined_at) for entry in entries]
    councils = (
        Council.objects.filter(status=Council.Status.ACTIVE, seeker_type__in=seeker_types)
        .annotate(
            active=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
        )
        .filter(active__lt=MIN_ACTIVE, active__gt=0)
        .prefetch_related("memberships__user__profile")
    )
    existing = []
    for council in councils:
        members = [m for m in council.memberships.all() if m.is_active]
        existing.append(
            {
                "id": f"council-{council.pk}",
                "seeker_type": council.seeker_type,
                "slots": council_utc_slots(council, reference),
                "members": [applicant_doc(m.user, m.joined_at) for m in members],
            }
        )
    return applicants, existing


def round_run(*, matching_round: MatchingRound) -> MatchingRound:
    """Run the engine for a queued round and store its proposal for review."""
    matching_round.status = MatchingRound.Status.RUNNING
    matching_round.save(update_fields=["status"])
    now = timezone.now()
    reference = next_monday(now.date())
    # The first meetings soon (the engine's last objective): a council can first meet once the
    # round is confirmed (a scheduled one after its review window) and the notice has passed.
    # A scheduled round forms new councils only at times that first meet soon (the others
    # wait for a later round, when their times come round); one run by staff forms any.
    confirmed_by = now
    within: float | None = None
    schedule = MatchingSchedule.objects.first()
    if matching_round.scheduled and schedule:
        if schedule.auto_confirm:
            confirmed_by += review_window(schedule)
        within = schedule.form_within_hours or None
    options = MatchOptions(
        reference_date=reference,
        seed=matching_round.pk,
        earliest_meeting=confirmed_by + first_meeting_notice(),
        form_within_hours=within,
    )
    last = [0.0]

    def progress(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = now
            MatchingRound.objects.filter(pk=matching_round.pk).update(progress=fraction)

    try:
        applicant_docs, existing_docs = round_inputs(matching_round.seeker_types, reference)
        applicants = [parse_applicant(doc, n) for n, doc in enumerate(applicant_docs, 1)]
        existing = parse_existing(existing_docs)
        result: dict[str, Any] = result_to_json(
            match(applicants, existing=existing, options=options, progress=progress)
        )
        problems = validate_result(applicants, result, options, existing=existing)
        by_id = {a.id: a for a in applicants}
        for proposal in result["councils"]:
            proposal["fit"] = round(council_fit([by_id[p] for p in proposal["members"]]), 3)
    except Exception as error:  # noqa: BLE001  (a task boundary: the round must not hang)
        log.exception("matching round %s failed", matching_round.pk)
        matching_round.status = MatchingRound.Status.FAILED
        matching_round.error = str(error) or error.__class__.__name__
    else:
        if problems:
            matching_round.status = MatchingRound.Status.FAILED
            matching_round.error = "; ".join(problems[:10])
        else:
            matching_round.status = MatchingRound.Status.PREVIEW
        result["reference_date"] = reference.isoformat()
        result["refill_slots"] = {doc["id"]: doc["slots"] for doc in existing_docs}
        matching_round.result = result
        matching_round.stats = dict(result.get("stats", {}))
        # While this waits for review, continuous placement leaves these councils' seats
        # to it (rounds/continuous.py): a seat taken meanwhile would void the whole round.
        matching_round.stats["refill_councils"] = [
            int(r["council"].removeprefix("council-")) for r in result["refilled"]
        ]
    matching_round.progress = 1.0
    matching_round.finished_at = timezone.now()
    matching_round.save()
    return matching_round


def _lock_waiting(user_ids: set[int]) -> set[int]:
    """Row locks on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the lock."""
    return set(
        PoolEntry.objects.select_for_update()
        .filter(user_id__in=user_ids, status=PoolEntry.Status.WAITING)
        .values_list("user_id", flat=True)
    )


def rounds_holding(*, people: bool = False) -> tuple[set[int], set[int]]:
    """What the rounds waiting for review will place: the councils they refill
    and, with `people`, the user ids they seat (read from their results, so only when
    asked). Continuous placement leaves both alone until the round is confirmed or discarded."""
    pending = MatchingRound.objects.filter(status=MatchingRound.Status.PREVIEW)
    councils: set[int] = set()
    for stats in pending.values_list("stats", flat=True):
        councils.update((stats or {}).get("refill_councils", []))
    users: set[int] = set()
    if people:
        for result in pending.values_list("result", flat=True):
            result = result or {}
            users.update(
                person_user_id(p) for c in result.get("councils", []) for p in c["members"]
            )
            users.update(person_user_id(p) for r in result.get("refilled", []) for p in r["added"])
    return councils, users


def round_confirm(
    *, matching_round: MatchingRound, now: dt.datetime | None = None, notify: bool = True
) -> list[Council]:
    """Create every proposed council and refill, or none of them; then tell the people."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
            if locked.status != MatchingRound.Status.PREVIEW:
                raise RoundConflict(_("This round is no longer waiting for review."))
            # A round waiting for review always holds its proposal.
            result = cast(dict[str, Any], locked.result)
            people = {person_user_id(p) for c in result["councils"] for p in c["members"]} | {
                person_user_id(p) for r in result["refilled"] for p in r["added"]
            }
            if _lock_waiting(people) != people:
                raise RoundConflict(
                    _("Some people in this proposal were matched or paused meanwhile.")
                )
            users = User.objects.select_related("profile").in_bulk(people)
            reference = dt.date.fromisoformat(result["reference_date"])
            created = [
                _create_council(proposal, users, reference, locked, now)
                for proposal in result["councils"]
            ]
            for refill in result["refilled"]:
                council_id = int(refill["council"].removeprefix("council-"))
                _check_refill(council_id, refill, result, reference)
                Membership.objects.bulk_create(
                    Membership(council_id=council_id, user=users[person_user_id(p)], joined_at=now)
                    for p in refill["added"]
                )
                Meeting.touch_open(council_id)  # open meeting pages show the newcomer
            placed = {pk: users[pk].profile.seeker_type for pk in people}
            locked.stats = {**(locked.stats or {}), "waits": placement_waits(placed, now=now)}
            pool_entries_placed(user_ids=people)
            if notify:
                _tell_people(created, result["refilled"], users)
            locked.status = MatchingRound.Status.CONFIRMED
            locked.confirmed_at = now
            locked.save(update_fields=["status", "confirmed_at", "stats"])
    except IntegrityError as error:
        # The one-active-council constraint caught a concurrent placement.
        raise RoundConflict(_("Someone in this proposal already has a council.")) from error
    matching_round.refresh_from_db()
    return created


def _check_refill(council_id: int, refill: dict, result: dict, reference: dt.date) -> None:
    """A council offered for refill must still be open, have the seats and the same times."""
    council = Council.objects.select_for_update().filter(pk=council_id).first()
    if council is None or council.status != Council.Status.ACTIVE:
        raise RoundConflict(_("A council offered for refill has closed meanwhile."))
    seats = MAX_SIZE - council.memberships.filter(status=Membership.Status.ACTIVE).count()
    if len(refill["added"]) > seats:
        raise RoundConflict(
            _("%(council)s no longer has the seats this round would fill.")
            % {"council": council.name}
        )
    offered = result.get("refill_slots", {}).get(refill["council"])
    if offered != council_utc_slots(council, reference):
        raise RoundConflict(
            _("%(council)s changed its meeting times meanwhile.") % {"council": council.name}
        )


def _tell_people(created: list[Council], refilled: list[dict], users: dict) -> None:
    for council in created:
        council_matched_notify(
            council=council, users=[users[m.user_id] for m in council.memberships.all()]
        )
    for refill in refilled:
        council = Council.objects.get(pk=int(refill["council"].removeprefix("council-")))
        council_matched_notify(
            council=council, users=[users[person_user_id(p)] for p in refill["added"]]
        )


def council_name(number: int, seeker_type: str) -> str:
    """ "Council 12 · Fast": stored, so in the language active when the round is confirmed."""
    pace = _("Fast") if seeker_type == "fast" else _("Slow")
    return _("Council %(number)s · %(pace)s") % {"number": number, "pace": pace}


def _create_council(
    proposal: dict,
    users: dict[int, User],
    reference: dt.date,
    matching_round: MatchingRound,
    now: dt.datetime,
) -> Council:
    members = [users[person_user_id(p)] for p in proposal["members"]]
    moderator = users[person_user_id(proposal["moderator"])]
    backup = next(
        (u for u in members if u.pk != moderator.pk and u.profile.is_approved_moderator), None
    )
    tzname = moderator.profile.timezone
    number = Council.objects.count() + 1
    return council_create(
        name=council_name(number, proposal["seeker_type"]),
        seeker_type=proposal["seeker_type"],
        moderator=moderator,
        members=members,
        backup=backup,
        schedule_timezone=tzname,
        meeting_times=local_meeting_times(proposal["slots"], tzname, reference),
        fit=proposal.get("fit", 0.0),
        matching_round_id=matching_round.pk,
        now=now,
    )


def round_is_stuck(matching_round: MatchingRound, *, now: dt.datetime | None = None) -> bool:
    """Queued or running for so long that its worker must have died."""
    now = now or timezone.now()
    running = matching_round.status in (MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING)
    return running and now - matching_round.created_at > STUCK_AFTER


def round_discard(*, matching_round: MatchingRound) -> bool:
    """Discard a proposal, a failure, or a round whose worker died; True when it did."""
    if round_is_stuck(matching_round):
        allowed = [MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING]
    else:
        allowed = [MatchingRound.Status.PREVIEW, MatchingRound.Status.FAILED]
    return bool(
        MatchingRound.objects.filter(pk=matching_round.pk, status__in=allowed).update(
            status=MatchingRound.Status.DISCARDED
        )
    )


WAIT_WINDOW = dt.timedelta(days=90)


def wait_estimate_days(seeker_type: str, *, now: dt.datetime | None = None) -> int | None:
    """Median days from joining the pool to being placed, over the rounds confirmed in the last
    90 days (new councils and refills alike), from the small summary each confirmation stored
    (one row per round, however many people they placed), and the seats filled between rounds
    in that time (one small row each)."""
    now = now or timezone.now()
    summaries = (
        MatchingRound.objects.filter(
            status=MatchingRound.Status.CONFIRMED, confirmed_at__gte=now - WAIT_WINDOW
        )
        .order_by()
        .values_list("stats", flat=True)
    )
    counts: Counter[int] = Counter()
    for stats in summaries:
        for days, n in (stats or {}).get("waits", {}).get(seeker_type, {}).items():
            counts[int(days)] += n
    # People seated between rounds (continuous placement) count as much.
    fills = SeatFill.objects.filter(seeker_type=seeker_type, placed_at__gte=now - WAIT_WINDOW)
    for days, n in fills.order_by().values_list("waited_days").annotate(n=Count("pk")):
        counts[days] += n
    total = sum(counts.values())
    if total < 3:
        return None
    seen = 0
    for days in sorted(counts):
        seen += counts[days]
        if seen > total // 2:
            return days
    raise AssertionError("unreachable: the counts add up to total")


def placement_waits(placed: dict[int, str], *, now: dt.datetime) -> dict[str, dict[str, int]]:
    """{seeker type: {days waited: people}} for the people (user id -> type) placed now."""
    waits: dict[str, Counter[str]] = {}
    joined = PoolEntry.objects.filter(user_id__in=placed).values_list("user_id", "joined_at")
    for user_id, joined_at in joined:
        if joined_at <= now:
            waits.setdefault(placed[user_id], Counter())[str((now - joined_at).days)] += 1
    return {kind: dict(sorted(c.items(), key=lambda kv: int(kv[0]))) for kind, c in waits.items()}


def review_window(schedule: MatchingSchedule | None) -> dt.timedelta:
    """How long a scheduled round waits for staff review before it confirms itself."""
    return dt.timedelta(hours=schedule.review_hours if schedule else 0)


def round_auto_confirm(*, matching_round: MatchingRound, now: dt.datetime | None = None) -> bool:
    """Scheduled rounds confirm themselves when staff allowed it and no rule is broken, once
    the schedule's review window has passed since the proposal was ready (at once without
    one; otherwise `rounds_reviewed_confirm`, run by the upkeep, confirms it later)."""
    schedule = MatchingSchedule.objects.first()
    if not (matching_round.scheduled and schedule and schedule.auto_confirm):
        return False
    if matching_round.status != MatchingRound.Status.PREVIEW:
        return False
    now = now or timezone.now()
    ready = matching_round.finished_at or matching_round.created_at
    if now < ready + review_window(schedule):
        return False
    try:
        round_confirm(matching_round=matching_round, now=now)
    except RoundConflict:
        return False
    return True


def rounds_reviewed_confirm(*, now: dt.datetime) -> int:
    """Scheduled rounds still waiting for review when their window has passed confirm
    themselves (staff may confirm or discard them before); how many did."""
    waiting = MatchingRound.objects.filter(status=MatchingRound.Status.PREVIEW, scheduled=True)
    return sum(round_auto_confirm(matching_round=r, now=now) for r in waiting.order_by("pk"))


def member_back_to_pool(
    *, membership: Membership, back_to_pool: bool, now: dt.datetime, **_kwargs: object
) -> None:
    """Someone left their council (councils' membership_left signal) and asked to be matched
    again: a fresh place in the pool, in the same transaction."""
    if back_to_pool:
        pool_entry_rejoin(user=membership.user, now=now)


def round_deleted(*, instance: MatchingRound, **_kwargs: object) -> None:
    """A deleted round (only staff in the admin can) no longer names the councils it formed."""
    Council.objects.filter(matching_round_id=instance.pk).update(matching_round_id=None)
