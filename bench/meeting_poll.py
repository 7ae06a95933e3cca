"""Queries and milliseconds per poll of the live meeting page, for a council of 8 under way.

Run: python bench/meeting_poll.py [--polls 40] [--database-url postgres://...]
Seeds a throwaway SQLite database (or the empty database you name) with a council of 8 in the
middle of a meeting: everyone checked in, last time's commitments under review, new ones, an ask
each with three offers of help, apologies, check-out words. A member's page is then polled
through Django's test client (sessions, middleware and templates included), in two cases:
nothing changed since the last poll, and another member just updated their check-in.

- before: each poll cycle was seven GETs, one per read-only part (the old `parts/<part>/`
  view, each rebuilding the whole page's context). That view is kept below exactly as it was,
  so both can be measured side by side on the same data.
- after: one GET to the meeting's live endpoint, which answers 204 when its version stamp is
  unchanged and otherwise sends only the parts that changed (htmx out-of-band swaps).

Prints queries and median milliseconds per poll cycle, per viewer; multiply by viewers and
divide by 10 s for the load of one meeting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The seven read-only parts a member's page polled, every 10 s each, before the live endpoint.
OLD_PARTS = {
    "checkin-list": "councils/meeting/_checkin_list.html",
    "review-list": "councils/meeting/_review_list.html",
    "exercise-current": "councils/meeting/_exercise_current.html",
    "asks-list": "councils/meeting/_asks_list.html",
    "commitments-list": "councils/meeting/_commitments_list.html",
    "checkout-list": "councils/meeting/_checkout_list.html",
    "attendance-list": "councils/meeting/_attendance_list.html",
}


def old_meeting_part(request, council_id: int, meeting_id: int, part: str):
    """The per-part view as it was: the whole page's context for one small list."""
    from django.shortcuts import render

    from jobcouncil.councils.access import get_meeting_for_member

    try:
        from jobcouncil.councils.meeting_page import meeting_context
    except ImportError:  # a checkout from before the read model had its own module
        from jobcouncil.councils.views_meeting import meeting_context

    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    return render(request, OLD_PARTS[part], meeting_context(request, meeting, access))


def _urlconf():
    """The project's URLs plus the old per-part view, under its own path."""
    import types

    from django.contrib.auth.decorators import login_required
    from django.urls import include, path

    module = types.ModuleType("bench_meeting_poll_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path(
            "bench/<int:council_id>/<int:meeting_id>/<slug:part>/",
            login_required(old_meeting_part),
            name="bench-old-part",
        ),
        path("", include("jobcouncil.urls")),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def _seed(now: dt.datetime):
    from jobcouncil.councils.models import Ask, Attendance, CheckIn, Commitment, Meeting
    from jobcouncil.tests import factories

    moderator = factories.make_moderator(display_name="Mo Moderator")
    members = [factories.make_seeker(display_name=f"Member {i}") for i in range(1, 8)]
    council = factories.make_council(moderator, members)
    past = Meeting.objects.filter(council=council, starts_at__lt=now).order_by("starts_at").last()
    meeting = Meeting.objects.filter(council=council, starts_at__gte=now).order_by("starts_at")[0]
    meeting.starts_at = now - dt.timedelta(minutes=20)  # twenty minutes in
    meeting.save(update_fields=["starts_at"])
    people = [moderator, *members]
    for i, person in enumerate(people):
        CheckIn.objects.create(
            meeting=meeting,
            user=person,
            pulse=5 + i % 5,
            line="Two interviews this week; nervous about the second one.",
            checkout_word="" if i % 2 else "hopeful",
        )
        for text in ["Call Ana at Acme about the opening", "Rewrite the cover letter"]:
            Commitment.objects.create(
                council=council, user=person, made_at=past, text=text, due_at=meeting.starts_at
            )
        Commitment.objects.create(
            council=council,
            user=person,
            made_at=meeting,
            text="Apply to three roles",
            due_at=meeting.starts_at + dt.timedelta(days=3),
        )
        ask = Ask.objects.create(
            meeting=meeting, user=person, text="An introduction to someone at a hospital"
        )
        ask.helpers.add(*[p for p in people if p != person][:3])
    Attendance.objects.create(
        meeting=meeting, user=members[-1], status="excused", sent_apologies=True
    )
    return council, meeting, members


