"""Every page people use, in a real browser: no accessibility violations (axe-core, WCAG 2.2
AA), one h1, no console errors, no broken internal links, and no sideways scrolling on a
phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from jobcouncil.rounds.models import MatchingRound
from jobcouncil.rounds.services import round_run
from jobcouncil.tests import factories
from jobcouncil.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}


def _check(
    page, live_server, path: str, problems: list[str], checked_links: set[str], status: int = 200
) -> None:
    page.console_errors.clear()
    response = page.goto(live_server.url + path)
    if response is None or response.status != status:
        problems.append(f"{path}: status {response and response.status}, not {status}")
        return
    if page.locator("h1").count() != 1:
        problems.append(f"{path}: {page.locator('h1').count()} h1 elements")
    # Injected through the DevTools protocol, which the page's CSP rightly does not allow.
    page.evaluate("() => {" + AXE + "\n}")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    for violation in result["violations"]:
        targets = [n["target"] for n in violation["nodes"][:3]]
        problems.append(f"{path}: axe {violation['id']} ({violation['impact']}) at {targets}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"{path}: {overflow}px sideways scroll on a phone")
    for href in page.eval_on_selector_all(
        "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    ):
        if href in checked_links or href.startswith("/static/"):
            continue
        checked_links.add(href)
        answer = page.context.request.get(live_server.url + href, max_redirects=0).status
        if answer >= 400:
            problems.append(f"{path}: link {href} answers {answer}")
    # An error page's own status is reported by the browser; nothing else may be.
    expected = f"the server responded with a status of {status}"
    problems.extend(
        f"{path}: console error {text}"
        for text in page.console_errors
        if status < 400 or expected not in text
    )


def _workbook_shared(owner, commenter):
    """A two-pager with items on both sides, shared and commented; a fit statement."""
    from jobcouncil.workbook import services
    from jobcouncil.workbook.models import TwoPager

    now = timezone.now()
    for side, topic, text in [
        ("want", "role", "Coach new managers"),
        ("want", "place", "Two days in the office"),
        ("dont_want", "people", "Micromanagement"),
    ]:
        services.two_pager_add_item(owner=owner, side=side, topic=topic, text=text, why="", now=now)
    services.fit_statement_save(
        owner=owner, role="Head of Design", company_stage="Series A", industry="climate",
        location_culture="Berlin", linkedin_text="", lessons=[], now=now,
    )  # fmt: skip
    share = services.share_open(owner=owner, item=TwoPager.objects.get(owner=owner), now=now)
    services.comment_add(
        share=share, author=commenter, body="Which *managers*?", parent=None, now=now
    )
    return share


def _notices(seeker, council):
    """An unread and a read notice, so the bell's count and both kinds of row are checked."""
    from jobcouncil.notifications.models import Notice

    for n, read_at in enumerate([None, timezone.now()]):
        Notice.objects.create(
            key=f"quality:{n}", user=seeker, kind=Notice.Kind.MEETING_CHANGED,
            text=f"A meeting of {council.name} moved to a new time.",
            url=f"/councils/{council.pk}/", read_at=read_at,
        )  # fmt: skip


def _offer_pages(seeker):
    """A target at the offer stage with its Job Mission and negotiation written."""
    from decimal import Decimal

    from jobcouncil.workbook import offer
    from jobcouncil.workbook.models import Opportunity

    target = Opportunity.objects.create(
        owner=seeker, company="Acme", role="Lead", stage="offer", stage_changed_at=timezone.now()
    )
    offer.job_mission_save(
        owner=seeker, opportunity=target, name_on_page="Sam", mission="Calm clinics.",
        objectives=[{"objective": "Trust", "key_results": ["5 visits"]},
                    {"objective": "Roadmap", "key_results": ["8 reviews"]}], questions="Why?",
    )  # fmt: skip
    offer.negotiation_save(
        owner=seeker, opportunity=target, currency="EUR", base_salary=Decimal(80000),
        asked_for_more=True, got_more=True, final_base_salary=Decimal(85000),
    )  # fmt: skip
    return [
        f"/workbook/targets/{target.pk}/mission/",
        f"/workbook/targets/{target.pk}/negotiation/",
    ]


