"""Hostile text in every field of the search (targets, interviews, debriefs, the gratitude
house, the inner critic) renders inert on every page that shows it, the council's included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcouncil.workbook.models import Interview, Opportunity, Share
from jobcouncil.workbook.tests.test_safe_rendering import HOSTILE, inert


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_the_search_renders_inert(text, council, seeker, fellow, as_user):
    owner = as_user(seeker)
    owner.post("/workbook/targets/", {"company": text, "role": text, "notes": text})
    target = Opportunity.objects.get()
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=3))
    owner.post(
        f"/workbook/targets/{target.pk}/interviews/new/",
        {"date": when.date().isoformat(), "time": when.strftime("%H:%M"), "minutes": "60",
         "with_whom": text, "place": text, "preparation": text},
    )  # fmt: skip
    interview = Interview.objects.get()
    fields = ["how_it_went", "asked", "landed", "change", "critic_says", "what_is_true"]
    owner.post(
        f"/workbook/interviews/{interview.pk}/debrief/",
        {**{f: text for f in fields}, "share_critic": "on"},
    )
    owner.post("/workbook/inner-critic/", {"name": text[:100], "says": text, "true_instead": text})
    owner.post("/workbook/gratitude/", {"name": text, "how": text})
    owner.post(f"/workbook/interviews/{interview.pk}/debrief/share/", {"member": ""})
    share = Share.objects.get()
    pages = [
        "/workbook/", "/workbook/targets/", "/workbook/targets/board/",
        f"/workbook/targets/{target.pk}/", f"/workbook/targets/{target.pk}/delete/",
        f"/workbook/interviews/{interview.pk}/", f"/workbook/interviews/{interview.pk}/debrief/",
        f"/workbook/interviews/{interview.pk}/delete/", "/workbook/activity/",
        "/workbook/gratitude/", "/workbook/inner-critic/",
    ]  # fmt: skip
    for url in pages:
        response = owner.get(url)
        assert response.status_code == 200 and inert(response.content.decode()), url
    for url in (f"/workbook/shared/{share.pk}/", f"/councils/{council.pk}/"):
        response = as_user(fellow).get(url)
        assert response.status_code == 200 and inert(response.content.decode()), url
