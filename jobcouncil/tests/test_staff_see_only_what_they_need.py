"""Staff see only what they need: every staff page (the programme's, the rounds', every admin
list, change and delete page) renders with a seeker's private words stored, and none of them
shows one. What members said stays in their council, as its norms promise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Ask, Attendance, CheckIn, Commitment, Landing, Meeting
from jobcouncil.notifications.emails import email_council_matched
from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import round_run
from jobcouncil.tests import factories

# Distinctive words only the seeker's council may read.
PRIVATE = {
    "check-in line": "PRIV-CHECKIN-LINE",
    "check-out word": "PRIVCHECKOUT",
    "commitment": "PRIV-COMMITMENT-TEXT",
    "ask": "PRIV-ASK-TEXT",
    "moderator's meeting notes": "PRIV-MEETING-NOTES",
    "charter": "PRIV-CHARTER-TEXT",
}
# Per person, whether they asked for more money and got it: the dashboard shows the share.
MONEY_LABELS = ["asked for more money", "got more money", "and I got more"]


@pytest.fixture
def private_words(council, seeker, fellow, moderator, alumnus):
    meeting = council.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    CheckIn.objects.create(
        meeting=meeting,
        user=seeker,
        pulse=2,
        line=PRIVATE["check-in line"],
        checkout_word=PRIVATE["check-out word"],
    )
    Attendance.objects.create(meeting=meeting, user=seeker, status="present")
    Commitment.objects.create(
        council=council,
        user=seeker,
        made_at=meeting,
        text=PRIVATE["commitment"],
        due_at=meeting.starts_at + dt.timedelta(days=3),
    )
    Ask.objects.create(meeting=meeting, user=seeker, text=PRIVATE["ask"]).helpers.add(fellow)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CLOSED, exercise="wants", notes=PRIVATE["moderator's meeting notes"]
    )
    council.charter = PRIVATE["charter"]
    council.save(update_fields=["charter"])
    Landing.objects.create(
        user=alumnus,
        council=council,
        role="Analyst",
        company="Acme",
        start_date=dt.date(2027, 1, 4),
        asked_for_more_money=True,
        got_more_money=True,
    )
    email_council_matched(user=seeker, council=council)
    # A volunteer waiting for approval (the moderator pages) and a round with a proposal.
    volunteer = factories.make_seeker(volunteers_to_moderate=True)
    volunteer.profile.moderator_training_completed_at = timezone.now()
    volunteer.profile.save()
    factories.make_moderator()
    for _ in range(7):
        factories.make_seeker()
    matching_round = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    assert matching_round.status == "preview"
    return {"council": council, "meeting": meeting, "volunteer": volunteer, "round": matching_round}


def _programme_pages(words) -> list[str]:
    council, volunteer = words["council"], words["volunteer"]
    return [
        reverse("programme:dashboard"),
        reverse("programme:council-list"),
        reverse("programme:council-detail", args=[council.pk]),
        reverse("programme:moderator-approvals"),
        reverse("programme:moderator-review", args=[volunteer.profile.pk]),
        reverse("programme:moderator-decline", args=[volunteer.profile.pk]),
        reverse("rounds:round-list"),
        reverse("rounds:round-detail", args=[words["round"].pk]),
    ]


def _admin_pages(words) -> list[str]:
    """The index, and for every registered model its list and every row's change page; the
    delete confirmations of the seeker and of the council, which list all that hangs off them."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        for pk in model._default_manager.values_list("pk", flat=True):
            pages.append(reverse(f"{name}_change", args=[pk]))
    seeker = User.objects.get(email="seeker@example.org")
    pages.append(reverse("admin:accounts_user_delete", args=[seeker.pk]))
    pages.append(reverse("admin:councils_council_delete", args=[words["council"].pk]))
    return pages


def _assert_private_words_absent(client, pages: list[str]) -> None:
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        for what, words in PRIVATE.items():
            assert words not in page, f"{path} shows the {what}"


def test_the_words_are_really_there_for_the_council(private_words, seeker, as_user):
    """The control: the member's own pages show them, so the checks below can fail."""
    council, meeting = private_words["council"], private_words["meeting"]
    page = as_user(seeker).get(f"/councils/{council.pk}/meetings/{meeting.pk}/").content.decode()
    for what in ("check-in line", "commitment", "ask"):
        assert PRIVATE[what] in page, what


