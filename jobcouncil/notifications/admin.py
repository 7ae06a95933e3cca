"""Staff view of the outbox and of unsubscribe links: no secret token is ever shown."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from jobcouncil.lib.tokens import secrets_mask
from jobcouncil.notifications.models import OutboxEmail, UnsubscribeLink

# Shown, and never editable.
OUTBOX_FIELDS = (
    "key",
    "user",
    "to",
    "subject",
    "body",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "sent_at",
)
UNSUBSCRIBE_FIELDS = ("user", "created_at", "expires_at", "revoked_at")


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "key", "subject"]
    # The bodies and the unsubscribe URL carry a working token until the mail is sent.
    fields = OUTBOX_FIELDS
    readonly_fields = OUTBOX_FIELDS

    @admin.display(description=gettext_lazy("text (secret links hidden)"))
    def body(self, email: OutboxEmail) -> str:
        return secrets_mask(email.body_text)

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
