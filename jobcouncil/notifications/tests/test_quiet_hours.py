"""Reminders never wake anyone: every local hour, three zones, across a daylight-saving change."""

import datetime as dt

import pytest

from jobcouncil.lib.dates import viewer_zone
from jobcouncil.notifications import quiet

ZONES = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"]
# Berlin moves its clocks on 28 March 2027 at 01:00 UTC, Los Angeles on 14 March.
SWEEP_FROM = dt.datetime(2027, 3, 12, 0, 0, tzinfo=dt.UTC)


def _sent_at(kind, starts_at, zone):
    """The first minute a pass run every minute sends the reminder, or None."""
    moment = starts_at - quiet.HORIZON
    while moment < starts_at:
        if quiet.reminder_due(kind, starts_at=starts_at, now=moment, zone=zone):
            return moment
        moment += dt.timedelta(minutes=1)
    return None


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("day", [dt.date(2027, 3, 14), dt.date(2027, 3, 28)])
def test_no_reminder_in_quiet_hours_but_for_a_meeting_in_them(zone_name, day):
    zone = viewer_zone(zone_name)
    for hour in range(24):  # a meeting at every local hour of the day the clocks change
        starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=zone).astimezone(dt.UTC)
        day_before = _sent_at(quiet.DAY_BEFORE, starts_at, zone)
        hour_before = _sent_at(quiet.HOUR_BEFORE, starts_at, zone)
        assert day_before is not None and hour_before is not None
        assert not quiet.in_quiet_hours(day_before, zone)
        assert day_before <= starts_at - dt.timedelta(hours=24)
        local = day_before.astimezone(zone)
        if day_before != starts_at - dt.timedelta(hours=24):
            assert (local.hour, local.minute) == (20, 59)  # moved to the evening before
        if quiet.in_quiet_hours(hour_before, zone):
            # Only for a meeting that itself starts before the quiet hours end.
            assert quiet.quiet_ends(hour_before, zone) >= starts_at
            assert hour_before == starts_at - dt.timedelta(hours=1)
        else:
            assert starts_at - dt.timedelta(hours=1) <= hour_before < starts_at
        for sent in (day_before, hour_before):
            if sent.astimezone(zone).hour == 3:
                assert sent == hour_before and starts_at - sent == dt.timedelta(hours=1)


def test_a_3am_day_reminder_moves_to_2059_the_evening_before():
    zone = viewer_zone("Europe/Berlin")
    starts_at = dt.datetime(2027, 3, 29, 3, 0, tzinfo=zone)
    assert quiet.reminder_send_at(quiet.DAY_BEFORE, starts_at, zone) == dt.datetime(
        2027, 3, 27, 20, 59, tzinfo=zone
    )
