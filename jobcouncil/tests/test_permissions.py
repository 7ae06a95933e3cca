"""One permission table for the whole URL conf (docs/permissions.md): every URL, every role,
read (GET) and write (POST). A URL without a row, a row without a URL, or any access that
differs from the table fails here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from jobcouncil.tests import factories

TABLE = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ROLES = ["anonymous", "seeker", "member", "backup", "alumnus", "staff", "superuser", "moderator"]
# The moderator goes last: their writes (close, hand over, leave) change the council.


@dataclass(frozen=True)
class Route:
    name: str
    path: str  # as in the URL conf, e.g. councils/<id:council_id>/


def _routes(resolver=None, prefix: str = "", namespace: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield Route(namespace + (entry.name or ""), prefix + str(entry.pattern))


def _admin(route: Route) -> bool:
    return route.path.startswith("admin/")


def url_rows() -> list[Route]:
    """Every URL of the conf; the admin's hundreds of model URLs count as one row."""
    seen, rows = set(), []
    for route in _routes():
        key = ("admin:*", "admin/") if _admin(route) else (route.name, route.path)
        if key not in seen:
            seen.add(key)
            rows.append(Route(*key))
    return rows


def table() -> dict[tuple[str, str], dict[str, str]]:
    """The markdown table: (name, path) -> {role: "R", "W", "RW" or "-"}."""
    rows = {}
    header: list[str] | None = None
    for line in TABLE.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| URL name"):
            header = [c.lower() for c in cells]
        elif header and line.startswith("| `"):
            row = dict(zip(header, cells, strict=True))
            key = (row["url name"].strip("`"), row["path"].strip("`"))
            rows[key] = {role: row[role] for role in ROLES}
    return rows


def test_every_url_has_exactly_one_row_and_every_row_a_url():
    documented = set(table())
    actual = {(r.name, r.path) for r in url_rows()}
    assert actual - documented == set(), "URLs without a row in docs/permissions.md"
    assert documented - actual == set(), "rows in docs/permissions.md for no URL"


def test_every_cell_says_read_write_both_or_nothing():
    for key, cells in table().items():
        for role, cell in cells.items():
            assert cell in ("R", "W", "RW", "-"), (key, role, cell)


@pytest.fixture
def cast(council, seeker, fellow, moderator, alumnus, staff):
    """One person per role around one council and one meeting that is under way."""
    from allauth.account.models import EmailAddress

    from jobcouncil.accounts.models import User
    from jobcouncil.councils.models import Ask, CalendarFeed, Commitment, Meeting, Membership
    from jobcouncil.councils.reminders import apology_token
    from jobcouncil.notifications.models import UnsubscribeLink
    from jobcouncil.rounds.models import MatchingRound

    backup = factories.make_seeker("backup@example.org", volunteers_to_moderate=True)
    backup.profile.moderator_training_completed_at = timezone.now()
    backup.profile.save()
    Membership.objects.create(council=council, user=backup, role="backup")
    waiting = factories.make_seeker("waiting@example.org")
    superuser = User.objects.create_superuser("root@example.org", factories.PASSWORD)
    EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    now = timezone.now()
    meeting = Meeting.objects.create(
        council=council,
        scheduled_for=now - dt.timedelta(minutes=30),
        starts_at=now - dt.timedelta(minutes=30),
    )
    Membership.objects.filter(user=alumnus).update(left_at=now)
    commitment = Commitment.objects.create(
        council=council, user=fellow, made_at=meeting, text="Call Ana", due_at=now
    )
    ask = Ask.objects.create(meeting=meeting, user=fellow, text="An intro to Acme?")
    _feed, feed_token = CalendarFeed.issue(fellow)
    item, share, comment = _workbook(fellow, moderator, now)
    tour_args = _workbook_tour(fellow)
    after_landing_args = _workbook_after_landing(alumnus, council, now)
    search_args = _workbook_search(fellow, now)
    _workbook_offer(fellow, search_args["target_id"])
    users = {
        "anonymous": None,
        "seeker": waiting,
        "member": fellow,
        "backup": backup,
        "alumnus": alumnus,
        "staff": staff,
        "superuser": superuser,
        "moderator": moderator,
    }
    args = {
        "council_id": council.pk,
        "meeting_id": meeting.pk,
        "round_id": MatchingRound.objects.create(seeker_types=["fast"]).pk,
        "profile_id": backup.profile.pk,
        "commitment_id": commitment.pk,
        "ask_id": ask.pk,
        "part": "checkin-list",
        "step": 1,
        "key": "not-a-real-key",
        "uidb36": "1",
        "item_id": item.pk,
        "share_id": share.pk,
        "comment_id": comment.pk,
        "kind": "two-pager",
        "notice_id": _notice(fellow, council).pk,
        **tour_args,
        **after_landing_args,
        **search_args,
    }
    tokens = {
        "councils:calendar-feed": feed_token,
        "notifications:unsubscribe": UnsubscribeLink.issue(fellow),
        "councils:meeting-apology": apology_token(meeting=meeting, user=fellow),
    }
    return users, args, tokens, seeker


