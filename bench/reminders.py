"""The meeting reminders' periodic pass on a programme and on one ten times its size.

Run (an empty PostgreSQL database of your own, which this benchmark fills and empties):
    createdb -h 127.0.0.1 -U postgres reminders_bench
    python bench/reminders.py --database postgres://postgres@127.0.0.1:5432/reminders_bench

It seeds, in bulk (COPY), --councils / 10 councils of 6 to 8 (the small programme) with their
members and their meetings of the next two weeks, times the pass, then adds the other nine
tenths and times it again: two sizes in one run, the small one a part of the big one. The
members live in the demo's timezones; each council meets twice a week at 10:00, 12:30, 18:00
or 19:00 in its moderator's zone, as `jobcouncil seed-scale` has it.

Before each timing the outbox holds, as sent, every reminder a pass run every minute would
have sent already (so the pass sees what production sees). Three passes are timed at each
size: at the week's busiest minute (24 hours before Monday 18:00 in New York, where most
councils meet; many reminders newly due), the minute after it (nothing newly due: every
reminder in its window was sent), and at 03:00 UTC on the Tuesday. Each prints how many
member x meeting rows the pass read (candidates), how many reminders the clock said were due,
how many it queued (rendered and stored with their sending tasks), its seconds and its
queries, then the ratios big / small. The passes' emails are deleted after each timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
# Monday 8 February 2027, 18:00 in New York is 23:00 UTC: its 24-hour reminders are due at
# 23:00 UTC on the Sunday.
BUSY = dt.datetime(2027, 2, 7, 23, 0, tzinfo=dt.UTC)
SEEDED_AT = BUSY - dt.timedelta(days=3)
HOURS = ["10:00", "12:30", "18:00", "19:00"]


@dataclass
class Timing:
    label: str
    members: int
    councils: int
    candidates: int
    due: int
    queued: int
    seconds: float
    queries: int
    reads: int  # SELECTs; the rest write what was queued (a statement per 500 rows, a task per 100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL this may empty")
    parser.add_argument("--councils", type=int, default=15_000, help="the big programme")
    parser.add_argument("--seed", type=int, default=20270207)
    args = parser.parse_args(argv)
    if any(name in args.database.rsplit("/", 1)[-1] for name in ("scale_big", "scale_small")):
        parser.error("not the shared scale databases: this benchmark empties its database")
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcouncil.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)

    seeder = Seeder(random.Random(args.seed))
    small = args.councils // 10
    results = []
    for councils in (small, args.councils - small):
        started = time.perf_counter()
        seeder.add(councils)
        print(
            f"seeded {seeder.members:,} members in {seeder.councils:,} councils "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        for label, moment in (
            ("busiest minute", BUSY),
            ("minute after", BUSY + dt.timedelta(minutes=1)),
            ("Tue 03:00 UTC", BUSY + dt.timedelta(hours=28)),
        ):
            results.append(time_pass(label, moment, seeder))
    print_table(results)
    return 0


class Seeder:
    """Councils with their members and next two weeks of meetings, written in bulk."""

    def __init__(self, rng: random.Random) -> None:
        from django.contrib.auth.hashers import make_password

        from jobcouncil.programme.demo import TIMEZONES

        self.rng = rng
        self.password = make_password("council-bench-2027")
        self.zones = [z[0] for z in TIMEZONES]
        self.weights = [z[1] for z in TIMEZONES]
        self.members = self.councils = 0

    def add(self, councils: int) -> None:
        from django.db import connection, transaction

        from jobcouncil.accounts.models import Profile, User
        from jobcouncil.councils.models import Council, Meeting, Membership
        from jobcouncil.programme.scale import Table

        rng, now = self.rng, SEEDED_AT
        with transaction.atomic():
            t = {m: Table(m, lambda rows: None) for m in (User, Profile, Council, Membership)}
            t[Meeting] = Table(Meeting, lambda rows: None)
            for _ in range(councils):
                self.councils += 1
                number = self.councils
                tzname = rng.choices(self.zones, self.weights)[0]
                first_day, hour = rng.choice([0, 1]), rng.choice(HOURS)
                times = [
                    {"weekday": first_day, "time": hour},
                    {"weekday": first_day + 3, "time": hour},
                ]
                council_id = t[Council].add(
                    name=f"Council {number}",
                    seeker_type="fast",
                    status=Council.Status.ACTIVE,
                    schedule_timezone=tzname,
                    meeting_times=times,
                    starts_on=(now - dt.timedelta(days=now.weekday() + 21)).date(),
                    video_url=f"https://meet.example.org/council-{number}",
                    created_at=now - dt.timedelta(weeks=3),
                )
                for k in range(rng.choice([6, 7, 7])):
                    self.members += 1
                    email = f"member{self.members:06d}@bench.jobcouncil.org"
                    user_id = t[User].add(
                        email=email, password=self.password, is_active=True, date_joined=now
                    )
                    # Mostly the council's zone, some a neighbour's (as matching places them).
                    zone = (
                        tzname if rng.random() < 0.8 else rng.choices(self.zones, self.weights)[0]
                    )
                    t[Profile].add(
                        user_id=user_id,
                        display_name=f"Member {self.members}",
                        timezone=zone,
                        seeker_type="fast",
                        seniority=3,
                        function="product",
                        industry="healthcare",
                        orientation_completed_at=now,
                        created_at=now,
                        updated_at=now,
                    )
                    t[Membership].add(
                        council_id=council_id,
                        user_id=user_id,
                        role="moderator" if k == 0 else "backup" if k == 1 else "member",
                        status="active",
                        joined_at=now - dt.timedelta(weeks=3),
                    )
                for start in next_meetings(times, tzname, now, weeks=2):
                    t[Meeting].add(council_id=council_id, scheduled_for=start, starts_at=start)
            for table in t.values():
                table.flush()
        reset_sequences(list(t))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def next_meetings(
    times: list[dict], tzname: str, now: dt.datetime, *, weeks: int
) -> list[dt.datetime]:
    zone = ZoneInfo(tzname)
    monday = (now - dt.timedelta(days=now.weekday())).date()
    starts = []
    for week in range(weeks + 1):
        for slot in times:
            hour, minute = (int(x) for x in slot["time"].split(":"))
            day = monday + dt.timedelta(weeks=week, days=slot["weekday"])
            start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)
            start = start.astimezone(dt.UTC)
            if now < start <= now + dt.timedelta(weeks=weeks):
                starts.append(start)
    return starts


def mark_sent_before(moment: dt.datetime) -> None:
    """The outbox as a pass every minute until `moment` leaves it: every reminder planned
    before then (and not dropped) is there, sent."""
    from django.db import transaction

    from jobcouncil.councils.models import Meeting, Membership
    from jobcouncil.lib.dates import viewer_zone
    from jobcouncil.notifications import quiet
    from jobcouncil.notifications.emails import reminder_key
    from jobcouncil.notifications.models import OutboxEmail
    from jobcouncil.programme.scale import Table

    rows = Membership.objects.filter(
        status="active",
        council__meetings__status=Meeting.Status.SCHEDULED,
        council__meetings__starts_at__gt=moment,
        council__meetings__starts_at__lte=moment + quiet.HORIZON,
    ).values_list(
        "user_id",
        "user__email",
        "user__profile__timezone",
        "council__meetings__pk",
        "council__meetings__starts_at",
    )
    zones: dict[str, dt.tzinfo] = {}
    with transaction.atomic():
        outbox = Table(OutboxEmail, lambda rows: None)
        for user_id, email, tzname, meeting_id, starts_at in rows.iterator(chunk_size=20_000):
            zone = zones.get(tzname) or zones.setdefault(tzname, viewer_zone(tzname))
            for kind in quiet.KINDS:
                if quiet.reminder_send_at(kind, starts_at, zone) >= moment:
                    continue
                outbox.add(
                    key=reminder_key(
                        kind=kind, meeting_id=meeting_id, user_id=user_id, starts_at=starts_at
                    ),
                    user_id=user_id,
                    to=email,
                    subject="(sent before the benchmark)",
                    unsubscribe_url="https://bench.jobcouncil.org/",
                    status=OutboxEmail.Status.SENT,
                    attempts=1,
                    created_at=moment,
                    sent_at=moment,
                )
        outbox.flush()
    reset_sequences([OutboxEmail])


def reset_sequences(models: list) -> None:
    """After rows written with their own ids, the next insert's id comes after them."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def forget_outbox() -> None:
    """The emails, links and sending tasks of the last timing: gone."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from jobcouncil.notifications.models import OutboxEmail, UnsubscribeLink

    with connection.cursor() as cursor:
        for model in (OutboxEmail, UnsubscribeLink, DBTaskResult):
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)}")


def time_pass(label: str, moment: dt.datetime, seeder: Seeder) -> Timing:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobcouncil.councils.reminders import meeting_reminders_queue

    forget_outbox()
    mark_sent_before(moment)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = meeting_reminders_queue(now=moment)
        seconds = time.perf_counter() - started
    timing = Timing(
        label=label,
        members=seeder.members,
        councils=seeder.councils,
        candidates=result.candidates,
        due=result.due,
        queued=result.queued,
        seconds=seconds,
        queries=len(queries),
        reads=sum(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries),
    )
    print(
        f"  {label}: {timing.candidates:,} read, {timing.due:,} due, {timing.queued:,} queued, "
        f"{timing.seconds:.2f} s, {timing.queries} queries ({timing.reads} reads)",
        flush=True,
    )
    return timing


def print_table(results: list[Timing]) -> None:
    print()
    print(
        f"{'pass at':<16} {'members':>8} {'councils':>8} {'read':>7} {'due':>7} {'queued':>7} "
        f"{'seconds':>8} {'queries':>7} {'reads':>5} {'writes':>6}"
    )
    for r in results:
        print(
            f"{r.label:<16} {r.members:>8,} {r.councils:>8,} {r.candidates:>7,} {r.due:>7,} "
            f"{r.queued:>7,} {r.seconds:>8.2f} {r.queries:>7} {r.reads:>5} {r.queries - r.reads:>6}"
        )
    half = len(results) // 2
    print()
    for small, big in zip(results[:half], results[half:], strict=True):
        print(
            f"{small.label:<16} big / small: members {big.members / small.members:.1f}, "
            f"due {big.due / max(1, small.due):.1f}, "
            f"queued {big.queued / max(1, small.queued):.1f}, "
            f"seconds {big.seconds / small.seconds:.1f}, "
            f"queries {big.queries / small.queries:.2f}, reads {big.reads / small.reads:.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
