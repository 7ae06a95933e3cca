"""The staff dashboard shows councils at risk or without a moderator, and only to staff."""

import pytest
import time_machine
from django.utils import timezone

from jobcouncil.councils.models import Council
from jobcouncil.tests.queries import assert_queries


def test_only_staff_see_the_dashboard(client, seeker, as_user):
    assert client.get("/programme/").status_code == 302
    assert as_user(seeker).get("/programme/").status_code == 404


def test_it_lists_councils_at_risk_and_without_a_moderator(council, staff, as_user):
    Council.objects.filter(pk=council.pk).update(
        at_risk_since=timezone.now(), needs_moderator_since=timezone.now()
    )
    page = as_user(staff).get("/programme/").content.decode()
    assert page.count(council.name) == 2
    assert "fast seekers waiting" in page


@pytest.mark.parametrize("n", [2, 25])
def test_it_costs_the_same_queries_with_2_or_25_councils_in_each_list(n, staff, as_user):
    _councils(n, at_risk_since=timezone.now(), needs_moderator_since=timezone.now())
    client = as_user(staff)
    client.get("/programme/")  # the pool's figures and the council count are cached a minute
    page = assert_queries(client, "/programme/", 11).content.decode()
    assert page.count("Bulk council") == 2 * min(n, 20)


def _councils(n, **fields):
    today = timezone.now().date()
    return Council.objects.bulk_create(
        Council(
            name=f"Bulk council {i:03d}",
            seeker_type="fast",
            schedule_timezone="UTC",
            starts_on=today,
            video_url="https://meet.example.org/x",
            **fields,
        )
        for i in range(n)
    )


def test_the_at_risk_list_shows_twenty_a_page(staff, as_user):
    since = timezone.now()
    _councils(25, at_risk_since=since)
    client = as_user(staff)
    first = client.get("/programme/").content.decode()
    assert first.count("Bulk council") == 20
    assert "Page 1 of 2" in first
    second = client.get("/programme/?page=2").content.decode()
    assert second.count("Bulk council") == 5


def test_councils_needing_a_moderator_show_the_longest_waiting_and_the_total(staff, as_user):
    _councils(23, needs_moderator_since=timezone.now())
    page = as_user(staff).get("/programme/").content.decode()
    assert page.count("Bulk council") == 20
    assert "of 23 councils in all" in page


def test_attendance_comes_from_the_weekly_summary(staff, as_user):
    from jobcouncil.councils.attendance import week_of
    from jobcouncil.councils.models import AttendanceWeek

    AttendanceWeek.objects.create(week=week_of(timezone.now()), recorded=8, came=6)
    assert "75%" in as_user(staff).get("/programme/").content.decode()


def test_the_active_council_count_is_counted_at_most_once_a_minute(staff, as_user):
    client = as_user(staff)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _councils(3)
        assert (
            '<h2 class="figure">3</h2><p>active councils'
            in client.get("/programme/").content.decode()
        )
        _councils(2)
        clock.shift(59)  # within the minute: the figure is the one counted before
        assert (
            '<h2 class="figure">3</h2><p>active councils'
            in client.get("/programme/").content.decode()
        )
        clock.shift(2)
        assert (
            '<h2 class="figure">5</h2><p>active councils'
            in client.get("/programme/").content.decode()
        )
