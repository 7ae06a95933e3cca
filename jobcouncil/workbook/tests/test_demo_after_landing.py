"""The demo's first 90 days: Council 1's alumnus has a plan and a group of alumni in their
function and timezone band, with questions asked and answered; their pages show them."""

from io import StringIO

from django.core.management import call_command

from jobcouncil.councils.models import Landing
from jobcouncil.workbook import ninety_days
from jobcouncil.workbook.models import AlumniQuestion, NinetyDayCheckIn


def test_the_demo_alumnus_has_a_plan_and_a_group_that_talks(db, client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    landing = Landing.objects.order_by("pk").first()
    alumnus = landing.user
    assert alumnus.email in out.getvalue()  # the login is printed
    plan = ninety_days.plan_for(alumnus)
    assert [s.day for s in plan.stages.all()] == [30, 60, 90]
    group = ninety_days.group_of(alumnus)
    members = list(group.members.select_related("user__profile"))
    assert len(members) >= 2
    assert {m.user.profile.function for m in members} == {alumnus.profile.function}
    assert AlumniQuestion.objects.filter(group=group).count() == 2
    assert NinetyDayCheckIn.objects.exists()
    client.force_login(alumnus)
    for url in ("/workbook/first-90-days/", f"/workbook/first-90-days/groups/{group.pk}/"):
        assert client.get(url).status_code == 200, url
    call_command("seed_demo", stdout=StringIO())
    assert AlumniQuestion.objects.count() == 2
