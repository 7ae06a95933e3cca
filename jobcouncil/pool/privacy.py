"""What the pool holds about a person, for their data export: their pool entry
(lib/privacy.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.privacy import Part, Section
from jobcouncil.pool.models import PoolEntry


def export(user: Any) -> list[Section]:
    entry = PoolEntry.objects.filter(user=user).first()
    return [
        Section(
            key="pool_entry",
            title=_("Matching pool"),
            fields={
                "status": _("Status"),
                "joined_at": _("Joined the pool"),
                "paused_at": _("Paused"),
                "note": _("Your note for the matching team"),
                "updated_at": _("Last changed"),
            },
            rows=[
                {
                    "status": entry.get_status_display(),
                    "joined_at": entry.joined_at,
                    "paused_at": entry.paused_at,
                    "note": entry.note,
                    "updated_at": entry.updated_at,
                }
            ]
            if entry
            else [],
            single=True,
        )
    ]


PART = Part(
    app="pool",
    order=20,
    export=export,
    models=("pool.PoolEntry",),
)
