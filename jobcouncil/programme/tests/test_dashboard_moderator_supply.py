"""The dashboard counts invitations to train as a moderator, acceptances and trainings done."""

from __future__ import annotations

from jobcouncil.accounts import services
from jobcouncil.accounts.models import ModeratorInvitation
from jobcouncil.tests import factories


def _figures(page: str) -> str:
    start = page.index("Moderator supply")
    return " ".join(page[start : page.index("Outcomes", start)].split())


def test_the_dashboard_shows_invited_interested_and_trained(staff, as_user):
    people = [factories.make_seeker() for _ in range(3)]
    for person in people[:2]:
        services.moderator_invite(user=person, reason=ModeratorInvitation.Reason.ATTENDED)
    services.moderator_invite(user=people[2], reason=ModeratorInvitation.Reason.LANDED)
    services.moderator_interest(user=people[0])
    services.moderator_interest(user=people[2])
    people[2].profile.complete_moderator_training()
    figures = _figures(as_user(staff).get("/programme/").content.decode())
    assert "3 people (2 after three meetings, 1 after landing)" in figures
    assert "Said they were interested</dt><dd>2</dd>" in figures.replace("> <", "><")
    assert "Finished the training since</dt><dd>1</dd>" in figures.replace("> <", "><")


def test_with_no_invitations_it_says_nought(staff, as_user):
    figures = _figures(as_user(staff).get("/programme/").content.decode())
    assert "0 people (0 after three meetings, 0 after landing)" in figures
