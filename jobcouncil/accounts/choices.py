"""The fixed lists a profile chooses from: seeker types, seniority, functions, industries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeekerType(models.TextChoices):
    FAST = "fast", _("Fast: I'm not working right now (council meets twice a week)")
    SLOW = "slow", _("Slow: I'm employed and looking (council meets every two weeks)")


class Seniority(models.IntegerChoices):
    ENTRY = 1, _("1 · Entry level")
    JUNIOR = 2, _("2 · Early career")
    MID = 3, _("3 · Mid-level")
    SENIOR = 4, _("4 · Senior / lead")
    DIRECTOR = 5, _("5 · Director / head of")
    EXECUTIVE = 6, _("6 · Executive")


FUNCTIONS = [
    ("engineering", _("Engineering")),
    ("product", _("Product management")),
    ("design", _("Design")),
    ("data", _("Data and analytics")),
    ("marketing", _("Marketing")),
    ("sales", _("Sales")),
    ("customer-success", _("Customer success and support")),
    ("operations", _("Operations")),
    ("finance", _("Finance")),
    ("people", _("People and HR")),
    ("legal", _("Legal")),
    ("general-management", _("General management")),
]

INDUSTRIES = [
    ("software", _("Software and internet")),
    ("finance", _("Financial services")),
    ("healthcare", _("Healthcare")),
    ("education", _("Education")),
    ("retail", _("Retail and consumer")),
    ("manufacturing", _("Manufacturing")),
    ("media", _("Media and entertainment")),
    ("government", _("Government and public sector")),
    ("nonprofit", _("Non-profit")),
    ("consulting", _("Consulting and professional services")),
    ("energy", _("Energy and climate")),
    ("logistics", _("Transport and logistics")),
]

OTHER = "other"
