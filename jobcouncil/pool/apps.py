"""The Django side of matching: who waits in the pool, and matching rounds."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class PoolConfig(AppConfig):
    name = "jobcouncil.pool"
    label = "pool"

    def ready(self) -> None:
        from jobcouncil.accounts.models import Profile
        from jobcouncil.pool.services import pool_entry_follow_profile

        # accounts sits below pool, so pool listens rather than accounts calling up.
        post_save.connect(
            pool_entry_follow_profile, sender=Profile, dispatch_uid="pool_entry_follow_profile"
        )
