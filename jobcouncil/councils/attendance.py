"""The weekly attendance summary the dashboard reads: added to as each meeting closes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from jobcouncil.councils.models import Attendance, AttendanceWeek, Meeting


def week_of(moment: dt.datetime) -> dt.date:
    """The Monday (UTC) of the week a meeting started in."""
    day = moment.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def attendance_week_add(*, meeting: Meeting) -> None:
    """Count a meeting that just closed (its attendance is final) into its week."""
    counts = Attendance.objects.filter(meeting=meeting).aggregate(
        recorded=Count("pk"), came=Count("pk", filter=Q(status__in=Attendance.CAME))
    )
    with transaction.atomic():
        week, _created = AttendanceWeek.objects.get_or_create(week=week_of(meeting.starts_at))
        AttendanceWeek.objects.filter(pk=week.pk).update(
            meetings=F("meetings") + 1,
            recorded=F("recorded") + counts["recorded"],
            came=F("came") + counts["came"],
        )


def attendance_weeks_rebuild() -> int:
    """Recount every week from the closed meetings (after bulk seeding or a data repair).

    Returns the number of weeks written."""
    closed = Meeting.objects.filter(status=Meeting.Status.CLOSED)
    per_day = (
        Attendance.objects.filter(meeting__in=closed)
        .annotate(day=TruncDate("meeting__starts_at", tzinfo=dt.UTC))
        .values("day")
        .annotate(recorded=Count("pk"), came=Count("pk", filter=Q(status__in=Attendance.CAME)))
        .order_by()
    )
    meetings_per_day = (
        closed.annotate(day=TruncDate("starts_at", tzinfo=dt.UTC))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    weeks: dict[dt.date, AttendanceWeek] = {}

    def week(day: dt.date) -> AttendanceWeek:
        monday = day - dt.timedelta(days=day.weekday())
        return weeks.setdefault(monday, AttendanceWeek(week=monday))

    for row in per_day:
        item = week(row["day"])
        item.recorded += row["recorded"]
        item.came += row["came"]
    for held in meetings_per_day:
        week(held["day"]).meetings += held["n"]
    with transaction.atomic():
        AttendanceWeek.objects.all().delete()
        AttendanceWeek.objects.bulk_create(weeks.values())
    return len(weeks)


def attendance_rate(*, now: dt.datetime, weeks: int = 4) -> float | None:
    """Share of recorded attendance that was present or late, over the last `weeks` weeks
    (this one included)."""
    since = week_of(now) - dt.timedelta(weeks=weeks - 1)
    totals = AttendanceWeek.objects.filter(week__gte=since, week__lte=week_of(now)).aggregate(
        recorded=Sum("recorded"), came=Sum("came")
    )
    if not totals["recorded"]:
        return None
    return totals["came"] / totals["recorded"]
