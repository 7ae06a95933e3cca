"""Sharing with the council: only its current members read it, while the owner is one too;
comments one level deep; the owner is told and marks them addressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.councils.models import Membership
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.workbook import services
from jobcouncil.workbook.models import Comment, Share, TwoPager


@pytest.fixture
def shared(council, seeker):
    """The seeker's two-pager, shared an hour ago with the cast's council."""
    now = timezone.now() - dt.timedelta(hours=1)
    services.two_pager_add_item(
        owner=seeker, side="want", topic="role", text="Coach new managers", why="", now=now
    )
    return services.share_open(owner=seeker, item=TwoPager.objects.get(owner=seeker), now=now)


def test_sharing_needs_a_council(stranger, as_user):
    client = as_user(stranger)
    client.post("/workbook/two-pager/", {"side": "want", "topic": "role", "text": "x"})
    response = client.post("/workbook/share/two-pager/", {"action": "share"})
    assert response.status_code == 400
    assert "once you are in a council" in response.content.decode()
    assert not Share.objects.exists()


def test_the_owner_shares_from_the_page_and_members_read_it(council, seeker, fellow, as_user):
    owner = as_user(seeker)
    owner.post("/workbook/two-pager/", {"side": "want", "topic": "role", "text": "Coach people"})
    response = owner.post("/workbook/share/two-pager/", {"action": "share"}, follow=True)
    assert "Shared with your council" in response.content.decode()
    share = Share.objects.get()
    page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert f"/workbook/shared/{share.pk}/" in page
    read = as_user(fellow).get(f"/workbook/shared/{share.pk}/")
    assert read.status_code == 200 and "Coach people" in read.content.decode()


def test_nobody_outside_the_councils_current_members_reads_it(
    shared, outsider, alumnus, staff, as_user, client
):
    url = f"/workbook/shared/{shared.pk}/"
    for other in (outsider, alumnus, staff):
        assert as_user(other).get(url).status_code == 404, other
        assert as_user(other).post(url, {"body": "hi"}).status_code == 404, other
    client.logout()
    assert client.get(url).status_code == 302
    assert not Comment.objects.exists()


def test_an_alumnus_reads_it_only_when_the_owner_allows_and_cannot_comment(
    shared, seeker, alumnus, as_user
):
    url = f"/workbook/shared/{shared.pk}/"
    as_user(seeker).post("/workbook/share/two-pager/", {"action": "alumni-on"})
    shared.refresh_from_db()
    assert shared.alumni_may_read
    client = as_user(alumnus)
    assert client.get(url).status_code == 200  # they left (the fixture) after it was shared
    assert client.post(url, {"body": "Nice"}).status_code == 403
    Membership.objects.filter(user=alumnus).update(left_at=shared.shared_at - dt.timedelta(days=1))
    assert client.get(url).status_code == 404  # shared after they left: not theirs to read


def test_unsharing_hides_it_at_once_and_sharing_again_brings_the_comments_back(
    shared, seeker, fellow, as_user
):
    url = f"/workbook/shared/{shared.pk}/"
    as_user(fellow).post(url, {"body": "Say more about coaching"})
    as_user(seeker).post("/workbook/share/two-pager/", {"action": "unshare"})
    assert as_user(fellow).get(url).status_code == 404
    as_user(seeker).post("/workbook/share/two-pager/", {"action": "share"})
    assert "Say more about coaching" in as_user(fellow).get(url).content.decode()


def test_leaving_the_council_ends_the_sharing(shared, seeker, fellow, as_user):
    Membership.objects.filter(user=seeker).update(
        status=Membership.Status.LEFT, left_at=timezone.now()
    )
    assert as_user(fellow).get(f"/workbook/shared/{shared.pk}/").status_code == 404


def test_a_comment_tells_the_owner_and_replies_stay_one_level_deep(
    shared, seeker, fellow, moderator, as_user
):
    url = f"/workbook/shared/{shared.pk}/"
    response = as_user(fellow).post(url, {"body": "What kind of *managers*?"})
    assert response.status_code == 302
    top = Comment.objects.get()
    mail = OutboxEmail.objects.get(user=seeker)
    assert "commented" in mail.subject and "managers" not in mail.body_text
    as_user(moderator).post(url, {"body": "Agreed", "parent": top.pk})
    reply = Comment.objects.get(body="Agreed")
    as_user(seeker).post(url, {"body": "New ones", "parent": reply.pk})
    assert Comment.objects.get(body="New ones").parent == top  # a reply to a reply: same thread
    page = as_user(seeker).get(url).content.decode()
    assert "<em>managers</em>" in page
    assert OutboxEmail.objects.filter(user=seeker).count() == 2  # not for their own reply


def test_only_the_owner_marks_a_comment_addressed(shared, seeker, fellow, as_user):
    as_user(fellow).post(f"/workbook/shared/{shared.pk}/", {"body": "Add a why"})
    comment = Comment.objects.get()
    url = f"/workbook/comments/{comment.pk}/addressed/"
    assert as_user(fellow).post(url, {"addressed": "yes"}).status_code == 404
    comment.refresh_from_db()
    assert comment.addressed_at is None
    as_user(seeker).post(url, {"addressed": "yes"})
    comment.refresh_from_db()
    assert comment.addressed_at is not None
    as_user(seeker).post(url, {"addressed": "no"})
    comment.refresh_from_db()
    assert comment.addressed_at is None


def test_an_empty_comment_is_refused_next_to_the_field(shared, fellow, as_user):
    response = as_user(fellow).post(f"/workbook/shared/{shared.pk}/", {"body": ""})
    assert response.status_code == 200 and 'id="id_body_error"' in response.content.decode()
    assert not Comment.objects.exists()


def test_an_update_note_draft_can_be_shared_and_read_by_the_council(
    council, seeker, fellow, outsider, as_user
):
    from jobcouncil.workbook.models import UpdateNote

    note = UpdateNote.objects.create(owner=seeker, subject="News", body="Looking for intros")
    as_user(seeker).post(f"/workbook/updates/{note.pk}/share/", {"action": "share"})
    share = Share.objects.get(object_id=note.pk)
    page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert "update note draft" in page
    assert (
        "Looking for intros"
        in as_user(fellow).get(f"/workbook/shared/{share.pk}/").content.decode()
    )
    assert as_user(outsider).get(f"/workbook/shared/{share.pk}/").status_code == 404
    as_user(seeker).post(f"/workbook/updates/{note.pk}/share/", {"action": "unshare"})
    assert as_user(fellow).get(f"/workbook/shared/{share.pk}/").status_code == 404


def test_the_meetings_exercise_lists_what_it_reviews(council, seeker, fellow, shared, as_user):
    """Two-pager review lists the shared two-pagers; candidate-market fit the fit lines."""
    from jobcouncil.councils.models import Meeting

    now = timezone.now()
    meeting = Meeting.objects.create(
        council=council,
        scheduled_for=now - dt.timedelta(minutes=20),
        starts_at=now - dt.timedelta(minutes=20),
        exercise="two-pager",
    )
    url = f"/councils/{council.pk}/meetings/{meeting.pk}/"
    page = as_user(fellow).get(url).content.decode()
    assert f'href="/workbook/shared/{shared.pk}/">Sam Seeker\'s two-pager</a>' in page
    services.fit_statement_save(
        owner=seeker, role="Head of Design", company_stage="Series A", industry="",
        location_culture="", linkedin_text="", lessons=[], now=now,
    )  # fmt: skip
    services.share_open(owner=seeker, item=seeker.fit_statement, now=now)
    Meeting.objects.filter(pk=meeting.pk).update(exercise="market-fit")
    page = as_user(fellow).get(url).content.decode()
    assert "Head of Design, Series A</a>" in page and "two-pager</a>" not in page
    Meeting.objects.filter(pk=meeting.pk).update(exercise="introductions")
    assert "Fit lines shared" not in as_user(fellow).get(url).content.decode()
