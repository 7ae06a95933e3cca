"""The search itself: targets (the spear), the board, interviews and their .ics, debriefs, the
activity log, the gratitude house and the inner critic. Every object through access.py."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.models import User
from jobcouncil.councils.models import Membership
from jobcouncil.lib.errors import refuse
from jobcouncil.workbook import activity as activity_log
from jobcouncil.workbook import opportunities, services, warm_paths
from jobcouncil.workbook.access import get_item_for_owner
from jobcouncil.workbook.forms_search import (
    CompaniesOptInForm,
    DebriefForm,
    GratitudeForm,
    InnerCriticForm,
    InterviewForm,
    OpportunityForm,
    ShareWithForm,
    StageForm,
)
from jobcouncil.workbook.interview_ics import interview_ics, interview_title
from jobcouncil.workbook.models import (
    ACTIVE_STAGES,
    FitStatement,
    GratitudeEntry,
    InnerCritic,
    Interview,
    Opportunity,
    Stage,
)
from jobcouncil.workbook.views import private

PAGE_SIZE = 50
# The board shows the latest of each column (fewer of the finished ones); the list has them all.
BOARD_LIMIT = 100
BOARD_DONE_LIMIT = 20


def _attributes(user: User) -> dict[str, str]:
    return opportunities.fit_attributes(FitStatement.objects.filter(owner=user).first())


def _rows(user: User, items: list[Opportunity], attributes: dict[str, str]) -> list[dict]:
    counts = warm_paths.warm_path_counts(user, items)
    return [
        {
            "o": o,
            "fit": opportunities.fit_check(o, attributes),
            "contacts": counts[o.pk][0],
            "council_knows": counts[o.pk][1],
        }
        for o in items
    ]


@private
@require_http_methods(["GET", "POST"])
def targets(request: AuthenticatedHttpRequest) -> HttpResponse:
    attributes = _attributes(request.user)
    form = OpportunityForm(request.POST or None, attributes=attributes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = opportunities.opportunity_save(
            owner=request.user,
            opportunity=None,
            company=data["company"],
            role=data["role"],
            link=data["link"],
            notes=data["notes"],
            applied_on=data["applied_on"],
            fit_matches=data.get("fit_matches", []),
            now=timezone.now(),
        )
        messages.success(request, _("%(target)s is on your list.") % {"target": target})
        return redirect("workbook:targets")
    page = Paginator(
        Opportunity.objects.filter(owner=request.user).order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    active = opportunities.active_count(request.user)
    return render(
        request,
        "workbook/targets.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(request.user, list(page), attributes),
            "attributes": attributes,
            "active": active,
            "becoming_a_net": active > opportunities.SPEAR_SIZE,
            "spear_size": opportunities.SPEAR_SIZE,
        },
    )


@private
@require_GET
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = Opportunity.objects.filter(owner=request.user)
    columns = []
    counts = dict(mine.values_list("stage").annotate(n=Count("pk")).order_by())
    for stage in Stage:
        limit = BOARD_LIMIT if stage in ACTIVE_STAGES else BOARD_DONE_LIMIT
        items = list(mine.filter(stage=stage).order_by("-stage_changed_at", "-pk")[:limit])
        columns.append({"stage": stage, "items": items, "more": counts.get(stage, 0) - len(items)})
    return render(
        request,
        "workbook/board.html",
        {"columns": columns, "stages": Stage.choices, "any": bool(counts)},
    )


@private
@require_http_methods(["GET", "POST"])
def target(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, Opportunity, target_id)
    attributes = _attributes(request.user)
    form = OpportunityForm(request.POST or None, instance=item, attributes=attributes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opportunities.opportunity_save(
            owner=request.user,
            opportunity=item,
            company=data["company"],
            role=data["role"],
            link=data["link"],
            notes=data["notes"],
            applied_on=data["applied_on"],
            fit_matches=data.get("fit_matches", []),
            now=timezone.now(),
        )
        messages.success(request, _("Saved."))
        return redirect("workbook:target", target_id=item.pk)
    if request.method == "POST":
        item.refresh_from_db()
    now = timezone.now()
    interviews = list(item.interviews.select_related("debrief").order_by("starts_at", "pk"))
    return render(
        request,
        "workbook/target.html",
        {
            "item": item,
            "form": form,
            "fit": opportunities.fit_check(item, attributes),
            "attributes": attributes,
            "paths": warm_paths.warm_paths(request.user, item),
            "in_council": services.current_council_id(request.user) is not None,
            "stage_form": StageForm(initial={"stage": item.stage}),
            "upcoming": [i for i in interviews if i.ends_at > now],
            "past": [i for i in interviews if i.ends_at <= now],
        },
    )


_BACK = {"board": "workbook:board", "list": "workbook:targets"}


@private
@require_POST
def target_stage(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, Opportunity, target_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Choose one of the stages."), status=400)
    opportunities.opportunity_move(
        opportunity=item, stage=form.cleaned_data["stage"], now=timezone.now()
    )
    messages.success(
        request,
        _("%(target)s moved to %(stage)s.") % {"target": item, "stage": item.get_stage_display()},
    )
    back = _BACK.get(request.POST.get("back", ""))
    if back:
        return redirect(f"{reverse(back)}#target-{item.pk}")
    return redirect("workbook:target", target_id=item.pk)


@private
@require_http_methods(["GET", "POST"])
def target_delete(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, Opportunity, target_id)
    if request.method == "POST":
        opportunities.opportunity_remove(opportunity=item)
        messages.success(request, _("Removed from your list."))
        return redirect("workbook:targets")
    return render(
        request,
        "workbook/target_delete.html",
        {"item": item, "interviews": item.interviews.count()},
    )


@private
@require_POST
def target_introduction(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, Opportunity, target_id)
    try:
        opportunities.introduction_request(opportunity=item, now=timezone.now())
    except services.Refused as refused:
        return refuse(request, str(refused), status=400)
    messages.success(
        request,
        _(
            "Your request is an ask at your council's next meeting. Whoever knows someone "
            "there can offer to introduce you."
        ),
    )
    return redirect("workbook:target", target_id=item.pk)


def _save_interview(
    request: AuthenticatedHttpRequest,
    form: InterviewForm,
    item: Opportunity,
    interview: Interview | None,
) -> Interview:
    data = form.cleaned_data
    return opportunities.interview_save(
        owner=request.user,
        opportunity=item,
        interview=interview,
        starts_at=data["starts_at"],
        minutes=data["minutes"],
        with_whom=data["with_whom"],
        place=data["place"],
        preparation=data["preparation"],
        now=timezone.now(),
    )


@private
@require_http_methods(["GET", "POST"])
def interview_new(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    item = get_item_for_owner(request.user, Opportunity, target_id)
    form = InterviewForm(request.POST or None, initial={"minutes": 60})
    if request.method == "POST" and form.is_valid():
        interview = _save_interview(request, form, item, None)
        messages.success(
            request, _("Your interview is in your workbook. Good luck: prepare, then breathe.")
        )
        return redirect("workbook:interview", interview_id=interview.pk)
    return render(request, "workbook/interview_form.html", {"form": form, "item": item})


@private
@require_http_methods(["GET", "POST"])
def interview(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    found = get_item_for_owner(request.user, Interview, interview_id)
    form = InterviewForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        _save_interview(request, form, found.opportunity, found)
        messages.success(request, _("Saved."))
        return redirect("workbook:interview", interview_id=found.pk)
    if request.method == "POST":
        found.refresh_from_db()
    return render(
        request,
        "workbook/interview.html",
        {
            "interview": found,
            "item": found.opportunity,
            "form": form,
            "title": interview_title(found),
            "ended": found.ends_at <= timezone.now(),
            "debrief": opportunities.debrief_for(found),
            "zone": str(timezone.get_current_timezone()),
        },
    )


@private
@require_http_methods(["GET", "POST"])
def interview_delete(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    found = get_item_for_owner(request.user, Interview, interview_id)
    if request.method == "POST":
        target_id = found.opportunity_id
        opportunities.interview_remove(interview=found)
        messages.success(request, _("The interview is removed."))
        return redirect("workbook:target", target_id=target_id)
    return render(
        request,
        "workbook/interview_delete.html",
        {"interview": found, "title": interview_title(found)},
    )


@private
@require_GET
def interview_calendar(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    found = get_item_for_owner(request.user, Interview, interview_id)
    response = HttpResponse(
        interview_ics(
            interview=found,
            zone_name=str(timezone.get_current_timezone()),
            now=timezone.now(),
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{found.pk}.ics"'
    return response


def _members(user: User) -> list[tuple[int, str]]:
    """The fellow active members of the user's council, to share with one of them."""
    council_id = services.current_council_id(user)
    if council_id is None:
        return []
    return [
        (m.user_id, m.user.profile.display_name)
        for m in Membership.objects.filter(council_id=council_id, status=Membership.Status.ACTIVE)
        .exclude(user=user)
        .select_related("user__profile")
        .order_by("user__profile__display_name", "pk")
    ]


