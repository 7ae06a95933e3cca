"""The first 90 days after landing: a plan for days 30, 60 and 90, check-ins against it, and
small groups of alumni in similar roles where only members read the questions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from jobcouncil.councils.models import Landing
from jobcouncil.tests import factories
from jobcouncil.tests.queries import assert_queries
from jobcouncil.workbook import ninety_days
from jobcouncil.workbook.models import (
    AlumniAnswer,
    AlumniGroup,
    AlumniGroupMember,
    AlumniQuestion,
    NinetyDayCheckIn,
    NinetyDayPlan,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def landed(user, council, *, role="Product lead", company="Northwind", start=None):
    return Landing.objects.create(
        user=user,
        council=council,
        role=role,
        company=company,
        start_date=start or timezone.localdate(),
    )


def alumnus_of(function: str, zone: str):
    """Someone who landed, in this function and timezone (a council of their own)."""
    user = factories.make_seeker(function=function, timezone=zone)
    council = factories.make_council(factories.make_moderator(), [user])
    landed(user, council)
    return user


def _plan_post(**overrides) -> dict:
    data = {
        "role": "Product lead",
        "company": "Northwind",
        "starts_on": "2026-11-16",
        "d30_goals": "Learn how the clinics use the app",
        "d30_people": "Every engineer on the team",
        "d30_early_wins": "Fix the onboarding email",
        "d60_goals": "A roadmap the team believes in",
        "d90_goals": "Ship the first roadmap item",
    }
    data.update(overrides)
    return data


def test_the_plan_begins_from_the_landing_and_keeps_three_milestones(alumnus, council, as_user):
    landed(alumnus, council, role="Head of Product", company="Acme Health")
    client = as_user(alumnus)
    page = client.get("/workbook/first-90-days/").content.decode()
    assert 'value="Head of Product"' in page and 'value="Acme Health"' in page
    assert not NinetyDayPlan.objects.exists()  # looking writes nothing

    response = client.post("/workbook/first-90-days/", _plan_post(company="Acme Health"))
    assert response.status_code == 302
    plan = NinetyDayPlan.objects.get(owner=alumnus)
    assert [(s.day, s.goals) for s in plan.stages.all()] == [
        (30, "Learn how the clinics use the app"),
        (60, "A roadmap the team believes in"),
        (90, "Ship the first roadmap item"),
    ]
    page = client.get("/workbook/first-90-days/").content.decode()
    assert "Fix the onboarding email" in page and "Every engineer on the team" in page
    # 1 December is day 16 of a job begun on 16 November.
    assert "Today is day 16 of your new job." in page


def test_a_first_day_far_away_is_refused_next_to_the_field(seeker, as_user):
    response = as_user(seeker).post("/workbook/first-90-days/", _plan_post(starts_on="2031-01-01"))
    assert response.status_code == 200
    assert 'id="id_starts_on_error"' in response.content.decode()
    assert not NinetyDayPlan.objects.exists()


def test_a_check_in_is_about_the_milestone_ahead_and_is_listed(seeker, as_user):
    client = as_user(seeker)
    client.post("/workbook/first-90-days/", _plan_post(starts_on="2026-10-20"))  # day 43 today
    page = client.get("/workbook/first-90-days/check-in/").content.decode()
    assert 'value="60" selected' in page  # the next milestone, day 60
    assert "A roadmap the team believes in" in page  # what was planned, to check against
    response = client.post(
        "/workbook/first-90-days/check-in/",
        {"day": "60", "feeling": "some-behind", "went_well": HOSTILE, "next_steps": "Ask Ana"},
    )
    assert response["Location"] == "/workbook/first-90-days/"
    check_in = NinetyDayCheckIn.objects.get()
    assert (check_in.day, check_in.feeling, check_in.plan.owner) == (60, "some-behind", seeker)
    page = client.get("/workbook/first-90-days/").content.decode()
    assert "Some of it is behind, and that is fine" in page
    assert HOSTILE not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_check_in_before_any_plan_goes_to_the_plan(seeker, as_user):
    response = as_user(seeker).get("/workbook/first-90-days/check-in/")
    assert response["Location"] == "/workbook/first-90-days/"


def test_milestones_by_day():
    assert [ninety_days.milestone_for(d) for d in (None, 1, 30, 31, 60, 61, 90, 200)] == [
        30, 30, 30, 60, 60, 90, 90, 90,
    ]  # fmt: skip


def test_only_someone_who_landed_joins_a_group(seeker, as_user):
    client = as_user(seeker)
    page = client.get("/workbook/first-90-days/").content.decode()
    assert "Join a first-90-days group" not in page
    response = client.post("/workbook/first-90-days/groups/join/")
    assert response.status_code == 403
    assert "for people who have landed" in response.content.decode()
    assert not AlumniGroup.objects.exists()


def test_alumni_are_grouped_by_function_and_nearby_timezones(db):
    now = timezone.now()
    berlin = alumnus_of("product", "Europe/Berlin")
    lagos = alumnus_of("product", "Africa/Lagos")  # UTC+1 as Berlin in winter
    tokyo = alumnus_of("product", "Asia/Tokyo")
    engineer = alumnus_of("engineering", "Europe/Berlin")
    groups = {u: ninety_days.alumni_group_join(user=u, now=now) for u in (berlin, lagos, tokyo)}
    groups[engineer] = ninety_days.alumni_group_join(user=engineer, now=now)
    assert groups[berlin] == groups[lagos]
    assert groups[tokyo] != groups[berlin]
    assert groups[engineer] not in (groups[berlin], groups[tokyo])
    # Joining again finds the same group.
    assert ninety_days.alumni_group_join(user=berlin, now=now) == groups[berlin]
    assert AlumniGroupMember.objects.filter(user=berlin).count() == 1


def test_a_full_group_opens_a_new_one(db):
    now = timezone.now()
    people = [alumnus_of("design", "America/Chicago") for _ in range(ninety_days.GROUP_SIZE + 1)]
    groups = [ninety_days.alumni_group_join(user=u, now=now) for u in people]
    assert len(set(groups[:-1])) == 1
    assert groups[-1] != groups[0]
    assert groups[0].members.count() == ninety_days.GROUP_SIZE


def test_daylight_saving_moves_a_zone_between_bands_only_at_its_edges():
    winter = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 15, tzinfo=dt.UTC)
    assert ninety_days.zone_band("Europe/Berlin", winter) == 0  # UTC+1
    assert ninety_days.zone_band("Europe/Berlin", summer) == 0  # UTC+2
    assert ninety_days.zone_band("America/New_York", winter) == -2  # UTC-5
    assert ninety_days.zone_band("Asia/Tokyo", winter) == 3  # UTC+9
    assert ninety_days.zone_band("Not/AZone", winter) == 0


def test_members_ask_and_answer_and_no_one_else_reads_it(stranger, staff, as_user, client):
    asker = alumnus_of("product", "Europe/Berlin")
    helper = alumnus_of("product", "Europe/Paris")
    outsider = alumnus_of("product", "Asia/Tokyo")  # another group
    for person in (asker, helper, outsider):
        as_user(person).post("/workbook/first-90-days/groups/join/")
    group = ninety_days.group_of(asker)
    assert ninety_days.group_of(helper) == group != ninety_days.group_of(outsider)

    response = as_user(asker).post(
        f"/workbook/first-90-days/groups/{group.pk}/", {"body": f"How do I say no? {HOSTILE}"}
    )
    question = AlumniQuestion.objects.get()
    assert response["Location"] == f"/workbook/first-90-days/questions/{question.pk}/"
    as_user(helper).post(
        f"/workbook/first-90-days/questions/{question.pk}/", {"body": "Say what you say yes to."}
    )
    assert AlumniAnswer.objects.get().author == helper

    page = as_user(asker).get(f"/workbook/first-90-days/questions/{question.pk}/")
    text = page.content.decode()
    assert "Say what you say yes to." in text and "How do I say no?" in text
    assert HOSTILE not in text
    group_page = as_user(helper).get(f"/workbook/first-90-days/groups/{group.pk}/").content
    assert "1 answer" in group_page.decode()

    for person in (outsider, stranger, staff):
        c = as_user(person)
        assert c.get(f"/workbook/first-90-days/groups/{group.pk}/").status_code == 404
        assert c.get(f"/workbook/first-90-days/questions/{question.pk}/").status_code == 404
        assert (
            c.post(f"/workbook/first-90-days/questions/{question.pk}/", {"body": "hi"}).status_code
            == 404
        )
    client.logout()
    assert client.get(f"/workbook/first-90-days/groups/{group.pk}/").status_code == 302
    assert AlumniAnswer.objects.count() == 1


def test_leaving_a_group_asks_first_then_ends_the_reading(db, as_user):
    member = alumnus_of("sales", "UTC")
    client = as_user(member)
    client.post("/workbook/first-90-days/groups/join/")
    group = ninety_days.group_of(member)
    page = client.get(f"/workbook/first-90-days/groups/{group.pk}/leave/").content.decode()
    assert "Leave your first-90-days group?" in page
    assert ninety_days.group_of(member) == group  # asking changed nothing
    client.post(f"/workbook/first-90-days/groups/{group.pk}/leave/")
    assert ninety_days.group_of(member) is None
    assert client.get(f"/workbook/first-90-days/groups/{group.pk}/").status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_the_group_page_costs_the_same_with_few_or_many_questions(n, db, as_user):
    now = timezone.now()
    people = [alumnus_of("data", "UTC") for _ in range(3)]
    for person in people:
        ninety_days.alumni_group_join(user=person, now=now)
    group = ninety_days.group_of(people[0])
    for k in range(n):
        question = ninety_days.question_ask(
            group=group, author=people[k % 3], body=f"Q{k}", now=now
        )
        ninety_days.answer_add(question=question, author=people[(k + 1) % 3], body="A", now=now)
    assert_queries(as_user(people[0]), f"/workbook/first-90-days/groups/{group.pk}/", 8)


@pytest.mark.parametrize("n", [2, 25])
def test_the_plan_page_costs_the_same_with_few_or_many_check_ins(n, seeker, as_user):
    client = as_user(seeker)
    client.post("/workbook/first-90-days/", _plan_post())
    plan = NinetyDayPlan.objects.get()
    with time_machine.travel(timezone.now(), tick=False):
        for k in range(n):
            ninety_days.check_in_add(
                plan=plan, day=30, feeling="on-track", went_well=f"W{k}", next_steps="",
                now=timezone.now(),
            )  # fmt: skip
    client.get("/workbook/first-90-days/")  # shows (and so clears) the "saved" message
    assert_queries(client, "/workbook/first-90-days/", 10)
