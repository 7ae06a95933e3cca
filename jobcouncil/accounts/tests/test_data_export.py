"""A person downloads everything the app holds about them, as JSON and as a readable page:
only their own data, never another member's words, never a secret token."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CalendarFeed,
    CheckIn,
    Commitment,
    Landing,
    Membership,
)
from jobcouncil.notifications.emails import email_council_matched
from jobcouncil.notifications.models import EmailSubscription, OutboxEmail, UnsubscribeLink
from jobcouncil.pool.models import PoolEntry

JSON_URL = "/me/data.json"
HTML_URL = "/me/data.html"
NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)

# What the seeker wrote, each findable in the export; and what others wrote, never.
MINE = [
    "MY-CHECKIN-LINE",
    "MYWORD",
    "MY-COMMITMENT",
    "MY-ASK",
    "MY-POOL-NOTE",
    "MY-LANDING-COMPANY",
    "MY-LEAVE-REASON",
    "MY-TARGET-COMPANY",
    "MY-INTERVIEW-PREP",
    "MY-DEBRIEF",
    "MY-CRITIC",
    "MY-GRATITUDE",
]
THEIRS = ["FELLOW-CHECKIN-LINE", "FELLOWWORD", "FELLOW-COMMITMENT", "FELLOW-ASK", "Fran Fellow"]


def _history(council, seeker, fellow, meetings: int) -> None:
    """`meetings` past meetings where the seeker and a fellow both checked in, made a
    commitment and asked for help, and each offered help on the other's ask."""
    past = list(council.meetings.filter(starts_at__lt=timezone.now()).order_by("starts_at"))
    assert len(past) >= meetings
    for meeting in past[:meetings]:
        for user, prefix, word in ((seeker, "MY", "MYWORD"), (fellow, "FELLOW", "FELLOWWORD")):
            CheckIn.objects.create(
                meeting=meeting,
                user=user,
                pulse=7,
                line=f"{prefix}-CHECKIN-LINE",
                checkout_word=word,
            )
            Attendance.objects.create(meeting=meeting, user=user, status="present")
            Commitment.objects.create(
                council=council,
                user=user,
                made_at=meeting,
                text=f"{prefix}-COMMITMENT",
                due_at=meeting.starts_at + dt.timedelta(days=3),
            )
        mine = Ask.objects.create(meeting=meeting, user=seeker, text="MY-ASK")
        theirs = Ask.objects.create(meeting=meeting, user=fellow, text="FELLOW-ASK")
        mine.helpers.add(fellow)
        theirs.helpers.add(seeker)


@pytest.fixture
def history(council, seeker, fellow):
    _history(council, seeker, fellow, 3)
    PoolEntry.objects.filter(user=seeker).update(note="MY-POOL-NOTE")
    Landing.objects.create(
        user=seeker,
        council=council,
        role="Analyst",
        company="MY-LANDING-COMPANY",
        start_date=dt.date(2027, 1, 4),
        asked_for_more_money=True,
        got_more_money=True,
    )
    Membership.objects.filter(user=seeker).update(left_reason="MY-LEAVE-REASON")
    CalendarFeed.issue(seeker)
    email_council_matched(user=seeker, council=council)  # with an unsubscribe link in it
    EmailSubscription.objects.create(user=seeker, unsubscribed_at=timezone.now())
    _search(seeker, fellow)
    return council


def _search(seeker, fellow) -> None:
    """A target, an interview debriefed and shared with the fellow alone, a critic, thanks."""
    from jobcouncil.workbook import opportunities, services

    now = timezone.now()
    target = opportunities.opportunity_save(
        owner=seeker, opportunity=None, company="MY-TARGET-COMPANY", role="Lead",
        fit_matches=[], now=now,
    )  # fmt: skip
    interview = opportunities.interview_save(
        owner=seeker, opportunity=target, interview=None, starts_at=now, minutes=30,
        with_whom="Ana", place="", preparation="MY-INTERVIEW-PREP", now=now,
    )  # fmt: skip
    debrief = opportunities.debrief_save(interview=interview, how_it_went="MY-DEBRIEF")
    services.share_open(owner=seeker, item=debrief, now=now, member=fellow)
    opportunities.inner_critic_save(owner=seeker, name="MY-CRITIC", says="x", true_instead="y")
    opportunities.gratitude_add(owner=seeker, name="MY-GRATITUDE", how="Helped")


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (JSON_URL, HTML_URL):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_json_holds_every_area_and_all_the_persons_own_words(history, seeker, as_user):
    response = as_user(seeker).get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="jobcouncil-my-data-')
    doc = json.loads(response.content)
    assert list(doc) == [
        "programme", "format", "exported_at",
        "account", "email_addresses", "profile", "availability", "orientation",
        "moderator_invitations",
        "pool_entry",
        "memberships", "meetings", "commitments", "asks", "offers", "celebrations",
        "calendar_feeds",
        "two_pager", "contacts", "contact_imports", "listening_tour", "fit_statement",
        "update_notes", "shares", "comments",
        "job_missions", "negotiations",
        "first_90_days", "first_90_days_check_ins", "alumni_group", "alumni_questions",
        "alumni_answers",
        "targets", "interviews", "debriefs", "inner_critic", "gratitude",
        "notices", "emails", "notification_settings", "unsubscribe_links",
    ]  # fmt: skip
    assert doc["account"]["email"] == "seeker@example.org"
    assert doc["profile"]["display_name"] == "Sam Seeker"
    assert doc["availability"] == [{"window": "mon 18:00-21:00"}, {"window": "thu 18:00-21:00"}]
    assert doc["pool_entry"]["note"] == "MY-POOL-NOTE"
    assert doc["memberships"][0]["council"] == history.name
    assert len(doc["meetings"]) == 3
    assert doc["meetings"][0]["line"] == "MY-CHECKIN-LINE"
    assert doc["meetings"][0]["attendance"] == "Present"
    assert [c["text"] for c in doc["commitments"]] == ["MY-COMMITMENT"] * 3
    assert [(a["text"], a["offers"]) for a in doc["asks"]] == [("MY-ASK", 1)] * 3
    assert len(doc["offers"]) == 3
    assert doc["celebrations"][0]["company"] == "MY-LANDING-COMPANY"
    assert doc["celebrations"][0]["got_more_money"] is True
    assert len(doc["calendar_feeds"]) == 1
    assert doc["emails"] and doc["emails"][0]["to"] == "seeker@example.org"
    assert doc["notification_settings"]["council_emails"] is False
    assert len(doc["unsubscribe_links"]) == 1
    text = response.content.decode()
    for mine in MINE:
        assert mine in text


