"""Continuous placement: someone who starts waiting takes a free seat they fit, at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.meeting_page import member_rows
from jobcouncil.councils.models import Meeting, Membership
from jobcouncil.councils.services import membership_leave
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.pool.models import PoolEntry
from jobcouncil.pool.services import pool_entry_update
from jobcouncil.rounds.continuous import pool_entry_place
from jobcouncil.rounds.models import MatchingSchedule, SeatFill
from jobcouncil.rounds.services import wait_estimate_days
from jobcouncil.rounds.tasks import place_from_pool
from jobcouncil.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def placing():
    return MatchingSchedule.objects.create(place_continuously=True)


def council_of(size: int, **kwargs):
    moderator = factories.make_moderator()
    return factories.make_council(
        moderator, [factories.make_seeker() for _ in range(size - 1)], **kwargs
    )


def active(user) -> Membership | None:
    return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).first()


def test_a_seeker_who_joins_while_a_fitting_council_has_a_free_seat_is_a_member_within_one_task_run(
    placing, as_user, django_capture_on_commit_callbacks
):
    council = council_of(6)
    newcomer = factories.make_seeker(in_pool=False, display_name="Nia Newcomer")
    client = as_user(newcomer)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("pool:join"))
    assert response.status_code == 302
    # Joining only queues the task: nobody is placed inside the request.
    assert active(newcomer) is None
    assert PoolEntry.objects.get(user=newcomer).status == PoolEntry.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()  # the one task run (tests run tasks at once)

    membership = active(newcomer)
    assert membership is not None and membership.council == council
    assert membership.role == Membership.Role.MEMBER
    assert PoolEntry.objects.get(user=newcomer).status == PoolEntry.Status.MATCHED
    # Their first meeting is the council's first one after the notice period (24 hours).
    now = timezone.now()
    expected = (
        Meeting.objects.filter(council=council, starts_at__gte=now + dt.timedelta(hours=24))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    first = membership.first_meeting()
    assert first == expected
    assert first.starts_at == dt.datetime(2026, 12, 4, 0, 0, tzinfo=dt.UTC)  # Thu 18:00 Chicago
    rows, _ = member_rows(first, newcomer)
    assert newcomer.pk in {row.user_id for row in rows}
    page = client.get(reverse("councils:meeting-detail", args=[council.pk, first.pk]))
    assert "Nia Newcomer" in page.content.decode()
    # The newcomer and each of the six members are told.
    assert OutboxEmail.objects.filter(key__startswith="council-matched:", user=newcomer).exists()
    told = OutboxEmail.objects.filter(key__startswith=f"council-newcomer:{council.pk}:")
    assert told.count() == 6
    assert "Nia Newcomer" in told.first().subject
    assert SeatFill.objects.get().council == council


def test_nobody_is_placed_between_rounds_unless_the_programme_allows_it(
    as_user, django_capture_on_commit_callbacks
):
    council_of(6)
    newcomer = factories.make_seeker(in_pool=False)
    MatchingSchedule.objects.create(place_continuously=False)
    with django_capture_on_commit_callbacks(execute=True):
        as_user(newcomer).post(reverse("pool:join"))
    assert active(newcomer) is None
    assert pool_entry_place(user_id=newcomer.pk) is None
    assert PoolEntry.objects.get(user=newcomer).status == PoolEntry.Status.WAITING


def test_a_full_council_or_one_they_cannot_attend_leaves_them_waiting(placing):
    council_of(8)
    council_of(6, meeting_times=[{"weekday": 1, "time": "08:00"}, {"weekday": 4, "time": "08:00"}])
    council_of(6, seeker_type="slow")
    newcomer = factories.make_seeker()
    assert place_from_pool.call(newcomer.pk) is None
    assert active(newcomer) is None
    assert PoolEntry.objects.get(user=newcomer).status == PoolEntry.Status.WAITING


def test_a_volunteer_moderator_waits_for_a_round_to_lead_a_new_council(placing):
    council_of(6)
    volunteer = factories.make_moderator()
    assert pool_entry_place(user_id=volunteer.pk) is None
    assert active(volunteer) is None


def test_the_seat_goes_to_a_council_below_six_first_then_the_better_fit_then_the_smaller(
    placing,
):
    healthy = council_of(7)
    small = council_of(5)
    assert pool_entry_place(user_id=factories.make_seeker().pk) == small  # it needed one
    # Six and seven now, everyone alike, the same meeting times: the smaller council.
    assert pool_entry_place(user_id=factories.make_seeker().pk) == small
    # Seven each: a lawyer goes where two lawyers sit.
    for membership in healthy.active_memberships().exclude(role="moderator")[:2]:
        profile = membership.user.profile
        profile.function, profile.industry = "legal", "government"
        profile.save()
    lawyer = factories.make_seeker(function="legal", industry="government", seniority=6)
    assert pool_entry_place(user_id=lawyer.pk) == healthy


def test_someone_back_from_a_council_is_not_put_back_into_it(placing):
    left_behind = council_of(7)
    other = council_of(6)
    leaver = left_behind.active_memberships().exclude(role="moderator").first()
    # Leaving with "back to the pool" starts them waiting: the task runs once it commits.
    membership_leave(membership=leaver, reason="", back_to_pool=True)
    assert pool_entry_place(user_id=leaver.user_id) == other
    assert active(leaver.user).council == other


def test_resuming_after_a_pause_tries_again(placing, django_capture_on_commit_callbacks):
    person = factories.make_seeker()
    entry = PoolEntry.objects.get(user=person)
    pool_entry_update(entry=entry, paused=True, note="")
    council = council_of(6)
    with django_capture_on_commit_callbacks(execute=True):
        pool_entry_update(entry=entry, paused=False, note="")
    assert active(person).council == council


def test_a_paused_or_placed_person_is_left_alone_and_a_second_run_changes_nothing(placing):
    council = council_of(6)
    person = factories.make_seeker()
    PoolEntry.objects.filter(user=person).update(status=PoolEntry.Status.PAUSED)
    assert pool_entry_place(user_id=person.pk) is None
    PoolEntry.objects.filter(user=person).update(status=PoolEntry.Status.WAITING)
    assert pool_entry_place(user_id=person.pk) == council
    assert pool_entry_place(user_id=person.pk) is None  # run twice: already placed
    assert Membership.objects.filter(user=person).count() == 1


def test_seats_filled_between_rounds_count_in_the_wait_estimate(placing):
    council_of(4)
    now = timezone.now()
    for days in (2, 3, 9):
        person = factories.make_seeker(orientation_completed_at=now - dt.timedelta(days=days))
        assert pool_entry_place(user_id=person.pk) is not None
    assert sorted(SeatFill.objects.values_list("waited_days", flat=True)) == [2, 3, 9]
    assert wait_estimate_days("fast") == 3
    assert wait_estimate_days("slow") is None


def test_a_seat_that_opens_goes_to_the_longest_waiting_who_fits(
    placing, django_capture_on_commit_callbacks
):
    council = council_of(8)
    now = timezone.now()

    def waiting(days, **profile):
        joined = now - dt.timedelta(days=days)
        return factories.make_seeker(orientation_completed_at=joined, **profile)

    volunteer = factories.make_moderator(orientation_completed_at=now - dt.timedelta(days=30))
    elsewhere = waiting(20, availability=["tue 08:00-10:00", "fri 08:00-10:00"])
    longest, later = waiting(10), waiting(3)
    leaving = list(council.active_memberships().exclude(role="moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        membership_leave(membership=leaving[0], reason="", back_to_pool=False)
    assert active(longest).council == council
    assert active(later) is None
    with django_capture_on_commit_callbacks(execute=True):
        membership_leave(membership=leaving[1], reason="", back_to_pool=False)
    assert active(later).council == council
    assert active(volunteer) is None and active(elsewhere) is None
    assert council.active_memberships().count() == 8


def test_a_round_waiting_for_review_keeps_the_seats_it_refills_and_the_people_it_seats(
    placing, django_capture_on_commit_callbacks
):
    from jobcouncil.rounds.models import MatchingRound
    from jobcouncil.rounds.services import round_confirm, round_run

    small = council_of(4)
    waiting = [factories.make_seeker() for _ in range(2)]
    matching_round = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    assert matching_round.status == "preview"
    assert matching_round.stats["refill_councils"] == [small.pk]
    # While it waits for review, a newcomer is not seated in the council it refills...
    newcomer = factories.make_seeker()
    assert pool_entry_place(user_id=newcomer.pk) is None
    # ... and a seat opening elsewhere is not offered to the people it seats.
    other = council_of(8)
    with django_capture_on_commit_callbacks(execute=True):
        membership_leave(
            membership=other.active_memberships().exclude(role="moderator")[0],
            reason="",
            back_to_pool=False,
        )
    assert all(active(person) is None for person in waiting)
    assert active(newcomer).council == other  # the newcomer was free to take it
    round_confirm(matching_round=matching_round)
    assert {active(person).council for person in waiting} == {small}
