"""Background tasks of the pool: they look up their arguments by id and call a service."""

from __future__ import annotations

from django_tasks import task

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