def _debrief_context(
    request: AuthenticatedHttpRequest, found: Interview, form: DebriefForm
) -> dict:
    debrief = opportunities.debrief_for(found)
    council_id = services.current_council_id(request.user)
    share = services.share_for(debrief, council_id) if debrief else None
    return {
        "interview": found,
        "item": found.opportunity,
        "title": interview_title(found),
        "form": form,
        "debrief": debrief,
        "ended": found.ends_at <= timezone.now(),
        "critic": opportunities.inner_critic_for(request.user),
        "share": share,
        "in_council": council_id is not None,
        "share_form": ShareWithForm(
            members=_members(request.user),
            initial={"member": share.member_id if share else None},
        ),
    }


@private
@require_http_methods(["GET", "POST"])
def debrief(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    found = get_item_for_owner(request.user, Interview, interview_id)
    existing = opportunities.debrief_for(found)
    form = DebriefForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        opportunities.debrief_save(interview=found, **form.cleaned_data)
        messages.success(request, _("Your debrief is saved. Well done for writing it down."))
        return redirect("workbook:debrief", interview_id=found.pk)
    return render(request, "workbook/debrief.html", _debrief_context(request, found, form))


@private
@require_POST
def debrief_share(request: AuthenticatedHttpRequest, interview_id: int) -> HttpResponse:
    found = get_item_for_owner(request.user, Interview, interview_id)
    existing = opportunities.debrief_for(found)
    if existing is None:
        return refuse(request, _("Write the debrief first, then you can share it."), status=400)
    now = timezone.now()
    back = redirect("workbook:debrief", interview_id=found.pk)
    if request.POST.get("action") == "unshare":
        current = services.share_for(existing, services.current_council_id(request.user))
        if current is None:
            return refuse(request, _("That is not shared with a council."), status=400)
        services.share_end(share=current, now=now)
        messages.success(request, _("No longer shared. Only you can read it now."))
        return back
    form = ShareWithForm(request.POST, members=_members(request.user))
    if not form.is_valid():
        context = _debrief_context(request, found, DebriefForm(instance=existing))
        context["share_form"] = form
        return render(request, "workbook/debrief.html", context, status=400)
    member_id = form.cleaned_data["member"]
    member = None
    if member_id is not None:
        member = (
            Membership.objects.select_related("user")
            .get(user_id=member_id, status=Membership.Status.ACTIVE)
            .user
        )
    try:
        services.share_open(owner=request.user, item=existing, now=now, member=member)
    except services.Refused as refused:
        return refuse(request, str(refused), status=400)
    if member is None:
        messages.success(request, _("Shared with your council. Only its members can read it."))
    else:
        messages.success(
            request,
            _("Shared with %(name)s alone.") % {"name": member.profile.display_name},
        )
    return back


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@private
@require_GET
def activity(request: AuthenticatedHttpRequest) -> HttpResponse:
    since, until = _day(request.GET.get("from")), _day(request.GET.get("to"))
    rows = activity_log.activities(request.user, since=since, until=until)
    page = Paginator(rows, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "workbook/activity.html",
        {
            "page": page,
            "since": since,
            "until": until,
            "total": len(rows),
            "query": urlencode(
                {k: v.isoformat() for k, v in (("from", since), ("to", until)) if v}
            ),
            "today": timezone.localdate(),
        },
    )


@private
@require_GET
def activity_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    since, until = _day(request.GET.get("from")), _day(request.GET.get("to"))
    rows = activity_log.activities(request.user, since=since, until=until)
    response = HttpResponse(
        activity_log.activities_csv(rows), content_type="text/csv; charset=utf-8"
    )
    name = f"job-search-activity-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@private
@require_http_methods(["GET", "POST"])
def gratitude(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GratitudeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opportunities.gratitude_add(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Added to your gratitude house."))
        return redirect("workbook:gratitude")
    people = Paginator(GratitudeEntry.objects.filter(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    upcoming = (
        Interview.objects.filter(owner=request.user, starts_at__gte=timezone.now())
        .select_related("opportunity")
        .order_by("starts_at")
        .first()
    )
    return render(
        request,
        "workbook/gratitude.html",
        {"form": form, "people": people, "upcoming": upcoming},
    )


@private
@require_http_methods(["GET", "POST"])
def gratitude_delete(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = get_item_for_owner(request.user, GratitudeEntry, entry_id)
    if request.method == "POST":
        opportunities.gratitude_remove(entry=entry)
        messages.success(request, _("Removed from your gratitude house."))
        return redirect("workbook:gratitude")
    return render(request, "workbook/gratitude_delete.html", {"entry": entry})


@private
@require_http_methods(["GET", "POST"])
def inner_critic(request: AuthenticatedHttpRequest) -> HttpResponse:
    critic = InnerCritic.objects.filter(owner=request.user).first()
    form = InnerCriticForm(request.POST or None, instance=critic)
    if request.method == "POST" and form.is_valid():
        opportunities.inner_critic_save(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Saved. It is yours alone."))
        return redirect("workbook:inner-critic")
    return render(request, "workbook/inner_critic.html", {"form": form, "critic": critic})


@private
@require_POST
def contact_companies(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CompaniesOptInForm(request.POST)
    form.is_valid()
    allowed = bool(form.cleaned_data.get("share"))
    opportunities.contact_companies_share(owner=request.user, allowed=allowed)
    messages.success(
        request,
        _("Your council can now see that you know someone at your contacts' companies, never who.")
        if allowed
        else _("Your contacts' companies are yours alone again."),
    )
    return redirect("workbook:contacts")
