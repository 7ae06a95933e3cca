"""What the workbook holds about a person, for their data export (lib/privacy.py): their
two-pager, contacts, listening-tour conversations, fit statement, update notes, what they
shared with their council and the comments they wrote. Other members' comments on their
shares are those members' words, so only their count is in here."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.privacy import Part, Section
from jobcouncil.workbook import privacy_search
from jobcouncil.workbook.models import (
    AlumniAnswer,
    AlumniGroupMember,
    AlumniQuestion,
    Comment,
    Contact,
    ContactImport,
    FitStatement,
    JobMission,
    Negotiation,
    NinetyDayCheckIn,
    NinetyDayStage,
    Share,
    TourConversation,
    TwoPagerItem,
    UpdateNote,
    WorkbookSettings,
)


def export(user: Any) -> list[Section]:
    items = TwoPagerItem.objects.filter(two_pager__owner=user).order_by("side", "pk")
    contacts = Contact.objects.filter(owner=user).order_by("pk")
    imports = ContactImport.objects.filter(owner=user).order_by("pk")
    tour = TourConversation.objects.filter(owner=user).select_related("contact").order_by("pk")
    fit = FitStatement.objects.filter(owner=user).first()
    notes = UpdateNote.objects.filter(owner=user).annotate(sent_to=Count("recipients"))
    shares = (
        Share.objects.filter(owner=user)
        .select_related("council", "content_type")
        .annotate(comments_n=Count("comments"))
        .order_by("pk")
    )
    comments = Comment.objects.filter(author=user).order_by("pk")
    rhythm = WorkbookSettings.objects.filter(owner=user).first()
    return [
        Section(
            key="two_pager",
            title=_("Two-pager"),
            fields={"side": _("Side"), "topic": _("Topic"), "text": _("Item"), "why": _("Why")},
            rows=[
                {
                    "side": i.get_side_display(),
                    "topic": i.get_topic_display(),
                    "text": i.text,
                    "why": i.why,
                }
                for i in items
            ],
        ),
        Section(
            key="contacts",
            title=_("Contacts"),
            fields={
                "name": _("Name"),
                "email": _("Email"),
                "company": _("Company"),
                "position": _("Role"),
                "profile_url": _("Profile link"),
                "connected_on": _("Connected on"),
            },
            rows=[
                {
                    "name": c.name,
                    "email": c.email,
                    "company": c.company,
                    "position": c.position,
                    "profile_url": c.profile_url,
                    "connected_on": c.connected_on,
                }
                for c in contacts
            ],
        ),
        Section(
            key="contact_imports",
            title=_("Contact imports"),
            fields={"filename": _("File"), "rows": _("Rows"), "created_at": _("Imported")},
            rows=[
                {"filename": x.filename, "rows": len(x.rows), "created_at": x.created_at}
                for x in imports
            ],
        ),
        Section(
            key="listening_tour",
            title=_("Listening tour"),
            fields={
                "contact": _("With"),
                "relation": _("Relation"),
                "questions": _("Questions to ask"),
                "planned_on": _("Planned for"),
                "held_on": _("Held on"),
                "notes": _("Notes"),
                "learned": _("What you learned"),
                "thank_you_sent": _("Thank-you sent"),
                "follow_up_on": _("Follow up on"),
            },
            rows=[
                {
                    "contact": t.contact.name,
                    "relation": t.get_relation_display(),
                    "questions": "\n".join(str(q) for q in t.questions),
                    "planned_on": t.planned_on,
                    "held_on": t.held_on,
                    "notes": t.notes,
                    "learned": t.learned,
                    "thank_you_sent": t.thank_you_sent,
                    "follow_up_on": t.follow_up_on,
                }
                for t in tour
            ],
        ),
        Section(
            key="fit_statement",
            title=_("Candidate market fit"),
            fields={
                "role": _("Role"),
                "company_stage": _("Company stage or size"),
                "industry": _("Industry"),
                "location_culture": _("Location or culture"),
                "linkedin_text": _("LinkedIn post"),
                "update_note_every_weeks": _("Update note every (weeks)"),
                "share_contact_companies": _("Council sees your contacts' companies"),
            },
            rows=[
                {
                    "role": fit.role if fit else "",
                    "company_stage": fit.company_stage if fit else "",
                    "industry": fit.industry if fit else "",
                    "location_culture": fit.location_culture if fit else "",
                    "linkedin_text": fit.linkedin_text if fit else "",
                    "update_note_every_weeks": rhythm.update_note_every_weeks if rhythm else None,
                    "share_contact_companies": rhythm.share_contact_companies if rhythm else False,
                }
            ],
            single=True,
        ),
        Section(
            key="update_notes",
            title=_("Update notes"),
            fields={
                "subject": _("Subject"),
                "body": _("Note"),
                "sent_to": _("Sent to (contacts)"),
                "created_at": _("Written"),
            },
            rows=[
                {
                    "subject": n.subject,
                    "body": n.body,
                    "sent_to": n.sent_to,
                    "created_at": n.created_at,
                }
                for n in notes
            ],
        ),
        Section(
            key="shares",
            title=_("Shared with your council"),
            fields={
                "council": _("Council"),
                "item": _("What"),
                "shared_at": _("Shared"),
                "ended_at": _("Unshared"),
                "alumni_may_read": _("Alumni may read"),
                "member": _("With one member alone"),
                "comments": _("Comments"),
            },
            rows=[
                {
                    "council": s.council.name,
                    "item": s.content_type.name,
                    "shared_at": s.shared_at,
                    "ended_at": s.ended_at,
                    "alumni_may_read": s.alumni_may_read,
                    # Who it is stays out: other members' names are not in one's export.
                    "member": s.member_id is not None,
                    "comments": s.comments_n,
                }
                for s in shares
            ],
            note=_("Other members' comments are their words: only how many is in here."),
        ),
        Section(
            key="comments",
            title=_("Comments you wrote"),
            fields={"body": _("Comment"), "created_at": _("Written")},
            rows=[{"body": c.body, "created_at": c.created_at} for c in comments],
        ),
        *_offers(user),
        *_after_landing(user),
        *privacy_search.sections(user),
    ]


def _offers(user: Any) -> list[Section]:
    """Job Missions and negotiations: the figures are the owner's, and only in their export."""
    missions = JobMission.objects.filter(owner=user).select_related("opportunity").order_by("pk")
    negotiations = (
        Negotiation.objects.filter(owner=user).select_related("opportunity").order_by("pk")
    )
    money = ("base_salary", "bonus", "ask_base_salary", "final_base_salary")
    return [
        Section(
            key="job_missions",
            title=_("Job Missions with OKRs"),
            fields={
                "target": _("For"),
                "name_on_page": _("Name on the page"),
                "mission": _("Mission"),
                "objectives": _("Objectives and key results"),
                "questions": _("Questions for the hiring manager"),
                "updated_at": _("Last changed"),
            },
            rows=[
                {
                    "target": str(m.opportunity),
                    "name_on_page": m.name_on_page,
                    "mission": m.mission,
                    "objectives": "\n".join(
                        f"{o['objective']}: " + "; ".join(o.get("key_results", []))
                        for o in m.objectives
                    ),
                    "questions": m.questions,
                    "updated_at": m.updated_at,
                }
                for m in missions
            ],
        ),
        Section(
            key="negotiations",
            title=_("Negotiations"),
            fields={
                "target": _("For"),
                "currency": _("Currency"),
                "base_salary": _("Base salary offered"),
                "bonus": _("Bonus offered"),
                "equity": _("Equity"),
                "start_date": _("Start date"),
                "ask_base_salary": _("Your ask"),
                "ask_script": _("What you would say"),
                "needs": _("What the role needs, and why"),
                "asked_for_more": _("You asked for more"),
                "got_more": _("You got more"),
                "final_base_salary": _("Base salary agreed"),
                "got_also": _("Anything else you got"),
            },
            rows=[
                {
                    "target": str(n.opportunity),
                    "currency": n.currency,
                    **{k: str(getattr(n, k)) if getattr(n, k) is not None else None for k in money},
                    "equity": n.equity,
                    "start_date": n.start_date,
                    "ask_script": n.ask_script,
                    "needs": "\n".join(
                        f"{what}: {why}"
                        for what, why in (
                            (n.budget_what, n.budget_why),
                            (n.training_what, n.training_why),
                            (n.hires_what, n.hires_why),
                            (n.tools_what, n.tools_why),
                        )
                        if what
                    ),
                    "asked_for_more": n.asked_for_more,
                    "got_more": n.got_more,
                    "got_also": n.got_also,
                }
                for n in negotiations
            ],
        ),
    ]


