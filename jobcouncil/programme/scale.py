"""A programme at scale for benchmarks: 100,000 seekers in minutes, written in bulk.

Rows are written as plain tuples (COPY on PostgreSQL, executemany elsewhere) with ids assigned
here, so no model instance is built per row. Columns this module does not name get their
model default, so a field added later does not break it; a new table needs a writer here."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from jobcouncil.accounts.choices import FUNCTIONS, INDUSTRIES
from jobcouncil.accounts.models import Profile, User
from jobcouncil.councils.attendance import attendance_weeks_rebuild
from jobcouncil.councils.exercises import PATH
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CheckIn,
    Commitment,
    Council,
    Landing,
    Meeting,
    Membership,
)
from jobcouncil.councils.services import SCHEDULE_AHEAD
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.demo import (
    ASKS,
    CHECKIN_LINES,
    COMMITMENTS,
    DEMO_PASSWORD,
    FIRST_NAMES,
    FUNCTION_WEIGHTS,
    LAST_INITIALS,
    SENIORITY_WEIGHTS,
    TIMEZONES,
    WORDS,
    demo_availability,
)
from jobcouncil.rounds.models import MatchingRound

DOMAIN = "scale.jobcouncil.org"
STAFF_EMAIL = f"staff@{DOMAIN}"
WAITING_EMAIL = f"waiting@{DOMAIN}"
MEMBER_EMAIL = f"member@{DOMAIN}"
MODERATOR_EMAIL = f"moderator@{DOMAIN}"
PENDING_EMAIL = f"volunteer@{DOMAIN}"  # trained, waiting for staff to approve
WAITING_SHARE = 0.2
HISTORY_WEEKS = 20  # rounds ran every other day or so over this many weeks
BATCH = 20_000
PAGE = 20  # a staff list's page: every programme fills one of each (rounds, flags, volunteers)


class Table:
    """Buffered rows for one model, flushed in batches; ids are given by the caller."""

    def __init__(self, model: type[models.Model], tick: Callable[[int], None]) -> None:
        self.model = model
        self.tick = tick
        self.fields = list(model._meta.concrete_fields)
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.rows: list[tuple] = []
        self.written = 0
        start = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
        self._ids = iter(range(start + 1, 1 << 62))

    def next_id(self) -> int:
        return next(self._ids)

    def add(self, **values: Any) -> int:
        values.setdefault("id", self.next_id())
        unknown = set(values) - set(self.defaults)
        if unknown:
            raise TypeError(f"{self.model.__name__} has no column {sorted(unknown)}")
        row = []
        for f in self.fields:
            value = values.get(f.attname, self.defaults[f.attname])
            if f.attname in self.json:
                value = json.dumps(value)
            row.append(value)
        self.rows.append(tuple(row))
        if len(self.rows) >= BATCH:
            self.flush()
        return values["id"]

    def flush(self) -> None:
        if not self.rows:
            return
        table = self.model._meta.db_table
        columns = [cast(str, f.column) for f in self.fields]  # concrete fields have one
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                    [tuple(_adapt(v) for v in row) for row in self.rows],
                )
        self.written += len(self.rows)
        self.tick(len(self.rows))
        self.rows = []


def _adapt(value: Any) -> Any:
    """What SQLite's driver takes for the values psycopg takes as they are."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


@dataclass
class Person:
    seeker_type: str
    tz: str
    joined: dt.datetime
    round: int | None  # the round that placed them, or None while they wait
    user_id: int = 0
    email: str = ""
    moderator: bool = False


@dataclass
class Seeded:
    seekers: int = 0
    waiting: int = 0
    councils: int = 0
    rounds: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)


def _weekly_starts(
    starts_on: dt.date, times: list[dict], tzname: str, every: int, until: dt.datetime
) -> list[dt.datetime]:
    """The council's meeting starts (UTC) from its first Monday up to `until`."""
    tz = ZoneInfo(tzname)
    starts = []
    week = starts_on
    while dt.datetime.combine(week, dt.time(0), tzinfo=dt.UTC) <= until:
        for slot in times:
            hour, minute = (int(x) for x in slot["time"].split(":"))
            day = week + dt.timedelta(days=slot["weekday"])
            start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz).astimezone(dt.UTC)
            if start <= until:
                starts.append(start)
        week += dt.timedelta(weeks=every)
    return starts