def _after_landing(alumnus, council):
    """The alumnus' landing, 90-day plan with a check-in, and group with a question answered."""
    from jobcouncil.councils.models import Landing
    from jobcouncil.workbook import ninety_days

    now = timezone.now()
    landing = Landing.objects.create(
        user=alumnus, council=council, role="Analyst", company="Acme", start_date=now.date()
    )
    ninety_days.plan_save(
        owner=alumnus, role=landing.role, company=landing.company, starts_on=landing.start_date,
        stage_texts={30: {"goals": "Meet the team", "people": "Ana", "early_wins": "A fix"}},
    )  # fmt: skip
    plan = ninety_days.plan_for(alumnus)
    ninety_days.check_in_add(
        plan=plan, day=30, feeling="on-track", went_well="Lunch", next_steps="", now=now
    )
    group = ninety_days.alumni_group_join(user=alumnus, now=now)
    question = ninety_days.question_ask(group=group, author=alumnus, body="Lunch?", now=now)
    ninety_days.answer_add(question=question, author=alumnus, body="Yes", now=now)
    return [
        "/workbook/first-90-days/",
        "/workbook/first-90-days/check-in/",
        f"/workbook/first-90-days/groups/{group.pk}/",
        f"/workbook/first-90-days/groups/{group.pk}/leave/",
        f"/workbook/first-90-days/questions/{question.pk}/",
    ]


def _workbook_search(owner):
    """A target with an interview to come and one that ended, debriefed; a gratitude house."""
    import datetime as dt

    from jobcouncil.workbook import opportunities

    now = timezone.now()
    target = opportunities.opportunity_save(
        owner=owner, opportunity=None, company="Northwind", role="Head of Design",
        fit_matches=["role"], now=now,
    )  # fmt: skip
    ids = []
    for starts_at in (now + dt.timedelta(days=2), now - dt.timedelta(days=1)):
        ids.append(opportunities.interview_save(
            owner=owner, opportunity=target, interview=None, starts_at=starts_at, minutes=60,
            with_whom="Ana", place="Video", preparation="Tell the *story*", now=now,
        ).pk)  # fmt: skip
    opportunities.gratitude_add(owner=owner, name="Bo", how="Listened")
    w = "/workbook"
    return [f"{w}/targets/", f"{w}/targets/board/", f"{w}/targets/{target.pk}/",
            f"{w}/targets/{target.pk}/delete/", f"{w}/targets/{target.pk}/interviews/new/",
            f"{w}/interviews/{ids[0]}/", f"{w}/interviews/{ids[1]}/debrief/",
            f"{w}/interviews/{ids[1]}/delete/", f"{w}/activity/", f"{w}/gratitude/",
            f"{w}/inner-critic/"]  # fmt: skip


def test_every_page_is_accessible_linked_and_fits_a_phone(
    live_server, browser_page, council, seeker, moderator, staff, stranger, alumnus
):
    page = browser_page
    page.set_viewport_size(PHONE)
    staff.is_superuser = True
    staff.save()
    newcomer = factories.make_user("newcomer@example.org")
    volunteer = factories.make_user("volunteer@example.org")
    factories.make_profile(volunteer, volunteers_to_moderate=True)
    trained = factories.make_moderator("trained@example.org", moderator_approved_at=None).profile
    [factories.make_moderator()] + [factories.make_seeker() for _ in range(7)]
    matching_round = round_run(matching_round=MatchingRound.objects.create(seeker_types=["fast"]))
    upcoming = council.meetings.filter(starts_at__gt=timezone.now()).first()
    past = council.meetings.filter(starts_at__lt=timezone.now()).last()
    c = f"/councils/{council.pk}"
    share = _workbook_shared(seeker, moderator)
    _notices(seeker, council)
    search_pages = _workbook_search(seeker)
    pages = {
        alumnus: _after_landing(alumnus, council),
        None: [
            "/",
            "/accounts/signup/",
            "/accounts/login/",
            "/accounts/password/reset/",
            "/accounts/password/reset/done/",
            "/accounts/confirm-email/not-a-key/",
        ],
        newcomer: [
            "/me/profile/",
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/logout/",
        ],
        volunteer: ["/me/orientation/1/", "/me/orientation/4/", "/me/moderator-training/3/"],
        stranger: ["/pool/", "/pool/edit/", "/workbook/", "/me/availability/"],
        seeker: [
            "/workbook/",
            "/workbook/two-pager/",
            "/workbook/two-pager/guide/?step=2",
            "/workbook/two-pager/versions/",
            "/workbook/fit/",
            "/workbook/first-90-days/",
            *_offer_pages(seeker),
            f"/workbook/shared/{share.pk}/",
            *search_pages,
            f"{c}/",
            f"{c}/meetings/{upcoming.pk}/",
            f"{c}/meetings/{past.pk}/",
            f"{c}/leave/",
            f"{c}/landed/",
            "/councils/calendar/",
            "/me/delete/",
            "/me/moderating/",
            "/notices/",
        ],
        moderator: [
            f"{c}/meetings/{upcoming.pk}/",
            f"{c}/handover/",
            f"{c}/settings/",
        ],
        staff: [
            "/programme/",
            "/pool/rounds/",
            f"/pool/rounds/{matching_round.pk}/",
            "/programme/councils/",
            f"/programme/councils/{council.pk}/",
            "/programme/moderators/",
            f"/programme/moderators/{trained.pk}/",
            f"/programme/moderators/{trained.pk}/decline/",
        ],
    }
    problems: list[str] = []
    for user, paths in pages.items():
        log_in(page, live_server, user)
        checked_links: set[str] = set()
        for path in paths:
            _check(page, live_server, path, problems, checked_links)
    assert not problems, "\n".join(problems)


