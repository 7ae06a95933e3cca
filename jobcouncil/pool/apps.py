"""The waiting pool: who asked to be matched, and how many wait ahead of them."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class PoolConfig(AppConfig):
    name = "jobcouncil.pool"
    label = "pool"

    def ready(self) -> None:
        from jobcouncil.accounts import availability, journey
        from jobcouncil.accounts.models import Profile
        from jobcouncil.lib import privacy
        from jobcouncil.pool import journey as pool_journey
        from jobcouncil.pool import privacy as pool_privacy
        from jobcouncil.pool.models import PoolEntry
        from jobcouncil.pool.popularity import popular_utc_cells
        from jobcouncil.pool.queue import pool_entry_saved
        from jobcouncil.pool.services import pool_entry_follow_profile

        # accounts sits below pool, so pool listens and registers rather than accounts calling up.
        post_save.connect(
            pool_entry_follow_profile, sender=Profile, dispatch_uid="pool_entry_follow_profile"
        )
        post_save.connect(pool_entry_saved, sender=PoolEntry, dispatch_uid="pool_entry_saved")
        journey.register_step(journey.POOL, pool_journey.pool_step)
        journey.looking_for_council.register(pool_journey.looking_for_council)
        availability.popular_utc_cells.register(popular_utc_cells)
        privacy.register(pool_privacy.PART)
