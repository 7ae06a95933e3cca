"""Council meetings as iCalendar: a member's feed and one-off .ics files."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from jobcouncil.councils.models import Meeting


def meetings_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//jobcouncil//councils//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@jobcouncil")
        event.add("summary", f"{meeting.council.name} meeting")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("dtstamp", meeting.starts_at)
        event.add("location", meeting.council.video_url)
        url = settings.SITE_URL + reverse(
            "councils:meeting-detail", args=[meeting.council_id, meeting.pk]
        )
        event.add("url", url)
        event.add("description", f"Join: {meeting.council.video_url}\nAgenda: {url}")
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical()
