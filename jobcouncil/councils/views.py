"""The council home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobcouncil.councils.access import get_council_for_member


@login_required
def council_detail(request: HttpRequest, council_id: int) -> HttpResponse:
    access = get_council_for_member(request.user, council_id)
    return render(
        request, "councils/council_detail.html", {"access": access, "council": access.council}
    )
