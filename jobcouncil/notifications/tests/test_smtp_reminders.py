"""Meeting reminders through a real SMTP server, with the clock stepped through the periodic
pass: the right mails at the right local hour for members in three zones across a
daylight-saving change, and none in quiet hours (nor at 03:00).

The pass runs every five minutes here (every minute in production): every reminder is
planned on a full or half hour, so each lands on a pass and its exact minute is checked; the
pure rule is swept minute by minute in test_quiet_hours.py."""

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django.core import signing

from jobcouncil.councils.models import Meeting
from jobcouncil.councils.reminders import APOLOGY_SALT, meeting_reminders_queue
from jobcouncil.lib.dates import viewer_zone
from jobcouncil.notifications import quiet
from jobcouncil.tests import factories

H = dt.timedelta(hours=1)
STEP = dt.timedelta(minutes=5)
ZONES = {"la": "America/Los_Angeles", "berlin": "Europe/Berlin", "tokyo": "Asia/Tokyo"}


def _expected_send(kind: str, starts_at: dt.datetime, zone) -> dt.datetime:
    """The rule in plain words, worked out here apart from notifications.quiet: 24 hours or
    1 hour ahead; if that is between 21:00 and 08:00 local, the 1-hour reminder of a meeting
    after 08:00 goes at 08:00, and every other one at 20:30 the evening before."""
    lead = starts_at - (24 * H if kind == "24h" else H)
    local = lead.astimezone(zone)
    if 8 <= local.hour < 21:
        return lead
    morning = local.date() if local.hour < 8 else local.date() + dt.timedelta(days=1)
    eight = dt.datetime.combine(morning, dt.time(8), tzinfo=zone).astimezone(dt.UTC)
    if kind == "1h" and eight < starts_at:
        return eight
    evening = local.date() - dt.timedelta(days=1) if local.hour < 8 else local.date()
    return dt.datetime.combine(evening, dt.time(20, 30), tzinfo=zone).astimezone(dt.UTC)


@pytest.fixture
def three_zones(db):
    """A council whose members live in Los Angeles, Berlin and Tokyo."""
    people = {name: factories.make_seeker(timezone=tz) for name, tz in ZONES.items()}
    council = factories.make_council(
        factories.make_moderator(timezone="America/Los_Angeles"),
        [people["berlin"], people["tokyo"], people["la"]],
    )
    return council


# 24 meetings, one every hour, across each change: Los Angeles moves its clocks at 10:00 UTC
# on 14 March 2027, Berlin at 01:00 UTC on 28 March. Every member so has a meeting at every
# local hour of the day (but the hour the clocks skip), and 24-hour reminders that fall on the
# other side of the change.
@pytest.mark.parametrize(
    "first_meeting",
    [dt.datetime(2027, 3, 14, 0, 0, tzinfo=dt.UTC), dt.datetime(2027, 3, 27, 14, 0, tzinfo=dt.UTC)],
    ids=["los-angeles-springs-forward", "berlin-springs-forward"],
)
def test_reminders_arrive_at_the_right_local_hour_across_a_clock_change(
    three_zones, smtp, first_meeting, django_capture_on_commit_callbacks
):
    council = three_zones
    meetings = [
        Meeting.objects.create(council=council, scheduled_for=start, starts_at=start)
        for start in (first_meeting + k * H for k in range(24))
    ]
    members = {
        m.user_id: (m.user.email, viewer_zone(m.user.profile.timezone))
        for m in council.active_memberships().select_related("user__profile")
    }
    moment = first_meeting - quiet.HORIZON
    with time_machine.travel(moment, tick=False) as clock:
        while moment <= meetings[-1].starts_at:
            clock.move_to(moment)
            with django_capture_on_commit_callbacks(execute=True):
                meeting_reminders_queue(now=moment)
            moment += STEP

    starts = {meeting.pk: meeting.starts_at for meeting in meetings}
    by_reminded = defaultdict(list)  # (person, meeting): their mails, as they came
    for mail in smtp.received:
        token = mail.link("/councils/apologies/").rstrip("/").rsplit("/", 1)[1]
        link = signing.loads(token, salt=APOLOGY_SALT)
        by_reminded[(link["u"], link["m"])].append(mail)
    assert len(by_reminded) == len(meetings) * len(members)
    for (user_id, meeting_id), mails in by_reminded.items():
        assert len(mails) == 2, [m.subject for m in mails]  # the day's and the hour's, once
        email, zone = members[user_id]
        for kind, mail in zip(("24h", "1h"), mails, strict=True):
            _check(kind, mail, email, zone, starts[meeting_id])


def _check(kind, mail, email, zone, starts_at):
    assert mail.to == [email]
    local = mail.date.astimezone(zone)
    assert 8 <= local.hour < 21, (mail.subject, email, local)  # never 03:00, never quiet
    assert mail.date == _expected_send(kind, starts_at, zone), (kind, mail.subject, email, local)
    assert mail.date == mail.at.replace(microsecond=0)  # sent the minute it was due
    # The subject gives the time in the member's own zone, with the zone's name.
    meets = starts_at.astimezone(zone)
    assert f"{meets:%H:%M} ({zone.key})" in mail.subject
    # "Meets soon" only in the 1-hour reminder that comes within two hours of the meeting;
    # every other one names the day.
    soon = kind == "1h" and starts_at - mail.date <= 2 * H
    assert soon == (" meets soon: " in mail.subject), mail.subject
    if not soon:
        assert f"{meets:%A} {meets.day} {meets:%B}, " in mail.subject, mail.subject
