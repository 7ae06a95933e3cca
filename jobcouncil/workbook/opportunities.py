"""Targets and what follows them: the spear, its stages, interviews, debriefs, the gratitude
house and the inner critic. Every write here is keyword-only, typed, one transaction each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcouncil.councils.meetings import MeetingRefused, ask_create
from jobcouncil.councils.models import Ask, Meeting
from jobcouncil.workbook.models import (
    ACTIVE_STAGES,
    Debrief,
    FitStatement,
    GratitudeEntry,
    InnerCritic,
    Interview,
    Opportunity,
    Stage,
    WorkbookSettings,
)
from jobcouncil.workbook.services import Refused, current_council_id

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

# Past this many active targets the spear is becoming a net: the page says so, kindly.
SPEAR_SIZE = 15

ATTRIBUTE_LABELS = {
    "role": gettext_lazy("Role"),
    "company_stage": gettext_lazy("Company stage or size"),
    "industry": gettext_lazy("Industry"),
    "location_culture": gettext_lazy("Location or culture"),
}


@dataclass(frozen=True)
class FitCheck:
    """How a target reads against the current fit statement."""

    matched: list[str]  # the attributes' values the target matches, in the statement's order
    unmatched: list[str]
    total: int

    @property
    def poor(self) -> bool:
        """Fewer than half of the statement's attributes: worth a second look."""
        return self.total > 0 and 2 * len(self.matched) < self.total

    @property
    def unchecked(self) -> bool:
        return self.total > 0 and not self.matched


def fit_attributes(statement: FitStatement | None) -> dict[str, str]:
    """The statement's filled-in attributes, name -> value."""
    if statement is None:
        return {}
    return {k: v.strip() for k, v in statement.attributes().items() if v.strip()}


def fit_check(opportunity: Opportunity, attributes: dict[str, str]) -> FitCheck:
    ticks = opportunity.fit_matches if isinstance(opportunity.fit_matches, dict) else {}
    matched = [v for k, v in attributes.items() if ticks.get(k) == v]
    unmatched = [v for k, v in attributes.items() if ticks.get(k) != v]
    return FitCheck(matched=matched, unmatched=unmatched, total=len(attributes))


def active_count(owner: User) -> int:
    return Opportunity.objects.filter(owner=owner, stage__in=ACTIVE_STAGES).count()


def _ticks(owner: User, matches: list[str]) -> dict[str, str]:
    attributes = fit_attributes(FitStatement.objects.filter(owner=owner).first())
    return {name: attributes[name] for name in matches if name in attributes}


@transaction.atomic
def opportunity_save(
    *,
    owner: User,
    opportunity: Opportunity | None,
    company: str,
    role: str,
    link: str = "",
    notes: str = "",
    applied_on: dt.date | None = None,
    fit_matches: list[str],
    now: dt.datetime,
) -> Opportunity:
    """Add a target, or change one; the ticks are taken against the current fit statement."""
    opportunity = opportunity or Opportunity(owner=owner, stage_changed_at=now)
    opportunity.company = company.strip()
    opportunity.role = role.strip()
    opportunity.link = link.strip()
    opportunity.notes = notes.strip()
    opportunity.applied_on = applied_on
    opportunity.fit_matches = _ticks(owner, fit_matches)
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_move(*, opportunity: Opportunity, stage: str, now: dt.datetime) -> Opportunity:
    """Move a target to another stage of the board (moving to where it is changes nothing)."""
    if stage not in Stage.values:
        raise Refused(_("Choose one of the stages."))
    if opportunity.stage != stage:
        opportunity.stage = stage
        opportunity.stage_changed_at = now
        opportunity.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    return opportunity


def opportunity_remove(*, opportunity: Opportunity) -> None:
    """Its interviews and their debriefs go with it (the page says so before)."""
    opportunity.delete()


def _next_meeting(council_id: int, now: dt.datetime) -> Meeting | None:
    """The meeting an ask goes to: one under way (started in the last three hours), or the
    next one scheduled."""
    return (
        Meeting.objects.filter(
            council_id=council_id,
            status=Meeting.Status.SCHEDULED,
            starts_at__gte=now - dt.timedelta(hours=3),
        )
        .order_by("starts_at")
        .first()
    )