def test_no_programme_or_round_page_shows_what_members_wrote(private_words, staff, as_user):
    _assert_private_words_absent(as_user(staff), _programme_pages(private_words))


def test_no_admin_page_shows_what_members_wrote(private_words, as_user):
    root = User.objects.create_superuser("root@example.org", factories.PASSWORD)
    pages = _admin_pages(private_words)
    assert len(pages) > 50
    _assert_private_words_absent(as_user(root), pages)


def test_the_admin_shows_no_ones_money_only_the_dashboard_shows_the_share(
    private_words, staff, as_user
):
    root = User.objects.create_superuser("root@example.org", factories.PASSWORD)
    landing = Landing.objects.get()
    client = as_user(root)
    for path in (
        reverse("admin:councils_landing_changelist"),
        reverse("admin:councils_landing_change", args=[landing.pk]),
    ):
        page = client.get(path).content.decode().lower()
        assert "acme" in page  # the landing itself is there
        for label in MONEY_LABELS:
            assert label not in page, (path, label)
    dashboard = as_user(staff).get(reverse("programme:dashboard")).content.decode()
    assert "asked for more money" in dashboard.lower()


# An offer's figures: the owner's alone. Distinctive numbers, looked for as typed and as any
# page might format them (187345, 187,345, 187 345, 187.345, 187345.00).
FIGURES = {"base": 187345, "bonus": 23457, "ask": 211119, "final": 199871}
OFFER_WORDS = {"ask script": "PRIV-ASK-SCRIPT", "equity": "PRIV-EQUITY-0.37"}


def _figure_forms(n: int) -> list[str]:
    grouped = f"{n:,}"
    return [str(n), grouped, grouped.replace(",", " "), grouped.replace(",", "."), f"{n}.00"]


@pytest.fixture
def offer_figures(private_words, seeker):
    from jobcouncil.workbook import offer
    from jobcouncil.workbook.tests.offers import make_opportunity

    opportunity = make_opportunity(seeker, role="Head of Product", company="Acme Health")
    offer.negotiation_save(
        owner=seeker,
        opportunity=opportunity,
        currency="EUR",
        base_salary=FIGURES["base"],
        bonus=FIGURES["bonus"],
        equity=OFFER_WORDS["equity"],
        ask_base_salary=FIGURES["ask"],
        ask_script=OFFER_WORDS["ask script"],
        asked_for_more=True,
        got_more=True,
        final_base_salary=FIGURES["final"],
    )
    return opportunity


def _assert_no_figures(page: str, where: str) -> None:
    for name, n in FIGURES.items():
        for shown in _figure_forms(n):
            assert shown not in page, f"{where} shows the {name} figure ({shown})"
    for what, words in OFFER_WORDS.items():
        assert words not in page, f"{where} shows the {what}"


def test_the_owner_sees_their_offer_figures_and_their_export_holds_them(
    offer_figures, seeker, as_user
):
    """The control: the figures are really on the owner's page and in the owner's export."""
    client = as_user(seeker)
    page = client.get(f"/workbook/targets/{offer_figures.pk}/negotiation/").content.decode()
    assert "187,345" in page and OFFER_WORDS["ask script"] in page
    export = client.get("/me/data.json").content.decode()
    assert "187345" in export and OFFER_WORDS["ask script"] in export


def test_no_staff_admin_council_or_other_persons_page_shows_offer_figures(
    offer_figures, private_words, staff, fellow, moderator, as_user
):
    root = User.objects.create_superuser("root@example.org", factories.PASSWORD)
    for path in _admin_pages(private_words):
        _assert_no_figures(as_user(root).get(path).content.decode(), path)
    for path in _programme_pages(private_words):
        _assert_no_figures(as_user(staff).get(path).content.decode(), path)
    council = private_words["council"]
    for person in (fellow, moderator):
        client = as_user(person)
        for path in (f"/councils/{council.pk}/", "/me/data.json", "/me/data.html"):
            response = client.get(path)
            assert response.status_code == 200, path
            _assert_no_figures(response.content.decode(), f"{path} for {person}")
        other = client.get(f"/workbook/targets/{offer_figures.pk}/negotiation/")
        assert other.status_code == 404
