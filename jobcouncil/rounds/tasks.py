"""Background tasks of the pool: they look up their arguments by id and call a service."""

from __future__ import annotations

from django_tasks import task

from jobcouncil.rounds.continuous import council_seats_offer, pool_entry_place
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import IN_FLIGHT, round_auto_confirm, round_run


@task()
def run_matching_round(round_id: int) -> str:
    matching_round = MatchingRound.objects.get(pk=round_id)
    if matching_round.status not in IN_FLIGHT:
        # Run a second time (its first worker died after the work was done, and the upkeep
        # put the task back in line): the round is already previewed, confirmed or discarded.
        return matching_round.status
    matching_round = round_run(matching_round=matching_round)
    round_auto_confirm(matching_round=matching_round)
    return matching_round.status


@task()
def place_from_pool(user_id: int) -> int | None:
    """Continuous placement of one person who started waiting: the council's id, or None.
    Run twice (a worker died after the work), it finds them placed and does nothing."""
    council = pool_entry_place(user_id=user_id)
    return council.pk if council else None


@task()
def fill_council_seats(council_id: int) -> int:
    """A seat opened: the people waiting longest who fit it take the free seats."""
    return council_seats_offer(council_id=council_id)