def introduction_text(opportunity: Opportunity) -> str:
    if opportunity.role:
        return _(
            "Could someone introduce me to a person they know at %(company)s? I'm looking at "
            "the %(role)s role there and would value ten minutes of advice."
        ) % {"company": opportunity.company, "role": opportunity.role}
    return _(
        "Could someone introduce me to a person they know at %(company)s? I would value ten "
        "minutes of advice."
    ) % {"company": opportunity.company}


@transaction.atomic
def introduction_request(*, opportunity: Opportunity, now: dt.datetime) -> Ask:
    """Ask the council for an introduction at the target's company: an ask at its next
    meeting, so the member who knows someone there decides for themselves whether to offer.
    No name or contact crosses over until they do."""
    owner = opportunity.owner
    council_id = current_council_id(owner)
    if council_id is None:
        raise Refused(_("You can ask for an introduction once you are in a council."))
    meeting = _next_meeting(council_id, now)
    if meeting is None:
        raise Refused(
            _("Your council has no meeting scheduled yet. Please ask again once it has one.")
        )
    try:
        ask = ask_create(meeting=meeting, user=owner, text=introduction_text(opportunity))
    except MeetingRefused as refused:  # closed a moment ago, or the owner just left
        raise Refused(str(refused)) from refused
    opportunity.introduction_asked_at = now
    opportunity.save(update_fields=["introduction_asked_at", "updated_at"])
    return ask


@transaction.atomic
def interview_save(
    *,
    owner: User,
    opportunity: Opportunity,
    interview: Interview | None,
    starts_at: dt.datetime,
    minutes: int,
    with_whom: str,
    place: str,
    preparation: str,
    now: dt.datetime,
) -> Interview:
    """Plan an interview (or change it). `starts_at` must be aware: it is stored in UTC."""
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be timezone-aware")
    interview = interview or Interview(owner=owner, opportunity=opportunity)
    interview.starts_at = starts_at.astimezone(dt.UTC)
    interview.minutes = minutes
    interview.with_whom = with_whom.strip()
    interview.place = place.strip()
    interview.preparation = preparation.strip()
    interview.save()
    if opportunity.stage in (Stage.RESEARCHING, Stage.TALKING):
        opportunity_move(opportunity=opportunity, stage=Stage.INTERVIEWING, now=now)
    return interview


def interview_remove(*, interview: Interview) -> None:
    interview.delete()


def debrief_for(interview: Interview) -> Debrief | None:
    return Debrief.objects.filter(interview=interview).first()


@transaction.atomic
def debrief_save(*, interview: Interview, **fields: object) -> Debrief:
    debrief = debrief_for(interview) or Debrief(owner=interview.owner, interview=interview)
    for name, value in fields.items():
        setattr(debrief, name, value.strip() if isinstance(value, str) else value)
    debrief.save()
    return debrief


def inner_critic_for(owner: User) -> InnerCritic | None:
    return InnerCritic.objects.filter(owner=owner).first()


def inner_critic_save(*, owner: User, name: str, says: str, true_instead: str) -> InnerCritic:
    critic, _created = InnerCritic.objects.update_or_create(
        owner=owner,
        defaults={"name": name.strip(), "says": says.strip(), "true_instead": true_instead.strip()},
    )
    return critic


def gratitude_add(*, owner: User, name: str, how: str) -> GratitudeEntry:
    return GratitudeEntry.objects.create(owner=owner, name=name.strip(), how=how.strip())


def gratitude_remove(*, entry: GratitudeEntry) -> None:
    entry.delete()


def contact_companies_share(*, owner: User, allowed: bool) -> None:
    """Whether fellow council members see "a member knows someone at X" for this person's
    contacts' companies (never a name)."""
    WorkbookSettings.objects.update_or_create(
        owner=owner, defaults={"share_contact_companies": allowed}
    )
