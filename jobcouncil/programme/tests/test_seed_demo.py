"""`jobcouncil seed-demo` builds a believable programme and is safe to run twice."""

from io import StringIO

from django.core.management import call_command

from jobcouncil.accounts.availability import cells_from_windows, matchability_problem
from jobcouncil.accounts.models import Profile, User
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.demo import N_SEEKERS


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
    for p in profiles:
        assert matchability_problem(cells_from_windows(p.availability), p.seeker_type) is None
    assert PoolEntry.objects.count() == N_SEEKERS
    assert User.objects.get(email="staff@demo.jobcouncil.org").is_staff


def test_running_it_twice_duplicates_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), Profile.objects.count(), PoolEntry.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Profile.objects.count(), PoolEntry.objects.count()) == counts
