"""Hostile text typed by members, in a real browser, across the pages that show it to other
people: every field a member or moderator writes (names, the council's name, charter and
announcement, check-ins, commitments, asks, meeting notes, the pool note, the workbook) holds
markup that would add an element marked `data-pwned` if it were ever rendered as HTML. On
every page, for the member, the moderator and staff, no such element exists, nothing ran, and
the text is shown as the person typed it.

The markup is an element, not only a script: the Content-Security-Policy would stop an inline
script even if escaping broke, so a script alone would prove nothing about escaping."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jobcouncil.councils.models import Ask, CheckIn, Commitment, Meeting, Membership
from jobcouncil.tests import factories
from jobcouncil.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHORT = "<i data-pwned>x</i>"  # fits every field, the 40-character check-out word included
LONG = (
    "{{ 7*7 }} <b data-pwned>bold</b> <img src=x data-pwned onerror=\"document.title='pwned'\"> "
    '"><svg data-pwned onload="document.title=\'pwned\'"></svg> [x](javascript:alert(1))'
)


# What a person sees: the page's text, what its fields hold, and its menus' choices.
SHOWN = """() => [document.body.innerText,
    ...[...document.querySelectorAll('input, textarea')].map(e => e.value),
    ...[...document.querySelectorAll('option')].map(o => o.text)].join(' ')"""


def _write_hostile_text_everywhere(council, seeker, moderator, fellow) -> dict:
    from jobcouncil.workbook import services
    from jobcouncil.workbook.models import TwoPager

    now = timezone.now()
    for membership in council.memberships.select_related("user__profile"):
        profile = membership.user.profile
        profile.display_name = f"Ana {SHORT}"
        profile.function = profile.industry = profile.location = SHORT
        profile.save()
    # The backup is who the moderator's hand-over page offers.
    council.memberships.filter(user=fellow).update(role=Membership.Role.BACKUP)
    council.name = f"C {SHORT}"
    council.charter = LONG
    council.announcement = LONG
    council.save()
    past = council.meetings.filter(starts_at__lt=now).last()
    upcoming = council.meetings.filter(starts_at__gt=now).first()
    Meeting.objects.filter(pk=past.pk).update(notes=LONG)
    CheckIn.objects.create(meeting=past, user=seeker, pulse=5, line=LONG, checkout_word=SHORT)
    Commitment.objects.create(
        council=council, user=seeker, made_at=past, text=LONG, due_at=upcoming.starts_at
    )
    Ask.objects.create(meeting=past, user=seeker, text=LONG)
    waiting = factories.make_seeker()
    waiting.pool_entry.note = LONG
    waiting.pool_entry.save()
    services.two_pager_add_item(
        owner=seeker, side="want", topic="role", text=LONG, why=LONG, now=now
    )
    services.fit_statement_save(
        owner=seeker, role=SHORT, company_stage=SHORT, industry=SHORT, location_culture=SHORT,
        linkedin_text=LONG, lessons=[], now=now,
    )  # fmt: skip
    contact = services.contact_add(owner=seeker, name=SHORT, company=SHORT, position=SHORT)
    services.conversation_save(
        owner=seeker, conversation=None, contact=contact, relation="friend", notes=LONG,
        learned=LONG,
    )  # fmt: skip
    services.update_note_save(owner=seeker, note=None, subject=SHORT, body=LONG)
    share = services.share_open(owner=seeker, item=TwoPager.objects.get(owner=seeker), now=now)
    services.comment_add(share=share, author=moderator, body=LONG, parent=None, now=now)
    return {"past": past, "upcoming": upcoming, "share": share, "entry": waiting.pool_entry}


def test_hostile_text_renders_as_text_on_every_page_that_shows_it(
    live_server, browser_page, council, seeker, moderator, fellow, staff
):
    page = browser_page
    made = _write_hostile_text_everywhere(council, seeker, moderator, fellow)
    c = f"/councils/{council.pk}"
    meetings = [f"{c}/meetings/{made['past'].pk}/", f"{c}/meetings/{made['upcoming'].pk}/"]
    pages = {
        seeker: [
            f"{c}/",
            *meetings,
            "/workbook/",
            "/workbook/two-pager/",
            "/workbook/fit/",
            "/workbook/tour/",
            "/workbook/contacts/",
            "/workbook/updates/",
            f"/workbook/shared/{made['share'].pk}/",
            "/me/profile/",
        ],
        moderator: [f"{c}/", *meetings, f"{c}/settings/", f"{c}/handover/"],
        staff: [
            "/programme/",
            "/programme/councils/",
            f"/programme/councils/{council.pk}/",
            f"/admin/councils/council/{council.pk}/change/",
            f"/admin/pool/poolentry/{made['entry'].pk}/change/",
        ],
    }
    # Pages that show none of the typed text, checked only for what ran or was injected.
    quiet = {"/workbook/", "/programme/"}
    staff.is_superuser = True
    staff.save()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    problems: list[str] = []
    for user, paths in pages.items():
        log_in(page, live_server, user)
        for path in paths:
            response = page.goto(live_server.url + path)
            if response is None or response.status != 200:
                problems.append(f"{path}: status {response and response.status}")
                continue
            injected = page.locator("[data-pwned]").count()
            if injected:
                problems.append(f"{path} as {user.email}: {injected} injected elements")
            if page.title() == "pwned":
                problems.append(f"{path} as {user.email}: a handler ran")
            if path not in quiet and "data-pwned" not in page.evaluate(SHOWN):
                problems.append(f"{path} as {user.email}: the typed text is not shown")
    assert not dialogs, dialogs
    assert not problems, "\n".join(problems)
