"""Every write to the workbook: keyword-only, typed, one transaction each."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Model
from django.urls import reverse
from django.utils.translation import gettext as _

from jobcouncil.councils.models import Membership
from jobcouncil.notifications.emails import email_workbook_comment
from jobcouncil.workbook.contacts_import import Preview, contact_key, parse_contacts
from jobcouncil.workbook.models import (
    Comment,
    Contact,
    ContactImport,
    FitStatement,
    FitStatementVersion,
    Share,
    TourConversation,
    TwoPager,
    TwoPagerItem,
    TwoPagerVersion,
    UpdateNote,
    UpdateNoteRecipient,
    WorkbookSettings,
)

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User


class Refused(Exception):
    """A write the rules do not allow; the message is for the person who tried."""


def two_pager_for(owner: User) -> TwoPager:
    two_pager, _created = TwoPager.objects.get_or_create(owner=owner)
    return two_pager


def _record_two_pager_version(two_pager: TwoPager, *, now: dt.datetime) -> TwoPagerVersion | None:
    """Keep a version when the two-pager now differs from its latest version."""
    items = two_pager.snapshot()
    latest = two_pager.versions.order_by("-number").first()
    if latest is not None and latest.items == items:
        return None
    number = (latest.number if latest else 0) + 1
    return TwoPagerVersion.objects.create(
        two_pager=two_pager, number=number, items=items, created_at=now
    )


@transaction.atomic
def two_pager_add_item(
    *, owner: User, side: str, topic: str, text: str, why: str, now: dt.datetime
) -> TwoPagerItem:
    two_pager = two_pager_for(owner)
    TwoPager.objects.select_for_update().filter(pk=two_pager.pk).first()
    item = TwoPagerItem.objects.create(
        two_pager=two_pager, side=side, topic=topic, text=text.strip(), why=why.strip()
    )
    _record_two_pager_version(two_pager, now=now)
    two_pager.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def two_pager_change_item(
    *, item: TwoPagerItem, side: str, topic: str, text: str, why: str, now: dt.datetime
) -> TwoPagerItem:
    TwoPager.objects.select_for_update().filter(pk=item.two_pager_id).first()
    item.side, item.topic, item.text, item.why = side, topic, text.strip(), why.strip()
    item.save()
    _record_two_pager_version(item.two_pager, now=now)
    return item


@transaction.atomic
def two_pager_remove_item(*, item: TwoPagerItem, now: dt.datetime) -> None:
    two_pager = item.two_pager
    TwoPager.objects.select_for_update().filter(pk=two_pager.pk).first()
    item.delete()
    _record_two_pager_version(two_pager, now=now)


@transaction.atomic
def fit_statement_save(
    *,
    owner: User,
    role: str,
    company_stage: str,
    industry: str,
    location_culture: str,
    linkedin_text: str,
    lessons: list,
    now: dt.datetime,
) -> FitStatementVersion | None:
    """Save the statement; keep a version when its attributes changed (the fit narrowing)."""
    statement, _created = FitStatement.objects.get_or_create(owner=owner)
    statement = FitStatement.objects.select_for_update().get(pk=statement.pk)
    statement.role = role.strip()
    statement.company_stage = company_stage.strip()
    statement.industry = industry.strip()
    statement.location_culture = location_culture.strip()
    statement.linkedin_text = linkedin_text.strip()
    statement.save()
    statement.lessons.set(lessons)
    attributes = statement.attributes()
    latest = statement.versions.order_by("-number").first()
    if (latest is not None and latest.attributes == attributes) or not statement.one_liner:
        return None
    number = (latest.number if latest else 0) + 1
    return FitStatementVersion.objects.create(
        statement=statement,
        number=number,
        attributes=attributes,
        one_liner=statement.one_liner,
        created_at=now,
    )


def current_council_id(owner: User) -> int | None:
    return (
        Membership.objects.filter(user=owner, status=Membership.Status.ACTIVE)
        .values_list("council_id", flat=True)
        .first()
    )


def share_for(item: Model, council_id: int | None) -> Share | None:
    if council_id is None:
        return None
    return Share.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        council_id=council_id,
    ).first()


@transaction.atomic
def share_open(*, owner: User, item: Model, now: dt.datetime, member: User | None = None) -> Share:
    """Share with the owner's current council (again: earlier comments come back), or with
    one active member of it alone (`member`): then nobody else in the council sees it."""
    council_id = current_council_id(owner)
    if council_id is None:
        raise Refused(
            _("You can share once you are in a council. Until then, this stays yours alone.")
        )
    if member is not None and (
        member.pk == owner.pk
        or not Membership.objects.filter(
            council_id=council_id, user=member, status=Membership.Status.ACTIVE
        ).exists()
    ):
        raise Refused(_("Choose someone who is in your council now."))
    share, created = Share.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        council_id=council_id,
        defaults={"owner": owner, "shared_at": now, "member": member},
    )
    if not created and (
        share.ended_at is not None or share.member_id != getattr(member, "pk", None)
    ):
        share.ended_at = None
        share.shared_at = now
        share.member = member
        share.save(update_fields=["ended_at", "shared_at", "member"])
    return share


def share_end(*, share: Share, now: dt.datetime) -> None:
    """Unshare: hidden from the council at once; the comments stay with the owner."""
    if share.ended_at is None:
        share.ended_at = now
        share.save(update_fields=["ended_at"])


def share_set_alumni(*, share: Share, allowed: bool) -> None:
    share.alumni_may_read = allowed
    share.save(update_fields=["alumni_may_read"])


@transaction.atomic
def comment_add(
    *,
    share: Share,
    author: User,
    body: str,
    parent: Comment | None,
    now: dt.datetime,
    notify: bool = True,
) -> Comment:
    """A comment (or a reply, one level deep) on a shared item; the owner is told by email."""
    if parent is not None:
        if parent.share_id != share.pk:
            raise Refused(_("That comment belongs to something else."))
        parent = parent.parent or parent
    comment = Comment.objects.create(
        share=share, author=author, parent=parent, body=body.strip(), created_at=now
    )
    if notify and author.pk != share.owner_id:
        last = Comment.objects.filter(share=share).aggregate(n=Max("pk"))["n"]
        email_workbook_comment(
            user=share.owner,
            author_name=author.profile.display_name,
            url=reverse("workbook:shared", args=[share.pk]),
            key=f"workbook-comment:{share.pk}:{last}",
        )
    return comment


def comment_set_addressed(*, comment: Comment, addressed: bool, now: dt.datetime) -> None:
    comment.addressed_at = now if addressed else None
    comment.save(update_fields=["addressed_at"])


@transaction.atomic
def contact_add(
    *, owner: User, name: str, email: str = "", company: str = "", position: str = ""
) -> Contact:
    return Contact.objects.create(
        owner=owner,
        name=name.strip(),
        email=email.strip(),
        company=company.strip(),
        position=position.strip(),
    )


def contacts_import_preview(*, owner: User, data: bytes, filename: str) -> ContactImport | Preview:
    """Read the whole file; keep its readable rows as a pending import to confirm, or
    return the preview with the reason nothing can be imported."""
    existing = {
        contact_key(name, email, company)
        for name, email, company in Contact.objects.filter(owner=owner).values_list(
            "name", "email", "company"
        )
    }
    preview = parse_contacts(data, existing=existing)
    if preview.error:
        return preview
    ContactImport.objects.filter(owner=owner).delete()  # one pending import at a time
    return ContactImport.objects.create(
        owner=owner,
        filename=filename[:200],
        source=preview.source,
        rows=[r.as_dict() for r in preview.rows],
        duplicates=[r.as_dict() for r in preview.duplicates],
        problems=[
            {"line": p.line, "field": str(p.field), "message": str(p.message)}
            for p in preview.problems
        ],
    )


@transaction.atomic
def contacts_import_confirm(*, pending: ContactImport) -> int:
    """All or nothing: every readable row becomes a contact, or none does."""
    source = Contact.Source.LINKEDIN if pending.source == "linkedin" else Contact.Source.CSV
    existing = {
        contact_key(name, email, company)
        for name, email, company in Contact.objects.select_for_update()
        .filter(owner=pending.owner)
        .values_list("name", "email", "company")
    }
    new = []
    for row in pending.rows:
        key = contact_key(row["name"], row["email"], row["company"])
        if key in existing:
            continue  # imported meanwhile (another tab): never twice
        existing.add(key)
        new.append(
            Contact(
                owner=pending.owner,
                name=row["name"],
                email=row["email"],
                company=row["company"],
                position=row["position"],
                profile_url=row["profile_url"],
                connected_on=row["connected_on"] or None,
                source=source,
            )
        )
    Contact.objects.bulk_create(new, batch_size=1000)
    pending.delete()
    return len(new)


@transaction.atomic
def conversation_save(
    *, owner: User, conversation: TourConversation | None, contact: Contact, **fields: Any
) -> TourConversation:
    conversation = conversation or TourConversation(owner=owner)
    conversation.contact = contact
    for name, value in fields.items():
        setattr(conversation, name, value)
    conversation.save()
    return conversation


def conversation_remove(*, conversation: TourConversation) -> None:
    conversation.delete()


@transaction.atomic
def update_note_save(
    *, owner: User, note: UpdateNote | None, subject: str, body: str
) -> UpdateNote:
    note = note or UpdateNote(owner=owner)
    note.subject, note.body = subject.strip(), body.strip()
    note.save()
    return note


@transaction.atomic
def update_note_record_sent(*, note: UpdateNote, contacts: list[Contact], now: dt.datetime) -> int:
    """The seeker says they sent it to these people: record who and when (once each)."""
    recorded = 0
    for contact in contacts:
        recipient, created = UpdateNoteRecipient.objects.get_or_create(note=note, contact=contact)
        if recipient.sent_at is None:
            recipient.sent_at = now
            recipient.save(update_fields=["sent_at"])
            recorded += 1
    return recorded


def workbook_settings_for(owner: User) -> WorkbookSettings:
    settings_row, _created = WorkbookSettings.objects.get_or_create(owner=owner)
    return settings_row


def workbook_settings_save(*, owner: User, update_note_every_weeks: int) -> None:
    WorkbookSettings.objects.update_or_create(
        owner=owner, defaults={"update_note_every_weeks": update_note_every_weeks}
    )
