"""Importing contacts: the whole file is read first, the preview is what was read, saving is
all or nothing, and every problem names its line."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobcouncil.workbook import services
from jobcouncil.workbook.contacts_import import parse_contacts
from jobcouncil.workbook.models import Contact, ContactImport

# LinkedIn's Connections.csv as it really comes: notes before the header, then the columns.
LINKEDIN = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ana,Lima,https://www.linkedin.com/in/ana,ana@example.org,Acme,Head of Product,15 Mar 2024\r\n"
    'Bo,Chen,https://www.linkedin.com/in/bo,,"Widgets, Inc.","Director, Design",02 Jan 2023\r\n'
    'Zoë,Łukasz,https://www.linkedin.com/in/z,,Café Müller,"Chef\nand owner",1 Feb 2022\r\n'
)


def test_a_real_linkedin_export_is_read_past_its_notes():
    preview = parse_contacts(LINKEDIN.encode("utf-8"), existing=set())
    assert preview.error == "" and preview.source == "linkedin"
    assert [r.name for r in preview.rows] == ["Ana Lima", "Bo Chen", "Zoë Łukasz"]
    ana, bo, zoe = preview.rows
    assert (ana.line, ana.email, ana.company, ana.connected_on) == (
        5, "ana@example.org", "Acme", "2024-03-15",
    )  # fmt: skip
    assert bo.company == "Widgets, Inc." and bo.position == "Director, Design"
    assert zoe.position == "Chef and owner" and zoe.line == 8  # a quoted newline: two lines


def test_windows_1252_and_utf8_with_bom_both_read():
    text = "Name,Email,Company\r\nRené Côté,rene@example.org,Société Générale\r\n"
    for data in (text.encode("cp1252"), "\ufeff".encode() + text.encode("utf-8")):
        preview = parse_contacts(data, existing=set())
        assert preview.error == "", data
        assert preview.rows[0].name == "René Côté" and preview.rows[0].company == "Société Générale"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"   \r\n", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "does not look like a CSV"),
        (b"Colour,Size\r\nred,4\r\n", "could not find the column names"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, message):
    preview = parse_contacts(data, existing=set())
    assert message in preview.error
    assert preview.rows == []


def test_unreadable_rows_are_reported_by_line_and_duplicates_recognised():
    data = (
        b"Name,Email,Company,Connected On\n"
        b"Ana Lima,ana@example.org,Acme,\n"
        b",nobody@example.org,Acme,\n"
        b"Ana L.,ANA@example.org,Acme,\n"
        b"Bo Chen,not-an-email,Widgets,yesterday\n"
        b"Kim Park,,Acme,\n"
    )
    preview = parse_contacts(data, existing={("name", "kim park | acme")})
    assert [r.name for r in preview.rows] == ["Ana Lima", "Bo Chen"]
    assert [r.name for r in preview.duplicates] == ["Ana L.", "Kim Park"]
    problems = [(p.line, str(p.field)) for p in preview.problems]
    assert problems == [(3, "name"), (5, "email"), (5, "connected on")]
    assert preview.rows[1].email == "" and preview.rows[1].connected_on == ""


def test_the_preview_saves_nothing_and_confirming_saves_all_at_once(seeker, as_user):
    client = as_user(seeker)
    upload = SimpleUploadedFile("Connections.csv", LINKEDIN.encode(), content_type="text/csv")
    response = client.post("/workbook/contacts/import/", {"file": upload})
    pending = ContactImport.objects.get()
    assert response["Location"] == f"/workbook/contacts/import/{pending.pk}/"
    assert not Contact.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "3 new contacts to import" in page and "Zoë Łukasz" in page
    client.post(response["Location"], {"action": "import"})
    assert Contact.objects.filter(owner=seeker, source="linkedin").count() == 3
    assert not ContactImport.objects.exists()
    # The same file again: all three are recognised, nothing doubles.
    upload = SimpleUploadedFile("Connections.csv", LINKEDIN.encode(), content_type="text/csv")
    client.post("/workbook/contacts/import/", {"file": upload})
    services.contacts_import_confirm(pending=ContactImport.objects.get())
    assert Contact.objects.count() == 3


def test_a_failed_import_saves_nothing_and_says_why_next_to_the_field(seeker, as_user):
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\x00\x00", content_type="image/png")
    response = as_user(seeker).post("/workbook/contacts/import/", {"file": upload})
    assert response.status_code == 200
    assert "does not look like a CSV" in response.content.decode()
    assert not ContactImport.objects.exists() and not Contact.objects.exists()


def test_confirming_is_all_or_nothing(seeker, monkeypatch):
    pending = services.contacts_import_preview(
        owner=seeker, data=LINKEDIN.encode(), filename="c.csv"
    )

    def broken(objs, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Contact.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.contacts_import_confirm(pending=pending)
    assert not Contact.objects.exists()
    assert ContactImport.objects.filter(pk=pending.pk).exists()  # still there to try again


def test_nobody_else_sees_or_confirms_a_pending_import(seeker, stranger, staff, as_user):
    pending = services.contacts_import_preview(
        owner=seeker, data=LINKEDIN.encode(), filename="c.csv"
    )
    for other in (stranger, staff):
        client = as_user(other)
        assert client.get(f"/workbook/contacts/import/{pending.pk}/").status_code == 404
        assert client.post(f"/workbook/contacts/import/{pending.pk}/").status_code == 404
    assert not Contact.objects.exists()


def test_profile_links_must_be_web_addresses_read_as_a_browser_would():
    data = (
        b"Name,URL\n"
        b"Ana,https://www.linkedin.com/in/ana\n"
        b"Bo,javascript:alert(1)\n"
        b"Kim,https://evil.example\\@www.linkedin.com/in/x\n"
        b"Lu,ftp://linkedin.com/in/lu\n"
    )
    preview = parse_contacts(data, existing=set())
    assert [r.profile_url for r in preview.rows] == ["https://www.linkedin.com/in/ana", "", "", ""]
    assert [p.line for p in preview.problems] == [3, 4, 5]


def test_a_ten_thousand_row_export_is_read_whole():
    rows = "".join(
        f"P{i},{i},https://www.linkedin.com/in/p{i},,Acme,Eng,01 Mar 2024\r\n"
        for i in range(10_000)
    )
    preview = parse_contacts((LINKEDIN + rows).encode(), existing=set())
    assert len(preview.rows) == 10_003 and preview.problems == []
