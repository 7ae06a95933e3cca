"""Council meetings as iCalendar: a member's subscribed feed and one-off .ics files.

The feed publishes each weekly meeting time as one recurring series anchored in the council's
schedule timezone (with its VTIMEZONE), so calendar programs keep showing meetings past the
ones created so far and keep "Mondays at 11:00" at 11:00 there across daylight-saving
changes. A moved meeting is an override of its occurrence (RECURRENCE-ID, new DTSTART); a
cancelled one, or a week with no meeting, is taken out of the series (EXDATE)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jobcouncil.councils.models import Council, Meeting, Membership
from jobcouncil.lib.dates import shifted, viewer_zone

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

# Calendar programs that honour it fetch a subscribed feed again after this long.
REFRESH_INTERVAL = dt.timedelta(hours=1)
PRODID = "-//jobcouncil//councils//EN"
# The schedule's occurrences the feed looks at. The app's forms never make a meeting outside
# it (lib.dates); a row an admin left far off is not worth a feed that cannot be built.
SCHEDULE_SPAN = (
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    dt.datetime(2200, 1, 1, tzinfo=dt.UTC),
)


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "jobcouncil"


def _zone(council: Council) -> dt.tzinfo:
    # Converts a moved meeting's far-off start to the calendar's edge instead of raising.
    return viewer_zone(council.schedule_timezone)


def _slot_key(council: Council, moment: dt.datetime) -> tuple[int, str]:
    local = moment.astimezone(council.tzinfo)
    return local.weekday(), f"{local:%H:%M}"


def series_uid(council: Council, slot: dict) -> str:
    """One UID per weekly meeting time, the same on every fetch of the feed."""
    return f"council-{council.pk}-{slot['weekday']}-{slot['time'].replace(':', '')}@{_host()}"


def _calendar(*, name: str, uid: str) -> Calendar:
    return Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        uid=uid,
        refresh_interval=REFRESH_INTERVAL,
    )


def _event(
    council: Council, *, uid: str, start: dt.datetime, stamp: dt.datetime, url: str
) -> Event:
    end = shifted(start, dt.timedelta(minutes=council.meeting_minutes)).astimezone(_zone(council))
    event = Event.new(
        uid=uid,
        start=start.astimezone(_zone(council)),
        end=end,
        stamp=stamp,
        summary=_("%(council)s meeting") % {"council": council.name},
        location=council.video_url,
        url=url,
        description=_("Join the video call: %(video)s\nAgenda and notes: %(url)s")
        % {"video": council.video_url, "url": url},
    )
    return event


def _meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "councils:meeting-detail", args=[meeting.council_id, meeting.pk]
    )


def _single(meeting: Meeting, council: Council, now: dt.datetime) -> Event:
    event = _event(
        council,
        uid=f"meeting-{meeting.pk}@{_host()}",
        start=meeting.starts_at,
        stamp=now,
        url=_meeting_url(meeting),
    )
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def _series(council: Council, slot: dict, meetings: list[Meeting], now: dt.datetime) -> list[Event]:
    """The recurring event for one weekly meeting time, and an override per moved meeting.

    meetings are this slot's rows in order of scheduled_for; the series starts at the first."""
    tz = council.tzinfo
    first = meetings[0].scheduled_for.astimezone(tz)
    council_url = settings.SITE_URL + reverse("councils:council-detail", args=[council.pk])
    master = _event(council, uid=series_uid(council, slot), start=first, stamp=now, url=council_url)
    rule: dict = {"freq": "weekly"}
    if council.every_weeks > 1:
        rule["interval"] = council.every_weeks
    master.add("rrule", rule)

    # The rule implies an occurrence every `every_weeks` weeks; take out those the app does
    # not hold as a meeting (cancelled, or a week no meeting was created for).
    held = {m.scheduled_for for m in meetings if m.status != Meeting.Status.CANCELLED}
    removed = []
    day, last = first.date(), meetings[-1].scheduled_for.astimezone(tz).date()
    while day <= last:
        occurrence = council.slot_on(slot, day)
        if occurrence not in held:
            removed.append(occurrence)
        day += dt.timedelta(weeks=council.every_weeks)
    if removed:
        master.add("exdate", removed)

    events = [master]
    for meeting in meetings:
        if meeting.status == Meeting.Status.CANCELLED or meeting.starts_at == meeting.scheduled_for:
            continue
        moved = _event(
            council,
            uid=series_uid(council, slot),
            start=meeting.starts_at,
            stamp=now,
            url=_meeting_url(meeting),
        )
        moved.add("recurrence-id", meeting.scheduled_for.astimezone(tz))
        moved.add("sequence", 1)
        events.append(moved)
    return events


def council_feed_ics(*, council: Council, since: dt.datetime, now: dt.datetime) -> bytes:
    """The council's meetings from `since` (when the member joined) on, as a feed."""
    slots = {(s["weekday"], s["time"]): s for s in council.meeting_times}
    by_slot: dict[tuple[int, str], list[Meeting]] = {}
    loose: list[Meeting] = []
    meetings = council.meetings.filter(
        scheduled_for__gte=max(since, SCHEDULE_SPAN[0]), scheduled_for__lt=SCHEDULE_SPAN[1]
    ).order_by("scheduled_for")
    for meeting in meetings:
        key = _slot_key(council, meeting.scheduled_for)
        if key in slots:
            by_slot.setdefault(key, []).append(meeting)
        else:  # a meeting outside the weekly times stands on its own
            loose.append(meeting)

    calendar = _calendar(name=council.name, uid=f"council-{council.pk}-feed@{_host()}")
    for key, rows in by_slot.items():
        for event in _series(council, slots[key], rows, now):
            calendar.add_component(event)
    for meeting in loose:
        calendar.add_component(_single(meeting, council, now))
    _add_timezones(calendar, council, max(since, SCHEDULE_SPAN[0]))
    return calendar.to_ical()


def member_feed_ics(*, user: User, now: dt.datetime) -> bytes:
    """What a member's secret calendar link shows: their active council's meetings, or an
    empty calendar while they have none (the subscription then fills again when they do)."""
    membership = (
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .select_related("council")
        .first()
    )
    if membership is None:
        calendar = _calendar(name=settings.PROGRAMME_NAME, uid=f"member-{user.pk}-feed@{_host()}")
        return calendar.to_ical()
    return council_feed_ics(council=membership.council, since=membership.joined_at, now=now)


def meeting_ics(*, meeting: Meeting, now: dt.datetime) -> bytes:
    """One meeting as a file to import (a snapshot: the feed is what follows changes)."""
    council = meeting.council
    calendar = _calendar(name=council.name, uid=f"meeting-{meeting.pk}-file@{_host()}")
    calendar.add_component(_single(meeting, council, now))
    _add_timezones(calendar, council, min(max(meeting.starts_at, SCHEDULE_SPAN[0]), timezone.now()))
    return calendar.to_ical()


def _add_timezones(calendar: Calendar, council: Council, since: dt.datetime) -> None:
    # Observances from a little before the first event; the library's default end (2038)
    # is far past any meeting a feed fetched today shows.
    first = since.astimezone(_zone(council)).date() - dt.timedelta(days=366)
    calendar.add_missing_timezones(first_date=first)