@pytest.mark.urls("jobcouncil.tests.urls_errors")
def test_the_error_pages_are_accessible_linked_and_fit_a_phone(
    live_server, browser_page, council, seeker
):
    page = browser_page
    page.set_viewport_size(PHONE)
    pages = {
        None: [("/no-such-page/", 404), ("/test-errors/400/", 400), ("/test-errors/500/", 500)],
        seeker: [
            ("/no-such-page/", 404),
            (f"/councils/{council.pk}/settings/", 403),
            ("/test-errors/500/", 500),
        ],
    }
    problems: list[str] = []
    for user, paths in pages.items():
        log_in(page, live_server, user)
        checked_links: set[str] = set()
        for path, status in paths:
            _check(page, live_server, path, problems, checked_links, status=status)
    assert not problems, "\n".join(problems)


def test_htmx_updates_on_the_meeting_page_log_no_console_error(
    live_server, browser_page, council, seeker
):
    """htmx settles a swapped element by copying the old element's attributes onto the new one;
    it copied `style` too, and under style-src 'self' every update logged "Applying inline style
    violates ..." once the inputs had a style attribute (a screenshot tool or a browser
    extension leaves `style=""` on inputs through the CSSOM, which the policy allows)."""
    page = browser_page
    log_in(page, live_server, seeker)
    upcoming = council.meetings.filter(starts_at__gt=timezone.now()).first()
    page.goto(live_server.url + f"/councils/{council.pk}/meetings/{upcoming.pk}/")
    page.console_errors.clear()

    def touch_styles() -> None:
        page.evaluate(
            """() => document.querySelectorAll('#main input, #main textarea, #main select')
                .forEach(e => { e.style.setProperty('caret-color', 'transparent');
                                e.style.removeProperty('caret-color'); })"""
        )

    touch_styles()
    checkin = page.locator("#section-checkin")
    checkin.get_by_label("Pulse").fill("6")
    checkin.get_by_label("One line").fill("Slept well")
    checkin.get_by_role("button", name="Check in").click()
    page.locator("#checkin-list", has_text="Slept well").wait_for()

    touch_styles()
    page.get_by_label("What would you like help with?").fill("A referral at a hospital")
    page.get_by_role("button", name="Post my ask").click()
    page.locator("#asks-list", has_text="A referral at a hospital").wait_for()

    assert page.console_errors == []


def test_the_admin_add_pages_work_under_their_policy(live_server, browser_page, staff):
    """The admin's add pages for models with dates: every stylesheet and script found (forms.css
    pulls widgets.css in with @import), no console error, every date and time input labelled."""
    page = browser_page
    page.set_viewport_size(PHONE)
    staff.is_superuser = True
    staff.save()
    static: dict[str, int] = {}
    page.on(
        "response",
        lambda r: (
            static.__setitem__(r.url.split("/static/", 1)[1], r.status)
            if "/static/" in r.url
            else None
        ),
    )
    log_in(page, live_server, staff)
    problems: list[str] = []
    checked_links: set[str] = set()
    for path in [
        "/admin/councils/meeting/add/",
        "/admin/councils/council/add/",
        "/admin/rounds/matchingschedule/add/",
    ]:
        _check(page, live_server, path, problems, checked_links)
    assert not problems, "\n".join(problems)
    assert {"admin/css/forms.css", "admin/css/widgets.css", "css/admin.css"} <= set(static)
    # 304: the browser asked again for a file it already had.
    assert {name: status for name, status in static.items() if status not in (200, 304)} == {}
