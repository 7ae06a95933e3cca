"""An opportunity's Job Mission with OKRs (and its PDF), and negotiating its offer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.workbook import offer
from jobcouncil.workbook.access import get_item_for_owner
from jobcouncil.workbook.forms_offer import JobMissionForm, NegotiationForm
from jobcouncil.workbook.models import JobMission, Negotiation, Opportunity
from jobcouncil.workbook.views import private


@private
@require_http_methods(["GET", "POST"])
def job_mission(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    opportunity = get_item_for_owner(request.user, Opportunity, target_id)
    mission = JobMission.objects.filter(opportunity=opportunity).first()
    if mission is not None:
        initial = {
            "name_on_page": mission.name_on_page,
            "mission": mission.mission,
            "questions": mission.questions,
            **JobMissionForm.initial_from(mission.objectives),
        }
    else:
        initial = {"name_on_page": request.user.profile.display_name}
    form = JobMissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offer.job_mission_save(
            owner=request.user,
            opportunity=opportunity,
            name_on_page=data["name_on_page"],
            mission=data["mission"],
            objectives=data["objectives"],
            questions=data["questions"],
        )
        messages.success(request, _("Your Job Mission is saved. The PDF is ready to download."))
        return redirect("workbook:job-mission", target_id=opportunity.pk)
    return render(
        request,
        "workbook/job_mission.html",
        {
            "form": form,
            "opportunity": opportunity,
            "mission": mission,
            "preview": offer.job_mission_context(mission, today=timezone.localdate())
            if mission
            else None,
        },
    )


@private
@require_GET
def job_mission_pdf(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    opportunity = get_item_for_owner(request.user, Opportunity, target_id)
    mission = JobMission.objects.filter(opportunity=opportunity).first()
    if mission is None:
        raise Http404
    pdf = offer.job_mission_pdf(mission, today=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{offer.job_mission_filename(mission)}"'
    )
    return response


@private
@require_http_methods(["GET", "POST"])
def negotiation(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    opportunity = get_item_for_owner(request.user, Opportunity, target_id)
    record = Negotiation.objects.filter(opportunity=opportunity).first()
    initial = {} if record else {"ask_script": offer.default_ask_script(opportunity)}
    form = NegotiationForm(
        request.POST or None,
        instance=record or Negotiation(owner=request.user, opportunity=opportunity),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in offer.NEGOTIATION_FIELDS}
        offer.negotiation_save(owner=request.user, opportunity=opportunity, **data)
        messages.success(request, _("Saved. Only you can see these figures."))
        return redirect("workbook:negotiation", target_id=opportunity.pk)
    if record is not None and request.method == "POST":
        record.refresh_from_db()  # the summary shows what is stored, not the refused input
    return render(
        request,
        "workbook/negotiation.html",
        {"form": form, "opportunity": opportunity, "record": record},
    )
