"""The staff dashboard shows councils at risk or without a moderator, and only to staff."""

from django.utils import timezone

from jobcouncil.councils.models import Council


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


def test_it_costs_a_bounded_number_of_queries(
    council, staff, as_user, django_assert_max_num_queries
):
    client = as_user(staff)
    with django_assert_max_num_queries(12):
        client.get("/programme/")
