"""`jobcouncil seed-demo` builds a believable programme and is safe to run twice."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from jobcouncil.accounts.availability import matchability_problem
from jobcouncil.accounts.models import Profile, User
from jobcouncil.councils.attendance import attendance_rate
from jobcouncil.councils.models import Ask, Commitment, Council, Landing, Meeting
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.demo import N_SEEKERS
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import wait_estimate_days


def test_it_creates_a_matchable_pool_across_timezones_and_prints_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "staff@demo.jobcouncil.org" in out.getvalue()
    assert "maya@demo.jobcouncil.org" in out.getvalue()
    profiles = list(Profile.objects.all())
    assert len(profiles) == N_SEEKERS
    assert {p.seeker_type for p in profiles} == {"fast", "slow"}
    regions = {p.timezone.split("/")[0] for p in profiles}
    assert {"America", "Europe", "Asia"} <= regions
    assert sum(p.volunteers_to_moderate for p in profiles) >= 20
    # Staff have volunteers to approve on the approval page.
    assert Profile.objects.awaiting_moderator_approval().count() >= 2
    for p in profiles:
        assert matchability_problem(p.availability, p.seeker_type, p.timezone) is None
    assert PoolEntry.objects.count() == N_SEEKERS
    assert User.objects.get(email="staff@demo.jobcouncil.org").is_staff
    assert "moderator of Council 1" in out.getvalue()


def test_councils_come_from_a_real_round_and_have_weeks_of_history(db):
    call_command("seed_demo", stdout=StringIO())
    round_ = MatchingRound.objects.get()
    assert round_.status == "confirmed"
    councils = Council.objects.all()
    assert councils.count() >= 5
    assert all(c.matching_round_id == round_.pk for c in councils)
    assert councils.filter(at_risk_since__isnull=False).count() == 1
    # Council 1's member, and alumni of other councils in the first-90-days demo group.
    assert 1 <= Landing.objects.count() <= 3
    closed = Meeting.objects.filter(status="closed")
    assert closed.count() >= 5 * councils.count()
    assert Commitment.objects.filter(status="done").exists()
    assert Commitment.objects.filter(status="not_done").exists()
    assert Ask.objects.filter(helpers__isnull=False).exists()
    assert PoolEntry.objects.get(user__email="maya@demo.jobcouncil.org").status == "waiting"
    # The summaries the pool page and the dashboard read were filled too.
    assert sum(round_.stats["waits"]["fast"].values()) > 20
    assert wait_estimate_days("fast") is not None
    assert attendance_rate(now=timezone.now()) is not None


def test_running_it_twice_duplicates_nothing(db):
    call_command("seed_demo", stdout=StringIO())

    def counts():
        return (
            User.objects.count(),
            Profile.objects.count(),
            PoolEntry.objects.count(),
            Council.objects.count(),
            Meeting.objects.count(),
            Commitment.objects.count(),
        )

    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before


def test_the_demo_history_sends_no_email(db):
    from jobcouncil.notifications.models import OutboxEmail

    call_command("seed_demo", stdout=StringIO())
    assert not OutboxEmail.objects.exclude(key__startswith="no-moderator").exists()


def test_commitments_are_due_by_the_meeting_that_reviews_them_and_councils_start_a_day_later(
    db, time_machine
):
    import datetime as dt

    from django.conf import settings

    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    call_command("seed_demo", stdout=StringIO())
    notice = dt.timedelta(hours=settings.FIRST_MEETING_NOTICE_HOURS)
    confirmed = MatchingRound.objects.get().confirmed_at
    for council in Council.objects.all():
        starts = list(council.meetings.order_by("starts_at").values_list("starts_at", flat=True))
        assert starts[0] >= confirmed + notice
        for commitment in Commitment.objects.filter(council=council).select_related("made_at"):
            review = next(s for s in starts if s > commitment.made_at.starts_at)
            assert commitment.due_at <= review, (commitment.due_at, review)