def _poll_url(html: str) -> str:
    """The live endpoint's URL with the state the page holds, as the browser would send it."""
    import html as html_lib
    import re

    found = re.search(r'id="meeting-live"[^>]*?hx-get="([^"]+)"', html)
    assert found, "no live poller on the page"
    return html_lib.unescape(found.group(1))


def _measure(client, polls: int, cycle, change=None):
    """Median ms and the queries of one poll cycle, over `polls` cycles."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(polls):
        if change is not None:
            change()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            cycle()
            timings.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
    return statistics.median(timings), max(queries), min(queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=40, help="poll cycles per case")
    parser.add_argument("--database-url", help="an empty database (default: throwaway SQLite)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = args.database_url or (
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        )
        os.environ["JOBCOUNCIL_TESTING"] = "1"  # cheap hasher, tasks run at once
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcouncil.settings")
        import django
        from django.core.management import call_command

        django.setup()
        from django.conf import settings
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import NoReverseMatch, reverse
        from django.utils import timezone

        from jobcouncil.councils import meetings

        setup_test_environment()
        settings.ROOT_URLCONF = _urlconf()
        settings.DEBUG = False
        call_command("migrate", verbosity=0)
        now = timezone.now()
        council, meeting, members = _seed(now)
        viewer, writer = members[0], members[1]
        client = Client()
        client.force_login(viewer)
        lines = iter(range(10**6))

        def change():
            meeting.refresh_from_db()
            meetings.meeting_checkin(
                meeting=meeting, user=writer, pulse=7, line=f"Better today ({next(lines)})"
            )

        def old_cycle():
            for part in OLD_PARTS:
                response = client.get(f"/bench/{council.pk}/{meeting.pk}/{part}/")
                assert response.status_code == 200, response.status_code

        results = {}

        def trivial():
            assert client.get("/healthz/").status_code == 200

        # The machine's own speed, for reading the rest: a page with one query.
        results["healthz (reference)", ""] = _measure(client, args.polls, trivial)
        results["before", "unchanged"] = _measure(client, args.polls, old_cycle)
        results["before", "changed"] = _measure(client, args.polls, old_cycle, change)
        try:
            reverse("councils:meeting-live", args=[council.pk, meeting.pk])
        except NoReverseMatch:  # a checkout from before the live endpoint: "before" only
            pass
        else:
            page = client.get(reverse("councils:meeting-detail", args=[council.pk, meeting.pk]))
            poll = [_poll_url(page.content.decode())]

            def new_cycle():
                response = client.get(poll[0], headers={"HX-Request": "true"})
                assert response.status_code in (200, 204), response.status_code
                if response.status_code == 200:  # the page now holds the new stamp
                    poll[0] = _poll_url(response.content.decode())

            results["after", "unchanged"] = _measure(client, args.polls, new_cycle)
            results["after", "changed"] = _measure(client, args.polls, new_cycle, change)

    print(f"council of 8, meeting under way; one member's page; {args.polls} poll cycles per case")
    print(f"database: {'PostgreSQL' if args.database_url else 'SQLite'}")
    print(f"{'':24}{'queries/poll':>14}{'ms/poll (median)':>20}")
    for (when, case), (ms, most, least) in results.items():
        label = f"{when}, {case}" if case else when
        count = f"{most}" if most == least else f"{least}-{most}"
        print(f"{label:24}{count:>14}{ms:>20.1f}")
    if ("after", "unchanged") in results:
        print("per meeting of 8 open pages, every 10 s:")
        for case in ("unchanged", "changed"):
            b, a = results["before", case], results["after", case]
            print(f"  {case}: {b[1] * 8 / 10:.1f} -> {a[1] * 8 / 10:.1f} queries a second")
        for case in ("unchanged", "changed"):
            b, a = results["before", case], results["after", case]
            print(f"{case}: {b[1] / a[1]:.1f}x fewer queries, {b[0] / a[0]:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
