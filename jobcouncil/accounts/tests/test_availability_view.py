"""The availability grid page."""

from jobcouncil.accounts.availability import cells_from_windows
from jobcouncil.accounts.models import Profile
from jobcouncil.tests import factories


def _cells(*windows):
    return [str(c) for c in sorted(cells_from_windows(windows))]


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/me/availability/").status_code == 302


def test_a_seeker_without_a_profile_is_sent_to_the_profile_first(newcomer, as_user):
    assert as_user(newcomer).get("/me/availability/")["Location"] == "/me/profile/"


def test_it_saves_windows_in_the_engine_format(seeker, as_user):
    response = as_user(seeker).post(
        "/me/availability/", {"cell": _cells("tue 07:00-09:00", "fri 07:00-09:00")}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=seeker)
    assert profile.availability == ["tue 07:00-09:00", "fri 07:00-09:00"]


def test_too_thin_availability_is_refused_kindly_and_the_painting_is_kept(seeker, as_user):
    response = as_user(seeker).post("/me/availability/", {"cell": _cells("mon 18:00-19:00")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "at least 3 hours" in html
    monday_six_pm = 18 * 2
    assert f'value="{monday_six_pm}" id="cell-{monday_six_pm}"\n                  checked' in html
    assert Profile.objects.get(user=seeker).availability == factories.FAST_WINDOWS


def test_it_shows_which_times_are_popular_with_people_of_the_same_type(seeker, as_user):
    for _ in range(3):
        factories.make_seeker(
            timezone="America/Chicago", availability=["wed 10:00-12:00", "sat 10:00-12:00"]
        )
    # A fourth person, in another type, is not counted for a fast seeker.
    factories.make_seeker(seeker_type="slow", availability=["sun 03:00-05:00"])
    html = as_user(seeker).get("/me/availability/").content.decode()
    wednesday_ten = 2 * 48 + 20
    assert 'aria-label="Wednesday 10:00–10:30, popular"' in html
    assert f'value="{wednesday_ten}"' in html
    # Only the eight half-hours the three share; not the seeker's own times (one person), not
    # the slow seeker's, not an empty night.
    assert html.count(', popular"') == 8
    assert 'aria-label="Saturday 11:30–12:00, popular"' in html
    assert 'aria-label="Wednesday 12:00–12:30"' in html
    assert 'aria-label="Monday 18:00–18:30"' in html
    assert 'aria-label="Sunday 03:00–03:30"' in html


def test_no_time_is_popular_while_nobody_else_waits(seeker, as_user):
    html = as_user(seeker).get("/me/availability/").content.decode()
    assert ', popular"' not in html
    assert 'aria-label="Monday 18:00–18:30"' in html


def test_a_stranger_cannot_change_someone_elses_availability(seeker, stranger, as_user):
    as_user(stranger).post(
        "/me/availability/", {"cell": _cells("tue 07:00-09:00", "fri 07:00-09:00")}
    )
    assert Profile.objects.get(user=seeker).availability == factories.FAST_WINDOWS
