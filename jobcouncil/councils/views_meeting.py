"""The live meeting page the moderator drives and members follow."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobcouncil.councils.access import get_meeting_for_member


@login_required
def meeting_detail(request: HttpRequest, council_id: int, meeting_id: int) -> HttpResponse:
    meeting, access = get_meeting_for_member(request.user, council_id, meeting_id)
    return render(request, "councils/meeting_detail.html", {"meeting": meeting, "access": access})
