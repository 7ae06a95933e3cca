"""Two people doing conflicting things at the same moment, on real concurrent connections.

Every test releases its requests together (tests/concurrently.py), then checks what was stored
against the invariants: nobody in two active councils, one moderator and at most one backup per
council, nobody waiting or paused in the pool while in a council, nothing lost or stored twice,
and the one who lost the race told so in words, never a 500. On PostgreSQL the requests really
overlap and row locks and constraints decide; on SQLite the same requests queue on the
IMMEDIATE write lock (settings.py), which is the serialised check of the same outcome."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jobcouncil.councils.models import (
    Attendance,
    AttendanceWeek,
    Council,
    Landing,
    Meeting,
    Membership,
)
from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests import factories
from jobcouncil.tests.concurrently import at_once, same_session, signed_in, slowed

pytestmark = pytest.mark.django_db(transaction=True)


def assert_consistent() -> None:
    """The invariants every race must leave standing."""
    active = Membership.objects.filter(status=Membership.Status.ACTIVE)
    twice = active.values("user").annotate(n=Count("pk")).filter(n__gt=1)
    assert not twice.exists(), f"in two active councils: {list(twice)}"
    per_council = active.values("council").annotate(
        n=Count("pk"),
        moderators=Count("pk", filter=Q(role=Membership.Role.MODERATOR)),
        backups=Count("pk", filter=Q(role=Membership.Role.BACKUP)),
    )
    for row in per_council:
        assert row["n"] <= 8, row
        assert row["moderators"] <= 1, row
        assert row["backups"] <= 1, row
    in_pool = PoolEntry.objects.filter(
        user__memberships__status=Membership.Status.ACTIVE,
        status__in=[PoolEntry.Status.WAITING, PoolEntry.Status.PAUSED],
    )
    assert not in_pool.exists(), f"in a council and in the pool: {list(in_pool)}"


def _messages(client) -> str:
    """The page the client lands on next, where its flash messages show."""
    return client.get(reverse("accounts:next-step"), follow=True).content.decode()


def _said(responses, *clients) -> str:
    """What the people saw: refusal pages, and the messages waiting after redirects."""
    refused = "".join(r.content.decode() for r in responses if r.status_code != 302)
    return refused + "".join(_messages(client) for client in clients)


def _pool(n: int = 8) -> list:
    return [factories.make_moderator(), *[factories.make_seeker() for _ in range(n - 1)]]


def _previewed_round(staff_user) -> MatchingRound:
    """A round started by staff through the page (tasks run at once in tests), in preview."""
    response = signed_in(staff_user).post("/pool/rounds/", {"seeker_types": ["fast"]})
    matching_round = MatchingRound.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert matching_round.status == MatchingRound.Status.PREVIEW, matching_round.error
    return matching_round


def _confirm(client, matching_round: MatchingRound):
    return lambda: client.post(reverse("rounds:round-confirm", args=[matching_round.pk]))


# --- two staff confirming overlapping rounds ------------------------------------------------


def test_two_staff_confirming_rounds_that_propose_the_same_people_place_them_once():
    people = _pool(8)
    ana = factories.make_user("ana@staff.example.org", is_staff=True)
    ben = factories.make_user("ben@staff.example.org", is_staff=True)
    first, second = _previewed_round(ana), _previewed_round(ben)
    assert first.result["councils"][0]["members"] == second.result["councils"][0]["members"]
    as_ana, as_ben = signed_in(ana), signed_in(ben)

    responses = at_once(_confirm(as_ana, first), _confirm(as_ben, second))

    assert [r.status_code for r in responses] == [302, 302]
    assert Council.objects.count() == 1
    council = Council.objects.get()
    assert council.memberships.filter(status="active").count() == 8
    assert set(council.memberships.values_list("user", flat=True)) == {p.pk for p in people}
    statuses = sorted(MatchingRound.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "preview"]
    pages = {
        round_.pk: client.get(reverse("rounds:round-detail", args=[round_.pk])).content.decode()
        for client, round_ in ((as_ana, first), (as_ben, second))
    }
    loser = MatchingRound.objects.get(status="preview")
    assert "1 councils created." in pages[council.matching_round_id]
    assert "Nothing was created:" in pages[loser.pk]
    assert "Please discard and rerun." in pages[loser.pk]
    assert_consistent()


def test_two_rounds_refilling_the_same_council_never_fill_it_past_eight():
    moderator = factories.make_moderator()
    council = factories.make_council(moderator, [factories.make_seeker() for _ in range(4)])
    newcomers = [factories.make_seeker() for _ in range(3)]
    ana = factories.make_user("ana@staff.example.org", is_staff=True)
    first = _previewed_round(ana)
    # Between the two runs three more people join: the second round offers the council six.
    newcomers += [factories.make_seeker() for _ in range(3)]
    second = _previewed_round(ana)
    assert first.result["refilled"] and second.result["refilled"]

    at_once(_confirm(signed_in(ana), first), _confirm(signed_in(ana), second))

    active = council.memberships.filter(status="active").count()
    assert active <= 8
    assert MatchingRound.objects.filter(status="confirmed").count() == 1
    assert_consistent()


# --- two tabs closing the same meeting ------------------------------------------------------


@pytest.fixture
def started_meeting(council):
    """The council's most recent meeting that has started and is still open."""
    return (
        Meeting.objects.filter(council=council, starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )


def test_two_tabs_closing_the_same_meeting_close_it_once(moderator, started_meeting):
    url = reverse("councils:meeting-close", args=[started_meeting.council_id, started_meeting.pk])
    tab = signed_in(moderator)
    responses = at_once(lambda: tab.post(url), lambda: same_session(tab).post(url))

    assert sorted(r.status_code for r in responses) == [302, 400]
    refused = next(r for r in responses if r.status_code == 400).content.decode()
    assert "This meeting is over; its record can no longer change." in refused
    started_meeting.refresh_from_db()
    assert started_meeting.status == Meeting.Status.CLOSED
    expected = Membership.objects.filter(council_id=started_meeting.council_id, status="active")
    assert Attendance.objects.filter(meeting=started_meeting).count() == expected.count()
    week = AttendanceWeek.objects.get()
    assert (week.meetings, week.recorded) == (1, expected.count())
    assert_consistent()


def test_attendance_marked_while_the_meeting_closes_is_kept_or_refused(
    moderator, seeker, started_meeting
):
    args = [started_meeting.council_id, started_meeting.pk]
    tab = signed_in(moderator)
    mark = {f"user_{seeker.pk}": "present"}
    responses = at_once(
        lambda: tab.post(reverse("councils:meeting-close", args=args)),
        lambda: same_session(tab).post(reverse("councils:meeting-attendance", args=args), mark),
    )
    close, attendance = (r.status_code for r in responses)
    assert close == 302
    assert attendance in (302, 400), attendance
    row = Attendance.objects.get(meeting=started_meeting, user=seeker)
    # Marked before the close: kept. After: refused, and the close recorded them absent.
    assert row.status == ("absent" if attendance == 400 else "present")
    week = AttendanceWeek.objects.get()
    assert week.recorded == Attendance.objects.filter(meeting=started_meeting).count()
    assert week.came == Attendance.objects.filter(meeting=started_meeting, status="present").count()


def test_two_councils_closing_meetings_of_one_week_at_once_count_both(moderator, started_meeting):
    other_moderator = factories.make_moderator()
    other = factories.make_council(other_moderator, [factories.make_seeker() for _ in range(5)])
    other_meeting = Meeting.objects.get(council=other, starts_at=started_meeting.starts_at)
    responses = at_once(
        lambda: signed_in(moderator).post(
            reverse("councils:meeting-close", args=[started_meeting.council_id, started_meeting.pk])
        ),
        lambda: signed_in(other_moderator).post(
            reverse("councils:meeting-close", args=[other.pk, other_meeting.pk])
        ),
    )
    assert [r.status_code for r in responses] == [302, 302]
    week = AttendanceWeek.objects.get()
    assert week.meetings == 2
    assert week.recorded == Attendance.objects.count()


def test_closing_a_meeting_while_a_member_leaves_neither_deadlocks_nor_loses_either(
    moderator, fellow, started_meeting, monkeypatch
):
    """Closing locks the meeting and then writes the council (its health); leaving locks the
    council and then writes its open meetings (their version): in opposite orders, the two
    would deadlock, and PostgreSQL would fail one of them."""
    monkeypatch.setattr(Meeting, "save", slowed(Meeting.save))
    council_id = started_meeting.council_id
    responses = at_once(
        lambda: signed_in(moderator).post(
            reverse("councils:meeting-close", args=[council_id, started_meeting.pk])
        ),
        lambda: signed_in(fellow).post(
            reverse("councils:council-leave", args=[council_id]), {"reason": "Moving"}
        ),
    )
    assert [r.status_code for r in responses] == [302, 302]
    started_meeting.refresh_from_db()
    assert started_meeting.status == Meeting.Status.CLOSED
    assert Membership.objects.get(user=fellow, council_id=council_id).status == "left"
    assert_consistent()


# --- leaving, pausing or landing while a round confirms -------------------------------------


def test_pausing_while_the_round_that_includes_you_confirms_never_leaves_you_in_both():
    people = _pool(8)
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    matching_round = _previewed_round(staff_user)
    pausing = people[3]
    responses = at_once(
        _confirm(signed_in(staff_user), matching_round),
        lambda: signed_in(pausing).post("/pool/edit/", {"paused": "on", "note": "Busy week"}),
    )
    assert [r.status_code for r in responses] == [302, 302]
    entry = PoolEntry.objects.get(user=pausing)
    if Council.objects.exists():  # the round went first: they are placed, not paused
        assert entry.status == PoolEntry.Status.MATCHED
        assert Membership.objects.filter(user=pausing, status="active").exists()
    else:  # the pause went first: the round refused as a whole
        assert entry.status == PoolEntry.Status.PAUSED
        assert MatchingRound.objects.get().status == MatchingRound.Status.PREVIEW
    assert_consistent()


def test_a_pause_sent_from_a_page_loaded_before_the_round_confirmed_keeps_the_placement():
    """The deterministic half of the race above: the pool page was read while waiting."""
    from jobcouncil.pool.services import pool_entry_update

    people = _pool(8)
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    matching_round = _previewed_round(staff_user)
    read_before = PoolEntry.objects.get(user=people[3])
    signed_in(staff_user).post(reverse("rounds:round-confirm", args=[matching_round.pk]))

    pool_entry_update(entry=read_before, paused=True, note="Busy week")

    entry = PoolEntry.objects.get(user=people[3])
    assert entry.status == PoolEntry.Status.MATCHED
    assert entry.note == "Busy week"
    assert_consistent()


def test_a_pause_after_the_round_confirmed_tells_them_they_have_a_council():
    people = _pool(8)
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    signed_in(staff_user).post(
        reverse("rounds:round-confirm", args=[_previewed_round(staff_user).pk])
    )
    response = signed_in(people[3]).post("/pool/edit/", {"paused": "on"}, follow=True)
    assert response.status_code == 200
    assert PoolEntry.objects.get(user=people[3]).status == PoolEntry.Status.MATCHED
    assert "You have a council now" in response.content.decode()


def test_a_member_leaving_while_a_round_refills_their_council_keeps_it_whole():
    moderator = factories.make_moderator()
    members = [factories.make_seeker() for _ in range(4)]
    council = factories.make_council(moderator, members)
    newcomers = [factories.make_seeker() for _ in range(2)]
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    matching_round = _previewed_round(staff_user)
    assert matching_round.result["refilled"][0]["council"] == f"council-{council.pk}"
    leaving = members[0]
    leave = reverse("councils:council-leave", args=[council.pk])

    responses = at_once(
        _confirm(signed_in(staff_user), matching_round),
        lambda: signed_in(leaving).post(leave, {"reason": "Moving", "back_to_pool": "on"}),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert MatchingRound.objects.get().status == MatchingRound.Status.CONFIRMED
    active = set(council.memberships.filter(status="active").values_list("user", flat=True))
    assert active == {moderator.pk, *(m.pk for m in members[1:]), *(n.pk for n in newcomers)}
    assert PoolEntry.objects.get(user=leaving).status == PoolEntry.Status.WAITING
    assert_consistent()


def test_the_moderator_leaving_while_a_round_refills_hands_the_council_to_its_backup():
    moderator, backup = factories.make_moderator(), factories.make_moderator()
    members = [factories.make_seeker() for _ in range(3)]
    council = factories.make_council(moderator, [backup, *members], backup=backup)
    factories.make_seeker()
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    matching_round = _previewed_round(staff_user)
    leave = reverse("councils:council-leave", args=[council.pk])

    responses = at_once(
        _confirm(signed_in(staff_user), matching_round),
        lambda: signed_in(moderator).post(leave, {"reason": "Moving"}),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert council.memberships.get(status="active", role="moderator").user == backup
    assert council.memberships.filter(status="active").count() == 5
    assert_consistent()


# --- the same person in two tabs ------------------------------------------------------------


def test_leaving_from_two_tabs_leaves_once_and_tells_the_second(seeker, council):
    leave = reverse("councils:council-leave", args=[council.pk])
    data = {"reason": "Moving", "back_to_pool": "on"}
    # Two devices, two sessions: each shows its own message.
    laptop, phone = signed_in(seeker), signed_in(seeker)
    responses = at_once(lambda: laptop.post(leave, data), lambda: phone.post(leave, data))

    assert [r.status_code for r in responses] == [302, 302]
    left = Membership.objects.filter(user=seeker, council=council)
    assert left.count() == 1 and left.get().status == "left"
    assert PoolEntry.objects.get(user=seeker).status == PoolEntry.Status.WAITING
    said = _messages(laptop) + _messages(phone)
    assert said.count("You have left the council.") == 1
    assert said.count("You had already left this council") == 1
    assert_consistent()


def test_saying_i_landed_from_two_tabs_records_one_landing(seeker, council):
    url = reverse("councils:council-land", args=[council.pk])
    data = {"role": "Analyst", "company": "Acme", "start_date": timezone.localdate().isoformat()}
    laptop, phone = signed_in(seeker), signed_in(seeker)
    responses = at_once(lambda: laptop.post(url, data), lambda: phone.post(url, data))

    assert sorted(r.status_code for r in responses) in ([302, 302], [302, 403])
    assert Landing.objects.filter(user=seeker).count() == 1
    council.refresh_from_db()
    assert council.announcement.count("landed") == 1
    said = _said(responses, laptop, phone)
    assert said.count("Congratulations! Your council will celebrate with you.") == 1
    assert said.count("Your news was already recorded") == 1
    assert_consistent()


def test_two_members_volunteering_as_backup_at_once_make_one_backup(
    seeker, fellow, council, monkeypatch
):
    monkeypatch.setattr(Membership, "save", slowed(Membership.save))
    url = reverse("councils:council-backup", args=[council.pk])
    as_seeker, as_fellow = signed_in(seeker), signed_in(fellow)
    responses = at_once(lambda: as_seeker.post(url), lambda: as_fellow.post(url))

    assert [r.status_code for r in responses] == [302, 302]
    backups = council.memberships.filter(status="active", role="backup")
    assert backups.count() == 1
    loser = as_fellow if backups.get().user == seeker else as_seeker
    assert "Your council already has a backup moderator." in _messages(loser)
    assert_consistent()


def _join(council, user) -> Membership:
    PoolEntry.objects.filter(user=user).update(status=PoolEntry.Status.MATCHED)
    return Membership.objects.create(council=council, user=user, joined_at=timezone.now())


def test_handing_over_to_two_people_from_two_tabs_leaves_one_moderator(
    moderator, council, monkeypatch
):
    first, second = (factories.make_moderator() for _ in range(2))
    _join(council, first), _join(council, second)
    monkeypatch.setattr(Membership, "save", slowed(Membership.save))
    candidates = {
        u.pk: council.memberships.get(user=u, status="active").pk for u in (first, second)
    }
    url = reverse("councils:council-handover", args=[council.pk])
    laptop, phone = signed_in(moderator), signed_in(moderator)
    responses = at_once(
        lambda: laptop.post(url, {"to": candidates[first.pk]}),
        lambda: phone.post(url, {"to": candidates[second.pk]}),
    )

    assert sorted(r.status_code for r in responses) in ([302, 302], [302, 403])
    new = council.memberships.get(status="active", role="moderator")
    assert new.user in (first, second)
    assert council.memberships.get(status="active", role="backup").user == moderator
    said = _said(responses, laptop, phone)
    assert said.count("You have handed over.") == 1
    assert said.count("Nothing was handed over: you are no longer") == 1
    assert_consistent()


def test_the_moderator_leaving_while_handing_over_leaves_one_moderator(
    moderator, council, monkeypatch
):
    to = _join(council, factories.make_moderator()).pk
    monkeypatch.setattr(Membership, "save", slowed(Membership.save))
    laptop, phone = signed_in(moderator), signed_in(moderator)
    responses = at_once(
        lambda: laptop.post(reverse("councils:council-handover", args=[council.pk]), {"to": to}),
        lambda: phone.post(reverse("councils:council-leave", args=[council.pk]), {"reason": ""}),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert Membership.objects.get(user=moderator, council=council).status == "left"
    said = _messages(laptop) + _messages(phone)
    assert "You have left the council." in said
    moderator_now = council.memberships.filter(status="active", role="moderator").first()
    council.refresh_from_db()
    if moderator_now is None:  # the leave went first: staff find a moderator, nothing handed
        assert council.needs_moderator_since is not None
        assert "You had already left this council" in said or "Nothing was handed over" in said
        assert "You have handed over." not in said
    else:  # the handover went first, then they left as the backup
        assert moderator_now.pk == to
        assert "You have handed over." in said
    assert_consistent()


# --- joining the pool -----------------------------------------------------------------------


def test_joining_the_pool_from_five_tabs_at_once_makes_one_entry(db):
    ready = factories.make_seeker("ready@example.org", in_pool=False)
    tab = signed_in(ready)
    responses = at_once(*(lambda: same_session(tab).post("/pool/join/") for _ in range(5)))

    assert [r.status_code for r in responses] == [302] * 5
    assert [r["Location"] for r in responses] == ["/pool/"] * 5
    entry = PoolEntry.objects.get(user=ready)
    assert entry.status == PoolEntry.Status.WAITING
    assert_consistent()


def test_joining_the_pool_while_a_round_places_you_keeps_the_placement():
    people = _pool(8)
    staff_user = factories.make_user("ana@staff.example.org", is_staff=True)
    matching_round = _previewed_round(staff_user)
    joining = people[5]
    responses = at_once(
        _confirm(signed_in(staff_user), matching_round),
        lambda: signed_in(joining).post("/pool/join/"),
    )
    assert [r.status_code for r in responses] == [302, 302]
    assert Membership.objects.filter(user=joining, status="active").exists()
    assert PoolEntry.objects.get(user=joining).status == PoolEntry.Status.MATCHED
    assert_consistent()


def test_rejoining_the_pool_from_a_stale_page_while_in_a_council_is_refused(seeker, council):
    """The deterministic half of the race above: the join page was read before placement."""
    from django.core.exceptions import PermissionDenied

    from jobcouncil.pool.services import pool_join

    assert PoolEntry.objects.get(user=seeker).status == PoolEntry.Status.MATCHED
    with pytest.raises(PermissionDenied):
        pool_join(user=seeker)
    assert PoolEntry.objects.get(user=seeker).status == PoolEntry.Status.MATCHED


# --- the row locks themselves (PostgreSQL) ---------------------------------------------------
# SQLite passes every race above by taking the whole database's write lock at BEGIN. These prove
# that on PostgreSQL each service decides under the row lock it should: another connection,
# asking for the row with NOWAIT just before the service writes, is refused.


def _locked_elsewhere(model, pk) -> bool:
    def probe() -> None:
        with transaction.atomic():
            list(model.objects.select_for_update(nowait=True).filter(pk=pk).values_list("pk"))

    (outcome,) = at_once(probe)
    return isinstance(outcome, DatabaseError)


def _probe_before_first_save(monkeypatch, saved, locked_model, locked_pk) -> list[bool]:
    """Patch saved.save so its first call first asks whether locked_model's row is locked."""
    seen: list[bool] = []
    original = saved.save

    def save(self, *args, **kwargs):
        if not seen:
            seen.append(_locked_elsewhere(locked_model, locked_pk))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(saved, "save", save)
    return seen


@pytest.mark.postgres_only
def test_a_backup_volunteer_decides_under_the_councils_row_lock(seeker, council, monkeypatch):
    from jobcouncil.councils.services import backup_volunteer

    seen = _probe_before_first_save(monkeypatch, Membership, Council, council.pk)
    assert backup_volunteer(membership=council.memberships.get(user=seeker))
    assert seen == [True]


@pytest.mark.postgres_only
def test_a_handover_decides_under_the_councils_row_lock(moderator, fellow, council, monkeypatch):
    from jobcouncil.councils.services import moderator_handover

    memberships = council.memberships
    seen = _probe_before_first_save(monkeypatch, Membership, Council, council.pk)
    assert moderator_handover(
        council=council, by=memberships.get(user=moderator), to=memberships.get(user=fellow)
    )
    assert seen == [True]


@pytest.mark.postgres_only
def test_a_pause_decides_under_the_pool_entrys_row_lock(monkeypatch):
    from jobcouncil.pool.services import pool_entry_update

    entry = PoolEntry.objects.get(user=factories.make_seeker())
    seen = _probe_before_first_save(monkeypatch, PoolEntry, PoolEntry, entry.pk)
    pool_entry_update(entry=entry, paused=True, note="")
    assert seen == [True]


@pytest.mark.postgres_only
def test_rejoining_the_pool_decides_under_the_pool_entrys_row_lock(monkeypatch):
    from jobcouncil.pool.services import pool_join

    person = factories.make_seeker()
    entry = PoolEntry.objects.get(user=person)
    PoolEntry.objects.filter(pk=entry.pk).update(status=PoolEntry.Status.MATCHED)  # left a council
    seen = _probe_before_first_save(monkeypatch, PoolEntry, PoolEntry, entry.pk)
    assert pool_join(user=person).status == PoolEntry.Status.WAITING
    assert seen == [True]


@pytest.mark.postgres_only
def test_closing_a_meeting_decides_under_the_meetings_row_lock(started_meeting, monkeypatch):
    from jobcouncil.councils.meetings import meeting_close

    seen = _probe_before_first_save(monkeypatch, Meeting, Meeting, started_meeting.pk)
    meeting_close(meeting=started_meeting)
    assert seen == [True]
