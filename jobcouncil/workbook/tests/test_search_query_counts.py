"""The search's pages run the same number of queries with 5 targets or 200 (each with contacts
there, an interview and a debrief, a fellow member's opted-in contacts)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobcouncil.councils.models import Membership
from jobcouncil.tests import factories
from jobcouncil.workbook import opportunities, services
from jobcouncil.workbook.models import Contact, GratitudeEntry, Interview, TourConversation


def _fill(owner, fellow, n: int) -> dict[str, int]:
    now = timezone.now()
    contacts = Contact.objects.bulk_create(
        Contact(owner=owner, name=f"P{k}", company=f"Company {k}") for k in range(n)
    )
    Contact.objects.bulk_create(
        Contact(owner=fellow, name=f"F{k}", company=f"company {k} inc") for k in range(n)
    )
    TourConversation.objects.bulk_create(
        TourConversation(owner=owner, contact=c, held_on=now.date()) for c in contacts
    )
    first = None
    for k in range(n):
        target = opportunities.opportunity_save(
            owner=owner, opportunity=None, company=f"Company {k}", role="Lead",
            applied_on=now.date(), fit_matches=["role"], now=now,
        )  # fmt: skip
        first = first or target
        interview = Interview.objects.create(
            owner=owner, opportunity=first, starts_at=now - dt.timedelta(hours=2 + k)
        )
        if k % 2:
            opportunities.debrief_save(interview=interview, how_it_went="Fine")
    GratitudeEntry.objects.bulk_create(
        GratitudeEntry(owner=owner, name=f"G{k}", how="Helped") for k in range(n)
    )
    return {
        "target": first.pk,
        "interview": Interview.objects.filter(owner=owner, debrief__isnull=False).first().pk,
    }


PAGES = [
    "/workbook/",
    "/workbook/targets/",
    "/workbook/targets/board/",
    "/workbook/targets/{target}/",
    "/workbook/interviews/{interview}/",
    "/workbook/interviews/{interview}/debrief/",
    "/workbook/activity/",
    "/workbook/activity/csv/",
    "/workbook/gratitude/",
]


def _counts(client, ids: dict[str, int]) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        url = page.format(**ids)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(queries)
    return counts


@pytest.mark.django_db
def test_the_same_queries_for_5_targets_or_200(council, seeker, fellow, as_user):
    opportunities.contact_companies_share(owner=fellow, allowed=True)
    services.fit_statement_save(
        owner=seeker, role="Lead", company_stage="", industry="health", location_culture="",
        linkedin_text="", lessons=[], now=timezone.now(),
    )  # fmt: skip
    small = _counts(as_user(seeker), _fill(seeker, fellow, 5))
    big_owner = factories.make_seeker("big@example.org")
    Membership.objects.create(council=council, user=big_owner)
    services.fit_statement_save(
        owner=big_owner, role="Lead", company_stage="", industry="health", location_culture="",
        linkedin_text="", lessons=[], now=timezone.now(),
    )  # fmt: skip
    big_fellow = factories.make_seeker("bigfellow@example.org")
    Membership.objects.create(council=council, user=big_fellow)
    opportunities.contact_companies_share(owner=big_fellow, allowed=True)
    big = _counts(as_user(big_owner), _fill(big_owner, big_fellow, 200))
    assert small == big
