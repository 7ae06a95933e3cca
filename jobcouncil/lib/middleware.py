"""Per-request timezone activation, the security headers every page carries, and (for the
benchmark) what each response cost the server."""

from __future__ import annotations

import time
import zoneinfo
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from jobcouncil.lib.dates import viewer_zone

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
# Django's admin (5.2) is not written for style-src 'self': a change list without actions
# carries a <style> block, and its widgets (jQuery, select2) set style attributes. Its pages,
# and only those, may use inline styles; scripts stay as strict as everywhere else.
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class UserTimezoneMiddleware:
    """Shows every time in the viewer's own timezone, taken from their profile."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tzname = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            tzname = profile.timezone if profile else None
        if tzname:
            try:
                timezone.activate(viewer_zone(tzname))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content Security Policy (a little less strict for the Django admin's own
    pages); private pages also say no-store."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        is_admin = match is not None and "admin" in match.namespaces
        response.setdefault(
            "Content-Security-Policy",
            ADMIN_CONTENT_SECURITY_POLICY if is_admin else CONTENT_SECURITY_POLICY,
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            # Salaries, fears and availability must not linger in shared browsers.
            response["Cache-Control"] = "no-store"
        return response


class ServerTimingMiddleware:
    """With SERVER_TIMING=true, each response says what it cost this server, in the standard
    Server-Timing header: wall time, this thread's CPU time and the time spent waiting on the
    database, with the query count. bench/web.py logs it, so a page's own cost is measured
    apart from queueing on a busy machine. Off by default: it tells a visitor nothing private,
    but nobody else needs it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = [0, 0.0]  # count, seconds

        def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries[0] += 1
                queries[1] += time.perf_counter() - started

        wall, cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        response["Server-Timing"] = (
            f"app;dur={wall * 1000:.2f}, cpu;dur={cpu * 1000:.2f}, "
            f'db;dur={queries[1] * 1000:.2f};desc="{queries[0]} queries"'
        )
        return response
