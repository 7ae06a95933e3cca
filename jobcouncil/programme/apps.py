"""The programme's own view: staff dashboard, metrics, exports, and the demo programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


def staff_step(user: User) -> str | None:
    """Staff run the programme; they are not seekers, whether or not they have a profile."""
    return reverse("programme:dashboard") if user.is_staff else None


class ProgrammeConfig(AppConfig):
    name = "jobcouncil.programme"
    label = "programme"

    def ready(self) -> None:
        from jobcouncil.accounts import journey

        journey.register_step(journey.STAFF, staff_step)