def _after_landing(user: Any) -> list[Section]:
    """The first 90 days: the plan, its check-ins, the alumni group and what was said there."""
    stages = NinetyDayStage.objects.filter(plan__owner=user).select_related("plan")
    check_ins = NinetyDayCheckIn.objects.filter(plan__owner=user).order_by("pk")
    member = AlumniGroupMember.objects.filter(user=user).first()
    questions = AlumniQuestion.objects.filter(author=user).order_by("pk")
    answers = AlumniAnswer.objects.filter(author=user).order_by("pk")
    return [
        Section(
            key="first_90_days",
            title=_("Your first 90 days"),
            fields={
                "role": _("Role"),
                "company": _("Company"),
                "starts_on": _("First day"),
                "day": _("Milestone (day)"),
                "goals": _("Goals"),
                "people": _("People to meet"),
                "early_wins": _("Early wins"),
            },
            rows=[
                {
                    "role": s.plan.role,
                    "company": s.plan.company,
                    "starts_on": s.plan.starts_on,
                    "day": s.day,
                    "goals": s.goals,
                    "people": s.people,
                    "early_wins": s.early_wins,
                }
                for s in stages
            ],
        ),
        Section(
            key="first_90_days_check_ins",
            title=_("First-90-days check-ins"),
            fields={
                "day": _("Milestone (day)"),
                "feeling": _("How it was going"),
                "went_well": _("What went well"),
                "next_steps": _("What you would do next"),
                "created_at": _("Written"),
            },
            rows=[
                {
                    "day": c.day,
                    "feeling": c.get_feeling_display(),
                    "went_well": c.went_well,
                    "next_steps": c.next_steps,
                    "created_at": c.created_at,
                }
                for c in check_ins
            ],
        ),
        Section(
            key="alumni_group",
            title=_("Your first-90-days group"),
            fields={"joined_at": _("Joined")},
            rows=[{"joined_at": member.joined_at}] if member else [],
            note=_("The other members and their words are theirs: only your own are in here."),
        ),
        Section(
            key="alumni_questions",
            title=_("Questions you asked your group"),
            fields={"body": _("Question"), "created_at": _("Asked")},
            rows=[{"body": q.body, "created_at": q.created_at} for q in questions],
        ),
        Section(
            key="alumni_answers",
            title=_("Answers you gave in your group"),
            fields={"body": _("Answer"), "created_at": _("Written")},
            rows=[{"body": a.body, "created_at": a.created_at} for a in answers],
        ),
    ]


PART = Part(
    app="workbook",
    order=35,
    export=export,
    models=(
        "workbook.TwoPager",
        "workbook.Contact",
        "workbook.ContactImport",
        "workbook.TourConversation",
        "workbook.FitStatement",
        "workbook.WorkbookSettings",
        "workbook.UpdateNote",
        "workbook.Share",
        "workbook.Comment",
        "workbook.JobMission",
        "workbook.Negotiation",
        "workbook.NinetyDayPlan",
        "workbook.AlumniGroupMember",
        "workbook.AlumniQuestion",
        "workbook.AlumniAnswer",
        *privacy_search.MODELS,
    ),
)
