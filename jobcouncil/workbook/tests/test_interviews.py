"""Interviews: entered and shown in the seeker's timezone, stored in UTC (across a daylight-
saving change too), an .ics for each; the debrief prompt once an interview's end has passed;
a debrief shared with the council or with one member alone, the inner critic left out unless
chosen; the gratitude house linked from each coming interview and from the debrief."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from jobcouncil.workbook import dues, opportunities
from jobcouncil.workbook.models import Debrief, Interview, Share, Stage

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the factories' seekers live there


def _target(owner, company="Globex", role="Head of Product"):
    return opportunities.opportunity_save(
        owner=owner, opportunity=None, company=company, role=role, fit_matches=[],
        now=timezone.now(),
    )  # fmt: skip


def _interview(owner, starts_at, minutes=60, target=None):
    return opportunities.interview_save(
        owner=owner, opportunity=target or _target(owner), interview=None, starts_at=starts_at,
        minutes=minutes, with_whom="Ana Lima, hiring manager", place="Video call",
        preparation="Tell the *onboarding* story", now=timezone.now(),
    )  # fmt: skip


def test_an_interview_planned_before_the_clocks_change_and_held_after_keeps_its_local_time(
    seeker, as_user, time_machine
):
    # 20 October: Chicago is on daylight time (UTC-5). The interview is on 10 November, after
    # the clocks went back on 1 November (UTC-6): 10:00 there is 16:00 UTC, not 15:00.
    time_machine.move_to(dt.datetime(2026, 10, 20, 15, 0, tzinfo=dt.UTC), tick=False)
    target = _target(seeker)
    client = as_user(seeker)
    response = client.post(
        f"/workbook/targets/{target.pk}/interviews/new/",
        {"date": "2026-11-10", "time": "10:00", "minutes": "45", "with_whom": "Ana Lima"},
    )
    interview = Interview.objects.get()
    assert response["Location"] == f"/workbook/interviews/{interview.pk}/"
    assert interview.starts_at == dt.datetime(2026, 11, 10, 16, 0, tzinfo=dt.UTC)
    page = client.get(f"/workbook/interviews/{interview.pk}/").content.decode()
    assert "Tuesday 10 November 2026, 10:00</time>–10:45" in page
    assert 'value="10:00"' in page and 'value="2026-11-10"' in page  # the form shows it back
    target.refresh_from_db()
    assert target.stage == Stage.INTERVIEWING

    ics = client.get(f"/workbook/interviews/{interview.pk}/calendar/")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(ics.content)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "America/Chicago"
    assert start.replace(tzinfo=None) == dt.datetime(2026, 11, 10, 10, 0)
    assert start.astimezone(dt.UTC) == interview.starts_at
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Interview: Head of Product at Globex"
    assert "With: Ana Lima" in str(event["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE"), "the zone's rules travel with the file"


def test_a_time_the_clocks_skip_is_refused_next_to_the_field(seeker, as_user):
    target = _target(seeker)
    response = as_user(seeker).post(
        f"/workbook/targets/{target.pk}/interviews/new/",
        {"date": "2027-03-14", "time": "02:30", "minutes": "60"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_time_error"' in page and "this time does not exist" in page
    assert not Interview.objects.exists()


def test_interview_fields_are_checked(seeker, as_user):
    target = _target(seeker)
    response = as_user(seeker).post(
        f"/workbook/targets/{target.pk}/interviews/new/",
        {"date": "2031-01-01", "time": "10:00", "minutes": "5"},
    )
    page = response.content.decode()
    assert "Choose a date within a year of today." in page
    assert "Between 15 minutes and 8 hours." in page
    assert not Interview.objects.exists()


def test_a_stranger_gets_no_interview_nor_its_calendar_file(seeker, stranger, as_user):
    interview = _interview(seeker, timezone.now() + dt.timedelta(days=2))
    client = as_user(stranger)
    base = f"/workbook/interviews/{interview.pk}"
    for url in (f"{base}/", f"{base}/calendar/", f"{base}/debrief/", f"{base}/delete/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/debrief/", {"how_it_went": "x"}).status_code == 404
    assert client.post(f"{base}/debrief/share/", {}).status_code == 404
    assert not Debrief.objects.exists()


def test_the_debrief_is_due_once_the_interview_has_ended(seeker, fellow):
    now = timezone.now()
    ended = _interview(seeker, now - dt.timedelta(minutes=61))
    running = _interview(seeker, now - dt.timedelta(minutes=30))
    _interview(seeker, now + dt.timedelta(days=1))
    _interview(seeker, now - dt.timedelta(days=20))  # long past: no nudge any more
    others = _interview(fellow, now - dt.timedelta(hours=2))
    assert dues.interviews_awaiting_debrief(now=now, owner=seeker) == [ended]
    assert dues.interviews_awaiting_debrief(now=now) == [others, ended]
    later = now + dt.timedelta(minutes=31)
    assert dues.interviews_awaiting_debrief(now=later, owner=seeker) == [ended, running]
    opportunities.debrief_save(interview=ended, how_it_went="Fine")
    assert dues.interviews_awaiting_debrief(now=later, owner=seeker) == [running]


def test_the_workbook_prompts_for_the_debrief_after_the_end(seeker, as_user):
    interview = _interview(seeker, timezone.now() - dt.timedelta(minutes=90))
    client = as_user(seeker)
    overview = client.get("/workbook/").content.decode()
    assert (
        "Time to debrief" in overview
        and f"/workbook/interviews/{interview.pk}/debrief/" in overview
    )
    page = client.get(f"/workbook/interviews/{interview.pk}/").content.decode()
    assert "Debrief now" in page
    response = client.post(
        f"/workbook/interviews/{interview.pk}/debrief/",
        {
            "how_it_went": "Better than I feared",
            "asked": "Tell me about a *conflict*",
            "landed": "The onboarding numbers",
            "change": "Shorter answers",
            "critic_says": "You rambled",
            "what_is_true": "I answered every question",
        },
        follow=True,
    )
    assert "Your debrief is saved." in response.content.decode()
    debrief = Debrief.objects.get()
    assert (debrief.owner, debrief.asked, debrief.share_critic) == (
        seeker,
        "Tell me about a *conflict*",
        False,
    )
    assert "Time to debrief" not in client.get("/workbook/").content.decode()


def test_a_coming_interview_links_the_gratitude_house_and_no_debrief_prompt(seeker, as_user):
    interview = _interview(seeker, timezone.now() + dt.timedelta(days=1))
    client = as_user(seeker)
    page = client.get(f"/workbook/interviews/{interview.pk}/").content.decode()
    assert 'href="/workbook/gratitude/"' in page and "Debrief now" not in page
    assert "/workbook/gratitude/" in client.get("/workbook/").content.decode()
    target = client.get(f"/workbook/targets/{interview.opportunity_id}/").content.decode()
    assert "read your gratitude house first" in target


@pytest.fixture
def debriefed(council, seeker):
    interview = _interview(seeker, timezone.now() - dt.timedelta(hours=3))
    opportunities.inner_critic_save(
        owner=seeker, name="Gerald", says="They will see through you", true_instead="I did the work"
    )
    opportunities.debrief_save(
        interview=interview, how_it_went="Went well", asked="Why product?", landed="My story",
        change="Breathe", critic_says="You sounded nervous", what_is_true="I was prepared",
    )  # fmt: skip
    return interview


def test_the_inner_critic_shows_beside_the_debrief(debriefed, seeker, as_user):
    page = as_user(seeker).get(f"/workbook/interviews/{debriefed.pk}/debrief/").content.decode()
    aside = page.split('class="critic-aside"')[1].split("</aside>")[0]
    assert "Gerald, your inner critic" in aside and "They will see through you" in aside
    assert "I did the work" in aside and 'href="/workbook/gratitude/"' in aside


def test_a_debrief_shared_with_the_council_leaves_the_inner_critic_out(
    debriefed, council, seeker, fellow, moderator, as_user
):
    as_user(seeker).post(f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"member": ""})
    share = Share.objects.get()
    assert share.member is None
    for reader in (fellow, moderator):
        page = as_user(reader).get(f"/workbook/shared/{share.pk}/").content.decode()
        assert "Went well" in page and "Why product?" in page
        assert "You sounded nervous" not in page and "Gerald" not in page
        assert "They will see through you" not in page
    council_page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert "interview debrief" in council_page


def test_the_inner_critic_is_shared_only_when_chosen(debriefed, council, seeker, fellow, as_user):
    debrief = Debrief.objects.get()
    debrief.share_critic = True
    debrief.save()
    as_user(seeker).post(f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"member": ""})
    page = as_user(fellow).get(f"/workbook/shared/{Share.objects.get().pk}/").content.decode()
    assert "You sounded nervous" in page and "I was prepared" in page and "Gerald" in page


def test_a_debrief_shared_with_one_member_is_read_by_them_alone(
    debriefed, council, seeker, fellow, moderator, outsider, staff, as_user
):
    response = as_user(seeker).post(
        f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"member": str(fellow.pk)},
        follow=True,
    )  # fmt: skip
    assert "Shared with Fran Fellow alone." in response.content.decode()
    share = Share.objects.get()
    assert share.member == fellow
    url = f"/workbook/shared/{share.pk}/"
    assert as_user(fellow).get(url).status_code == 200
    assert "Shared with you alone" in as_user(fellow).get(url).content.decode()
    for other in (moderator, outsider, staff):
        assert as_user(other).get(url).status_code == 404, other
        assert as_user(other).post(url, {"body": "hi"}).status_code == 404, other
    assert "interview debrief" in as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert (
        "interview debrief"
        not in as_user(moderator).get(f"/councils/{council.pk}/").content.decode()
    )
    # back to the whole council: the same share, now for everyone
    as_user(seeker).post(f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"member": ""})
    assert as_user(moderator).get(url).status_code == 200
    as_user(seeker).post(
        f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"action": "unshare"}
    )
    assert as_user(fellow).get(url).status_code == 404


def test_a_debrief_is_shared_only_with_someone_in_the_council_now(
    debriefed, seeker, outsider, alumnus, as_user
):
    for other in (outsider, alumnus, seeker):
        response = as_user(seeker).post(
            f"/workbook/interviews/{debriefed.pk}/debrief/share/", {"member": str(other.pk)}
        )
        assert response.status_code == 400, other
    assert not Share.objects.exists()
