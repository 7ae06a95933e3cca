"""Starting rounds: queue the task that runs the engine, by hand or on the schedule; and
the continuous placement of someone who starts waiting in the pool.

Above tasks.py (which runs a round through services.py), so nothing here imports in a circle."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobcouncil.accounts.models import User
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.continuous import placing_continuously
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.rounds.services import IN_FLIGHT, rounds_reviewed_confirm
from jobcouncil.rounds.tasks import fill_council_seats, place_from_pool, run_matching_round


def round_start(
    *, started_by: User | None, seeker_types: list[str], scheduled: bool = False
) -> MatchingRound:
    """Queue a round, or return the one already queued or running: one runs at a time
    (the one_round_in_flight constraint), so repeated clicks start one round."""
    try:
        with transaction.atomic():
            matching_round = MatchingRound.objects.create(
                started_by=started_by, seeker_types=sorted(seeker_types), scheduled=scheduled
            )
    except IntegrityError:
        in_flight = MatchingRound.objects.filter(status__in=IN_FLIGHT).first()
        if in_flight is None:  # it finished in between: try once more
            return round_start(
                started_by=started_by, seeker_types=seeker_types, scheduled=scheduled
            )
        return in_flight
    transaction.on_commit(lambda: run_matching_round.enqueue(matching_round.pk))
    return matching_round


def scheduled_round_due(*, now: dt.datetime | None = None) -> MatchingRound | None:
    """Confirm the scheduled rounds whose review window has passed, then start the next round
    when the schedule says so: at hour_utc and every `every_hours` after it (run every minute
    by `jobcouncil periodic`; a round started this hour is not started again)."""
    now = now or timezone.now()
    rounds_reviewed_confirm(now=now)
    with transaction.atomic():
        schedule = MatchingSchedule.objects.select_for_update().first()
        if schedule is None or not schedule.enabled:
            return None
        every = max(1, schedule.every_hours)
        if (now.hour - schedule.hour_utc) % every:
            return None
        # Five sixths of the interval: the nightly round's 20 hours, 50 minutes for hourly.
        if schedule.last_run_at and now - schedule.last_run_at < dt.timedelta(hours=every) * 5 / 6:
            return None
        schedule.last_run_at = now
        schedule.save(update_fields=["last_run_at"])
        return round_start(
            started_by=None, seeker_types=schedule.seeker_types or ["fast", "slow"], scheduled=True
        )


def placement_queue(*, entry: PoolEntry, **_kwargs: object) -> None:
    """Someone started waiting in the pool (pool's entry_waiting signal, inside its
    transaction): once it commits, a task tries to seat them in a council with a free seat."""
    if placing_continuously():
        user_id = entry.user_id
        transaction.on_commit(lambda: place_from_pool.enqueue(user_id))


def seat_offer_queue(*, council_id: int, **_kwargs: object) -> None:
    """A seat opened (councils' seat_opened signal, inside the leave's or landing's
    transaction): once it commits, a task offers it to the longest-waiting who fit."""
    if placing_continuously():
        transaction.on_commit(lambda: fill_council_seats.enqueue(council_id))
