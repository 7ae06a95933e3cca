"""The exercise of the day: the next on the path, unless the moderator picks or skips."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils import exercises, meetings
from jobcouncil.councils.models import Meeting


@pytest.fixture
def meeting(council):
    return Meeting.objects.filter(council=council, starts_at__gt=timezone.now()).first()


def _url(meeting: Meeting, name: str = "meeting-exercise") -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk])


def test_the_page_suggests_the_next_exercise_after_closed_meetings(as_user, seeker, meeting):
    Meeting.objects.filter(council=meeting.council, starts_at__lt=meeting.starts_at).update(
        status="closed", exercise="introductions"
    )
    html = unescape(as_user(seeker).get(_url(meeting, "meeting-detail")).content.decode())
    assert str(exercises.BY_KEY["story-and-goals"].title) in html
    assert str(exercises.BY_KEY["story-and-goals"].guidance)[:40] in html


def test_the_moderator_picks_another_exercise(as_user, moderator, meeting):
    response = as_user(moderator).post(
        _url(meeting), {"exercise": "targets"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Spear, not net" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.exercise, meeting.exercise_skipped) == ("targets", False)


def test_the_moderator_skips_the_exercise(as_user, moderator, meeting):
    as_user(moderator).post(_url(meeting), {"exercise": "targets", "skip": "1"})
    meeting.refresh_from_db()
    assert (meeting.exercise, meeting.exercise_skipped) == ("", True)


def test_an_unknown_exercise_is_shown_as_an_error(as_user, moderator, meeting):
    response = as_user(moderator).post(
        _url(meeting), {"exercise": "juggling"}, headers={"HX-Request": "true"}
    )
    assert 'id="exercise_exercise_error"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.exercise == ""


def test_only_the_moderator_changes_the_exercise(
    client, as_user, seeker, fellow, alumnus, outsider, meeting
):
    assert client.post(_url(meeting), {"exercise": "targets"}).status_code == 302
    assert as_user(outsider).post(_url(meeting), {"exercise": "targets"}).status_code == 404
    assert as_user(fellow).post(_url(meeting), {"exercise": "targets"}).status_code == 403
    assert (
        as_user(alumnus).post(_url(meeting), {"exercise": "targets"}).status_code == 404
    )  # after they left
    meeting.refresh_from_db()
    assert meeting.exercise == ""


def test_a_closed_meeting_keeps_its_exercise(as_user, moderator, meeting):
    meetings.meeting_close(meeting=meeting, now=meeting.starts_at)
    assert as_user(moderator).post(_url(meeting), {"exercise": "targets"}).status_code == 400
    meeting.refresh_from_db()
    assert meeting.exercise == "introductions"


def test_choosing_the_two_pager_review_shows_the_shared_drafts_not_a_500(
    as_user, moderator, council
):
    """Found by fuzzing: the workbook's part under "Two-pager review" was not a list."""
    from django.urls import reverse
    from django.utils import timezone

    from jobcouncil.councils.models import Meeting

    meeting = (
        Meeting.objects.filter(council=council, starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    url = reverse("councils:meeting-exercise", args=[council.pk, meeting.pk])
    response = as_user(moderator).post(
        url, {"exercise": "two-pager"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
