"""Believable workbooks for the demo: two-pagers at different stages, listening tours of a
dozen conversations, fit statements that narrowed, shared drafts with comments, update notes."""

from __future__ import annotations

import datetime as dt
import random

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Council, Membership
from jobcouncil.workbook import services
from jobcouncil.workbook.models import Contact, TourConversation, TwoPager, UpdateNote

ITEMS = [
    ("want", "role", "Lead a small product team", "I do my best work close to the people"),
    ("want", "people", "A manager who gives direct feedback", ""),
    ("want", "company", "A company past product-market fit, under 500 people", ""),
    ("want", "place", "Remote, with a week together each quarter", "My family is here"),
    ("want", "learning", "Learn to hire and grow managers", ""),
    ("want", "money", "Enough to stop worrying about rent", ""),
    ("dont_want", "role", "Pure project management without a say in what we build", ""),
    ("dont_want", "people", "A culture of always-on chat at night", "I burned out once"),
    ("dont_want", "company", "Another pre-seed start-up", "I need stability this time"),
    ("dont_want", "other", "A commute over an hour", ""),
]
FITS = [
    ("Product manager", "start-up", "health", ""),
    ("Senior product manager", "Series B start-up", "digital health", ""),
    ("Director of Product", "Series B start-up", "healthcare", "remote-first, calm culture"),
]
PEOPLE = [
    (
        "Priya Raman",
        "colleague",
        "Northwind Health",
        "VP Product",
        "You are best at turning chaos into a plan",
    ),
    ("Tom Becker", "colleague", "Contoso", "Engineering lead", "Look at scale-ups, not giants"),
    ("Lena Vogel", "friend", "Fabrikam", "Designer", "Your stories land when they have numbers"),
    (
        "Marcus Hill",
        "recruiter",
        "TalentBridge",
        "Recruiter",
        "Healthcare product roles want domain depth",
    ),
    ("Aiko Tanaka", "colleague", "Initech", "Head of Data", "People remember your onboarding work"),
    ("Sara Costa", "friend", "Globex", "Founder", ""),
    ("David Okafor", "recruiter", "Hireside", "Partner", "Series B is the sweet spot for you"),
    ("Julia Novak", "colleague", "Umbrella", "COO", ""),
    ("Omar Haddad", "other", "Acme Health", "Product lead", "Remote teams hire via referrals"),
    ("Emma Moreau", "friend", "Tailspin", "Engineer", ""),
    ("Felix Weiss", "colleague", "Litware", "CTO", "Ask for the problem, not the job"),
    ("Grace Sato", "other", "Adventure Works", "Product ops", ""),
]
COMMENTS = [
    "Your want for a small team is clear. What size is small for you: five, fifteen?",
    "I love *remote with a week together*. Could you add why that matters?",
    "The money item could be a number: it helps you say no faster.",
]


def _two_pager(user: User, count: int, start: dt.datetime) -> TwoPager:
    for k, (side, topic, text, why) in enumerate(ITEMS[:count]):
        services.two_pager_add_item(
            owner=user, side=side, topic=topic, text=text, why=why,
            now=start + dt.timedelta(days=k // 3, hours=k),
        )  # fmt: skip
    return TwoPager.objects.get(owner=user)


def _fit(user: User, steps: int, start: dt.datetime) -> None:
    for k, (role, stage, industry, place) in enumerate(FITS[:steps]):
        services.fit_statement_save(
            owner=user, role=role, company_stage=stage, industry=industry,
            location_culture=place, linkedin_text="", lessons=[],
            now=start + dt.timedelta(days=7 * k),
        )  # fmt: skip


def _tour(rng: random.Random, user: User, now: dt.datetime, count: int) -> list[Contact]:
    contacts = []
    for k, (name, relation, company, position, learned) in enumerate(PEOPLE[:count]):
        email = f"{name.split()[0].lower()}@example.org"
        contact = Contact.objects.create(
            owner=user, name=name, email=email, company=company, position=position
        )
        contacts.append(contact)
        held = (now - dt.timedelta(days=3 * (count - k))).date() if learned else None
        TourConversation.objects.create(
            owner=user,
            contact=contact,
            relation=relation,
            questions=["golden", "strengths"] if relation != "recruiter" else ["fit-advice"],
            planned_on=held or (now + dt.timedelta(days=rng.randint(1, 10))).date(),
            held_on=held,
            notes="Talked for 30 minutes. *Generous* with time." if held else "",
            learned=learned,
            thank_you_sent=bool(held) and k % 3 != 0,
            follow_up_on=(now + dt.timedelta(days=rng.randint(-2, 12))).date() if held else None,
        )
    return contacts


def _update_note(user: User, contacts: list[Contact], sent: dt.datetime) -> None:
    note = UpdateNote.objects.create(
        owner=user,
        subject="An update on my search",
        body="Hello,\n\nWhat I'm looking for: Director of Product, Series B healthcare.\n\n"
        "Thank you for being in my corner.\n",
    )
    services.update_note_record_sent(note=note, contacts=contacts[:8], now=sent)


def seed_workbooks(rng: random.Random, *, now: dt.datetime, pool_seeker: User) -> None:
    """The pool's demo seeker has a full workbook; Council 1's members share and comment;
    others are at different stages."""
    if TwoPager.objects.exists():
        return
    start = now - dt.timedelta(weeks=5)
    _two_pager(pool_seeker, 7, start)
    _fit(pool_seeker, 3, start)
    _update_note(pool_seeker, _tour(rng, pool_seeker, now, 12), now - dt.timedelta(days=10))
    lessons = TourConversation.objects.filter(owner=pool_seeker).exclude(learned="")
    pool_seeker.fit_statement.lessons.set(lessons.order_by("pk")[:3])
    services.workbook_settings_save(owner=pool_seeker, update_note_every_weeks=2)
    council = Council.objects.order_by("pk").first()
    if council is None:
        return
    active = list(
        Membership.objects.filter(council=council, status=Membership.Status.ACTIVE)
        .select_related("user__profile")
        .order_by("pk")
    )
    readers = [m.user for m in active]
    for k, membership in enumerate(active):
        user = membership.user
        two_pager = _two_pager(user, 10 - k, start + dt.timedelta(days=k))
        _fit(user, 1 + k % 3, start)
        _tour(rng, user, now, 4 + k)
        if k < 3:  # three have shared their two-pager; the first has comments
            share = services.share_open(owner=user, item=two_pager, now=now - dt.timedelta(days=4))
            if k == 0:
                for j, body in enumerate(COMMENTS):
                    comment = services.comment_add(
                        share=share, author=readers[j + 1], body=body, parent=None,
                        now=now - dt.timedelta(days=3, hours=-j), notify=False,
                    )  # fmt: skip
                    if j == 0:
                        services.comment_set_addressed(
                            comment=comment, addressed=True, now=now - dt.timedelta(days=2)
                        )
        if k < 5:
            fit = user.fit_statement
            services.share_open(owner=user, item=fit, now=now - dt.timedelta(days=2))
    others = User.objects.filter(profile__isnull=False, two_pager__isnull=True).order_by("pk")
    for k, user in enumerate(others[:40]):
        _two_pager(user, 1 + k % 6, start + dt.timedelta(days=k % 20))
