"""One interview as an .ics file to import into a calendar, in the seeker's own timezone (with
its VTIMEZONE, so the time stays right across a daylight-saving change)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jobcouncil.lib.dates import viewer_zone
from jobcouncil.workbook.models import Interview

PRODID = "-//jobcouncil//workbook//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "jobcouncil"


def interview_title(interview: Interview) -> str:
    opportunity = interview.opportunity
    if opportunity.role:
        return _("Interview: %(role)s at %(company)s") % {
            "role": opportunity.role,
            "company": opportunity.company,
        }
    return _("Interview at %(company)s") % {"company": opportunity.company}


def interview_ics(*, interview: Interview, zone_name: str, now: dt.datetime) -> bytes:
    """What the .ics holds: the title, who they meet and where, and the link to the
    interview's page (the preparation notes stay in the workbook)."""
    zone = viewer_zone(zone_name)
    url = settings.SITE_URL + reverse("workbook:interview", args=[interview.pk])
    lines = []
    if interview.with_whom:
        lines.append(_("With: %(who)s") % {"who": interview.with_whom})
    lines.append(_("Your preparation notes and debrief: %(url)s") % {"url": url})
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=interview_title(interview),
        uid=f"interview-{interview.pk}-file@{_host()}",
    )
    event = Event.new(
        uid=f"interview-{interview.pk}@{_host()}",
        start=interview.starts_at.astimezone(zone),
        end=interview.ends_at.astimezone(zone),
        stamp=now,
        summary=interview_title(interview),
        location=interview.place or None,
        url=url,
        description="\n".join(lines),
    )
    calendar.add_component(event)
    first = interview.starts_at.astimezone(zone).date() - dt.timedelta(days=366)
    calendar.add_missing_timezones(first_date=first)
    return calendar.to_ical()
