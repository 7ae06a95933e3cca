"""Councils, their meetings, attendance, commitments, asks, landing and handover."""

from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "jobcouncil.councils"
    label = "councils"