def _notice(owner, council):
    """A notice of the member's own (read by then: the member's POST marks it read)."""
    from jobcouncil.notifications.models import Notice

    return Notice.objects.create(
        key="test:notice", user=owner, kind=Notice.Kind.MEETING_CHANGED, text="Moved", url="/"
    )


def _workbook(owner, commenter, now):
    """The member's two-pager item, its share with the council (before the alumnus left) and
    the moderator's comment on it."""
    from jobcouncil.workbook import services
    from jobcouncil.workbook.models import TwoPager

    earlier = now - dt.timedelta(hours=2)
    item = services.two_pager_add_item(
        owner=owner, side="want", topic="role", text="Coach people", why="", now=earlier
    )
    share = services.share_open(owner=owner, item=TwoPager.objects.get(owner=owner), now=earlier)
    comment = services.comment_add(
        share=share, author=commenter, body="Which people?", parent=None, now=earlier
    )
    return item, share, comment


def _workbook_tour(owner) -> dict:
    """The member's listening-tour conversation, pending contacts import and update note."""
    from jobcouncil.workbook import services
    from jobcouncil.workbook.models import Contact, TourConversation, UpdateNote

    contact = Contact.objects.create(owner=owner, name="Ana Lima", email="ana@example.org")
    pending = services.contacts_import_preview(
        owner=owner, data=b"Name,Email\nBo Chen,bo@example.org\n", filename="c.csv"
    )
    return {
        "conversation_id": TourConversation.objects.create(owner=owner, contact=contact).pk,
        "import_id": pending.pk,
        "note_id": UpdateNote.objects.create(owner=owner, subject="News", body="Hi").pk,
    }


def _workbook_after_landing(alumnus, council, now) -> dict:
    """The alumnus landed (a recorded landing), joined a first-90-days group and asked it."""
    from jobcouncil.councils.models import Landing
    from jobcouncil.workbook import ninety_days

    Landing.objects.create(
        user=alumnus, council=council, role="Analyst", company="Acme", start_date=now.date()
    )
    group = ninety_days.alumni_group_join(user=alumnus, now=now)
    question = ninety_days.question_ask(group=group, author=alumnus, body="Lunch?", now=now)
    return {"group_id": group.pk, "question_id": question.pk}


def _workbook_offer(owner, target_id) -> None:
    """The member's Job Mission for their target, so its PDF can be read."""
    from jobcouncil.workbook import offer
    from jobcouncil.workbook.models import Opportunity

    offer.job_mission_save(
        owner=owner, opportunity=Opportunity.objects.get(pk=target_id), name_on_page="Fran",
        mission="Calm clinics.", questions="",
        objectives=[{"objective": "Trust", "key_results": ["5 visits"]},
                    {"objective": "Roadmap", "key_results": ["8 reviews"]}],
    )  # fmt: skip


def _workbook_search(owner, now) -> dict:
    """The member's target, an interview for it that has ended, and a gratitude entry."""
    from jobcouncil.workbook import opportunities

    target = opportunities.opportunity_save(
        owner=owner, opportunity=None, company="Globex", role="Head of Product",
        fit_matches=[], now=now,
    )  # fmt: skip
    interview = opportunities.interview_save(
        owner=owner, opportunity=target, interview=None, starts_at=now - dt.timedelta(hours=3),
        minutes=60, with_whom="Ana", place="", preparation="", now=now,
    )  # fmt: skip
    entry = opportunities.gratitude_add(owner=owner, name="Bo", how="An introduction")
    return {"target_id": target.pk, "interview_id": interview.pk, "entry_id": entry.pk}


def _sample_path(route: Route, users: dict, args: dict, tokens: dict, role: str) -> str:
    if route.name == "admin:*":
        return "/admin/"

    def arg(match: re.Match) -> str:
        name = match.group(1)
        if name == "user_id":  # your own check-in: the member's for everyone else
            user = users[role] or users["member"]
            return str(user.pk)
        if name == "token":
            return tokens[route.name]
        return str(args[name])

    path = re.sub(r"<(?:\w+:)?(\w+)>", arg, route.path)
    # allauth writes two routes as regular expressions
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(args[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def _allowed(response) -> bool:
    if response.status_code in (403, 404, 405):
        return False
    location = response.get("Location", "")
    return not (response.status_code == 302 and "login" in location)


def _observe(client, route: Route, cast, role: str) -> str:
    users, args, tokens, _seeker = cast
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])
    path = _sample_path(route, users, args, tokens, role)
    if route.name == "admin:*":
        # Read: the index and every model's list (staff without permissions see an empty
        # index but no model). Write: adding anything.
        from django.contrib import admin

        models = [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in admin.site._registry]
        read = _allowed(client.get(path)) and all(_allowed(client.get(p)) for p in models)
        write = any(_allowed(client.post(p + "add/")) for p in models)
    else:
        read = _allowed(client.get(path))
        write = _allowed(client.post(path))
    return ("R" if read else "") + ("W" if write else "") or "-"


@pytest.mark.parametrize("route", url_rows(), ids=lambda r: r.name or r.path)
def test_every_role_gets_what_the_table_says(route, cast, client):
    expected = table().get((route.name, route.path))
    assert expected is not None, f"no row in docs/permissions.md for {route.name} {route.path}"
    observed = {role: _observe(client, route, cast, role) for role in ROLES}
    assert observed == expected
