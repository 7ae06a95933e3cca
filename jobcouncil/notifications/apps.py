"""Email through an outbox, unsubscribe links, and the tasks that send."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jobcouncil.notifications"
    label = "notifications"

    def ready(self) -> None:
        from jobcouncil.lib import privacy
        from jobcouncil.notifications import privacy as notifications_privacy

        privacy.register(notifications_privacy.PART)
