"""What notifications hold about a person, for their data export: the notices and emails we
sent them and their email settings (lib/privacy.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.privacy import Part, Section
from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.models import (
    EmailSubscription,
    Notice,
    OutboxEmail,
    UnsubscribeLink,
)


def export(user: Any) -> list[Section]:
    emails = OutboxEmail.objects.filter(user=user).order_by("created_at", "pk")
    subscription = EmailSubscription.objects.filter(user=user).first()
    links = UnsubscribeLink.objects.filter(user=user).order_by("created_at", "pk")
    notices = Notice.objects.filter(user=user).order_by("created_at", "pk")
    return [
        Section(
            key="notices",
            title=_("Notices"),
            fields={"created_at": _("Written"), "text": _("Text"), "read_at": _("Read")},
            rows=[
                {"created_at": n.created_at, "text": n.text, "read_at": n.read_at} for n in notices
            ],
        ),
        Section(
            key="emails",
            title=_("Emails we sent you"),
            fields={
                "created_at": _("Written"),
                "sent_at": _("Sent"),
                "status": _("Status"),
                "to": _("To"),
                "subject": _("Subject"),
                "body": _("Text"),
            },
            rows=[
                {
                    "created_at": e.created_at,
                    "sent_at": e.sent_at,
                    "status": e.get_status_display(),
                    "to": e.to,
                    "subject": e.subject,
                    # A link that still works would let whoever reads this file use it.
                    "body": secrets_mask(e.body_text),
                }
                for e in emails
            ],
            note=_(
                "Emails about your account itself (confirming an address, resetting a "
                "password) are sent at once and not kept."
            ),
        ),
        Section(
            key="notification_settings",
            title=_("Notification settings"),
            fields={
                "council_emails": _("Council emails"),
                "unsubscribed_at": _("Unsubscribed"),
            },
            rows=[
                {
                    "council_emails": subscription is None or subscription.unsubscribed_at is None,
                    "unsubscribed_at": subscription.unsubscribed_at if subscription else None,
                }
            ],
            single=True,
        ),
        Section(
            key="unsubscribe_links",
            title=_("Unsubscribe links in your emails"),
            fields={
                "created_at": _("Made"),
                "expires_at": _("Expires"),
                "revoked_at": _("Turned off"),
            },
            rows=[
                {"created_at": x.created_at, "expires_at": x.expires_at, "revoked_at": x.revoked_at}
                for x in links
            ],
            note=_("Only a fingerprint of each link is stored, so the links are not in here."),
        ),
    ]


PART = Part(
    app="notifications",
    order=40,
    export=export,
    models=(
        "notifications.OutboxEmail",
        "notifications.EmailSubscription",
        "notifications.UnsubscribeLink",
        "notifications.Notice",
    ),
)
