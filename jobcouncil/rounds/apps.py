"""Matching rounds: the staff's runs of the engine over the pool, and the nightly schedule."""

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "jobcouncil.rounds"
    label = "rounds"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from jobcouncil.councils.signals import membership_left, seat_opened
        from jobcouncil.lib import privacy
        from jobcouncil.pool import queue
        from jobcouncil.pool.signals import entry_waiting
        from jobcouncil.rounds import privacy as rounds_privacy
        from jobcouncil.rounds import services, start
        from jobcouncil.rounds.models import MatchingRound

        # Rounds move people from the pool into councils, and back when they leave one:
        # the two apps below do not know each other, this one wires them.
        membership_left.connect(services.member_back_to_pool, dispatch_uid="rounds_back_to_pool")
        # Someone who starts waiting takes a free seat at once when the programme allows it.
        entry_waiting.connect(start.placement_queue, dispatch_uid="rounds_place_continuously")
        seat_opened.connect(start.seat_offer_queue, dispatch_uid="rounds_offer_open_seat")
        queue.wait_estimate_days.register(services.wait_estimate_days)
        post_delete.connect(
            services.round_deleted, sender=MatchingRound, dispatch_uid="round_deleted"
        )
        privacy.register(rounds_privacy.PART)
