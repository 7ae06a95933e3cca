"""Every workbook list page runs the same number of queries with 5 items or 200."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobcouncil.workbook import services
from jobcouncil.workbook.models import (
    Contact,
    TourConversation,
    TwoPager,
    UpdateNote,
    UpdateNoteRecipient,
)


def _fill(owner, commenters, n: int) -> int:
    """n of everything: items, contacts, conversations, notes sent, versions, comments."""
    now = timezone.now() - dt.timedelta(days=1)
    for k in range(n):
        services.two_pager_add_item(
            owner=owner, side="want" if k % 2 else "dont_want", topic="role",
            text=f"Item {k}", why="", now=now,
        )  # fmt: skip
    contacts = Contact.objects.bulk_create(
        Contact(owner=owner, name=f"P{k}", email=f"p{k}@example.org", company="Acme")
        for k in range(n)
    )
    TourConversation.objects.bulk_create(
        TourConversation(owner=owner, contact=c, held_on=now.date(), learned=f"L{c.pk}")
        for c in contacts
    )
    notes = UpdateNote.objects.bulk_create(
        UpdateNote(owner=owner, subject=f"N{k}", body="Hi") for k in range(n)
    )
    UpdateNoteRecipient.objects.bulk_create(
        UpdateNoteRecipient(note=notes[0], contact=c, sent_at=now) for c in contacts
    )
    share = services.share_open(owner=owner, item=TwoPager.objects.get(owner=owner), now=now)
    for k in range(n):
        services.comment_add(
            share=share, author=commenters[k % len(commenters)], body=f"C{k}",
            parent=None, now=now, notify=False,
        )  # fmt: skip
    return share.pk


PAGES = [
    "/workbook/",
    "/workbook/two-pager/",
    "/workbook/two-pager/versions/",
    "/workbook/fit/",
    "/workbook/tour/",
    "/workbook/contacts/",
    "/workbook/updates/",
    "/workbook/updates/{note}/",
    "/workbook/shared/{share}/",
]


def _counts(client, share_id: int, note_id: int) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        url = page.format(share=share_id, note=note_id)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(queries)
    return counts


@pytest.mark.django_db
def test_the_same_queries_for_5_items_or_200(council, seeker, fellow, moderator, as_user):
    from jobcouncil.tests import factories

    small_owner = seeker
    small_share = _fill(small_owner, [fellow, moderator], 5)
    big_owner = factories.make_seeker("big@example.org")
    from jobcouncil.councils.models import Membership

    Membership.objects.create(council=council, user=big_owner)
    big_share = _fill(big_owner, [fellow, moderator], 200)
    small = _counts(
        as_user(small_owner), small_share, UpdateNote.objects.filter(owner=small_owner).first().pk
    )
    big = _counts(
        as_user(big_owner), big_share, UpdateNote.objects.filter(owner=big_owner).first().pk
    )
    assert small == big
