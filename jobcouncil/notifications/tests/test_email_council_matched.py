"""The match email: the moderator, the weekly pattern and the first meeting in the member's
own timezone (named), the video and calendar links; the moderator and the backup each get
their own version."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from jobcouncil.councils.models import Membership
from jobcouncil.notifications.emails import email_council_matched
from jobcouncil.tests import factories

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.fixture
def new_council(db):
    with time_machine.travel(NOW, tick=False):
        moderator = factories.make_moderator(display_name="Mo Moderator")
        backup = factories.make_moderator(display_name="Bea Backup", timezone="Asia/Tokyo")
        berlin = factories.make_seeker(display_name="Bert Berlin", timezone="Europe/Berlin")
        others = [factories.make_seeker() for _ in range(4)]
        # Chicago, Mondays and Thursdays at 18:00, from Monday 7 December.
        council = factories.make_council(
            moderator, [backup, berlin, *others], starts_on=dt.date(2026, 12, 7), backup=backup
        )
    return council, moderator, backup, berlin


@time_machine.travel(NOW, tick=False)
def test_a_member_reads_the_moderator_pattern_and_first_meeting_in_their_own_zone(new_council):
    council, _moderator, _backup, berlin = new_council
    email = email_council_matched(user=berlin, council=council)
    assert email.subject == f"You have a council: {council.name}"
    for body in (email.body_text, email.body_html):
        assert "Mo Moderator is your moderator" in body
        assert (
            "The council meets twice a week: Tuesdays at 01:00 and Fridays at 01:00 "
            "(Europe/Berlin time)." in body
        )
        assert "Tuesday 8 December, 01:00" in body and "(Europe/Berlin time)" in body
        assert council.video_url in body
        assert "/councils/calendar/" in body
        assert f"/councils/{council.pk}/" in body
        assert "your time" not in body
        assert "backup moderator" not in body


@time_machine.travel(NOW, tick=False)
def test_the_moderator_is_told_they_moderate_with_their_notes_and_backup(new_council):
    council, moderator, _backup, _berlin = new_council
    email = email_council_matched(user=moderator, council=council)
    assert email.subject == f"You moderate a new council: {council.name}"
    first = council.meetings.order_by("starts_at").first()
    body = email.body_text
    assert "You are its moderator" in body
    assert "Your backup moderator is Bea Backup" in body
    assert "/me/moderator-training/1/" in body  # the moderator notes
    assert f"/councils/{council.pk}/meetings/{first.pk}/" in body  # the agenda they run
    assert "Monday 7 December, 18:00 (America/Chicago time)" in body
    assert "is your moderator" not in body


@time_machine.travel(NOW, tick=False)
def test_a_moderator_without_a_backup_is_told_so(new_council):
    council, moderator, backup, _berlin = new_council
    Membership.objects.filter(council=council, user=backup).update(role="member")
    body = email_council_matched(user=moderator, council=council).body_text
    assert "no backup moderator yet" in body


@time_machine.travel(NOW, tick=False)
def test_the_backup_gets_their_own_version(new_council):
    council, _moderator, backup, _berlin = new_council
    email = email_council_matched(user=backup, council=council)
    body = email.body_html
    assert "Mo Moderator moderates the council, and you are its backup moderator" in body
    assert "/me/moderator-training/1/" in body
    assert "Tuesday 8 December, 09:00" in body and "(Asia/Tokyo time)" in body


@time_machine.travel(NOW, tick=False)
def test_the_first_meeting_comes_from_the_meeting_rows_so_a_move_is_followed(new_council):
    council, _moderator, _backup, berlin = new_council
    first = council.meetings.order_by("starts_at").first()
    first.starts_at = dt.datetime(2026, 12, 8, 17, 0, tzinfo=dt.UTC)
    first.save()
    council.meetings.filter(starts_at__lt=first.starts_at).update(status="cancelled")
    body = email_council_matched(user=berlin, council=council).body_text
    assert "Your first meeting: Tuesday 8 December, 18:00 (Europe/Berlin time)" in body


@time_machine.travel(NOW, tick=False)
def test_someone_who_joins_later_is_told_their_own_first_meeting(new_council):
    council, _moderator, _backup, _berlin = new_council
    newcomer = factories.make_seeker(display_name="Nia New", timezone="America/Chicago")
    Membership.objects.create(
        council=council, user=newcomer, joined_at=dt.datetime(2026, 12, 9, tzinfo=dt.UTC)
    )
    body = email_council_matched(user=newcomer, council=council).body_text
    assert "Your first meeting: Thursday 10 December, 18:00 (America/Chicago time)" in body
