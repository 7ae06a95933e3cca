"""Starting rounds: queue the task that runs the engine, by hand or on the nightly schedule.

Above tasks.py (which runs a round through services.py), so nothing here imports in a circle."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobcouncil.accounts.models import User
from jobcouncil.rounds.models import MatchingRound, MatchingSchedule
from jobcouncil.rounds.services import IN_FLIGHT
from jobcouncil.rounds.tasks import run_matching_round


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
    """Start the nightly round when the schedule says so (run hourly by `jobcouncil periodic`)."""
    now = now or timezone.now()
    with transaction.atomic():
        schedule = MatchingSchedule.objects.select_for_update().first()
        if schedule is None or not schedule.enabled or now.hour != schedule.hour_utc:
            return None
        if schedule.last_run_at and now - schedule.last_run_at < dt.timedelta(hours=20):
            return None
        schedule.last_run_at = now
        schedule.save(update_fields=["last_run_at"])
        return round_start(
            started_by=None, seeker_types=schedule.seeker_types or ["fast", "slow"], scheduled=True
        )
