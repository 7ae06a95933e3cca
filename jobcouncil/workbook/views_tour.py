"""The listening tour, contacts (typed or imported) and update notes."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.models import User
from jobcouncil.workbook import dues, services
from jobcouncil.workbook.access import get_item_for_owner
from jobcouncil.workbook.forms import (
    SUGGESTED,
    CadenceForm,
    ContactForm,
    ContactImportForm,
    ConversationForm,
    RecipientsForm,
    UpdateNoteForm,
)
from jobcouncil.workbook.models import (
    Contact,
    ContactImport,
    FitStatement,
    TourConversation,
    UpdateNote,
)
from jobcouncil.workbook.views import private, share_context

PAGE_SIZE = 50


@private
@require_GET
def tour(request: AuthenticatedHttpRequest) -> HttpResponse:
    conversations = Paginator(
        TourConversation.objects.filter(owner=request.user).select_related("contact"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "workbook/tour.html",
        {"conversations": conversations, "due": dues.tour_due(request.user)},
    )


@private
@require_http_methods(["GET", "POST"])
def conversation(
    request: AuthenticatedHttpRequest, conversation_id: int | None = None
) -> HttpResponse:
    item = (
        get_item_for_owner(request.user, TourConversation, conversation_id)
        if conversation_id
        else None
    )
    initial = {}
    if item is None:
        relation = request.GET.get("relation", "other")
        initial = {"relation": relation, "questions": SUGGESTED.get(relation, SUGGESTED["other"])}
        if request.GET.get("contact"):
            initial["contact"] = request.GET["contact"]
    form = ConversationForm(
        request.POST or None, instance=item, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = data["contact"] or services.contact_add(
            owner=request.user,
            name=data["new_name"],
            company=data["new_company"],
            position=data["new_position"],
        )
        fields = {name: data[name] for name in ConversationForm.Meta.fields}
        services.conversation_save(owner=request.user, conversation=item, contact=contact, **fields)
        messages.success(request, _("Saved to your listening tour."))
        return redirect("workbook:tour")
    return render(
        request,
        "workbook/conversation.html",
        {"form": form, "item": item, "suggested": SUGGESTED},
    )


@private
@require_http_methods(["GET", "POST"])
def conversation_delete(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, TourConversation, conversation_id)
    if request.method == "POST":
        services.conversation_remove(conversation=item)
        messages.success(request, _("The conversation is removed."))
        return redirect("workbook:tour")
    return render(request, "workbook/conversation_delete.html", {"item": item})


@private
@require_http_methods(["GET", "POST"])
def contacts(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_add(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Added to your contacts."))
        return redirect("workbook:contacts")
    people = Paginator(Contact.objects.filter(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shares_companies = services.workbook_settings_for(request.user).share_contact_companies
    return render(
        request,
        "workbook/contacts.html",
        {"form": form, "people": people, "shares_companies": shares_companies},
    )


@private
@require_http_methods(["GET", "POST"])
def contacts_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ContactImportForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.contacts_import_preview(
            owner=request.user, data=upload.read(), filename=upload.name
        )
        if isinstance(result, ContactImport):
            return redirect("workbook:contacts-import-preview", import_id=result.pk)
        error = result.error
    return render(request, "workbook/contacts_import.html", {"form": form, "error": error})


@private
@require_http_methods(["GET", "POST"])
def contacts_import_preview(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    pending = get_item_for_owner(request.user, ContactImport, import_id)
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            pending.delete()
            messages.success(request, _("Nothing was imported."))
            return redirect("workbook:contacts")
        count = services.contacts_import_confirm(pending=pending)
        messages.success(request, _("%(n)d contacts imported.") % {"n": count})
        return redirect("workbook:contacts")
    return render(
        request,
        "workbook/contacts_import_preview.html",
        {"pending": pending, "sample": pending.rows[:PAGE_SIZE]},
    )


def _note_template(user: User) -> tuple[str, str]:
    fit = FitStatement.objects.filter(owner=user).first()
    lessons = list(
        TourConversation.objects.filter(owner=user)
        .exclude(learned="")
        .order_by("-held_on", "-pk")
        .values_list("learned", flat=True)[:3]
    )
    looking = fit.one_liner if fit and fit.one_liner else _("(your fit line)")
    learned = "\n".join(f"- {line}" for line in lessons) or _("- (one thing you learned)")
    body = _(
        "Hello,\n\nA short update on my search.\n\nWhat I'm looking for: %(fit)s\n\n"
        "What I've learned lately:\n%(learned)s\n\nHow you can help: an introduction to "
        "someone in that world, or ten minutes of your advice.\n\nThank you for being in my "
        "corner.\n"
    ) % {"fit": looking, "learned": learned}
    return _("An update on my search"), body


@private
@require_http_methods(["GET", "POST"])
def updates(request: AuthenticatedHttpRequest) -> HttpResponse:
    cadence = CadenceForm(
        request.POST or None, instance=services.workbook_settings_for(request.user)
    )
    if request.method == "POST" and cadence.is_valid():
        services.workbook_settings_save(
            owner=request.user,
            update_note_every_weeks=cadence.cleaned_data["update_note_every_weeks"],
        )
        messages.success(request, _("Saved how often you send an update."))
        return redirect("workbook:updates")
    notes = Paginator(UpdateNote.objects.filter(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "workbook/updates.html",
        {"notes": notes, "cadence": cadence, "next_due": dues.next_update_note_due(request.user)},
    )


@private
@require_http_methods(["GET", "POST"])
def update_note(request: AuthenticatedHttpRequest, note_id: int | None = None) -> HttpResponse:
    note = get_item_for_owner(request.user, UpdateNote, note_id) if note_id else None
    if note is None:
        subject, body = _note_template(request.user)
        form = UpdateNoteForm(request.POST or None, initial={"subject": subject, "body": body})
    else:
        form = UpdateNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        note = services.update_note_save(owner=request.user, note=note, **form.cleaned_data)
        messages.success(request, _("Your note is saved."))
        return redirect("workbook:update-note", note_id=note.pk)
    context = {"form": form, "note": note}
    if note is not None:
        context.update(_send_context(request, note, RecipientsForm(owner=request.user)))
    return render(request, "workbook/update_note.html", context)


def _send_context(
    request: AuthenticatedHttpRequest, note: UpdateNote, recipients: RecipientsForm
) -> dict:
    sent = list(note.recipients.filter(sent_at__isnull=False).select_related("contact"))
    return {
        "recipients_form": recipients,
        "sent": sent,
        **share_context(request, note),
    }


@private
@require_http_methods(["POST"])
def update_note_send(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    """Open the seeker's own mail program with the chosen people in BCC, and record it."""
    note = get_item_for_owner(request.user, UpdateNote, note_id)
    recipients = RecipientsForm(request.POST, owner=request.user)
    if not recipients.is_valid():
        form = UpdateNoteForm(instance=note)
        context = {"form": form, "note": note, **_send_context(request, note, recipients)}
        return render(request, "workbook/update_note.html", context, status=200)
    people = list(recipients.cleaned_data["contacts"])
    services.update_note_record_sent(note=note, contacts=people, now=timezone.now())
    bcc = ",".join(quote(p.email, safe="@") for p in people)
    mailto = f"mailto:?bcc={bcc}&subject={quote(note.subject)}&body={quote(note.body)}"
    messages.success(
        request,
        _("Recorded as sent to %(n)d people. Your mail program opens with the note.")
        % {"n": len(people)},
    )
    return render(request, "workbook/update_note_send.html", {"note": note, "mailto": mailto})


@private
@require_GET
def update_note_download(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    note = get_item_for_owner(request.user, UpdateNote, note_id)
    response = HttpResponse(
        f"{note.subject}\n\n{note.body}\n", content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="update-note-{note.pk}.txt"'
    return response