def seed_scale(
    *,
    seekers: int,
    seed: int = 20261201,
    now: dt.datetime | None = None,
    progress: Callable[[int, str], None] = lambda n, stage: None,
) -> Seeded:
    """Build a programme of `seekers` people into an empty database."""
    if Profile.objects.exists():
        raise ValueError("seed-scale fills an empty database; this one already has people.")
    now = (now or timezone.now()).replace(microsecond=0)
    with transaction.atomic():
        seeded = _Seeder(random.Random(seed), now, progress).run(seekers)
    if connection.vendor == "postgresql":
        # Real row counts for the planner, and (outside a transaction, so not in tests) the
        # visibility map that lets counts over an index skip the table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return seeded


class _Seeder:
    def __init__(
        self, rng: random.Random, now: dt.datetime, progress: Callable[[int, str], None]
    ) -> None:
        self.rng, self.now, self.progress = rng, now, progress
        self.stage = "people"
        self.password = make_password(DEMO_PASSWORD)
        self.t = {
            model: Table(model, lambda rows: self.progress(rows, self.stage))
            for model in [
                User,
                EmailAddress,
                Profile,
                PoolEntry,
                MatchingRound,
                Council,
                Membership,
                Meeting,
                Attendance,
                CheckIn,
                Commitment,
                Ask,
                Ask.helpers.through,
                Landing,
            ]
        }
        self.seeded = Seeded()
        self.pending = 0  # volunteers made to wait for approval so far

    def user(self, email: str, joined: dt.datetime, *, staff: bool = False) -> int:
        user_id = self.t[User].add(
            email=email,
            password=self.password,
            is_staff=staff,
            is_superuser=staff,
            is_active=True,
            date_joined=joined,
        )
        self.t[EmailAddress].add(user_id=user_id, email=email, verified=True, primary=True)
        return user_id

    def run(self, n: int) -> Seeded:
        rng, now = self.rng, self.now
        self.user(STAFF_EMAIL, now - dt.timedelta(weeks=HISTORY_WEEKS + 4), staff=True)
        self.seeded.logins["staff"] = STAFF_EMAIL
        # Rounds every other day or so over the history, each placing the people waiting then.
        n_rounds = max(2, min(70, n // 50))  # a 1,000-seeker programme fills a page of rounds
        round_times = sorted(
            now - dt.timedelta(days=rng.uniform(3, HISTORY_WEEKS * 7)) for _ in range(n_rounds)
        )
        people = self.people(n, round_times)
        councils = self.group(people)
        if councils:  # fixed logins for the benchmark: the oldest council's moderator, a member
            first = councils[0][3]
            first[0].email, first[2].email = MODERATOR_EMAIL, MEMBER_EMAIL
        self.write_people(people)
        self.stage = "councils"
        self.write_rounds(people, councils, round_times)
        self.write_councils(councils, round_times)
        self.stage = "summaries"
        for table in self.t.values():
            table.flush()
        attendance_weeks_rebuild()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.t)):
                cursor.execute(sql)
        self.seeded.seekers = n
        self.seeded.waiting = sum(p.round is None for p in people)
        self.seeded.councils = len(councils)
        self.seeded.rounds = n_rounds
        self.seeded.rows = {m._meta.label: tbl.written for m, tbl in self.t.items()}
        return self.seeded

    def people(self, n: int, round_times: list[dt.datetime]) -> list[Person]:
        """About a fifth waiting now; everyone else waited some weeks before their round."""
        rng, now = self.rng, self.now
        tz_names = [z[0] for z in TIMEZONES]
        tz_weights = [z[1] for z in TIMEZONES]
        people = []
        for _ in range(n):
            seeker_type = "fast" if rng.random() < 2 / 3 else "slow"
            tzname = rng.choices(tz_names, tz_weights)[0]
            if rng.random() < WAITING_SHARE:
                joined = now - dt.timedelta(hours=rng.randint(2, 24 * 60))
                people.append(Person(seeker_type, tzname, joined, None))
            else:
                index = rng.randrange(len(round_times))
                joined = round_times[index] - dt.timedelta(hours=rng.randint(24, 24 * 60))
                people.append(Person(seeker_type, tzname, joined, index))
        return people

    def group(self, people: list[Person]) -> list[tuple[int, str, str, list[Person]]]:
        """Councils of 6 to 8 per round and seeker type, neighbours in timezone together; the
        first one moderates and the council meets in their timezone."""
        order = {z[0]: k for k, z in enumerate(TIMEZONES)}
        groups: dict[tuple[int, str], list[Person]] = {}
        for person in people:
            if person.round is not None:
                groups.setdefault((person.round, person.seeker_type), []).append(person)
        councils = []
        for (index, seeker_type), members in sorted(groups.items()):
            members.sort(key=lambda p: order[p.tz])
            while len(members) >= 6:
                size = self.rng.choice([6, 7, 7, 8, 8])
                if len(members) - size < 6:
                    size = len(members) if len(members) <= 8 else 6
                chunk, members = members[:size], members[size:]
                chunk[0].moderator = True
                councils.append((index, seeker_type, chunk[0].tz, chunk))
            for person in members:  # too few for a council this round: still waiting
                person.round = None
                person.joined = self.now - dt.timedelta(hours=self.rng.randint(2, 24 * 60))
        return councils

    def write_people(self, people: list[Person]) -> None:
        rng = self.rng
        cities = {z[0]: z[2] for z in TIMEZONES}
        functions = [f[0] for f in FUNCTIONS]
        for i, person in enumerate(people):
            first = rng.choice(FIRST_NAMES)
            volunteer = person.moderator or rng.random() < 0.03
            # A page of waiting volunteers waits for staff to approve them (at any size that
            # has a page of people waiting), after the waiting login who did not volunteer.
            pending = (
                person.round is None and self.pending < PAGE and "waiting" in self.seeded.logins
            )
            if pending:
                volunteer = True
                self.pending += 1
            trained = person.joined - dt.timedelta(hours=2) if volunteer else None
            approved = person.joined if person.moderator else None
            if volunteer and not person.moderator and not pending:
                # Staff approve within a few days: only the latest volunteers still wait.
                if trained and trained < self.now - dt.timedelta(days=3):
                    approved = trained + dt.timedelta(days=1)
            email = person.email or f"seeker{i:06d}@{DOMAIN}"
            if person.round is None:
                if volunteer and "volunteer" not in self.seeded.logins:
                    email = self.seeded.logins["volunteer"] = PENDING_EMAIL
                elif not volunteer and "waiting" not in self.seeded.logins:
                    email = self.seeded.logins["waiting"] = WAITING_EMAIL
            person.email = email
            person.user_id = self.user(email, person.joined - dt.timedelta(hours=3))
            self.t[Profile].add(
                user_id=person.user_id,
                display_name=f"{first} {rng.choice(LAST_INITIALS)}.",
                timezone=person.tz,
                seeker_type=person.seeker_type,
                seniority=rng.choices([1, 2, 3, 4, 5, 6], SENIORITY_WEIGHTS)[0],
                function=rng.choices(functions, FUNCTION_WEIGHTS)[0],
                industry=rng.choice(INDUSTRIES)[0],
                location=rng.choice(cities[person.tz]),
                volunteers_to_moderate=volunteer,
                availability=demo_availability(rng, person.seeker_type),
                orientation_completed_at=person.joined - dt.timedelta(hours=1),
                moderator_training_completed_at=trained,
                moderator_approved_at=approved,
                created_at=person.joined - dt.timedelta(hours=3),
                updated_at=person.joined,
            )
            self.t[PoolEntry].add(
                user_id=person.user_id,
                seeker_type=person.seeker_type,
                status=PoolEntry.Status.WAITING if person.round is None else "matched",
                joined_at=person.joined,
                updated_at=person.joined,
            )

    def write_rounds(
        self,
        people: list[Person],
        councils: list[tuple[int, str, str, list[Person]]],
        round_times: list[dt.datetime],
    ) -> None:
        """One confirmed round per time, with its result document and its stored summary."""
        self.round_ids = []
        by_round: dict[int, list[list[Person]]] = {}
        for index, _kind, _tz, members in councils:
            by_round.setdefault(index, []).append(members)
        waiting_at: list[list[Person]] = [[] for _ in round_times]
        for person in people:  # who was still waiting (unplaced) in each round
            for index, at in enumerate(round_times):
                if person.joined <= at and (person.round is None or person.round > index):
                    waiting_at[index].append(person)
        for index, at in enumerate(round_times):
            placed = [p for members in by_round.get(index, []) for p in members]
            waits: dict[str, Counter[str]] = {}
            for p in placed:
                waits.setdefault(p.seeker_type, Counter())[str((at - p.joined).days)] += 1
            unplaced = waiting_at[index]
            stats = {
                "applicants": len(placed) + len(unplaced),
                "placed": len(placed),
                "councils": len(by_round.get(index, [])),
                "coverage": round(len(placed) / max(1, len(placed) + len(unplaced)), 3),
            }
            result = {
                "councils": [
                    {
                        "seeker_type": members[0].seeker_type,
                        "moderator": f"u{members[0].user_id}",
                        "members": [f"u{p.user_id}" for p in members],
                        "slots": [],
                        "fit": 0.5,
                    }
                    for members in by_round.get(index, [])
                ],
                "refilled": [],
                "unplaced": [{"id": f"u{p.user_id}", "reason": "no common time"} for p in unplaced],
                "stats": stats,
                "reference_date": at.date().isoformat(),
            }
            self.round_ids.append(
                self.t[MatchingRound].add(
                    seeker_types=["fast", "slow"],
                    status=MatchingRound.Status.CONFIRMED,
                    progress=1.0,
                    scheduled=index % 2 == 0,
                    result=result,
                    stats={**stats, "waits": {k: dict(c) for k, c in waits.items()}},
                    created_at=at - dt.timedelta(minutes=20),
                    finished_at=at - dt.timedelta(minutes=15),
                    confirmed_at=at,
                )
            )

    def write_councils(
        self, councils: list[tuple[int, str, str, list[Person]]], round_times: list[dt.datetime]
    ) -> None:
        rng, now = self.rng, self.now
        until = now + SCHEDULE_AHEAD
        for number, (index, seeker_type, tzname, members) in enumerate(councils, 1):
            formed = round_times[index]
            day = formed.astimezone(ZoneInfo(tzname)).date()
            starts_on = day + dt.timedelta(days=7 - day.weekday())
            hour = rng.choice(["10:00", "12:30", "18:00", "19:00"])
            if seeker_type == "fast":
                first_day = rng.choice([0, 1])
                times = [
                    {"weekday": first_day, "time": hour},
                    {"weekday": first_day + 3, "time": hour},
                ]
            else:
                times = [{"weekday": rng.choice([1, 2, 3]), "time": hour}]
            # A few councils flagged, and always a full page of each (the newest), so the
            # dashboard's lists do a page's work at any size the benchmark compares.
            newest = len(councils) - number  # 0 for the last council
            at_risk = rng.random() < 0.02 or newest < PAGE
            no_moderator = rng.random() < 0.005 or 1 <= newest <= PAGE
            council_id = self.t[Council].add(
                name=f"Council {number} · {'Fast' if seeker_type == 'fast' else 'Slow'}",
                seeker_type=seeker_type,
                status=Council.Status.ACTIVE,
                schedule_timezone=tzname,
                meeting_times=times,
                starts_on=starts_on,
                video_url=f"https://meet.example.org/council-{number}",
                fit=round(rng.uniform(0.3, 0.8), 3),
                matching_round_id=self.round_ids[index],
                at_risk_since=now - dt.timedelta(days=rng.randint(1, 10)) if at_risk else None,
                needs_moderator_since=(
                    now - dt.timedelta(days=rng.randint(1, 5)) if no_moderator else None
                ),
                created_at=formed,
            )
            landed = members[-1] if len(members) > 6 and rng.random() < 0.1 else None
            for k, person in enumerate(members):
                role = "moderator" if k == 0 else "backup" if k == 1 else "member"
                self.t[Membership].add(
                    council_id=council_id,
                    user_id=person.user_id,
                    role=role,
                    status="landed" if person is landed else "active",
                    joined_at=formed,
                    left_at=now - dt.timedelta(days=3) if person is landed else None,
                    charter_accepted_at=formed + dt.timedelta(days=1),
                )
            if number == 1:
                self.seeded.logins["moderator"] = members[0].email
                self.seeded.logins["member"] = members[2].email
            if landed is not None:
                self.t[Landing].add(
                    user_id=landed.user_id,
                    council_id=council_id,
                    role="Product manager",
                    company="Northwind",
                    start_date=(now + dt.timedelta(days=20)).date(),
                    asked_for_more_money=rng.random() < 0.5,
                    got_more_money=rng.random() < 0.3,
                    created_at=now - dt.timedelta(days=3),
                )
            active = [p.user_id for p in members if p is not landed]
            every = 1 if seeker_type == "fast" else 2
            self.write_meetings(council_id, active, starts_on, times, tzname, every, until)

    def write_meetings(
        self,
        council_id: int,
        active: list[int],
        starts_on: dt.date,
        times: list[dict],
        tzname: str,
        every: int,
        until: dt.datetime,
    ) -> None:
        rng, now, t = self.rng, self.now, self.t
        open_commitments: list[tuple[int, int, int, str, dt.datetime]] = []
        starts = _weekly_starts(starts_on, times, tzname, every, until)
        past = [s for s in starts if s < now - dt.timedelta(hours=2)]
        meeting_ids = []
        for k, start in enumerate(starts):
            closed = k < len(past)
            meeting_id = t[Meeting].add(
                council_id=council_id,
                scheduled_for=start,
                starts_at=start,
                status=Meeting.Status.CLOSED if closed else Meeting.Status.SCHEDULED,
                exercise=PATH[min(k, len(PATH) - 1)].key if closed else "",
                closed_at=start + dt.timedelta(minutes=60) if closed else None,
            )
            meeting_ids.append(meeting_id)
            if not closed:
                continue
            came = []
            for user_id in active:
                roll = rng.random()
                status = (
                    "present"
                    if roll < 0.78
                    else "late"
                    if roll < 0.86
                    else "excused"
                    if roll < 0.94
                    else "absent"
                )
                t[Attendance].add(
                    meeting_id=meeting_id,
                    user_id=user_id,
                    status=status,
                    sent_apologies=status == "excused",
                )
                if status in Attendance.CAME:
                    came.append(user_id)
                    t[CheckIn].add(
                        meeting_id=meeting_id,
                        user_id=user_id,
                        pulse=rng.randint(3, 9),
                        line=rng.choice(CHECKIN_LINES),
                        checkout_word=rng.choice(WORDS),
                    )
            for commitment in open_commitments:  # reviewed at this meeting
                t[Commitment].add(
                    **dict(
                        zip(
                            ["id", "user_id", "made_at_id", "text", "due_at"],
                            commitment,
                            strict=True,
                        )
                    ),
                    council_id=council_id,
                    status=rng.choices(["done", "not_done", "dropped"], [65, 25, 10])[0],
                    reviewed_at_id=meeting_id,
                )
            due = starts[k + 1] if k + 1 < len(starts) else start + dt.timedelta(days=7)
            open_commitments = [
                (t[Commitment].next_id(), user_id, meeting_id, rng.choice(COMMITMENTS), due)
                for user_id in came
            ]
            if came and rng.random() < 0.6:
                asker = rng.choice(came)
                ask_id = t[Ask].add(
                    meeting_id=meeting_id,
                    user_id=asker,
                    text=rng.choice(ASKS),
                    created_at=start + dt.timedelta(minutes=30),
                )
                helpers = [u for u in came if u != asker]
                for helper in rng.sample(helpers, min(len(helpers), rng.choice([1, 2]))):
                    t[Ask.helpers.through].add(ask_id=ask_id, user_id=helper)
        for commitment in open_commitments:  # made at the last meeting held: still open
            t[Commitment].add(
                **dict(
                    zip(["id", "user_id", "made_at_id", "text", "due_at"], commitment, strict=True)
                ),
                council_id=council_id,
                status="open",
            )
