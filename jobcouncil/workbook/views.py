"""The workbook's pages. Every object comes through workbook/access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.lib.access import View
from jobcouncil.lib.errors import refuse
from jobcouncil.workbook import overview, services
from jobcouncil.workbook.access import (
    get_comment_for_owner,
    get_item_for_owner,
    get_shared_item_for_member,
)
from jobcouncil.workbook.forms import (
    CommentForm,
    FitStatementForm,
    GuideAnswerForm,
    TwoPagerItemForm,
)
from jobcouncil.workbook.models import (
    Comment,
    Debrief,
    FitStatement,
    InnerCritic,
    TwoPager,
    TwoPagerItem,
    UpdateNote,
)
from jobcouncil.workbook.two_pager import GUIDE, compare, grouped

SHAREABLE = {"two-pager": TwoPager, "fit": FitStatement}
# Where each kind's page is, to go back to after sharing.
SHARE_PAGES = {"two-pager": "workbook:two-pager", "fit": "workbook:fit"}


def private(view: View) -> View:
    """Workbook pages hold fears and salaries: never kept in a browser's cache."""
    return login_required(never_cache(view))


@private
@require_GET
def workbook_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = overview.exercises(request.user)
    return render(
        request,
        "workbook/overview.html",
        {
            "exercises": items,
            "next_step": overview.next_step(
                items, in_council=services.current_council_id(request.user) is not None
            ),
            "due": overview.due_this_week(request.user),
            "today": timezone.localdate(),
            "search": overview.search(request.user),
        },
    )


def share_context(request: AuthenticatedHttpRequest, item: Model) -> dict:
    council_id = services.current_council_id(request.user)
    return {
        "share": services.share_for(item, council_id) if item.pk else None,
        "in_council": council_id is not None,
    }


