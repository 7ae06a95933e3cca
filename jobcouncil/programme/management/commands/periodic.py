"""`jobcouncil periodic`: upkeep, run every minute from cron or a loop beside the task worker.

The one place that runs every app's periodic work, each through that app's own function:
councils keep eight weeks of meetings scheduled and flag councils at risk and queue the
meeting reminders that are due (every minute, so a reminder is at most a minute late; each
step is idempotent, so a run twice at once or a missed run does no harm), rounds start the
scheduled round, notifications put back in line the tasks of a worker that died and retry
failed email, and people who left the programme more than JOBCOUNCIL_RETENTION_MONTHS ago
are deleted (programme/retention.py)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from jobcouncil.councils.reminders import meeting_reminders_queue
from jobcouncil.councils.services import councils_upkeep
from jobcouncil.notifications.tasks import outbox_retry, stuck_tasks_requeue
from jobcouncil.programme.retention import retention_apply
from jobcouncil.rounds.start import scheduled_round_due


class Command(BaseCommand):
    help = (
        "Upkeep, every minute: schedule meetings, check council health, queue meeting "
        "reminders, start scheduled rounds, retry failed email."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        created, at_risk = councils_upkeep(now=now)
        started = scheduled_round_due(now=now)
        requeued = stuck_tasks_requeue(now=now)
        reminders = meeting_reminders_queue(now=now)
        retried = outbox_retry(now=now)
        removed = retention_apply(now=now) if settings.RETENTION_MONTHS else []
        round_note = f"started #{started.pk}" if started else "not due"
        retention_note = f"removed {len(removed)} people" if settings.RETENTION_MONTHS else "off"
        self.stdout.write(
            f"meetings scheduled: {created}; councils at risk: {at_risk}; "
            f"meeting reminders queued: {reminders.queued}; "
            f"scheduled round: {round_note}; emails retried: {retried}; "
            f"tasks of dead workers re-queued: {requeued}; retention: {retention_note}"
        )
