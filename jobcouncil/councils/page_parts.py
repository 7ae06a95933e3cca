"""What apps above councils add to the council page and to the meeting's exercise of the day
(the workbook's shared drafts), through hooks (lib/hooks.py), so councils shows them without
importing those apps. A part is a template name and its context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jobcouncil.lib.hooks import Hook

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User
    from jobcouncil.councils.access import CouncilAccess

Part = dict[str, Any]


def _no_parts(access: CouncilAccess) -> list[Part]:
    return []


def _no_exercise_parts(access: CouncilAccess, exercise_key: str) -> list[Part]:
    return []


# Registered by the workbook: the drafts members shared with this council.
council_page_parts: Hook[[CouncilAccess], list[Part]] = Hook(
    "councils.council_page_parts", _no_parts
)
# Registered by the workbook: what to show under the exercise (its key: exercises.PATH).
exercise_parts: Hook[[CouncilAccess, str], list[Part]] = Hook(
    "councils.exercise_parts", _no_exercise_parts
)


def _no_landing_initial(user: User) -> dict[str, Any]:
    return {}


# Registered by the workbook: what the seeker already wrote about the offer they accepted
# (role, company, start date, whether they asked for more money and got it), so the landing
# form begins from it and the programme's count of who asked, and who got more, is right.
landing_initial: Hook[[User], dict[str, Any]] = Hook(
    "councils.landing_initial", _no_landing_initial
)
