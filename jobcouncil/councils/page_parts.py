"""Parts that apps above councils add to the council page (the workbook's shared drafts),
so councils shows them without importing those apps: each registers a function at start-up
that returns a part (a template name and its context) or None."""

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
