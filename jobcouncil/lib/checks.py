"""Deploy checks: refuse to run in production with DEBUG or the default secret key."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs):  # noqa: ARG001
    errors = []
    if settings.DEBUG:
        errors.append(Error("DEBUG is on. Set DEBUG=false in production.", id="jobcouncil.E001"))
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY:
        errors.append(
            Error("SECRET_KEY is the default. Set a long random one.", id="jobcouncil.E002")
        )
    return errors
