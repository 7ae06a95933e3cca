"""The first 90 days after landing: the seeker's plan and check-ins, and the small peer groups
of alumni in similar roles that coach each other through them.

Groups are simple on purpose: people who landed are grouped by their function and by a band
of nearby UTC offsets, a few to a group, the oldest group with room first. Only alumni (a
recorded landing) join one, and only its members read what is asked in it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from jobcouncil.councils.models import Landing
from jobcouncil.workbook.models import (
    AlumniAnswer,
    AlumniGroup,
    AlumniGroupMember,
    AlumniQuestion,
    NinetyDayCheckIn,
    NinetyDayPlan,
    NinetyDayStage,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

# A small group: enough voices to answer a question, few enough to know each other.
GROUP_SIZE = 6
# UTC offsets in bands this many hours wide: a group can find an hour that suits everyone.
BAND_HOURS = 3
# A group takes new members while it is young, so everyone in it is in their first months.
GROUP_OPEN_FOR = dt.timedelta(days=60)
DAYS = [day for day, _label in NinetyDayStage.Day.choices]


class Refused(Exception):
    """Not allowed; the message is for the person who tried."""


def latest_landing(user: User) -> Landing | None:
    return Landing.objects.filter(user=user).order_by("-created_at", "-pk").first()


def is_alumnus(user: User) -> bool:
    return Landing.objects.filter(user=user).exists()


def plan_for(owner: User) -> NinetyDayPlan:
    """The owner's plan, begun from their landing (role, company, first day) the first time."""
    plan = NinetyDayPlan.objects.filter(owner=owner).first()
    if plan is None:
        landing = latest_landing(owner)
        plan, _created = NinetyDayPlan.objects.get_or_create(
            owner=owner,
            defaults={
                "role": landing.role if landing else "",
                "company": landing.company if landing else "",
                "starts_on": landing.start_date if landing else None,
            },
        )
    return plan


def stages(plan: NinetyDayPlan) -> dict[int, NinetyDayStage]:
    """The three stages in order, unsaved blanks for those not written yet."""
    saved = {s.day: s for s in plan.stages.all()} if plan.pk else {}
    return {day: saved.get(day) or NinetyDayStage(plan=plan, day=day) for day in DAYS}


@transaction.atomic
def plan_save(
    *,
    owner: User,
    role: str,
    company: str,
    starts_on: dt.date | None,
    stage_texts: dict[int, dict[str, str]],
) -> NinetyDayPlan:
    plan = plan_for(owner)
    plan = NinetyDayPlan.objects.select_for_update().get(pk=plan.pk)
    plan.role, plan.company, plan.starts_on = role.strip(), company.strip(), starts_on
    plan.save()
    for day in DAYS:
        texts = stage_texts.get(day, {})
        NinetyDayStage.objects.update_or_create(
            plan=plan,
            day=day,
            defaults={
                "goals": texts.get("goals", "").strip(),
                "people": texts.get("people", "").strip(),
                "early_wins": texts.get("early_wins", "").strip(),
            },
        )
    return plan


def day_number(plan: NinetyDayPlan, today: dt.date) -> int | None:
    """Which day of the new job today is (1 on the first day), or None before it starts."""
    if plan.starts_on is None or today < plan.starts_on:
        return None
    return (today - plan.starts_on).days + 1


def milestone_for(day: int | None) -> int:
    """The stage a check-in on this day is about: the next milestone still ahead."""
    if day is None:
        return DAYS[0]
    return next((d for d in DAYS if day <= d), DAYS[-1])


def check_in_add(
    *,
    plan: NinetyDayPlan,
    day: int,
    feeling: str,
    went_well: str,
    next_steps: str,
    now: dt.datetime,
) -> NinetyDayCheckIn:
    return NinetyDayCheckIn.objects.create(
        plan=plan,
        day=day,
        feeling=feeling,
        went_well=went_well.strip(),
        next_steps=next_steps.strip(),
        created_at=now,
    )


def zone_band(zone_name: str, now: dt.datetime) -> int:
    """The band of UTC offsets this timezone is in at `now` (whole bands of BAND_HOURS)."""
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    offset = now.astimezone(zone).utcoffset() or dt.timedelta(0)
    return int(offset.total_seconds() // 3600) // BAND_HOURS


def group_of(user: User) -> AlumniGroup | None:
    member = AlumniGroupMember.objects.filter(user=user).select_related("group").first()
    return member.group if member else None


@transaction.atomic
def alumni_group_join(*, user: User, now: dt.datetime) -> AlumniGroup:
    """Put someone who landed in a small group of alumni in their function and nearby zones:
    the oldest such group with room, or a new one that the next alumni will join."""
    if not is_alumnus(user):
        raise Refused(
            _("First-90-days groups are for people who have landed. Yours will be here then.")
        )
    existing = group_of(user)
    if existing is not None:
        return existing
    profile = user.profile
    band = zone_band(profile.timezone, now)
    # Groups formed in the last two months: their members are still in their first 90 days.
    open_groups = (
        AlumniGroup.objects.filter(
            function=profile.function, zone_band=band, created_at__gte=now - GROUP_OPEN_FOR
        )
        .annotate(n=Count("members"))
        .filter(n__lt=GROUP_SIZE)
        .order_by("created_at", "pk")
    )
    group: AlumniGroup | None = None
    room = open_groups.values_list("pk", flat=True).first()
    if room is not None:
        # Lock it, then count again: someone may have taken the last seat meanwhile.
        group = AlumniGroup.objects.select_for_update().get(pk=room)
        if group.members.count() >= GROUP_SIZE:
            group = None
    if group is None:
        group = AlumniGroup.objects.create(
            function=profile.function, zone_band=band, created_at=now
        )
    AlumniGroupMember.objects.create(group=group, user=user, joined_at=now)
    return group


@transaction.atomic
def alumni_group_leave(*, user: User) -> None:
    AlumniGroupMember.objects.filter(user=user).delete()


def question_ask(
    *, group: AlumniGroup, author: User, body: str, now: dt.datetime
) -> AlumniQuestion:
    return AlumniQuestion.objects.create(
        group=group, author=author, body=body.strip(), created_at=now
    )


def answer_add(
    *, question: AlumniQuestion, author: User, body: str, now: dt.datetime
) -> AlumniAnswer:
    return AlumniAnswer.objects.create(
        question=question, author=author, body=body.strip(), created_at=now
    )
