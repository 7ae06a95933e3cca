"""The seeker's path from sign-up to a council: which step comes next.

accounts owns the account's own steps (profile, availability, orientation, moderator
training). The steps of the apps above it (a council to go to, the pool to join) are
registered by those apps in their AppConfig.ready(), so this module imports none of them:
each step gets the user and returns where they should go, or None to let the next decide."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from jobcouncil.accounts.availability import matchability_problem
from jobcouncil.accounts.models import Profile, User
from jobcouncil.lib.hooks import Hook

Step = Callable[[User], str | None]

# Where each app's step sits on the path; a lower number is asked first.
STAFF = 0  # programme: staff run the programme, they are not seekers
PROFILE = 10
COUNCIL = 20  # councils: a member goes to their council, an alumnus to the one they left
AVAILABILITY = 30
ORIENTATION = 40
MODERATOR_TRAINING = 50
POOL = 60  # pool: join it, or see one's place in it

_steps: list[tuple[int, str, Step]] = []

# Whether the person asked to be matched again (pool answers): an alumnus who did is on
# their way to a new council, not back to the old one.
looking_for_council: Hook[[User], bool] = Hook("looking_for_council", lambda user: False)
# The page of the person's active council, if they have one (councils answers).
active_council_url: Hook[[User], str | None] = Hook("active_council_url", lambda user: None)


def register_step(order: int, step: Step) -> Step:
    """Add a step (idempotent: ready() may run twice in tests)."""
    name = f"{step.__module__}.{step.__qualname__}"
    if all(existing != name for _, existing, _ in _steps):
        bisect.insort(_steps, (order, name, step), key=lambda item: item[0])
    return step


def profile_or_none(user: User | AnonymousUser) -> Profile | None:
    return getattr(user, "profile", None) if user.is_authenticated else None


def next_step_url(user: User) -> str:
    for _order, _name, step in _steps:
        url = step(user)
        if url is not None:
            return url
    return reverse("home")


def _profile_step(user: User) -> str | None:
    return reverse("accounts:profile") if profile_or_none(user) is None else None


def _availability_step(user: User) -> str | None:
    profile = user.profile
    if matchability_problem(profile.availability, profile.seeker_type, profile.timezone):
        return reverse("accounts:availability")
    return None


def _orientation_step(user: User) -> str | None:
    if user.profile.orientation_completed_at is None:
        return reverse("accounts:orientation", args=[1])
    return None


def _moderator_training_step(user: User) -> str | None:
    if user.profile.needs_moderator_training:
        return reverse("accounts:moderator-training", args=[1])
    return None


register_step(PROFILE, _profile_step)
register_step(AVAILABILITY, _availability_step)
register_step(ORIENTATION, _orientation_step)
register_step(MODERATOR_TRAINING, _moderator_training_step)
