"""What people see when something goes wrong: the error handlers, and refusing an action in
plain words, as a page or, for htmx, as a small alert where the person acted."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from jobcouncil.lib.middleware import CONTENT_SECURITY_POLICY

# The database cannot be reached (restarting, a network cut, no connection left): not a bug,
# and it passes. People are asked to try again in a minute instead of shown a failure.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def refuse(request: HttpRequest, message: str, *, status: int = 403) -> HttpResponse:
    """A refusal with its real status: an alert fragment for htmx, else the 400 or 403 page."""
    if getattr(request, "htmx", False):
        response = render(request, "includes/refusal.html", {"message": message}, status=status)
        # Added at the end of the element the action targets, next to the form that was sent.
        # htmx leaves 4xx answers unswapped; static/js/refusals.js swaps those carrying this.
        response["HX-Reswap"] = "beforeend"
        return response
    template = "403.html" if status == 403 else "400.html"
    return render(request, template, {"message": message}, status=status)


class Refused(Exception):
    """An action refused in plain words: raised by a service or a view's checks, turned into
    the refusal response by `refusing`. 403 unless the refusal is about the request (400)."""

    status = 403

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


def refusing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The one place a view's `Refused` becomes `refuse()`: no try/except in every view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Refused as exc:
            return refuse(request, str(exc), status=exc.status)

    return wrapper


def database_unavailable() -> HttpResponse:
    """The 503 page: calm words, and when to try again (Retry-After)."""
    template = loader.get_template("503.html")
    response = HttpResponse(
        template.render({"programme_name": settings.PROGRAMME_NAME}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Sent here: the middleware that adds it may itself have failed on the database.
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or the 503 page when the error is the database being unreachable (Django
    calls this while handling the exception, from any middleware or view); rendered without
    context processors: the database may be what failed."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable()
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"programme_name": settings.PROGRAMME_NAME}))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing CSRF token: say so kindly, in the site's layout."""
    return render(request, "403_csrf.html", status=403)
