"""A person's data export: every registered part (lib/privacy.py) as one JSON document, or
as one readable page to keep or print."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jobcouncil.accounts.models import User
from jobcouncil.lib import privacy

FORMAT_VERSION = 1


def data_export(*, user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """The JSON document: every section under its key, in the registry's order."""
    now = now or timezone.now()
    doc: dict[str, Any] = {
        "programme": settings.PROGRAMME_NAME,
        "format": FORMAT_VERSION,
        "exported_at": now,
    }
    for section in privacy.export_sections(user):
        doc[section.key] = section.as_json()
    return doc


def data_export_json(*, user: User, now: dt.datetime | None = None) -> str:
    return json.dumps(
        data_export(user=user, now=now), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


def _shown(value: Any) -> str:
    """One value as a person reads it, times in the viewer's timezone."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return str(value)


def data_export_html(*, user: User, now: dt.datetime | None = None) -> tuple[str, str]:
    """The readable page, and the Content-Security-Policy that lets only its own style in.

    The page stands alone (it is read from the disk, away from the site), so its style is
    inline, allowed by its hash and nothing else: no script, no image, no request out."""
    now = now or timezone.now()
    sections = [
        {
            "key": s.key,
            "title": s.title,
            "note": s.note,
            "records": [
                [(label, _shown(row.get(key))) for key, label in s.fields.items()] for row in s.rows
            ],
        }
        for s in privacy.export_sections(user)
    ]
    style = render_to_string("accounts/data_export.css")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    page = render_to_string(
        "accounts/data_export.html",
        {
            "sections": sections,
            "style": style,
            "email": user.email,
            "exported_at": _shown(now),
            "tz": timezone.get_current_timezone_name(),
            "programme_name": settings.PROGRAMME_NAME,
        },
    )
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    return page, policy


def export_filename(*, now: dt.datetime, extension: str) -> str:
    name = slugify(settings.PROGRAMME_NAME) or "jobcouncil"
    return f"{name}-my-data-{now:%Y-%m-%d}.{extension}"