def test_it_never_holds_other_members_words_or_names_or_a_secret(history, seeker, as_user):
    secrets = [
        CalendarFeed.objects.get(user=seeker).token_hash,
        UnsubscribeLink.objects.get(user=seeker).token_hash,
        OutboxEmail.objects.get(user=seeker).unsubscribe_url,
        seeker.password,
    ]
    assert "/email/unsubscribe/" in OutboxEmail.objects.get(user=seeker).body_text
    text = as_user(seeker).get(JSON_URL).content.decode()
    html = as_user(seeker).get(HTML_URL).content.decode()
    for export in (text, html):
        for theirs in THEIRS:
            assert theirs not in export
        for secret in secrets:
            assert secret not in export
        assert "/email/unsubscribe/[hidden]" in export  # the mail's link, with no token


def test_a_stranger_gets_their_own_export_never_someone_elses(history, outsider, as_user):
    for url in (JSON_URL, HTML_URL):
        export = as_user(outsider).get(url).content.decode()
        assert "stranger@example.org" in export
        assert "seeker@example.org" not in export and "Sam Seeker" not in export
        for mine in MINE:
            assert mine not in export
    # There is nothing to point at someone else: the export takes no id at all.
    assert (
        as_user(outsider)
        .get(JSON_URL, {"user": history.pk})
        .content.decode()
        .count("seeker@example.org")
        == 0
    )


def test_it_answers_get_only(seeker, as_user):
    for url in (JSON_URL, HTML_URL):
        assert as_user(seeker).post(url).status_code == 405


def test_the_page_has_a_heading_per_area_times_in_the_viewers_zone_and_only_its_own_style(
    history, seeker, as_user, time_machine
):
    time_machine.move_to(NOW, tick=False)
    response = as_user(seeker).get(HTML_URL)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        'attachment; filename="jobcouncil-my-data-2026-12-01.html"'
    )
    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script" not in policy
    page = response.content.decode()
    for heading in (
        "Account", "Email addresses", "Profile", "Weekly availability",
        "Orientation and council norms", "Matching pool", "Councils and memberships",
        "Meetings and your check-ins", "Commitments", "Asks for help you wrote",
        "Help you offered", "Celebrations: your landings", "Calendar links",
        "Emails we sent you", "Notification settings",
    ):  # fmt: skip
        assert f'-heading">{heading}</h2>' in page, heading
    assert "<script" not in page
    assert "1 December 2026, 09:00 (America/Chicago time)" in page  # 15:00 UTC, in Chicago
    for mine in MINE:
        assert mine in page


def test_what_a_person_wrote_is_escaped_in_the_page(council, seeker, as_user):
    meeting = council.meetings.first()
    CheckIn.objects.create(meeting=meeting, user=seeker, line="<script>alert(1)</script>")
    page = as_user(seeker).get(HTML_URL).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_someone_with_no_profile_yet_downloads_their_account(newcomer, as_user):
    doc = json.loads(as_user(newcomer).get(JSON_URL).content)
    assert doc["account"]["email"] == "new@example.org"
    assert doc["profile"] is None and doc["meetings"] == [] and doc["pool_entry"] is None
    assert "Nothing here." in as_user(newcomer).get(HTML_URL).content.decode()


def test_the_profile_page_links_both_downloads(seeker, as_user):
    page = as_user(seeker).get("/me/profile/").content.decode()
    assert f'href="{HTML_URL}"' in page and f'href="{JSON_URL}"' in page


@pytest.mark.parametrize("url", [JSON_URL, HTML_URL])
def test_the_query_count_is_the_same_for_a_short_and_a_long_history(
    url, council, seeker, fellow, as_user, django_assert_num_queries
):
    client = as_user(seeker)
    _history(council, seeker, fellow, 1)
    client.get(url)
    # Session and user, then accounts 2 (the profile is the timezone middleware's; the
    # moderator invitations), pool 1, councils 8, workbook 21, notifications 3.
    with django_assert_num_queries(39):
        assert client.get(url).status_code == 200
    CheckIn.objects.all().delete()
    Attendance.objects.all().delete()
    _history(council, seeker, fellow, 6)
    for _k in range(5):
        _search(seeker, fellow)
    with django_assert_num_queries(39):
        response = client.get(url)
    assert response.content.decode().count("MY-CHECKIN-LINE") == 6
