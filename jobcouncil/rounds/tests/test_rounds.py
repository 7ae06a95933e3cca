"""Matching rounds: staff start one, watch it, preview it, confirm all-or-nothing."""

import threading

import pytest
from django.db import connection

from jobcouncil.councils.models import Council, Membership
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import RoundConflict, round_confirm, round_run
from jobcouncil.tests import factories


def _pool(n=8):
    people = [factories.make_moderator()]
    people += [factories.make_seeker() for _ in range(n - 1)]
    return people


def _previewed_round():
    return round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))


def test_only_staff_see_rounds(seeker, client, as_user):
    assert client.get("/pool/rounds/").status_code == 302
    assert as_user(seeker).get("/pool/rounds/").status_code == 404
    round_ = MatchingRound.objects.create(seeker_types=["fast"])
    assert as_user(seeker).get(f"/pool/rounds/{round_.pk}/").status_code == 404
    assert as_user(seeker).post(f"/pool/rounds/{round_.pk}/confirm/").status_code == 404


def test_staff_start_a_round_and_see_the_proposal(
    staff, as_user, django_capture_on_commit_callbacks
):
    people = _pool(8)
    client = as_user(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pool/rounds/", {"seeker_types": ["fast"]})
    round_ = MatchingRound.objects.get()
    assert response["Location"] == f"/pool/rounds/{round_.pk}/"
    assert round_.status == "preview"
    page = client.get(response["Location"]).content.decode()
    assert "Proposed councils" in page
    assert people[0].profile.display_name in page
    assert "moderator" in page
    assert Council.objects.count() == 0  # nothing changes before confirmation


def test_confirming_creates_councils_with_meetings_and_marks_people_matched(staff, as_user):
    people = _pool(8)
    round_ = _previewed_round()
    response = as_user(staff).post(f"/pool/rounds/{round_.pk}/confirm/")
    assert response.status_code == 302
    council = Council.objects.get()
    assert council.memberships.count() == 8
    assert council.memberships.get(role="moderator").user == people[0]
    assert council.meetings.count() >= 8
    assert set(PoolEntry.objects.values_list("status", flat=True)) == {"matched"}
    assert len(council.meeting_times) == 2


def test_someone_paused_meanwhile_makes_the_whole_confirmation_refuse(staff, as_user):
    people = _pool(8)
    round_ = _previewed_round()
    PoolEntry.objects.filter(user=people[3]).update(status="paused")
    with pytest.raises(RoundConflict):
        round_confirm(matching_round=round_)
    assert Council.objects.count() == 0
    assert MatchingRound.objects.get(pk=round_.pk).status == "preview"


def test_councils_below_six_are_refilled_before_new_ones_form(db):
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, members)
    newcomer = factories.make_seeker()
    round_ = _previewed_round()
    assert round_.result["refilled"] == [
        {"council": f"council-{council.pk}", "added": [f"u{newcomer.pk}"]}
    ]
    open_meetings = council.meetings.filter(status="scheduled")
    versions = set(open_meetings.values_list("version", flat=True))
    round_confirm(matching_round=round_)
    assert Membership.objects.get(user=newcomer).council == council
    # The live pages of its open meetings learn of the newcomer at their next poll.
    assert versions == {0}
    assert set(open_meetings.values_list("version", flat=True)) == {1}


def test_a_discarded_round_places_nobody(staff, as_user):
    _pool(8)
    round_ = _previewed_round()
    as_user(staff).post(f"/pool/rounds/{round_.pk}/discard/")
    assert MatchingRound.objects.get(pk=round_.pk).status == "discarded"
    assert Council.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_confirmations_never_place_one_person_twice():
    _pool(8)
    first, second = _previewed_round(), _previewed_round()
    outcomes = []
    barrier = threading.Barrier(2)

    def confirm(round_):
        barrier.wait()
        try:
            round_confirm(matching_round=round_)
            outcomes.append("ok")
        except RoundConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Council.objects.count() == 1
    assert Membership.objects.filter(status="active").count() == 8


def test_a_councils_local_times_and_the_engines_utc_slots_convert_both_ways(db):
    import datetime as dt

    from jobcouncil.councils.services import local_meeting_times
    from jobcouncil.rounds.services import council_utc_slots

    times = [{"weekday": 0, "time": "05:00"}, {"weekday": 3, "time": "21:30"}]
    council = factories.make_council(
        factories.make_moderator(),
        [factories.make_seeker() for _ in range(5)],
        schedule_timezone="Asia/Kolkata",
        meeting_times=times,
    )
    monday = dt.date(2026, 11, 30)
    slots = council_utc_slots(council, monday)
    assert slots == ["sun 23:30", "thu 16:00"]
    assert local_meeting_times(slots, "Asia/Kolkata", monday) == times


