"""The Django side of matching: who waits in the pool, and (later) matching rounds."""

from django.apps import AppConfig


class PoolConfig(AppConfig):
    name = "jobcouncil.pool"
    label = "pool"
