"""The live meeting poll: one endpoint per meeting, 204 while nothing changed, else only the
parts that changed (out-of-band swaps), for members only."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings, services
from jobcouncil.councils.meeting_page import LIVE_PARTS, live_stamp
from jobcouncil.councils.models import Ask, CheckIn, Commitment, Meeting, Membership
from jobcouncil.tests import factories
from jobcouncil.tests.queries import assert_queries


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _live(meeting: Meeting) -> str:
    return reverse("councils:meeting-live", args=[meeting.council_id, meeting.pk])


def _held(page_html: str) -> dict[str, str]:
    """What the page holds, as its poll sends it: the stamp and each part's digest."""
    poller = re.search(r'id="meeting-live"[^>]*?hx-get="([^"]+)"', page_html)
    assert poller, "no live poller on the page"
    state = {"v": html_lib.unescape(poller.group(1)).split("?v=")[1]}
    for part, digest in re.findall(
        r'<div id="([\w-]+)" data-live-part data-digest="(\w+)"', page_html
    ):
        state[part] = digest
    return state


def _page_state(client, meeting: Meeting) -> dict[str, str]:
    page = client.get(reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk]))
    return _held(page.content.decode())


def test_anonymous_visitors_are_sent_to_log_in(client, meeting):
    response = client.get(_live(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_stranger_cannot_poll(as_user, outsider, meeting):
    assert as_user(outsider).get(_live(meeting), {"v": "0.0"}).status_code == 404


def test_the_page_holds_a_poller_every_part_and_a_polite_status(as_user, seeker, meeting):
    html = (
        as_user(seeker)
        .get(reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk]))
        .content.decode()
    )
    state = _held(html)
    assert set(state) == {"v", *LIVE_PARTS}
    assert 'hx-trigger="every 10s"' in html
    assert html.count("hx-trigger") == 1  # one poll for the whole page, not one per part
    assert (
        'id="meeting-live-status" class="visually-hidden" role="status" aria-live="polite"' in html
    )
    assert "<noscript>" in html  # without JavaScript: a reload link


def test_nothing_changed_is_204(as_user, seeker, meeting):
    client = as_user(seeker)
    state = _page_state(client, meeting)
    response = client.get(_live(meeting), state, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.content == b""


def test_a_fellows_check_in_sends_only_the_check_in_list(as_user, seeker, fellow, meeting):
    client = as_user(seeker)
    state = _page_state(client, meeting)
    meetings.meeting_checkin(meeting=meeting, user=fellow, pulse=8, line="Got an interview!")
    response = client.get(_live(meeting), state, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'<div id="([\w-]+)" data-live-part', html) == ["checkin-list"]
    assert 'hx-swap-oob="true"' in html and "Got an interview!" in html
    assert "Updated: Check-in." in html
    # The new poller holds the new stamp: polling again finds nothing new.
    state.update(_held(html))
    assert state["v"] == live_stamp(Meeting.objects.get(pk=meeting.pk))
    assert client.get(_live(meeting), state).status_code == 204


def test_ones_own_write_answered_with_its_section_is_not_sent_again(as_user, seeker, meeting):
    client = as_user(seeker)
    state = _page_state(client, meeting)
    section = client.post(
        reverse("councils:meeting-checkin", args=[meeting.council_id, meeting.pk, seeker.pk]),
        {"pulse": "6", "line": "Steady"},
        headers={"HX-Request": "true"},
    ).content.decode()
    state.update(_held('<div id="meeting-live" hx-get="?v=' + state["v"] + '"></div>' + section))
    html = client.get(_live(meeting), state).content.decode()
    assert "data-live-part" not in html and "Updated:" not in html
    assert 'id="meeting-live"' in html  # only the new stamp


def test_a_part_the_page_does_not_hold_is_never_sent(as_user, seeker, fellow, meeting):
    client = as_user(seeker)
    state = _page_state(client, meeting)
    del state["checkin-list"]
    meetings.meeting_checkin(meeting=meeting, user=fellow, pulse=8, line="Hello")
    html = client.get(_live(meeting), state).content.decode()
    assert "data-live-part" not in html  # an out-of-band swap without a target errs


def test_every_kind_of_write_changes_the_stamp(seeker, fellow, moderator, meeting):
    stamps = [live_stamp(meeting)]

    def changed():
        fresh = Meeting.objects.select_related("council").get(pk=meeting.pk)
        stamps.append(live_stamp(fresh))
        return stamps[-1] != stamps[-2]

    meetings.meeting_checkin(meeting=meeting, user=seeker, pulse=5, line="")
    assert changed()
    meetings.meeting_checkout(meeting=meeting, user=seeker, word="ready")
    assert changed()
    ask = meetings.ask_create(meeting=meeting, user=seeker, text="An intro")
    assert changed()
    meetings.ask_offer_help(ask=ask, user=fellow)
    assert changed()
    meetings.commitment_create(
        meeting=meeting, user=seeker, text="Apply", due_at=meeting.starts_at + dt.timedelta(days=2)
    )
    assert changed()
    meetings.meeting_set_exercise(meeting=meeting, skipped=True)
    assert changed()
    meetings.meeting_send_apologies(meeting=meeting, user=fellow)
    assert changed()
    services.backup_volunteer(membership=Membership.objects.get(user=seeker, status="active"))
    assert changed()
    services.membership_leave(
        membership=Membership.objects.get(user=fellow, status="active"),
        reason="",
        back_to_pool=False,
    )
    assert changed()


def test_a_refused_write_leaves_the_stamp(seeker, meeting):
    before = live_stamp(meeting)
    with pytest.raises(meetings.MeetingRefused):
        meetings.meeting_checkin(meeting=meeting, user=seeker, pulse=11, line="")
    assert live_stamp(Meeting.objects.get(pk=meeting.pk)) == before


def test_when_the_meeting_starts_the_moderator_gets_attendance_and_closing(
    as_user, moderator, meeting, time_machine
):
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=5), tick=False)
    client = as_user(moderator)
    state = _page_state(client, meeting)
    assert state["v"].endswith(".0")
    time_machine.move_to(meeting.starts_at + dt.timedelta(seconds=5), tick=False)
    html = client.get(_live(meeting), state).content.decode()
    attendance = reverse("councils:meeting-attendance", args=[meeting.council_id, meeting.pk])
    assert f'action="{attendance}"' in html
    assert '<section id="section-close" aria-labelledby="close-title" hx-swap-oob="true">' in html
    assert '<section id="section-schedule" hx-swap-oob="delete">' in html
    assert '<section id="section-apologies" hx-swap-oob="delete">' in html
    assert _held(html)["v"].endswith(".1")


