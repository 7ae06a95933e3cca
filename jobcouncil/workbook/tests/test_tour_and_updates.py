"""The listening tour and update notes: the seeker's own lists, what is due, who got what."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import time_machine

from jobcouncil.workbook import dues
from jobcouncil.workbook.models import (
    Contact,
    TourConversation,
    UpdateNote,
    UpdateNoteRecipient,
    WorkbookSettings,
)

NOW = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)


def test_planning_a_conversation_with_a_new_person_suggests_questions_by_kind(seeker, as_user):
    client = as_user(seeker)
    page = client.get("/workbook/tour/new/?relation=recruiter").content.decode()
    checked = set(re.findall(r'name="questions" value="([\w-]+)"[^>]*checked', page))
    assert checked == {"fit-advice", "golden", "who-else"}  # advice on fit, never a job
    response = client.post(
        "/workbook/tour/new/",
        {
            "new_name": "Ana Lima",
            "new_company": "Acme",
            "relation": "recruiter",
            "questions": ["fit-advice", "golden"],
            "planned_on": "2026-12-10",
        },
    )
    assert response["Location"] == "/workbook/tour/"
    talk = TourConversation.objects.get()
    assert talk.contact.name == "Ana Lima" and talk.contact.owner == seeker
    assert talk.questions == ["fit-advice", "golden"]
    assert "Ana Lima" in client.get("/workbook/tour/").content.decode()


def test_a_conversation_needs_someone_and_a_sensible_date(seeker, as_user):
    response = as_user(seeker).post(
        "/workbook/tour/new/", {"relation": "friend", "planned_on": "9999-12-31"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "type a new person" in page and "within the next two years" in page
    assert not TourConversation.objects.exists() and not Contact.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_thank_yous_and_follow_ups_due_this_week_are_listed(seeker):
    ana = Contact.objects.create(owner=seeker, name="Ana")
    bo = Contact.objects.create(owner=seeker, name="Bo")
    kim = Contact.objects.create(owner=seeker, name="Kim")
    today = dt.date(2026, 12, 2)
    TourConversation.objects.create(owner=seeker, contact=ana, held_on=today, thank_you_sent=False)
    TourConversation.objects.create(
        owner=seeker, contact=bo, held_on=today, thank_you_sent=True,
        follow_up_on=today + dt.timedelta(days=7),
    )  # fmt: skip
    TourConversation.objects.create(
        owner=seeker, contact=kim, follow_up_on=today + dt.timedelta(days=8)
    )
    due = dues.tour_due(seeker)
    assert [c.contact.name for c in due.thank_yous] == ["Ana"]
    assert [c.contact.name for c in due.follow_ups] == ["Bo"]


def test_another_seeker_never_reaches_a_conversation(seeker, stranger, staff, as_user):
    talk = TourConversation.objects.create(
        owner=seeker, contact=Contact.objects.create(owner=seeker, name="Ana"), notes="Salary 90k"
    )
    for other in (stranger, staff):
        client = as_user(other)
        for url in (f"/workbook/tour/{talk.pk}/", f"/workbook/tour/{talk.pk}/delete/"):
            assert client.get(url).status_code == 404
            assert client.post(url, {"new_name": "x", "relation": "other"}).status_code == 404
        assert "Ana" not in client.get("/workbook/tour/").content.decode()
    assert TourConversation.objects.filter(pk=talk.pk).exists()


def test_an_update_note_starts_from_the_fit_line_and_records_who_got_it(seeker, as_user):
    client = as_user(seeker)
    client.post(
        "/workbook/fit/",
        {
            "role": "Head of Design",
            "company_stage": "Series A",
            "industry": "",
            "location_culture": "",
        },
    )
    draft = client.get("/workbook/updates/new/").content.decode()
    assert "What I&#x27;m looking for: Head of Design, Series A" in draft
    client.post("/workbook/updates/new/", {"subject": "News", "body": "Hello all"})
    note = UpdateNote.objects.get()
    ana = Contact.objects.create(owner=seeker, name="Ana", email="ana@example.org")
    bo = Contact.objects.create(owner=seeker, name="Bo", email="bo+x@example.org")
    Contact.objects.create(owner=seeker, name="No Mail")
    with time_machine.travel(NOW, tick=False):
        response = client.post(f"/workbook/updates/{note.pk}/send/", {"contacts": [ana.pk, bo.pk]})
    page = response.content.decode()
    assert "mailto:?bcc=ana@example.org,bo%2Bx@example.org&amp;subject=News" in page
    assert set(UpdateNoteRecipient.objects.values_list("contact__name", flat=True)) == {"Ana", "Bo"}
    WorkbookSettings.objects.create(owner=seeker, update_note_every_weeks=2)
    assert dues.next_update_note_due(seeker) == dt.date(2026, 12, 16)
    download = client.get(f"/workbook/updates/{note.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment")
    assert unquote(download.content.decode()) == "News\n\nHello all\n"


def test_sending_needs_someone_chosen(seeker, as_user):
    note = UpdateNote.objects.create(owner=seeker, subject="News", body="Hi")
    Contact.objects.create(owner=seeker, name="Ana", email="ana@example.org")
    response = as_user(seeker).post(f"/workbook/updates/{note.pk}/send/", {})
    assert "Choose at least one person." in response.content.decode()
    assert not UpdateNoteRecipient.objects.exists()


def test_a_stranger_cannot_send_or_read_someone_elses_note(seeker, stranger, as_user):
    note = UpdateNote.objects.create(owner=seeker, subject="News", body="Hi")
    theirs = Contact.objects.create(owner=stranger, name="Mine", email="m@example.org")
    client = as_user(stranger)
    assert client.get(f"/workbook/updates/{note.pk}/").status_code == 404
    assert client.get(f"/workbook/updates/{note.pk}/download/").status_code == 404
    assert (
        client.post(f"/workbook/updates/{note.pk}/send/", {"contacts": [theirs.pk]}).status_code
        == 404
    )
    ana = Contact.objects.create(owner=seeker, name="Ana", email="a@example.org")
    own = UpdateNote.objects.create(owner=stranger, subject="Mine", body="x")
    client.post(f"/workbook/updates/{own.pk}/send/", {"contacts": [ana.pk]})  # not their contact
    assert not UpdateNoteRecipient.objects.exists()


def test_conversation_notes_render_as_markdown_on_their_page(seeker, as_user):
    talk = TourConversation.objects.create(
        owner=seeker,
        contact=Contact.objects.create(owner=seeker, name="Ana"),
        notes="She said: **lead with numbers**.\n\n- ask about Acme",
    )
    page = as_user(seeker).get(f"/workbook/tour/{talk.pk}/").content.decode()
    assert "<strong>lead with numbers</strong>" in page and "<li>ask about Acme</li>" in page
