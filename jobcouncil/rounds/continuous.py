"""Continuous placement: someone who joins the pool takes a free seat in a council at once.

Between rounds, a person who starts waiting (joins, comes back after a council, resumes a
pause) is offered to the engine's `place_one` (matching/soon.py) with every council of their
seeker type that has a free seat; the best seat they fit is taken without a staff review
when the programme allows it (`MatchingSchedule.place_continuously`). New councils still
form in rounds. The task that calls this is queued by rounds/start.py.

A round waiting for review is left alone: the councils it refills keep their seats for it,
and the people it seats are not offered a seat that opens (either would void the round,
which is confirmed all or nothing).

Locks, in the order every writer takes them: the person's pool entry, then the council's
row (councils.services.membership_join, which counts the seats under it). Two people racing
for the last seat: the second finds it taken and tries their next best seat, or waits.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Council, Membership, first_meeting_notice
from jobcouncil.councils.notices import council_matched_notify, council_newcomer_notify
from jobcouncil.councils.services import membership_join
from jobcouncil.matching import (
    ExistingCouncil,
    MatchOptions,
    parse_applicant,
    parse_existing,
    seats_for,
)
from jobcouncil.matching.timegrid import next_monday
from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.services import pool_entries_placed
from jobcouncil.rounds.models import MatchingSchedule, SeatFill
from jobcouncil.rounds.services import (
    MAX_SIZE,
    applicant_doc,
    council_utc_slots,
    rounds_holding,
)

log = logging.getLogger(__name__)


def placing_continuously() -> bool:
    """Whether the programme lets people take free seats without a staff review."""
    schedule = MatchingSchedule.objects.first()
    return bool(schedule and schedule.place_continuously)


def _first_meeting(council: Council) -> dt.datetime | None:
    """The council's first meeting in its schedule (slow councils count their weeks from it)."""
    start = dt.datetime.combine(council.starts_on, dt.time(0), tzinfo=council.tzinfo)
    first = council.occurrences(start, start + dt.timedelta(weeks=2))
    return first[0] if first else None


def _engine_council(council: Council, *, reference: dt.date) -> dict:
    """A council and its active members as the engine's existing-council document."""
    members = [m for m in council.memberships.all() if m.is_active]
    return {
        "id": str(council.pk),
        "seeker_type": council.seeker_type,
        "slots": council_utc_slots(council, reference),
        "members": [applicant_doc(m.user, m.joined_at) for m in members],
    }


def _engine_councils(councils: list[Council], *, reference: dt.date) -> list[ExistingCouncil]:
    docs = [_engine_council(c, reference=reference) for c in councils]
    first = {str(c.pk): _first_meeting(c) for c in councils}
    return [
        ExistingCouncil(c.id, c.seeker_type, c.slots, c.members, first[c.id])
        for c in parse_existing(docs)
    ]


def councils_with_free_seats(user: User, *, reference: dt.date) -> list[ExistingCouncil]:
    """Active councils of the person's seeker type below the maximum size, that they have
    never been in (someone who left a council is not put back into it), as engine councils."""
    held, _people = rounds_holding()
    councils = (
        Council.objects.filter(status=Council.Status.ACTIVE, seeker_type=user.profile.seeker_type)
        .exclude(pk__in=held)
        .exclude(memberships__user=user)
        .annotate(
            active=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
        )
        .filter(active__lt=MAX_SIZE, active__gt=0)
        .prefetch_related("memberships__user__profile")
        .order_by("pk")
    )
    return _engine_councils(list(councils), reference=reference)


def _lock_waiting(user_id: int) -> PoolEntry | None:
    """The person's pool entry under its row lock, while they wait and have no council."""
    entry = (
        PoolEntry.objects.select_for_update()
        .filter(user_id=user_id, status=PoolEntry.Status.WAITING)
        .first()
    )
    if (
        entry is None
        or Membership.objects.filter(user_id=user_id, status=Membership.Status.ACTIVE).exists()
    ):
        return None
    return entry


