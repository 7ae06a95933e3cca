"""Email through an outbox, unsubscribe links, and the tasks that send."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jobcouncil.notifications"
    label = "notifications"
