"""The demo's workbooks: every workbook page has something to show a newcomer."""

from io import StringIO

from django.core.management import call_command

from jobcouncil.accounts.models import User
from jobcouncil.workbook.models import (
    Comment,
    Debrief,
    FitStatementVersion,
    GratitudeEntry,
    Opportunity,
    Share,
    Stage,
    TourConversation,
    TwoPager,
    UpdateNoteRecipient,
)


def test_the_demo_fills_every_workbook_page_and_runs_twice(db, client):
    call_command("seed_demo", stdout=StringIO())
    maya = User.objects.get(email="maya@demo.jobcouncil.org")
    assert maya.two_pager.versions.count() == 7
    assert TourConversation.objects.filter(owner=maya).count() == 12
    assert FitStatementVersion.objects.filter(statement__owner=maya).count() == 3
    assert UpdateNoteRecipient.objects.filter(note__owner=maya).count() == 8
    assert Share.objects.filter(content_type__model="twopager").count() == 3
    assert Comment.objects.filter(addressed_at__isnull=False).count() == 1
    assert TwoPager.objects.count() > 40
    call_command("seed_demo", stdout=StringIO())
    assert TourConversation.objects.filter(owner=maya).count() == 12
    client.force_login(maya)
    for url in ("/workbook/", "/workbook/two-pager/", "/workbook/tour/", "/workbook/fit/",
                "/workbook/updates/", "/workbook/contacts/", "/workbook/targets/",
                "/workbook/targets/board/", "/workbook/activity/", "/workbook/gratitude/",
                "/workbook/inner-critic/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    # the search: targets at every stage, an interview waiting for its debrief, one debriefed
    assert set(Opportunity.objects.filter(owner=maya).values_list("stage", flat=True)) == set(
        Stage.values
    ) - {Stage.ACCEPTED}
    assert "Time to debrief" in client.get("/workbook/").content.decode()
    assert Debrief.objects.filter(owner=maya).count() == 1
    assert GratitudeEntry.objects.filter(owner=maya).count() == 4
    one = Share.objects.get(content_type__model="debrief")
    assert one.member is not None and one.member != one.owner
    client.force_login(one.owner)
    page = client.get(
        f"/workbook/targets/{Opportunity.objects.get(owner=one.owner, company='Initech').pk}/"
    )
    assert "A member of your council knows someone there." in page.content.decode()
