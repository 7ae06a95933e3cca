"""Request types for views, so the type checker knows what the middleware guarantees."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from jobcouncil.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request: django-htmx's middleware adds `htmx` to every one."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request that passed `login_required`: its user is signed in."""

    user: User
