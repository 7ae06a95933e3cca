"""Template context every page gets: the programme's name, from the PROGRAMME_NAME setting."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def programme(request: HttpRequest) -> dict[str, str]:
    return {"programme_name": settings.PROGRAMME_NAME}