def test_a_refill_is_refused_when_the_council_filled_up_meanwhile(db):
    moderator = factories.make_moderator()
    council = factories.make_council(moderator, [factories.make_seeker() for _ in range(4)])
    factories.make_seeker()
    round_ = _previewed_round()
    assert round_.result["refilled"]
    for _ in range(3):  # three people join by another way: only 8 - 8 = 0 seats left
        Membership.objects.create(council=council, user=factories.make_seeker(in_pool=False))
    with pytest.raises(RoundConflict):
        round_confirm(matching_round=round_)
    assert council.memberships.filter(status="active").count() == 8


def test_a_refill_is_refused_when_the_council_closed_or_moved_meanwhile(db):
    council = factories.make_council(
        factories.make_moderator(), [factories.make_seeker() for _ in range(4)]
    )
    factories.make_seeker()
    round_ = _previewed_round()
    Council.objects.filter(pk=council.pk).update(
        meeting_times=[{"weekday": 1, "time": "18:00"}, {"weekday": 4, "time": "18:00"}]
    )
    with pytest.raises(RoundConflict):
        round_confirm(matching_round=round_)
    Council.objects.filter(pk=council.pk).update(status="closed")
    with pytest.raises(RoundConflict):
        round_confirm(matching_round=round_)


def test_an_engine_crash_marks_the_round_failed_instead_of_hanging(db, monkeypatch):
    from jobcouncil.rounds import services

    def boom(*args, **kwargs):
        raise RuntimeError("engine exploded")

    _pool(8)
    monkeypatch.setattr(services, "match", boom)
    round_ = _previewed_round()
    assert (round_.status, round_.error) == ("failed", "engine exploded")


def test_a_proposal_that_breaks_a_rule_marks_the_round_failed(db, monkeypatch):
    """The engine's answer is checked against the rules before anyone sees it: a proposal
    placing one person in two councils is a failed round, not a preview to confirm."""
    from jobcouncil.rounds import services

    real = services.result_to_json

    def twice(result):
        doc = real(result)
        # The same people in a second council.
        doc["councils"].append({**doc["councils"][0], "id": "c-twice"})
        return doc

    people = _pool(8)
    monkeypatch.setattr(services, "result_to_json", twice)
    round_ = _previewed_round()
    assert round_.status == "failed"
    assert round_.error.startswith("rule 6: ")
    assert "appears in council c-0001 and in council c-twice" in round_.error
    assert len(round_.result["councils"]) == 2  # kept, so staff can see what went wrong
    with pytest.raises(RoundConflict):
        round_confirm(matching_round=round_)
    assert not Council.objects.exists()
    assert PoolEntry.objects.filter(user__in=people, status="waiting").count() == 8


def test_a_proposal_within_the_rules_waits_for_review(db):
    _pool(8)
    round_ = _previewed_round()
    assert (round_.status, round_.error) == ("preview", "")
    assert round_.progress == 1.0 and round_.finished_at is not None


def test_staff_can_discard_a_round_whose_worker_died(staff, as_user):
    import datetime as dt

    from django.utils import timezone

    round_ = MatchingRound.objects.create(seeker_types=["fast"], status="running")
    client = as_user(staff)
    client.post(f"/pool/rounds/{round_.pk}/discard/")
    assert MatchingRound.objects.get(pk=round_.pk).status == "running"  # too soon to call it
    MatchingRound.objects.filter(pk=round_.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert "worker may have stopped" in client.get(f"/pool/rounds/{round_.pk}/").content.decode()
    client.post(f"/pool/rounds/{round_.pk}/discard/")
    assert MatchingRound.objects.get(pk=round_.pk).status == "discarded"


def test_the_preview_tells_people_with_the_same_name_apart(staff, as_user):
    people = [factories.make_moderator(display_name="Maya S.")]
    people += [factories.make_seeker(display_name="Maya S.", timezone="America/New_York")]
    people += [factories.make_seeker() for _ in range(6)]
    round_ = _previewed_round()
    page = as_user(staff).get(f"/pool/rounds/{round_.pk}/").content.decode()
    for person in people[:2]:
        profile = person.profile
        label = f"Maya S. · {profile.timezone} · Product management · #{person.pk:x}"
        assert label in page
