"""The council's path: the exercise of the day, in the order the method suggests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Exercise:
    key: str
    title: StrOrPromise
    guidance: StrOrPromise


PATH = [
    Exercise(
        "introductions",
        _("Introductions and trust"),
        _(
            "Each member: who you are, what you are looking for, and one thing people would be "
            "surprised to know. The moderator reads the charter and everyone accepts it."
        ),
    ),
    Exercise(
        "story-and-goals",
        _("Each member's story and goals"),
        _(
            "Five minutes each: how you got here and where you want to go. Others listen, then "
            "reflect back one strength they heard."
        ),
    ),
    Exercise(
        "wants",
        _("Wants and don't-wants"),
        _(
            "List what you want and don't want in your next job: role, people, pace, money, "
            "place. Share the top three of each."
        ),
    ),
    Exercise(
        "two-pager",
        _("Two-pager review"),
        _(
            "Members share their two-pager drafts; the council gives specific comments: what is "
            "clear, what is missing, what sounds like someone else's wants."
        ),
    ),
    Exercise(
        "gratitude-house",
        _("Gratitude house"),
        _("Name the people who helped you get here. Read your list before interviews."),
    ),
    Exercise(
        "listening-tour",
        _("Listening-tour report-backs"),
        _(
            "Report on your conversations: what did people say your strengths are, what are you "
            "a fit for? Who answered the golden question, and how?"
        ),
    ),
    Exercise(
        "market-fit",
        _("Candidate-market fit"),
        _(
            "Refine your 3–4 attributes (role, stage, industry, location or culture) from what "
            "the tour taught you. Read them aloud; the council tests them."
        ),
    ),
    Exercise(
        "linkedin",
        _("LinkedIn and résumé"),
        _("Review each other's headline and About section against the fit statement."),
    ),
    Exercise(
        "targets",
        _("Targets and networking"),
        _(
            "Spear, not net: share your short list of target companies and roles, and who in the "
            "council knows someone there."
        ),
    ),
    Exercise(
        "interviews",
        _("Interview practice and the Job Mission"),
        _(
            "Practise answers in pairs. Draft your Job Mission with OKRs to bring to the hiring "
            "manager."
        ),
    ),
]
BY_KEY = {exercise.key: exercise for exercise in PATH}
EXERCISE_CHOICES = [(e.key, e.title) for e in PATH]


def suggest_next(done: set[str]) -> Exercise:
    """The first exercise on the path the council has not done; the path starts over after."""
    for exercise in PATH:
        if exercise.key not in done:
            return exercise
    return PATH[-1]
