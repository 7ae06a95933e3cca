"""Fuzzing the contacts import end to end: any file a seeker might upload (LinkedIn's header or
a plain one, notes before it, cells in every script, NULs, formulas, huge cells, broken quoting,
or plain bytes) is read, previewed, confirmed and listed without a crash. What is stored fits
the database (PostgreSQL refuses NUL characters) and passes the model's own validation.

Each example runs in a transaction rolled back afterwards. Examples: the hypothesis profile."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcouncil.workbook import services
from jobcouncil.workbook.contacts_import import Preview
from jobcouncil.workbook.models import Contact, ContactImport

HEADERS = [
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    ["Name", "Email", "Company", "Position"],
    ["first name", "LAST NAME", "e-mail", "Job Title", "Linkedin"],
    ["Full Name", "Organisation", "Role", "Profile", "connected on"],
    ["Something", "Else"],
]
ODD_CELLS = [
    "",
    " ",
    "\x00",
    "Ana\x00Lima",
    "\u202e\u200b",
    "𝕏🙂",
    "王芳",
    '=HYPERLINK("https://evil.example")',
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "ana@example.org",
    "not an email",
    "a@b",
    "https://www.linkedin.com/in/ana",
    "javascript:alert(1)",
    "https://evil.example\\@www.linkedin.com/in/x",
    "15 Mar 2024",
    "2024-02-30",
    "9999-12-31",
    '"',
    "line\nbreak",
    "x" * 201,
    "é" * 600,
]
cells = st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=30))


@st.composite
def contact_files(draw: st.DrawFn) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for note in draw(st.lists(st.text(max_size=40), max_size=3)):
        writer.writerow([note])
    if draw(st.booleans()):
        writer.writerow(draw(st.sampled_from(HEADERS)))
    for row in draw(st.lists(st.lists(cells, max_size=9), max_size=25)):
        writer.writerow(row)
    text = out.getvalue()
    if draw(st.integers(0, 9)) == 0:
        text = text.replace('"', "", 1)  # broken quoting
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=200))
    return data


FUZZ = settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _check_stored(owner, pending: ContactImport) -> None:
    rows = len(pending.rows)
    saved = services.contacts_import_confirm(pending=pending)
    contacts = list(Contact.objects.filter(owner=owner))
    assert saved == len(contacts) <= rows
    for contact in contacts:
        contact.full_clean(exclude=["owner"])
        for value in (contact.name, contact.email, contact.company, contact.position):
            assert "\x00" not in value


@pytest.mark.django_db
def test_any_contacts_file_is_read_previewed_and_saved_without_a_crash(seeker):
    @FUZZ
    @given(data=contact_files())
    def check(data):
        with transaction.atomic():
            result = services.contacts_import_preview(owner=seeker, data=data, filename="c.csv")
            if isinstance(result, Preview):
                assert result.error and not result.rows
            else:
                _check_stored(seeker, result)
            transaction.set_rollback(True)

    check()


@pytest.mark.django_db
def test_the_preview_page_of_any_file_renders(seeker):
    client = Client(raise_request_exception=False)
    client.force_login(seeker)

    @settings(FUZZ, max_examples=max(1, settings.default.max_examples // 4))
    @given(data=contact_files())
    def check(data):
        with transaction.atomic():
            result = services.contacts_import_preview(owner=seeker, data=data, filename="c.csv")
            if isinstance(result, ContactImport):
                url = reverse("workbook:contacts-import-preview", args=[result.pk])
                response = client.get(url)
                assert response.status_code == 200
                assert b"<script>alert(1)</script>" not in response.content
            transaction.set_rollback(True)

    check()


def test_a_nul_far_into_a_file_is_dropped_not_stored(seeker):
    """The check for a binary file reads the first 4 KB; a NUL after that reached the database,
    which PostgreSQL refuses (and SQLite kept inside the name)."""
    filler = "".join(f"Person {i},p{i}@example.org\r\n" for i in range(300))
    data = f"Name,Email\r\n{filler}Ana\x00 Lima,ana@example.org\r\n".encode()
    assert len(data) > 4096
    pending = services.contacts_import_preview(owner=seeker, data=data, filename="c.csv")
    assert isinstance(pending, ContactImport)
    services.contacts_import_confirm(pending=pending)
    assert Contact.objects.filter(owner=seeker, name="Ana Lima").exists()
