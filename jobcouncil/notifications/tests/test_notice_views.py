"""The bell, /notices/, mark one read and mark all read: only ever the person's own."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobcouncil.notifications.models import Notice
from jobcouncil.notifications.notice_views import PER_PAGE


def _notice(user, n=0, **kwargs):
    return Notice.objects.create(
        key=f"test:{user.pk}:{n}",
        user=user,
        kind=Notice.Kind.MEETING_CHANGED,
        text=kwargs.pop("text", f"Notice {n}"),
        url="/councils/",
        created_at=timezone.now() - dt.timedelta(minutes=n),
        **kwargs,
    )


def test_the_bell_says_how_many_are_unread(as_user, seeker):
    _notice(seeker, 1)
    _notice(seeker, 2)
    _notice(seeker, 3, read_at=timezone.now())
    html = as_user(seeker).get("/notices/").content.decode()
    assert 'aria-label="Notices, 2 unread"' in html and 'class="bell-count">2</span>' in html


def test_the_bell_shows_no_count_when_all_are_read(as_user, seeker):
    _notice(seeker, 1, read_at=timezone.now())
    html = as_user(seeker).get("/notices/").content.decode()
    assert "bell-count" not in html and 'href="/notices/"' in html


def test_the_list_is_newest_first_links_each_and_marks_the_unread(as_user, seeker):
    _notice(seeker, 5, text="Older one", read_at=timezone.now())
    _notice(seeker, 1, text="Newer one")
    html = as_user(seeker).get("/notices/").content.decode()
    assert html.index("Newer one") < html.index("Older one")
    assert '<a href="/councils/">Newer one</a>' in html
    assert html.count("notice-unread") == 1 and "New<span" in html


def test_the_list_is_paginated(as_user, seeker):
    for n in range(PER_PAGE + 3):
        _notice(seeker, n)
    first = as_user(seeker).get("/notices/").content.decode()
    assert "Notice 0<" in first and f"Notice {PER_PAGE}<" not in first
    second = as_user(seeker).get("/notices/?page=2").content.decode()
    assert f"Notice {PER_PAGE}<" in second and "Notice 0<" not in second


def test_someone_elses_notices_are_never_listed(as_user, seeker, stranger):
    _notice(stranger, 1, text="Stella's own")
    html = as_user(seeker).get("/notices/").content.decode()
    assert "Stella's own" not in html and "No notices yet" in html


def test_mark_one_read_says_so_and_the_count_goes(as_user, seeker):
    notice = _notice(seeker, 1)
    client = as_user(seeker)
    response = client.post(f"/notices/{notice.pk}/read/", {"page": "1"}, follow=True)
    notice.refresh_from_db()
    assert notice.read_at is not None
    html = response.content.decode()
    assert "Marked as read." in html and "bell-count" not in html


def test_a_stranger_cannot_mark_someone_elses_notice(as_user, seeker, stranger):
    notice = _notice(seeker, 1)
    assert as_user(stranger).post(f"/notices/{notice.pk}/read/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_marks_only_ones_own(as_user, seeker, stranger):
    mine = [_notice(seeker, n) for n in range(3)]
    theirs = _notice(stranger, 1)
    response = as_user(seeker).post("/notices/read-all/", follow=True)
    assert "All your notices are marked as read." in response.content.decode()
    assert all(Notice.objects.get(pk=n.pk).read_at for n in mine)
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_marking_needs_a_post(as_user, seeker):
    notice = _notice(seeker, 1)
    client = as_user(seeker)
    assert client.get(f"/notices/{notice.pk}/read/").status_code == 405
    assert client.get("/notices/read-all/").status_code == 405


def test_anonymous_people_are_sent_to_log_in(client, seeker):
    notice = _notice(seeker, 1)
    for response in (
        client.get("/notices/"),
        client.post(f"/notices/{notice.pk}/read/"),
        client.post("/notices/read-all/"),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    notice.refresh_from_db()
    assert notice.read_at is None