def _take_seat(entry: PoolEntry, user: User, council_id: int, now: dt.datetime) -> Council | None:
    """Inside the caller's transaction, entry locked: the seat, or None when it went."""
    membership = membership_join(council_id=council_id, user=user, max_size=MAX_SIZE, now=now)
    if membership is None:
        return None
    council = membership.council
    pool_entries_placed(user_ids={user.pk})
    SeatFill.objects.create(
        council=council,
        seeker_type=user.profile.seeker_type,
        waited_days=max(0, (now - entry.joined_at).days),
        placed_at=now,
    )
    _tell(council, user)
    log.info("placed user %s into council %s between rounds", user.pk, council.pk)
    return council


def _options(now: dt.datetime) -> MatchOptions:
    return MatchOptions(reference_date=next_monday(now.date()))


def pool_entry_place(*, user_id: int, now: dt.datetime | None = None) -> Council | None:
    """Seat one waiting person in the best free seat they fit; the council, or None when
    continuous placement is off, they are no longer waiting, or no seat fits (they wait for
    the next round). The person and the council's members are told by email."""
    if not placing_continuously():
        return None
    now = now or timezone.now()
    options = _options(now)
    with transaction.atomic():
        entry = _lock_waiting(user_id)
        if entry is None:
            return None
        user = User.objects.select_related("profile").get(pk=user_id)
        applicant = parse_applicant(applicant_doc(user, entry.joined_at), 1)
        councils = councils_with_free_seats(user, reference=options.reference_date)
        earliest = now + first_meeting_notice()
        for seat in seats_for(applicant, councils, options=options, earliest=earliest):
            council = _take_seat(entry, user, int(seat.council), now)
            if council is not None:
                return council
            # Taken meanwhile: the next best seat.
    return None


# People looked at, longest waiting first, when a seat opens: bounds the work of one run in a
# large pool (the next round offers the seat to everyone).
SEAT_OFFER_LOOKS = 2000


def council_seats_offer(*, council_id: int, now: dt.datetime | None = None) -> int:
    """A seat opened (someone left or landed): offer the council's free seats to the people
    waiting longest who fit it (same seeker type, every slot, not a volunteer, never in it),
    as the engine's refill gives a seat to the earlier applicant. How many were placed."""
    if not placing_continuously():
        return 0
    now = now or timezone.now()
    options = _options(now)
    council = (
        Council.objects.filter(pk=council_id, status=Council.Status.ACTIVE)
        .prefetch_related("memberships__user__profile")
        .first()
    )
    held, people = rounds_holding(people=True)
    if council is None or council.pk in held:
        return 0
    (offered,) = _engine_councils([council], reference=options.reference_date)
    free = MAX_SIZE - len(offered.members)
    waiting = (
        PoolEntry.objects.filter(status=PoolEntry.Status.WAITING, seeker_type=council.seeker_type)
        .exclude(user__memberships__council=council)
        .exclude(user__memberships__status=Membership.Status.ACTIVE)
        .exclude(user_id__in=people)
        .select_related("user__profile")
        .order_by("joined_at", "pk")[:SEAT_OFFER_LOOKS]
    )
    placed = 0
    for entry in waiting:
        if placed >= free:
            break
        applicant = parse_applicant(applicant_doc(entry.user, entry.joined_at), 1)
        if not seats_for(applicant, [offered], options=options):
            continue
        with transaction.atomic():
            locked = _lock_waiting(entry.user_id)
            if locked is None:
                continue  # placed or paused meanwhile
            if _take_seat(locked, entry.user, council.pk, now) is None:
                break  # the council filled meanwhile (or closed)
        placed += 1
    return placed


def _tell(council: Council, newcomer: User) -> None:
    """The newcomer hears they have a council; its members hear who joins and when."""
    council_matched_notify(council=council, users=[newcomer])
    mine = council.memberships.get(user=newcomer, status=Membership.Status.ACTIVE)
    first = mine.first_meeting()
    others = (
        council.memberships.filter(status=Membership.Status.ACTIVE)
        .exclude(user=newcomer)
        .select_related("user__profile")
    )
    council_newcomer_notify(
        council=council, users=[m.user for m in others], newcomer=newcomer, first_meeting=first
    )
