"""Staff view of the outbox."""

from django.contrib import admin

from jobcouncil.notifications.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "key", "subject"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