def test_when_the_meeting_starts_a_member_loses_the_apologies_button(
    as_user, seeker, meeting, time_machine
):
    time_machine.move_to(meeting.starts_at - dt.timedelta(minutes=5), tick=False)
    client = as_user(seeker)
    state = _page_state(client, meeting)
    time_machine.move_to(meeting.starts_at + dt.timedelta(seconds=5), tick=False)
    html = client.get(_live(meeting), state).content.decode()
    assert '<section id="section-apologies" hx-swap-oob="delete">' in html
    assert "section-close" not in html and "section-schedule" not in html
    assert '<section id="section-attendance"' in html


def test_a_closed_meeting_reloads_the_page_as_a_record(as_user, seeker, moderator, meeting):
    client = as_user(seeker)
    state = _page_state(client, meeting)
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    response = client.get(_live(meeting), state)
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"


def test_an_alumnus_polls_a_record_from_before_they_left_without_forms(as_user, alumnus, council):
    before = council.meetings.filter(starts_at__lt=timezone.now()).last()
    response = as_user(alumnus).get(_live(before), {"v": "", "checkin-list": ""})
    assert response.status_code == 200
    assert "<form" not in response.content.decode()


def _council_meeting_under_way(size: int):
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(size - 1)]
    council = factories.make_council(moderator, members)
    past, meeting = Meeting.objects.filter(council=council, starts_at__gt=timezone.now())[:2]
    past.starts_at = timezone.now() - dt.timedelta(days=3)
    past.save()
    for person in [moderator, *members]:
        CheckIn.objects.create(meeting=meeting, user=person, pulse=6, line="ok", checkout_word="go")
        Commitment.objects.create(
            council=council, user=person, made_at=past, text="Call Ana", due_at=meeting.starts_at
        )
        Commitment.objects.create(
            council=council, user=person, made_at=meeting, text="Apply", due_at=meeting.ends_at
        )
        ask = Ask.objects.create(meeting=meeting, user=person, text="An intro to Acme")
        ask.helpers.add(*[m for m in members if m != person][:3])
    return members, meeting


@pytest.mark.parametrize("size", [4, 8])
def test_the_poll_costs_5_queries_unchanged_and_14_changed(db, client, size):
    members, meeting = _council_meeting_under_way(size)
    client.force_login(members[0])
    state = _page_state(client, meeting)
    # Session, user, profile (the timezone), the viewer's membership with its council, the
    # meeting: the stamp is a column of the meeting row the access check reads anyway.
    assert_queries(client, _live(meeting), 5, data=state, status=204, htmx=True)
    meetings.meeting_checkin(meeting=meeting, user=members[1], pulse=9, line="Offer!")
    # Then the page's read model, once: 14, what each of the seven old per-part polls cost.
    response = assert_queries(client, _live(meeting), 14, data=state, htmx=True)
    assert "Offer!" in response.content.decode()
