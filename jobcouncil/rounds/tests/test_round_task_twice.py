"""A round's task run a second time (the upkeep re-queued it after its worker died) changes
nothing once the round has left the queue."""

from __future__ import annotations

import pytest

from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.tasks import run_matching_round


@pytest.mark.parametrize("status", ["preview", "confirmed", "discarded", "failed"])
def test_a_round_no_longer_in_flight_is_left_as_it_is(db, status):
    matching_round = MatchingRound.objects.create(
        seeker_types=["fast"], status=status, result={"councils": ["kept"]}
    )
    assert run_matching_round.call(matching_round.pk) == status
    matching_round.refresh_from_db()
    assert (matching_round.status, matching_round.result) == (status, {"councils": ["kept"]})


def test_a_queued_round_still_runs(db):
    matching_round = MatchingRound.objects.create(seeker_types=["fast"])
    assert run_matching_round.call(matching_round.pk) == "preview"
