"""Believable workbooks for the demo: two-pagers at different stages, listening tours of a
dozen conversations, fit statements that narrowed, shared drafts with comments, update notes."""

from __future__ import annotations

import datetime as dt
import random

from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Council, Landing, Membership
from jobcouncil.councils.services import membership_land
from jobcouncil.workbook import ninety_days, opportunities, services
from jobcouncil.workbook.models import (
    Contact,
    Debrief,
    Interview,
    Opportunity,
    Stage,
    TourConversation,
    TwoPager,
    UpdateNote,
)

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
    seed_first_90_days(now=now)
    _search(pool_seeker, now, stages=True)
    seed_offer(pool_seeker)
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
    # The demo's member login (the first member who is not the moderator) sees warm paths
    # through the fellows who opted in to share their contacts' companies.
    by_joining = sorted(active, key=lambda m: (m.joined_at, m.pk))
    for fellow in by_joining[:4]:
        opportunities.contact_companies_share(owner=fellow.user, allowed=True)
    member = next((m.user for m in by_joining if m.role != "moderator"), None)
    if member is not None:
        debriefed = _search(member, now, stages=False)
        trusted = next((u for u in readers if u.pk != member.pk), None)
        if debriefed is not None and trusted is not None:
            services.share_open(owner=member, item=debriefed, now=now, member=trusted)
    others = User.objects.filter(profile__isnull=False, two_pager__isnull=True).order_by("pk")
    for k, user in enumerate(others[:40]):
        _two_pager(user, 1 + k % 6, start + dt.timedelta(days=k % 20))


PLAN = {
    30: (
        "Understand how clinics use the product today\n"
        "Learn the team's rituals before changing any",
        "My manager's peers in sales and support\nEvery engineer, one to one\nTwo customers",
        "Fix the onboarding email everyone complains about",
    ),
    60: (
        "A roadmap for the next two quarters the team believes in",
        "The head of data\nOur biggest customer's operations lead",
        "Retire one report nobody reads",
    ),
    90: (
        "Ship the first roadmap item and measure it",
        "The CEO, for a 30-minute review of the plan",
        "A monthly product review that people want to come to",
    ),
}
GROUP_TALK = [
    (
        "How did you say no to your first request from another team without sounding difficult?",
        [
            "I said what I was saying yes to instead, and when I could look at theirs.",
            "Ask your manager first: it made it our decision, not mine.",
        ],
    ),
    (
        "My manager has not set up a one-to-one yet. Is it fine to ask for one in week two?",
        ["Yes! I asked on day three and they were relieved."],
    ),
]


def _plan(user: User, landing: Landing) -> None:
    ninety_days.plan_save(
        owner=user,
        role=landing.role,
        company=landing.company,
        starts_on=landing.start_date,
        stage_texts={
            day: {"goals": goals, "people": people, "early_wins": wins}
            for day, (goals, people, wins) in PLAN.items()
        },
    )


def seed_first_90_days(*, now: dt.datetime) -> None:
    """Council 1's member who landed has a plan and a first-90-days group; two alumni from
    other councils landed five weeks ago, in the same function, and have been asking and
    answering in that group since."""
    landing = Landing.objects.select_related("user__profile").order_by("pk").first()
    if landing is None:
        return
    lander = landing.user
    band = ninety_days.zone_band(lander.profile.timezone, now)
    peers = [
        m
        for m in Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            role=Membership.Role.MEMBER,
            user__profile__function=lander.profile.function,
        )
        .exclude(council_id=landing.council_id)
        .select_related("user__profile")
        .order_by("pk")
        if ninety_days.zone_band(m.user.profile.timezone, now) == band
    ][:2]
    earlier = now - dt.timedelta(days=38)
    alumni = []
    for k, membership in enumerate(peers):
        record = membership_land(
            membership=membership,
            landing={
                "role": ["Product lead", "Senior product manager"][k],
                "company": ["Contoso Care", "Tailspin Health"][k],
                "start_date": (earlier + dt.timedelta(days=3)).date(),
                "asked_for_more_money": True,
                "got_more_money": k == 0,
                "wants_alumni_group": True,
            },
            now=earlier,
            invite_by_email=False,  # history: nobody is emailed
        )
        if record is not None:
            alumni.append(record)
    for record in alumni:
        _plan(record.user, record)
        ninety_days.alumni_group_join(user=record.user, now=earlier + dt.timedelta(days=4))
    if alumni:
        plan = ninety_days.plan_for(alumni[0].user)
        for week, feeling in enumerate(["on-track", "some-behind", "on-track"]):
            ninety_days.check_in_add(
                plan=plan,
                day=30,
                feeling=feeling,
                went_well=["Met every engineer", "Two customer calls", "Onboarding email fixed"][
                    week
                ],
                next_steps=["Book customer calls", "Draft the roadmap outline", "Roadmap review"][
                    week
                ],
                now=earlier + dt.timedelta(days=10 + 7 * week),
            )
    _plan(lander, landing)
    group = ninety_days.alumni_group_join(user=lander, now=now - dt.timedelta(days=1))
    voices = [record.user for record in alumni] or [lander]
    for k, (body, answers) in enumerate(GROUP_TALK):
        question = ninety_days.question_ask(
            group=group,
            author=voices[k % len(voices)],
            body=body,
            now=earlier + dt.timedelta(days=12 + 9 * k),
        )
        for j, answer in enumerate(answers):
            ninety_days.answer_add(
                question=question,
                author=([*voices[1:], lander] * 2)[j],
                body=answer,
                now=earlier + dt.timedelta(days=13 + 9 * k, hours=j),
            )


