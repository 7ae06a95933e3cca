"""Matching rounds: the staff's runs of the engine over the pool, and the nightly schedule."""

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "jobcouncil.rounds"
    label = "rounds"
