"""Deploy checks: refuse to run in production with DEBUG or a default or weak secret key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_settings(
    app_configs: Sequence[AppConfig] | None,  # noqa: ARG001
    **kwargs: Any,
) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if settings.DEBUG:
        errors.append(Error("DEBUG is on. Set DEBUG=false in production.", id="jobcouncil.E001"))
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY:
        errors.append(
            Error("SECRET_KEY is the default. Set a long random one.", id="jobcouncil.E002")
        )
    elif is_weak_secret(settings.SECRET_KEY):
        errors.append(
            Error(
                f"SECRET_KEY is too short or too simple: use at least {SECRET_MIN_LENGTH} "
                f"characters with at least {SECRET_MIN_UNIQUE} different ones, for example "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="jobcouncil.E003",
            )
        )
    return errors


# Django's own W009 criteria; Django only warns, we refuse.
SECRET_MIN_LENGTH = 50
SECRET_MIN_UNIQUE = 5


def is_weak_secret(key: str) -> bool:
    return (
        len(key) < SECRET_MIN_LENGTH
        or len(set(key)) < SECRET_MIN_UNIQUE
        or key.startswith("django-insecure-")
    )
