"""Councils, their meetings, attendance, commitments, asks, landing and handover."""

from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "jobcouncil.councils"
    label = "councils"

    def ready(self) -> None:
        from jobcouncil.accounts import journey
        from jobcouncil.accounts.signals import account_deleting
        from jobcouncil.councils import journey as council_journey
        from jobcouncil.councils import privacy as councils_privacy
        from jobcouncil.councils.services import memberships_end_for_deleted_account
        from jobcouncil.lib import privacy

        journey.register_step(journey.COUNCIL, council_journey.council_step)
        journey.active_council_url.register(council_journey.active_council_url)
        account_deleting.connect(
            memberships_end_for_deleted_account, dispatch_uid="councils_account_deleting"
        )
        privacy.register(councils_privacy.PART)
