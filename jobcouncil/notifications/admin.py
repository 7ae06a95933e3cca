"""Staff view of the outbox and of unsubscribe links: no secret token is ever shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.models import OutboxEmail, UnsubscribeLink
from jobcouncil.notifications.tasks import (
    MAX_ATTEMPTS,
    STUCK_SENDING_AFTER,
    outbox_requeue,
    retry_wait,
)

# Shown, and never editable.
OUTBOX_FIELDS = (
    "key",
    "user",
    "to",
    "subject",
    "body",
    "status",
    "attempts",
    "next_try",
    "last_error",
    "created_at",
    "sent_at",
)
UNSUBSCRIBE_FIELDS = ("user", "created_at", "expires_at", "revoked_at")


def _gave_up() -> Q:
    """Mail the upkeep no longer retries by itself: failed MAX_ATTEMPTS times, or still
    claimed long after its worker must have died."""
    stuck = Q(
        status=OutboxEmail.Status.SENDING,
        claimed_at__lt=timezone.now() - STUCK_SENDING_AFTER,
    )
    failed = Q(status=OutboxEmail.Status.FAILED)
    return Q(attempts__gte=MAX_ATTEMPTS) & (failed | stuck)


class DeliveryFilter(admin.SimpleListFilter):
    title = gettext_lazy("delivery")
    parameter_name = "delivery"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("retrying", gettext_lazy("Failed, will be tried again")),
            ("gave-up", gettext_lazy("Gave up: needs staff")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> QuerySet:
        if self.value() == "retrying":
            return queryset.filter(status=OutboxEmail.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        if self.value() == "gave-up":
            return queryset.filter(_gave_up())
        return queryset


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "to",
        "subject",
        "status",
        "attempts",
        "next_try",
        "created_at",
        "sent_at",
    ]
    list_filter = [DeliveryFilter, "status"]
    actions = ["send_again"]
    search_fields = ["to", "key", "subject"]
    # The bodies and the unsubscribe URL carry a working token until the mail is sent.
    fields = OUTBOX_FIELDS
    readonly_fields = OUTBOX_FIELDS

    @admin.display(description=gettext_lazy("text (secret links hidden)"))
    def body(self, email: OutboxEmail) -> str:
        return secrets_mask(email.body_text)

    @admin.display(description=gettext_lazy("next try"))
    def next_try(self, email: OutboxEmail) -> str:
        if email.status != OutboxEmail.Status.FAILED:
            return ""
        if email.attempts >= MAX_ATTEMPTS:
            return str(gettext_lazy("none: gave up"))
        if email.claimed_at is None:
            return str(gettext_lazy("at the next pass"))
        return f"{timezone.localtime(email.claimed_at + retry_wait(email.attempts)):%Y-%m-%d %H:%M}"

    @admin.action(description=gettext_lazy("Send the selected failed emails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        ids = list(
            queryset.filter(Q(status=OutboxEmail.Status.FAILED) | _gave_up()).values_list(
                "pk", flat=True
            )
        )
        count = outbox_requeue(ids)
        self.message_user(
            request,
            ngettext(
                "%(count)d email is back in line to be sent.",
                "%(count)d emails are back in line to be sent.",
                count,
            )
            % {"count": count},
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(UnsubscribeLink)
class UnsubscribeLinkAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "created_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email"]
    fields = UNSUBSCRIBE_FIELDS
    readonly_fields = UNSUBSCRIBE_FIELDS
    actions = ["revoke"]

    @admin.action(description=gettext_lazy("Revoke the selected links"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[UnsubscribeLink]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d link revoked.", "%(count)d links revoked.", count)
            % {"count": count},
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
