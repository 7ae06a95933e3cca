"""Opportunities for the offer tests: a target on the seeker's spear at a given stage."""

from __future__ import annotations

from django.utils import timezone

from jobcouncil.workbook.models import Opportunity


def make_opportunity(owner, *, role="Product lead", company="Northwind", stage="offer"):
    return Opportunity.objects.create(
        owner=owner, company=company, role=role, stage=stage, stage_changed_at=timezone.now()
    )
