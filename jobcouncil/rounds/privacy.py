"""What matching rounds hold about a person (lib/privacy.py): nothing of their own. Who was
placed is in their memberships; a round only names the staff member who started it."""

from __future__ import annotations

from typing import Any

from jobcouncil.lib.privacy import Part, Section


def export(user: Any) -> list[Section]:
    return []


PART = Part(
    app="rounds",
    order=50,
    export=export,
    not_personal={
        "rounds.MatchingRound": "the staff member who started a round: staff's work record; "
        "who was placed is in the person's memberships",
    },
)
