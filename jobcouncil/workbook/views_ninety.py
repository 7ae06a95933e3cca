"""The first 90 days after landing: the plan, check-ins against it, and the alumni group."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.lib.errors import refuse
from jobcouncil.workbook import ninety_days
from jobcouncil.workbook.access import (
    get_alumni_group_for_member,
    get_alumni_question_for_member,
)
from jobcouncil.workbook.forms_ninety import (
    AlumniAnswerForm,
    AlumniQuestionForm,
    NinetyDayCheckInForm,
    NinetyDayPlanForm,
)
from jobcouncil.workbook.models import NinetyDayCheckIn, NinetyDayPlan
from jobcouncil.workbook.views import private

CHECK_INS_PER_PAGE = 10
QUESTIONS_PER_PAGE = 20


def _plan_or_blank(request: AuthenticatedHttpRequest) -> NinetyDayPlan:
    """The stored plan, or an unsaved one begun from the landing (nothing written on a GET)."""
    plan = NinetyDayPlan.objects.filter(owner=request.user).first()
    if plan is None:
        landing = ninety_days.latest_landing(request.user)
        plan = NinetyDayPlan(
            owner=request.user,
            role=landing.role if landing else "",
            company=landing.company if landing else "",
            starts_on=landing.start_date if landing else None,
        )
    return plan


@private
@require_http_methods(["GET", "POST"])
def plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    plan = _plan_or_blank(request)
    stages = ninety_days.stages(plan)
    form = NinetyDayPlanForm(request.POST or None, instance=plan, stages=stages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ninety_days.plan_save(
            owner=request.user,
            role=data["role"],
            company=data["company"],
            starts_on=data["starts_on"],
            stage_texts=form.stage_texts(),
        )
        messages.success(request, _("Your 90-day plan is saved."))
        return redirect("workbook:first-90")
    if plan.pk and request.method == "POST":
        plan.refresh_from_db()  # the page shows what is stored, not the refused input
    today = timezone.localdate()
    day = ninety_days.day_number(plan, today)
    check_ins = Paginator(
        plan.check_ins.all() if plan.pk else NinetyDayCheckIn.objects.none(), CHECK_INS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "workbook/first_90.html",
        {
            "form": form,
            "plan": plan,
            "stages": [s for s in stages.values() if not s.is_empty],
            "day": day,
            "check_ins": check_ins,
            "group": ninety_days.group_of(request.user),
            "is_alumnus": ninety_days.is_alumnus(request.user),
        },
    )


@private
@require_http_methods(["GET", "POST"])
def check_in(request: AuthenticatedHttpRequest) -> HttpResponse:
    plan = NinetyDayPlan.objects.filter(owner=request.user).first()
    if plan is None:
        messages.info(request, _("Write your plan first: a check-in looks back at it."))
        return redirect("workbook:first-90")
    day = ninety_days.day_number(plan, timezone.localdate())
    form = NinetyDayCheckInForm(
        request.POST or None, initial={"day": ninety_days.milestone_for(day)}
    )
    if request.method == "POST" and form.is_valid():
        ninety_days.check_in_add(plan=plan, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Check-in saved. Thank you for looking back."))
        return redirect("workbook:first-90")
    return render(
        request,
        "workbook/first_90_check_in.html",
        {"form": form, "plan": plan, "stages": ninety_days.stages(plan).values(), "day": day},
    )


@private
@require_POST
def group_join(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        group = ninety_days.alumni_group_join(user=request.user, now=timezone.now())
    except ninety_days.Refused as refused:
        return refuse(request, str(refused))
    messages.success(request, _("You are in a first-90-days group. Say hello with a question."))
    return redirect("workbook:alumni-group", group_id=group.pk)


@private
@require_http_methods(["GET", "POST"])
def group_leave(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = get_alumni_group_for_member(request.user, group_id)
    if request.method == "POST":
        ninety_days.alumni_group_leave(user=request.user)
        messages.success(request, _("You have left the group. Your questions stay for the others."))
        return redirect("workbook:first-90")
    return render(request, "workbook/alumni_group_leave.html", {"group": group})


@private
@require_http_methods(["GET", "POST"])
def group(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = get_alumni_group_for_member(request.user, group_id)
    form = AlumniQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = ninety_days.question_ask(
            group=group, author=request.user, body=form.cleaned_data["body"], now=timezone.now()
        )
        messages.success(request, _("Your question is posted to your group."))
        return redirect("workbook:alumni-question", question_id=question.pk)
    members = group.members.select_related("user__profile")
    questions = Paginator(
        group.questions.select_related("author__profile")
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-pk"),
        QUESTIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "workbook/alumni_group.html",
        {"group": group, "members": members, "questions": questions, "form": form},
    )


@private
@require_http_methods(["GET", "POST"])
def question(request: AuthenticatedHttpRequest, question_id: int) -> HttpResponse:
    question = get_alumni_question_for_member(request.user, question_id)
    form = AlumniAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ninety_days.answer_add(
            question=question,
            author=request.user,
            body=form.cleaned_data["body"],
            now=timezone.now(),
        )
        messages.success(request, _("Your answer is posted. Thank you for helping."))
        return redirect("workbook:alumni-question", question_id=question.pk)
    answers = question.answers.select_related("author__profile")
    return render(
        request,
        "workbook/alumni_question.html",
        {"question": question, "answers": answers, "form": form},
    )
