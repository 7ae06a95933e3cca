"""`jobcouncil periodic`: hourly upkeep, run from cron or a loop beside the task worker.

Keeps eight weeks of meetings scheduled, flags councils at risk, starts scheduled rounds,
retries failed email."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobcouncil.councils.models import Council
from jobcouncil.councils.services import SCHEDULE_AHEAD, council_health_update, meetings_ensure
from jobcouncil.notifications.tasks import outbox_retry
from jobcouncil.rounds.services import scheduled_round_due


class Command(BaseCommand):
    help = "Hourly upkeep: schedule meetings, check council health, start scheduled rounds."

    def handle(self, *args, **options):
        now = timezone.now()
        created = at_risk = 0
        for council in Council.objects.filter(status=Council.Status.ACTIVE).iterator():
            created += meetings_ensure(council=council, start=now, until=now + SCHEDULE_AHEAD)
            at_risk += council_health_update(council=council, now=now)
        started = scheduled_round_due(now=now)
        retried = outbox_retry(now=now)
        round_note = f"started #{started.pk}" if started else "not due"
        self.stdout.write(
            f"meetings scheduled: {created}; councils at risk: {at_risk}; "
            f"scheduled round: {round_note}; emails retried: {retried}"
        )
