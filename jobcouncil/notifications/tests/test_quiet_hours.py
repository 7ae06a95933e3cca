"""Reminders never wake anyone: every local hour, three zones, across a daylight-saving change."""

import datetime as dt

import pytest

from jobcouncil.lib.dates import viewer_zone
from jobcouncil.notifications import quiet

ZONES = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"]
H = dt.timedelta(hours=1)


def _sent_at(kind, starts_at, zone):
    """The first minute a pass run every minute sends the reminder, or None."""
    moment = starts_at - quiet.HORIZON
    while moment < starts_at:
        if quiet.reminder_due(kind, starts_at=starts_at, now=moment, zone=zone):
            return moment
        moment += dt.timedelta(minutes=1)
    return None


def _local(moment, zone):
    local = moment.astimezone(zone)
    return local.hour, local.minute


# Los Angeles moves its clocks on 14 March 2027, Berlin on 28 March; Tokyo never does.
@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("day", [dt.date(2027, 3, 14), dt.date(2027, 3, 28)])
def test_no_reminder_in_quiet_hours_and_still_one_for_a_meeting_in_them(zone_name, day):
    zone = viewer_zone(zone_name)
    for hour in range(24):  # a meeting at every local hour of the day the clocks change
        starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=zone).astimezone(dt.UTC)
        day_before = _sent_at(quiet.DAY_BEFORE, starts_at, zone)
        hour_before = _sent_at(quiet.HOUR_BEFORE, starts_at, zone)
        assert day_before is not None and hour_before is not None, hour
        for sent in (day_before, hour_before):
            assert not quiet.in_quiet_hours(sent, zone), (hour, sent)
            assert _local(sent, zone)[0] not in range(0, 8), (hour, sent)  # never at 03:00
        # The day reminder 24 hours ahead, or moved to 20:30 the evening before.
        if day_before != starts_at - 24 * H:
            assert day_before < starts_at - 24 * H
            assert _local(day_before, zone) == (20, 30), hour
        # The hour reminder an hour ahead; or, when that is in quiet hours, at 08:00 for a
        # meeting after them, and at 20:30 the evening before for a meeting in them.
        if hour_before != starts_at - H:
            in_quiet = quiet.in_quiet_hours(starts_at, zone) or _local(starts_at, zone) == (8, 0)
            assert _local(hour_before, zone) == ((20, 30) if in_quiet else (8, 0)), hour
            assert starts_at - hour_before < 12 * H
        assert day_before < hour_before < starts_at


def test_a_4am_meeting_is_reminded_at_2030_two_evenings_and_one_evening_before():
    zone = viewer_zone("Europe/Berlin")
    starts_at = dt.datetime(2027, 3, 29, 4, 0, tzinfo=zone)
    assert quiet.reminder_send_at(quiet.DAY_BEFORE, starts_at, zone) == dt.datetime(
        2027, 3, 27, 20, 30, tzinfo=zone
    )
    assert quiet.reminder_send_at(quiet.HOUR_BEFORE, starts_at, zone) == dt.datetime(
        2027, 3, 28, 20, 30, tzinfo=zone
    )


def test_the_hour_reminder_of_a_meeting_after_quiet_hours_waits_for_0800():
    zone = viewer_zone("Asia/Tokyo")
    starts_at = dt.datetime(2027, 3, 29, 8, 30, tzinfo=zone)
    assert quiet.reminder_send_at(quiet.HOUR_BEFORE, starts_at, zone) == dt.datetime(
        2027, 3, 29, 8, 0, tzinfo=zone
    )


def test_a_missed_2030_run_is_caught_up_until_2100_and_never_after():
    zone = viewer_zone("Europe/Berlin")
    starts_at = dt.datetime(2027, 3, 29, 4, 0, tzinfo=zone)
    evening = dt.datetime(2027, 3, 28, 20, 0, tzinfo=zone)

    def due(hour, minute):
        moment = evening.replace(hour=hour, minute=minute)
        return quiet.reminder_due(quiet.HOUR_BEFORE, starts_at=starts_at, now=moment, zone=zone)

    assert [due(20, 29), due(20, 30), due(20, 59), due(21, 0), due(23, 0)] == [
        False,
        True,
        True,
        False,
        False,
    ]
