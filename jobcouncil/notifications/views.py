"""The one-click unsubscribe page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from jobcouncil.notifications.models import EmailSubscription, UnsubscribeLink


@csrf_exempt  # mail clients' one-click unsubscribe POSTs without a CSRF token (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    link = UnsubscribeLink.find_usable(token)
    if link is None:
        raise Http404
    done = False
    if request.method == "POST":
        EmailSubscription.objects.update_or_create(
            user=link.user, defaults={"unsubscribed_at": timezone.now()}
        )
        done = True
    return render(request, "notifications/unsubscribe.html", {"done": done})
