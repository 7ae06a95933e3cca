"""The staff dashboard: the pool, councils that need help, and outcomes at a glance."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobcouncil.accounts.models import Profile
from jobcouncil.councils.models import Attendance, Council, Landing
from jobcouncil.lib.access import staff_required
from jobcouncil.pool.models import PoolEntry


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    waiting = dict(
        PoolEntry.objects.filter(status=PoolEntry.Status.WAITING)
        .values_list("user__profile__seeker_type")
        .annotate(n=Count("pk"))
    )
    active = Council.objects.filter(status=Council.Status.ACTIVE)
    attendance = Attendance.objects.filter(
        meeting__starts_at__gte=now - dt.timedelta(weeks=4)
    ).aggregate(all=Count("pk"), came=Count("pk", filter=Q(status__in=["present", "late"])))
    landings = Landing.objects.aggregate(
        n=Count("pk"),
        asked=Count("pk", filter=Q(asked_for_more_money=True)),
        got=Count("pk", filter=Q(got_more_money=True)),
    )
    context = {
        "waiting_fast": waiting.get("fast", 0),
        "waiting_slow": waiting.get("slow", 0),
        "councils": active.count(),
        "at_risk": active.filter(at_risk_since__isnull=False).order_by("at_risk_since"),
        "needs_moderator": active.filter(needs_moderator_since__isnull=False),
        "moderators_to_approve": Profile.objects.filter(
            moderator_training_completed_at__isnull=False, moderator_approved_at__isnull=True
        ).count(),
        "attendance_rate": attendance["came"] / attendance["all"] if attendance["all"] else None,
        "landings": landings,
    }
    return render(request, "programme/dashboard.html", context)
