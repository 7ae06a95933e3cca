"""Joining the pool, the status page, pausing; only ever one's own entry."""

from jobcouncil.pool.models import PoolEntry
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.tests import factories


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in ("/pool/", "/pool/join/", "/pool/edit/"):
        assert client.get(url).status_code == 302, url


def test_someone_who_has_not_finished_orientation_cannot_join(db, as_user):
    user = factories.make_user()
    factories.make_profile(user, orientation_completed_at=None)
    client = as_user(user)
    assert client.get("/pool/join/")["Location"] == "/me/orientation/1/"
    client.post("/pool/join/")
    assert not PoolEntry.objects.filter(user=user).exists()


def test_an_unapproved_volunteer_who_skipped_training_cannot_join(db, as_user):
    user = factories.make_seeker(in_pool=False, volunteers_to_moderate=True)
    as_user(user).post("/pool/join/")
    assert not PoolEntry.objects.filter(user=user).exists()


def test_a_ready_seeker_joins_and_sees_their_status(db, as_user):
    user = factories.make_seeker(in_pool=False, seeker_type="slow")
    client = as_user(user)
    assert client.post("/pool/join/")["Location"] == "/pool/"
    entry = PoolEntry.objects.get(user=user)
    assert entry.status == PoolEntry.Status.WAITING
    page = client.get("/pool/").content.decode()
    assert "In the pool since" in page
    assert "Slow" in page
    assert "What happens next" in page


def test_status_counts_people_waiting_for_the_same_kind_of_council(seeker, as_user):
    factories.make_seeker(seeker_type="fast")
    factories.make_seeker(seeker_type="slow")
    page = as_user(seeker).get("/pool/").content.decode()
    assert "2 people are waiting for this kind of council." in page


def test_pausing_keeps_the_place_in_the_queue(seeker, as_user):
    client = as_user(seeker)
    joined = PoolEntry.objects.get(user=seeker).joined_at
    client.post("/pool/edit/", {"paused": "on", "note": "Travelling until March"})
    entry = PoolEntry.objects.get(user=seeker)
    assert (entry.status, entry.note, entry.joined_at) == (
        "paused",
        "Travelling until March",
        joined,
    )
    client.post("/pool/edit/", {"note": ""})
    assert PoolEntry.objects.get(user=seeker).status == "waiting"


def test_a_stranger_only_ever_sees_and_changes_their_own_entry(seeker, stranger, as_user):
    client = as_user(stranger)
    client.post("/pool/edit/", {"paused": "on", "note": "mine"})
    assert PoolEntry.objects.get(user=seeker).status == "waiting"
    assert PoolEntry.objects.get(user=stranger).note == "mine"


def test_someone_not_in_the_pool_gets_404_on_the_status_page(newcomer, as_user):
    assert as_user(newcomer).get("/pool/").status_code == 404


def test_the_admin_is_for_staff_only(seeker, staff, as_user, client):
    assert as_user(seeker).get("/admin/pool/poolentry/").status_code == 302
    client.force_login(staff)
    staff.is_superuser = True
    staff.save()
    assert client.get("/admin/pool/poolentry/?status__exact=waiting").status_code == 200
    assert client.get("/admin/accounts/profile/?seeker_type__exact=fast").status_code == 200


def test_someone_who_left_a_council_can_ask_to_be_matched_again(council, fellow, as_user):
    client = as_user(fellow)
    client.post(f"/councils/{council.pk}/leave/", {"reason": ""})
    assert client.get("/me/next/")["Location"] == "/pool/"
    assert "Match me again" in client.get("/pool/").content.decode()
    client.post("/pool/join/")
    assert PoolEntry.objects.get(user=fellow).status == "waiting"


def test_an_alumnus_is_sent_to_their_council_page(council, alumnus, as_user):
    PoolEntry.objects.filter(user=alumnus).update(status="matched")
    assert as_user(alumnus).get("/me/next/")["Location"] == f"/councils/{council.pk}/"


def test_a_matched_member_opening_the_pool_page_is_sent_to_their_council(db, as_user):
    from jobcouncil.rounds.services import round_confirm, round_run

    people = [factories.make_moderator()] + [factories.make_seeker() for _ in range(7)]
    round_ = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    round_confirm(matching_round=round_)
    council = people[3].memberships.get().council
    response = as_user(people[3]).get("/pool/", follow=True)
    assert response.redirect_chain == [(f"/councils/{council.pk}/", 302)]
    assert "When you are matched, you get an email" not in response.content.decode()


def test_the_pool_entry_follows_a_change_of_seeker_type(seeker):
    assert PoolEntry.objects.get(user=seeker).seeker_type == "fast"
    profile = seeker.profile
    profile.seeker_type = "slow"
    profile.save()
    assert PoolEntry.objects.get(user=seeker).seeker_type == "slow"


def test_a_declined_volunteer_reads_so_on_their_pool_page(staff, as_user):
    from jobcouncil.accounts.services import moderator_decline

    volunteer = factories.make_moderator(moderator_approved_at=None)
    client = as_user(volunteer)
    assert "staff will confirm you soon" in client.get("/pool/").content.decode()
    moderator_decline(profile=volunteer.profile, by=staff, note="Not this time.")
    page = client.get("/pool/").content.decode()
    assert "Not confirmed this time; we emailed you why." in page
    assert "staff will confirm you soon" not in page
