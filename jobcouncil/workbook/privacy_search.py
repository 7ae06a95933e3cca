"""The search's part of the workbook's data export: targets, interviews, debriefs, the inner
critic and the gratitude house. Five queries, whatever the person's history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.privacy import Section
from jobcouncil.workbook.models import Debrief, GratitudeEntry, InnerCritic, Interview, Opportunity

MODELS = (
    "workbook.Opportunity",
    "workbook.Interview",
    "workbook.Debrief",
    "workbook.InnerCritic",
    "workbook.GratitudeEntry",
)


def sections(user: Any) -> list[Section]:
    targets = Opportunity.objects.filter(owner=user).order_by("pk")
    interviews = Interview.objects.filter(owner=user).select_related("opportunity").order_by("pk")
    debriefs = Debrief.objects.filter(owner=user).select_related("interview__opportunity")
    critic = InnerCritic.objects.filter(owner=user).first()
    thanks = GratitudeEntry.objects.filter(owner=user).order_by("pk")
    return [
        Section(
            key="targets",
            title=_("Targets and opportunities"),
            fields={
                "company": _("Company"),
                "role": _("Role"),
                "link": _("Link"),
                "stage": _("Stage"),
                "fit_matches": _("Fit statement parts it matches"),
                "applied_on": _("Applied on"),
                "introduction_asked_at": _("Introduction asked"),
                "notes": _("Notes"),
                "created_at": _("Added"),
            },
            rows=[
                {
                    "company": o.company,
                    "role": o.role,
                    "link": o.link,
                    "stage": o.get_stage_display(),
                    "fit_matches": ", ".join(str(v) for v in (o.fit_matches or {}).values()),
                    "applied_on": o.applied_on,
                    "introduction_asked_at": o.introduction_asked_at,
                    "notes": o.notes,
                    "created_at": o.created_at,
                }
                for o in targets
            ],
        ),
        Section(
            key="interviews",
            title=_("Interviews"),
            fields={
                "target": _("For"),
                "starts_at": _("Starts"),
                "minutes": _("Minutes"),
                "with_whom": _("Who you met"),
                "place": _("Where"),
                "preparation": _("Preparation notes"),
            },
            rows=[
                {
                    "target": str(i.opportunity),
                    "starts_at": i.starts_at,
                    "minutes": i.minutes,
                    "with_whom": i.with_whom,
                    "place": i.place,
                    "preparation": i.preparation,
                }
                for i in interviews
            ],
        ),
        Section(
            key="debriefs",
            title=_("Debriefs"),
            fields={
                "interview": _("Interview"),
                "how_it_went": _("How it went"),
                "asked": _("What you were asked"),
                "landed": _("What landed"),
                "change": _("What you would change"),
                "critic_says": _("What your inner critic said"),
                "what_is_true": _("What is true"),
                "share_critic": _("Inner-critic part shared when shared"),
            },
            rows=[
                {
                    "interview": f"{d.interview.opportunity}, {d.interview.starts_at:%Y-%m-%d}",
                    "how_it_went": d.how_it_went,
                    "asked": d.asked,
                    "landed": d.landed,
                    "change": d.change,
                    "critic_says": d.critic_says,
                    "what_is_true": d.what_is_true,
                    "share_critic": d.share_critic,
                }
                for d in debriefs
            ],
        ),
        Section(
            key="inner_critic",
            title=_("Inner critic"),
            fields={
                "name": _("Its name"),
                "says": _("What it says"),
                "true_instead": _("What is true instead"),
            },
            rows=[
                {
                    "name": critic.name if critic else "",
                    "says": critic.says if critic else "",
                    "true_instead": critic.true_instead if critic else "",
                }
            ],
            single=True,
        ),
        Section(
            key="gratitude",
            title=_("Gratitude house"),
            fields={"name": _("Who"), "how": _("How they helped"), "created_at": _("Added")},
            rows=[{"name": g.name, "how": g.how, "created_at": g.created_at} for g in thanks],
        ),
    ]
