"""`jobcouncil seed-scale` builds a whole programme in bulk: people, pool, councils, history."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from jobcouncil.accounts.models import Profile, User
from jobcouncil.councils.attendance import attendance_rate
from jobcouncil.councils.models import (
    Ask,
    Attendance,
    CheckIn,
    Commitment,
    Council,
    Meeting,
    Membership,
)
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.scale import MEMBER_EMAIL, MODERATOR_EMAIL, WAITING_EMAIL
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import wait_estimate_days


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_scale", "--seekers", "300", "--no-progress", stdout=out)
    return out.getvalue()


def test_it_builds_the_people_and_a_waiting_pool_of_about_a_fifth(seeded):
    assert Profile.objects.count() == 300
    assert User.objects.filter(is_staff=True).count() == 1
    waiting = PoolEntry.objects.filter(status="waiting").count()
    assert 0.15 * 300 <= waiting <= 0.35 * 300
    assert PoolEntry.objects.filter(seeker_type="").count() == 0
    zones = set(Profile.objects.values_list("timezone", flat=True))
    assert {"America", "Europe", "Asia"} <= {z.split("/")[0] for z in zones}
    assert not Profile.objects.filter(availability=[]).exists()
    assert "login waiting    waiting@scale.jobcouncil.org" in seeded


def test_councils_have_six_to_eight_members_a_moderator_and_weeks_of_history(seeded):
    sizes = Council.objects.annotate(n=Count("memberships")).values_list("n", flat=True)
    assert sizes and set(sizes) <= {6, 7, 8}
    moderators = Membership.objects.filter(role="moderator", status="active")
    assert moderators.count() == Council.objects.count()
    assert all(
        m.user.profile.is_approved_moderator for m in moderators.select_related("user__profile")
    )
    # Everyone placed is in exactly one council, and nobody waiting is in one.
    placed = set(Membership.objects.values_list("user_id", flat=True))
    assert placed == set(
        PoolEntry.objects.filter(status="matched").values_list("user_id", flat=True)
    )
    closed = Meeting.objects.filter(status="closed")
    assert closed.count() >= 3 * Council.objects.count()
    assert Meeting.objects.filter(status="scheduled", starts_at__gt=timezone.now()).exists()
    assert Attendance.objects.count() >= 5 * closed.count()
    assert CheckIn.objects.exists() and Ask.objects.filter(helpers__isnull=False).exists()
    assert set(Commitment.objects.values_list("status", flat=True)) >= {"open", "done"}


def test_rounds_and_the_summaries_the_pages_read_are_filled(seeded):
    rounds = MatchingRound.objects.filter(status="confirmed")
    assert rounds.count() >= 2
    assert all(r.stats["placed"] and r.stats["waits"] for r in rounds)
    assert Council.objects.filter(matching_round_id__isnull=True).count() == 0
    assert wait_estimate_days("fast") is not None
    assert attendance_rate(now=timezone.now()) is not None


def test_logins_work(seeded, client):
    for email in ["staff@scale.jobcouncil.org", WAITING_EMAIL, MEMBER_EMAIL, MODERATOR_EMAIL]:
        assert client.login(email=email, password="council-demo-2026"), email
    assert Membership.objects.filter(user__email=MEMBER_EMAIL, status="active").exists()


def test_it_refuses_a_database_with_people_in_it(seeded):
    with pytest.raises(CommandError, match="empty database"):
        call_command("seed_scale", "--seekers", "50", "--no-progress", stdout=StringIO())
