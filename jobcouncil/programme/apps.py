"""The programme's own view: staff dashboard, metrics, exports, and the demo programme."""

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "jobcouncil.programme"
    label = "programme"