@private
@require_http_methods(["GET", "POST"])
def two_pager(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = TwoPager.objects.filter(owner=request.user).first() or TwoPager(owner=request.user)
    form = TwoPagerItemForm(request.POST or None, initial={"side": "want"})
    if request.method == "POST" and form.is_valid():
        services.two_pager_add_item(owner=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Added to your two-pager."))
        return redirect("workbook:two-pager")
    items = list(page.items.all()) if page.pk else []
    return render(
        request,
        "workbook/two_pager.html",
        {
            "form": form,
            "wants": grouped(items, TwoPagerItem.Side.WANT),
            "dont_wants": grouped(items, TwoPagerItem.Side.DONT_WANT),
            "has_items": bool(items),
            "version_count": page.versions.count() if page.pk else 0,
            "kind": "two-pager",
            **share_context(request, page),
        },
    )


@private
@require_http_methods(["GET", "POST"])
def two_pager_item(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, TwoPagerItem, item_id)
    form = TwoPagerItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.two_pager_change_item(item=item, now=timezone.now(), **data)
        messages.success(request, _("Saved."))
        return redirect("workbook:two-pager")
    return render(request, "workbook/two_pager_item.html", {"form": form, "item": item})


@private
@require_http_methods(["GET", "POST"])
def two_pager_item_delete(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, TwoPagerItem, item_id)
    if request.method == "POST":
        services.two_pager_remove_item(item=item, now=timezone.now())
        messages.success(request, _("Removed. An earlier version still has it if you need it."))
        return redirect("workbook:two-pager")
    return render(request, "workbook/two_pager_item_delete.html", {"item": item})


@private
@require_http_methods(["GET", "POST"])
def two_pager_guide(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        step = int(request.GET.get("step", "1"))
    except ValueError:
        step = 1
    if not 1 <= step <= len(GUIDE):
        raise Http404
    question = GUIDE[step - 1]
    form = GuideAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") != "skip":
            services.two_pager_add_item(
                owner=request.user,
                side=question.side,
                topic=question.topic,
                text=form.cleaned_data["text"],
                why=form.cleaned_data["why"],
                now=timezone.now(),
            )
            messages.success(request, _("Added to your two-pager."))
        if step == len(GUIDE):
            return redirect("workbook:two-pager")
        return redirect(f"{request.path}?step={step + 1}")
    return render(
        request,
        "workbook/two_pager_guide.html",
        {"form": form, "question": question, "step": step, "steps": len(GUIDE)},
    )


@private
@require_GET
def two_pager_versions(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = TwoPager.objects.filter(owner=request.user).first()
    versions = list(page.versions.all()) if page else []
    chosen = None
    if request.GET.get("compare"):
        chosen = next((v for v in versions if str(v.number) == request.GET["compare"]), None)
        if chosen is None:
            raise Http404
    elif len(versions) > 1:
        chosen = versions[1]
    old, new = compare(chosen.items, page.snapshot()) if chosen and page else ([], [])
    return render(
        request,
        "workbook/two_pager_versions.html",
        {"versions": versions, "chosen": chosen, "old": old, "new": new},
    )


@private
@require_http_methods(["GET", "POST"])
def fit_statement(request: AuthenticatedHttpRequest) -> HttpResponse:
    statement = FitStatement.objects.filter(owner=request.user).first()
    if statement is None:
        statement = FitStatement(owner=request.user)
    form = FitStatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.fit_statement_save(
            owner=request.user,
            role=data["role"],
            company_stage=data["company_stage"],
            industry=data["industry"],
            location_culture=data["location_culture"],
            linkedin_text=data["linkedin_text"],
            lessons=list(data["lessons"]),
            now=timezone.now(),
        )
        messages.success(request, _("Your fit statement is saved."))
        return redirect("workbook:fit")
    if statement.pk and request.method == "POST":
        statement.refresh_from_db()  # the page shows what is stored, not the refused input
    return render(
        request,
        "workbook/fit.html",
        {
            "form": form,
            "statement": statement,
            "versions": list(statement.versions.all()[:20]) if statement.pk else [],
            "linkedin_text": statement.linkedin_text or _linkedin_draft(statement),
            "kind": "fit",
            **share_context(request, statement),
        },
    )


def _linkedin_draft(statement: FitStatement) -> str:
    if not statement.one_liner:
        return ""
    return _(
        "I'm looking for my next role as %(fit)s. If you know someone in that world, I would "
        "be grateful for an introduction, or for your advice: if you were in my shoes, how "
        "would you approach this? Thank you for reading, and for any thought you can share."
    ) % {"fit": statement.one_liner}


@private
@require_POST
def share(request: AuthenticatedHttpRequest, kind: str, note_id: int | None = None) -> HttpResponse:
    """Share with the council, stop sharing, or let alumni read: one form per item page."""
    item: Model | None
    if note_id is not None:
        item = get_item_for_owner(request.user, UpdateNote, note_id)
        back = redirect("workbook:update-note", note_id=note_id)
    else:
        model = SHAREABLE.get(kind)
        item = model._default_manager.filter(owner=request.user).first() if model else None
        if item is None:
            raise Http404
        back = redirect(SHARE_PAGES[kind])
    action = request.POST.get("action")
    now = timezone.now()
    if action == "share":
        try:
            services.share_open(owner=request.user, item=item, now=now)
        except services.Refused as refused:
            return refuse(request, str(refused), status=400)
        messages.success(request, _("Shared with your council. Only its members can read it."))
    else:
        current = services.share_for(item, services.current_council_id(request.user))
        if current is None or action not in {"unshare", "alumni-on", "alumni-off"}:
            return refuse(request, _("That is not shared with a council."), status=400)
        if action == "unshare":
            services.share_end(share=current, now=now)
            messages.success(request, _("No longer shared. Only you can read it now."))
        else:
            services.share_set_alumni(share=current, allowed=action == "alumni-on")
            messages.success(request, _("Saved who may read it."))
    return back


@private
@require_http_methods(["GET", "POST"])
def shared_item(request: AuthenticatedHttpRequest, share_id: int) -> HttpResponse:
    seen = get_shared_item_for_member(request.user, share_id)
    share = seen.share
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not seen.can_comment:
            return refuse(request, _("Alumni can read this, but not comment."))
        if form.is_valid():
            parent_id = form.cleaned_data.get("parent")
            parent = (
                Comment.objects.filter(pk=parent_id, share=share).first() if parent_id else None
            )
            services.comment_add(
                share=share,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
                now=timezone.now(),
            )
            messages.success(request, _("Your comment is posted."))
            return redirect("workbook:shared", share_id=share.pk)
    comments = list(
        share.comments.filter(parent__isnull=True)
        .select_related("author__profile")
        .prefetch_related("replies__author__profile")
    )
    item = share.item
    context = {"seen": seen, "share": share, "item": item, "form": form, "comments": comments}
    if isinstance(item, TwoPager):
        items = list(item.items.all())
        context["wants"] = grouped(items, TwoPagerItem.Side.WANT)
        context["dont_wants"] = grouped(items, TwoPagerItem.Side.DONT_WANT)
    context["note"] = isinstance(item, UpdateNote)
    if isinstance(item, Debrief):
        context["debrief"] = item
        # The inner critic crosses over only when the seeker chose to include it.
        context["critic"] = (
            InnerCritic.objects.filter(owner_id=share.owner_id).first()
            if item.share_critic
            else None
        )
    return render(request, "workbook/shared.html", context)


@private
@require_POST
def comment_addressed(request: AuthenticatedHttpRequest, comment_id: int) -> HttpResponse:
    comment = get_comment_for_owner(request.user, comment_id)
    addressed = request.POST.get("addressed") == "yes"
    services.comment_set_addressed(comment=comment, addressed=addressed, now=timezone.now())
    messages.success(
        request, _("Marked as addressed.") if addressed else _("Marked as not addressed yet.")
    )
    return redirect("workbook:shared", share_id=comment.share_id)