TARGETS = [
    ("Northwind Health", "Director of Product", Stage.INTERVIEWING, ["role", "industry"], 12),
    ("Initech", "Head of Product", Stage.TALKING, ["role", "company_stage", "industry"], None),
    ("Acme Health", "Senior Product Manager", Stage.OFFER, ["industry"], 20),
    ("Globex", "VP Product", Stage.RESEARCHING, [], None),
    ("Tailspin", "Director of Product", Stage.CLOSED, ["role"], 30),
    ("Litware", "Product Lead, Platform", Stage.RESEARCHING, ["role", "location_culture"], None),
]
THANKS = [
    (
        "Priya Raman",
        "Introduced me to the Northwind team and told me to lead with my onboarding story.",
    ),
    ("Tom Becker", "Read my two-pager twice and asked the question that changed it."),
    ("My council", "Every Monday: the check-in, the asks, the laughter."),
    ("Lena Vogel", "Sat with me the day I was let go."),
]


def _search(user: User, now: dt.datetime, *, stages: bool) -> Debrief:
    """Targets at different stages, interviews (one ended and waiting for its debrief, one
    to come, one debriefed), a gratitude house and a named inner critic. Returns the debrief."""
    targets = []
    for company, role, stage, matches, applied_days in TARGETS if stages else TARGETS[:4]:
        target = opportunities.opportunity_save(
            owner=user, opportunity=None, company=company, role=role, fit_matches=matches,
            applied_on=(now - dt.timedelta(days=applied_days)).date() if applied_days else None,
            now=now - dt.timedelta(days=25),
        )  # fmt: skip
        opportunities.opportunity_move(opportunity=target, stage=stage, now=now)
        targets.append(target)
    first, second = targets[0], targets[2]

    def interview(target: Opportunity, starts_at: dt.datetime, who: str) -> Interview:
        return opportunities.interview_save(
            owner=user, opportunity=target, interview=None, starts_at=starts_at, minutes=45,
            with_whom=who, place="Video call",
            preparation="- Lead with the onboarding story (*40% faster*)\n- Ask about the team",
            now=now,
        )  # fmt: skip

    held = interview(first, now - dt.timedelta(days=9, hours=2), "Ana Lima, recruiter")
    interview(first, (now - dt.timedelta(hours=3)).replace(minute=0), "Sam Ortiz, hiring manager")
    interview(second, (now + dt.timedelta(days=3)).replace(minute=30), "The product team")
    debrief = opportunities.debrief_save(
        interview=held, how_it_went="Warmer than I feared. We ran over by ten minutes.",
        asked="Why product, why now, and a time I disagreed with engineering.",
        landed="The onboarding numbers. She wrote them down.",
        change="Shorter answer to 'tell me about yourself'.",
        critic_says="You talked too much; they could tell you have been out of work for months.",
        what_is_true="I answered every question, and they asked for a second round.",
    )  # fmt: skip
    for name, how in THANKS:
        opportunities.gratitude_add(owner=user, name=name, how=how)
    opportunities.inner_critic_save(
        owner=user, name="Gerald",
        says="Nobody hires someone who has been looking this long.",
        true_instead="People are hired after long searches every day, and my work speaks.",
    )  # fmt: skip
    return debrief


def seed_offer(user: User) -> None:
    """The pool's demo seeker brings a Job Mission to the interviewing target, and negotiates
    the offer from the one at the offer stage."""
    from decimal import Decimal

    from jobcouncil.workbook import offer
    from jobcouncil.workbook.models import Opportunity

    targets = {o.stage: o for o in Opportunity.objects.filter(owner=user).order_by("pk")}
    interviewing, offered = targets.get("interviewing"), targets.get("offer")
    if interviewing is not None:
        offer.job_mission_save(
            owner=user,
            opportunity=interviewing,
            name_on_page=user.profile.display_name,
            mission=(
                "Make the product the calmest part of a clinician's day: fewer clicks between "
                "a patient and their answer, and a team that ships what clinics ask for."
            ),
            objectives=[
                {
                    "objective": "Earn the clinics' trust",
                    "key_results": [
                        "Visit 6 clinics and sit with their staff in the first 30 days",
                        "Support tickets about scheduling down 25% by day 90",
                    ],
                },
                {
                    "objective": "A roadmap the team owns",
                    "key_results": [
                        "Roadmap reviewed with all 9 engineers and designers by day 45",
                        "2 discovery interviews a week, every week",
                    ],
                },
                {
                    "objective": "Ship the first win",
                    "key_results": ["The new booking flow live for 3 pilot clinics by day 90"],
                },
            ],
            questions=(
                "What would make you say, in a year, that this hire was a great one?\n"
                "Who decides the roadmap today, and how?\n"
                "What has the team tried before that did not work?"
            ),
        )
    if offered is not None:
        offer.negotiation_save(
            owner=user,
            opportunity=offered,
            currency="USD",
            base_salary=Decimal(148000),
            bonus=Decimal(15000),
            equity="0.05% over four years",
            start_date=None,
            ask_base_salary=Decimal(162000),
            ask_script=offer.default_ask_script(offered)
            .replace("[your figure]", "162,000")
            .replace("[the budget, training, hire or tools it needs]", "a designer by spring"),
            hires_what="A product designer by spring",
            hires_why="The booking flow needs research with clinics that I cannot do alone.",
            training_what="A course on leading managers",
            training_why="I will lead two team leads for the first time.",
        )
