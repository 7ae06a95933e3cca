"""An opportunity near its end: the Job Mission with OKRs (and its PDF), and negotiating the
offer for success. Both are the owner's alone; the programme learns only, through the landing
form, whether they asked for more and got it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jobcouncil.workbook.models import JobMission, Negotiation, Opportunity
from jobcouncil.workbook.pdf import html_to_pdf

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


def opportunity_role(opportunity: Opportunity) -> str:
    return opportunity.role


def opportunity_company(opportunity: Opportunity) -> str:
    return opportunity.company


@transaction.atomic
def job_mission_save(
    *,
    owner: User,
    opportunity: Opportunity,
    name_on_page: str,
    mission: str,
    objectives: list[dict],
    questions: str,
) -> JobMission:
    record, _created = JobMission.objects.update_or_create(
        opportunity=opportunity,
        defaults={
            "owner": owner,
            "name_on_page": name_on_page.strip(),
            "mission": mission.strip(),
            "objectives": objectives,
            "questions": questions.strip(),
        },
    )
    return record


def job_mission_context(mission: JobMission, *, today: dt.date) -> dict[str, Any]:
    opportunity = mission.opportunity
    role, company = opportunity_role(opportunity), opportunity_company(opportunity)
    return {
        "name": mission.name_on_page,
        "role": role,
        "company": company,
        # "Head of Product, Acme Health", or the company alone when no role was written
        "job": f"{role}, {company}" if role else company,
        "mission": mission.mission,
        "objectives": mission.objectives,
        "questions": mission.question_list,
        "prepared_on": today,
    }


def job_mission_html(mission: JobMission, *, today: dt.date) -> str:
    return render_to_string(
        "workbook/pdf/job_mission.html", job_mission_context(mission, today=today)
    )


def job_mission_pdf(mission: JobMission, *, today: dt.date) -> bytes:
    return html_to_pdf(job_mission_html(mission, today=today))


def job_mission_filename(mission: JobMission) -> str:
    """An ASCII file name ("job-mission-acme-health.pdf"); a company in another script gives
    the plain name rather than an empty slug."""
    slug = slugify(opportunity_company(mission.opportunity))[:60].strip("-")
    return f"job-mission-{slug}.pdf" if slug else "job-mission.pdf"


def default_ask_script(opportunity: Opportunity) -> str:
    return _(
        "Thank you for the offer: I am excited about the %(role)s role and about what we "
        "could do together at %(company)s. I want to start in a way that sets us both up to "
        "succeed. Given what the role needs and what I bring, could we look at a base of "
        "[your figure]? And to deliver the plan we discussed, I would like us to agree on "
        "[the budget, training, hire or tools it needs]. What room do we have?"
    ) % {"role": opportunity_role(opportunity), "company": opportunity_company(opportunity)}


NEGOTIATION_FIELDS = (
    "currency",
    "base_salary",
    "bonus",
    "equity",
    "start_date",
    "ask_base_salary",
    "ask_script",
    "budget_what",
    "budget_why",
    "training_what",
    "training_why",
    "hires_what",
    "hires_why",
    "tools_what",
    "tools_why",
    "asked_for_more",
    "got_more",
    "final_base_salary",
    "got_also",
)


@transaction.atomic
def negotiation_save(*, owner: User, opportunity: Opportunity, **fields: Any) -> Negotiation:
    unknown = set(fields) - set(NEGOTIATION_FIELDS)
    if unknown:
        raise TypeError(f"not a negotiation field: {sorted(unknown)}")
    values = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if not values.get("asked_for_more"):
        values["got_more"] = False
    record, _created = Negotiation.objects.update_or_create(
        opportunity=opportunity, defaults={"owner": owner, **values}
    )
    return record


def landing_initial(user: User) -> dict[str, Any]:
    """What the landing form begins from: the latest negotiation the person wrote (the offer
    they are most likely accepting), if any."""
    negotiation = (
        Negotiation.objects.filter(owner=user)
        .select_related("opportunity")
        .order_by("-updated_at", "-pk")
        .first()
    )
    if negotiation is None:
        return {}
    initial: dict[str, Any] = {
        "role": opportunity_role(negotiation.opportunity)[:120],
        "company": opportunity_company(negotiation.opportunity)[:120],
        "asked_for_more_money": negotiation.asked_for_more,
        "got_more_money": negotiation.asked_for_more and negotiation.got_more,
    }
    if negotiation.start_date:
        initial["start_date"] = negotiation.start_date
    return initial
