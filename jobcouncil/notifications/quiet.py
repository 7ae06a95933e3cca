"""When a meeting reminder may go: 24 hours and 1 hour ahead, never in quiet hours.

Quiet hours are in the member's own timezone (default 21:00 to 08:00), and no reminder is
ever sent inside them. One that would fall in them moves earlier, to half an hour before
that quiet stretch starts (20:30, so a pass or two missed then still catch it up before
21:00), rather than wake anyone; only the 1-hour reminder of a meeting that starts after the
quiet stretch ends waits for its end instead (08:00 for a 08:30 meeting). So a meeting that
itself falls in quiet hours (04:00) still gets both reminders: the 24-hour one at 20:30 two
evenings before, the 1-hour one at 20:30 the evening before.

Pure functions of the clock and a zone: the pass that asks them lives in councils."""

from __future__ import annotations

import datetime as dt

QUIET_START = dt.time(21, 0)
QUIET_END = dt.time(8, 0)

DAY_BEFORE = "24h"
HOUR_BEFORE = "1h"
LEADS = {DAY_BEFORE: dt.timedelta(hours=24), HOUR_BEFORE: dt.timedelta(hours=1)}
KINDS = (DAY_BEFORE, HOUR_BEFORE)
# A reminder that would fall in quiet hours moves this much before they start (20:30 for
# 21:00): the half hour until they start is the window in which a missed run catches it up.
EARLIER_BY = dt.timedelta(minutes=30)


def _quiet_length(start: dt.time = QUIET_START, end: dt.time = QUIET_END) -> dt.timedelta:
    day = dt.date(2000, 1, 1)
    length = dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
    return length % dt.timedelta(days=1)


# How far ahead of a meeting the earliest reminder can go: the pass looks no further.
HORIZON = LEADS[DAY_BEFORE] + _quiet_length() + EARLIER_BY + dt.timedelta(hours=1)  # + DST


def in_quiet_hours(moment: dt.datetime, zone: dt.tzinfo) -> bool:
    local = moment.astimezone(zone).time()
    if QUIET_START > QUIET_END:  # across midnight, the usual case
        return local >= QUIET_START or local < QUIET_END
    return QUIET_START <= local < QUIET_END


def quiet_started(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """The latest start of quiet hours at or before `moment` (in UTC)."""
    local = moment.astimezone(zone)
    start = dt.datetime.combine(local.date(), QUIET_START, tzinfo=zone)
    if start > local:
        start = dt.datetime.combine(local.date() - dt.timedelta(days=1), QUIET_START, tzinfo=zone)
    return start.astimezone(dt.UTC)


def quiet_ends(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """The first end of quiet hours after `moment` (in UTC)."""
    local = moment.astimezone(zone)
    end = dt.datetime.combine(local.date(), QUIET_END, tzinfo=zone)
    if end <= local:
        end = dt.datetime.combine(local.date() + dt.timedelta(days=1), QUIET_END, tzinfo=zone)
    return end.astimezone(dt.UTC)


def reminder_send_at(kind: str, starts_at: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """When the reminder is planned to go, before any missed run: never in quiet hours."""
    due = starts_at - LEADS[kind]
    if not in_quiet_hours(due, zone):
        return due
    if kind == HOUR_BEFORE and quiet_ends(due, zone) < starts_at:
        return quiet_ends(due, zone)
    return quiet_started(due, zone) - EARLIER_BY


def reminder_due(kind: str, *, starts_at: dt.datetime, now: dt.datetime, zone: dt.tzinfo) -> bool:
    """Whether a pass at `now` sends this reminder (if it was not sent yet).

    Never in quiet hours. A missed run catches up at the next pass outside them; a reminder
    for a meeting that has started is dropped, and so is the 24-hour one once the 1-hour one
    is due (one mail says it then). The 1-hour reminder of a meeting in quiet hours has the
    half hour before they start: if every pass in it is missed, it is not sent (the 24-hour
    one went)."""
    if now >= starts_at or now < reminder_send_at(kind, starts_at, zone):
        return False
    if in_quiet_hours(now, zone):
        return False
    if kind == DAY_BEFORE:
        return now < reminder_send_at(HOUR_BEFORE, starts_at, zone)
    return True
