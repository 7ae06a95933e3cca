"""Reviewing last time's commitments: done, not done or dropped, by the member or moderator."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import meetings
from jobcouncil.councils.models import Commitment, Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


@pytest.fixture
def promise(council, seeker):
    earlier = Meeting.objects.filter(council=council, starts_at__lt=timezone.now()).last()
    return Commitment.objects.create(
        council=council,
        user=seeker,
        made_at=earlier,
        text="Email three alumni",
        due_at=timezone.now(),
    )


def _url(meeting: Meeting, commitment: Commitment) -> str:
    return reverse(
        "councils:meeting-commitment-review", args=[meeting.council_id, meeting.pk, commitment.pk]
    )


def test_the_page_lists_last_times_open_commitments(as_user, fellow, meeting, promise):
    url = reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    html = as_user(fellow).get(url).content.decode()
    assert "Email three alumni" in html
    assert _url(meeting, promise) not in html  # the fellow cannot mark it


def test_a_member_marks_their_own_commitment_done(as_user, seeker, meeting, promise):
    response = as_user(seeker).post(
        _url(meeting, promise), {"status": "done"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="section-review"' in response.content.decode()
    promise.refresh_from_db()
    assert (promise.status, promise.reviewed_at_id) == ("done", meeting.pk)


def test_the_moderator_can_mark_it_for_them(as_user, moderator, meeting, promise):
    assert as_user(moderator).post(_url(meeting, promise), {"status": "dropped"}).status_code == 302
    promise.refresh_from_db()
    assert promise.status == "dropped"


def test_a_reviewed_commitment_stays_on_this_meetings_record(as_user, seeker, meeting, promise):
    client = as_user(seeker)
    client.post(_url(meeting, promise), {"status": "not_done"})
    html = client.get(
        reverse("councils:meeting-detail", args=[meeting.council_id, meeting.pk])
    ).content.decode()
    assert "Email three alumni" in html
    assert "Not done" in html


def test_others_cannot_mark_someone_elses_commitment(
    client, as_user, fellow, alumnus, outsider, meeting, promise
):
    assert client.post(_url(meeting, promise), {"status": "done"}).status_code == 302
    assert as_user(outsider).post(_url(meeting, promise), {"status": "done"}).status_code == 404
    assert as_user(fellow).post(_url(meeting, promise), {"status": "done"}).status_code == 403
    assert (
        as_user(alumnus).post(_url(meeting, promise), {"status": "done"}).status_code == 404
    )  # after they left
    promise.refresh_from_db()
    assert promise.status == "open" and promise.reviewed_at is None


def test_an_unknown_status_is_refused(as_user, seeker, meeting, promise):
    assert as_user(seeker).post(_url(meeting, promise), {"status": "open"}).status_code == 400
    promise.refresh_from_db()
    assert promise.status == "open"


def test_a_closed_meeting_refuses_reviews(as_user, seeker, meeting, promise):
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    assert as_user(seeker).post(_url(meeting, promise), {"status": "done"}).status_code == 400
    promise.refresh_from_db()
    assert promise.status == "open"


def test_a_commitment_made_at_this_meeting_is_not_reviewed_here(seeker, meeting):
    fresh = Commitment.objects.create(
        council=meeting.council, user=seeker, made_at=meeting, text="x", due_at=meeting.ends_at
    )
    with pytest.raises(meetings.MeetingRefused):
        meetings.commitment_review(meeting=meeting, commitment=fresh, status="done")
