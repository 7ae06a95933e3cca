"""/healthz/: the load balancer's check, and the benchmark's trivial reference page."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcouncil.lib.errors import RETRY_AFTER_SECONDS


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """ "ok" when the database answers: one trivial query, nothing private; 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = HttpResponse(
            "database unavailable", status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
