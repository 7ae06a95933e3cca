"""Dates for people: weekday names, viewer timezones that never fail, and sensible ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

from django.utils.translation import gettext_lazy as _

# Names of the days of the week, translated, indexed Monday = 0 like datetime.weekday().
WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
# "Council meets Mondays at 18:00"
WEEKDAYS_PLURAL = [
    _("Mondays"),
    _("Tuesdays"),
    _("Wednesdays"),
    _("Thursdays"),
    _("Fridays"),
    _("Saturdays"),
    _("Sundays"),
]

LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


class ViewerZone(zoneinfo.ZoneInfo):
    """A timezone to show times in, which never fails on a stored value.

    A moment within hours of the calendar's ends (31 December 9999, 1 January 1) has no local
    time east or west of UTC, and plain conversion raises OverflowError, which would break every
    page showing it. Such a moment is shown as the calendar's last or first moment instead."""

    def fromutc(self, value: dt.datetime) -> dt.datetime:
        try:
            return super().fromutc(value)
        except OverflowError:
            edge = dt.datetime.max if value.year == dt.MAXYEAR else dt.datetime.min
            return edge.replace(tzinfo=self)


def viewer_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone to activate for showing times to someone in `name` (an IANA key)."""
    return ViewerZone(name)


def shifted(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """moment + delta, stopping at the calendar's ends instead of raising OverflowError."""
    try:
        return moment + delta
    except OverflowError:
        return LATEST if delta > dt.timedelta(0) else EARLIEST


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same moment `months` calendar months earlier (31 March less one month is the last
    day of February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
