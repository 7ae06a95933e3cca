"""`jobcouncil retention`: people who left the programme more than N months ago are deleted
through the same path as deleting one's own account; the dry run changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from jobcouncil.accounts.models import User
from jobcouncil.councils import services
from jobcouncil.councils.models import Ask, CheckIn, Membership
from jobcouncil.pool.models import PoolEntry
from jobcouncil.programme.retention import retention_due
from jobcouncil.tests import factories
from jobcouncil.tests.traces import text_values

LEFT = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
LIMIT = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)  # 24 months later
MINUTE = dt.timedelta(minutes=1)


def _rows() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def programme(db, settings, time_machine):
    """On 1 March 2024: Lee lands and leaves their council, Pat pauses in the pool, Wanda
    waits in it, Nia signs up and goes no further; the rest of the council stays."""
    settings.RETENTION_MONTHS = 24
    time_machine.move_to(LEFT, tick=False)
    lee = factories.make_seeker("lee.leaver@example.org", display_name="Lee Leaver")
    moderator = factories.make_moderator()
    others = [factories.make_seeker() for _ in range(5)]
    council = factories.make_council(moderator, [lee, *others])
    meeting = council.meetings.filter(starts_at__lt=LEFT).last()
    CheckIn.objects.create(meeting=meeting, user=lee, line="Lee's own check-in")
    Ask.objects.create(meeting=meeting, user=others[0], text="Lee Leaver knows the hiring manager")
    services.membership_land(
        membership=Membership.objects.get(user=lee),
        landing={"role": "leaver-role", "company": "leaver-company", "start_date": LEFT.date()},
    )
    pat = factories.make_seeker("pat@example.org")
    PoolEntry.objects.get(user=pat).pause()
    wanda = factories.make_seeker("wanda@example.org")
    nia = factories.make_user("nia@example.org")
    staff = factories.make_user("staff@example.org", is_staff=True)
    User.objects.update(last_login=LEFT)
    return {"lee": lee, "pat": pat, "wanda": wanda, "nia": nia, "staff": staff, "others": others}


def test_a_minute_before_the_limit_nobody_is_due_and_nothing_changes(programme, time_machine):
    time_machine.move_to(LIMIT - MINUTE, tick=False)
    before = _rows()
    assert "0 people left the programme before 2024-03-01 11:59 UTC" in _run("--dry-run")
    assert "removed 0 people" in _run()
    assert _rows() == before


def test_a_minute_after_the_dry_run_lists_who_by_id_and_changes_nothing(programme, time_machine):
    time_machine.move_to(LIMIT + MINUTE, tick=False)
    due = sorted(programme[name].pk for name in ("lee", "pat", "nia"))
    before = _rows()
    out = _run("--dry-run")
    assert f"{len(due)} people left the programme" in out
    assert f"ids: {', '.join(str(pk) for pk in due)}" in out
    assert "nothing changed" in out
    assert "Lee" not in out and "@" not in out  # ids, never names or addresses
    assert _rows() == before


def test_the_real_run_leaves_nothing_of_them_and_a_second_run_nothing_more(programme, time_machine):
    time_machine.move_to(LIMIT + MINUTE, tick=False)
    out = _run()
    assert "removed 3 people" in out
    assert set(User.objects.values_list("email", flat=True)) == {
        "wanda@example.org",
        "staff@example.org",
        *(u.email for u in programme["others"]),
        *User.objects.filter(profile__volunteers_to_moderate=True).values_list("email", flat=True),
    }
    for model in apps.get_models():
        for value in text_values(model):
            lowered = value.lower()
            for trace in ("lee leaver", "lee.leaver@example.org", "leaver-company", "pat@", "nia@"):
                assert trace not in lowered, (model.__name__, value)
    after = _rows()
    assert "removed 0 people" in _run()
    assert _rows() == after


def test_someone_who_signed_in_since_or_waits_in_the_pool_or_is_staff_stays(
    programme, time_machine
):
    User.objects.filter(pk=programme["lee"].pk).update(last_login=LIMIT - dt.timedelta(days=3))
    time_machine.move_to(LIMIT + dt.timedelta(days=1), tick=False)
    due = set(retention_due(now=LIMIT + dt.timedelta(days=1)).values_list("pk", flat=True))
    assert due == {programme["pat"].pk, programme["nia"].pk}
    for stays in ("wanda", "staff", "lee"):
        assert programme[stays].pk not in due
    assert not due & {u.pk for u in programme["others"]}  # still in their council


def test_the_end_of_the_last_membership_counts_not_the_first(programme, time_machine):
    """Lee came back a year later and left another council: the clock runs from then."""
    later = LEFT + dt.timedelta(days=365)
    time_machine.move_to(later, tick=False)
    other = factories.make_council(
        factories.make_moderator(),
        programme["others"][:0] + [factories.make_seeker() for _ in range(5)],
    )
    Membership.objects.create(council=other, user=programme["lee"], status="left", left_at=later)
    User.objects.update(last_login=LEFT)
    assert programme["lee"].pk not in set(
        retention_due(now=LIMIT + MINUTE).values_list("pk", flat=True)
    )


def test_retention_off_removes_nobody(programme, settings, time_machine):
    settings.RETENTION_MONTHS = None
    time_machine.move_to(LIMIT + dt.timedelta(days=3650), tick=False)
    before = _rows()
    assert "retention: off" in _run()
    assert _rows() == before


def test_a_limit_below_one_month_is_refused(programme):
    with pytest.raises(CommandError):
        _run("--months", "0")


def test_the_hourly_upkeep_runs_it(programme, time_machine):
    time_machine.move_to(LIMIT + MINUTE, tick=False)
    out = StringIO()
    call_command("periodic", stdout=out)
    assert "retention: removed 3 people" in out.getvalue()
    call_command("periodic", stdout=out)
    assert "retention: removed 0 people" in out.getvalue()
    assert not User.objects.filter(email="lee.leaver@example.org").exists()
