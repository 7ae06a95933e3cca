"""Parts that apps above councils add to the council page and to the meeting's exercise of
the day (the workbook's shared drafts), so councils shows them without importing those apps:
each registers a function at start-up that returns a part (a template name and its context)
or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobcouncil.councils.access import CouncilAccess

Part = dict[str, Any]
_PARTS: list[Callable[[CouncilAccess], Part | None]] = []


def register(part: Callable[[CouncilAccess], Part | None]) -> None:
    if part not in _PARTS:
        _PARTS.append(part)


def council_page_parts(access: CouncilAccess) -> list[Part]:
    return [part for make in _PARTS if (part := make(access)) is not None]


_EXERCISE_PARTS: list[Callable[[CouncilAccess, str], Part | None]] = []


def register_exercise(part: Callable[[CouncilAccess, str], Part | None]) -> None:
    if part not in _EXERCISE_PARTS:
        _EXERCISE_PARTS.append(part)


def exercise_parts(access: CouncilAccess, exercise_key: str) -> list[Part]:
    """What to show under the meeting's exercise of the day (its key: exercises.PATH)."""
    return [part for make in _EXERCISE_PARTS if (part := make(access, exercise_key)) is not None]
