"""The activity log proves the search: conversations held, applications, interviews and update
notes sent, one row each, by the seeker's own day; a CSV that a spreadsheet opens as it is
(UTF-8 with a byte-order mark, ISO dates), read back here with csv; and a printable page."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone

from jobcouncil.workbook import opportunities, services
from jobcouncil.workbook.models import Contact, TourConversation, UpdateNote


def _history(owner):
    """Two conversations held (one only planned), an application, an interview held late in
    the evening in Chicago (the next day in UTC) and one to come, an update note sent to two."""
    now = timezone.now()  # 1 December 2026, 09:00 in Chicago
    ana = Contact.objects.create(owner=owner, name="Ana Lima", company="Northwind", position="VP")
    bo = Contact.objects.create(owner=owner, name="Zoë Łukasz 王芳", company="Globex")
    TourConversation.objects.create(
        owner=owner, contact=ana, held_on=dt.date(2026, 11, 20), learned="Look at scale-ups"
    )
    TourConversation.objects.create(owner=owner, contact=bo, held_on=dt.date(2026, 11, 25))
    TourConversation.objects.create(owner=owner, contact=bo, planned_on=dt.date(2026, 12, 9))
    target = opportunities.opportunity_save(
        owner=owner, opportunity=None, company="=HYPERLINK(\"http://x\")", role="Director",
        applied_on=dt.date(2026, 11, 21), fit_matches=[], now=now,
    )  # fmt: skip
    for starts_at in (
        dt.datetime(2026, 11, 26, 4, 30, tzinfo=dt.UTC),  # 25 November, 22:30 in Chicago
        now + dt.timedelta(days=3),
    ):
        opportunities.interview_save(
            owner=owner, opportunity=target, interview=None, starts_at=starts_at, minutes=60,
            with_whom="Ana", place="", preparation="", now=now,
        )  # fmt: skip
    note = UpdateNote.objects.create(owner=owner, subject="News, and thanks", body="Hi")
    services.update_note_record_sent(
        note=note, contacts=[ana, bo], now=dt.datetime(2026, 11, 28, 17, 0, tzinfo=dt.UTC)
    )


def _read(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_reads_back_with_one_row_per_activity_and_iso_dates(seeker, as_user):
    _history(seeker)
    response = as_user(seeker).get("/workbook/activity/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'attachment; filename="job-search-activity-2026-12-01.csv"'
        == response["Content-Disposition"]
    )
    rows = _read(response)
    assert rows[0] == ["Date", "Activity", "Company", "Role", "With", "Details"]
    assert rows[1:] == [
        ["2026-11-20", "Conversation", "Northwind", "VP", "Ana Lima", "Look at scale-ups"],
        ["2026-11-21", "Application", '\'=HYPERLINK("http://x")', "Director", "", ""],
        ["2026-11-25", "Conversation", "Globex", "", "Zoë Łukasz 王芳", ""],
        ["2026-11-25", "Interview", '\'=HYPERLINK("http://x")', "Director", "Ana", ""],
        ["2026-11-28", "Update note sent", "", "", "", "“News, and thanks”, to 2 people"],
    ]
    for row in rows[1:]:
        dt.date.fromisoformat(row[0])


def test_the_csv_and_page_take_a_date_range(seeker, as_user):
    _history(seeker)
    client = as_user(seeker)
    rows = _read(client.get("/workbook/activity/csv/?from=2026-11-21&to=2026-11-25"))
    assert [r[1] for r in rows[1:]] == ["Application", "Conversation", "Interview"]
    page = client.get("/workbook/activity/?from=2026-11-21&to=2026-11-25").content.decode()
    assert "3 activities" in page and "Look at scale-ups" not in page
    assert 'href="/workbook/activity/csv/?from=2026-11-21&amp;to=2026-11-25"' in page
    # a date that is not one is ignored, not an error
    assert client.get("/workbook/activity/?from=someday").status_code == 200


def test_the_printable_page_lists_every_activity(seeker, as_user):
    _history(seeker)
    page = as_user(seeker).get("/workbook/activity/").content.decode()
    assert "5 activities" in page
    assert page.count("<tr><td><time") == 5
    assert "Zoë Łukasz 王芳" in page and "Printed on 1 December 2026." in page


def test_each_seeker_sees_only_their_own_log(seeker, stranger, as_user):
    _history(seeker)
    assert _read(as_user(stranger).get("/workbook/activity/csv/")) == [
        ["Date", "Activity", "Company", "Role", "With", "Details"]
    ]
    assert "Ana Lima" not in as_user(stranger).get("/workbook/activity/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in ("/workbook/activity/", "/workbook/activity/csv/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
