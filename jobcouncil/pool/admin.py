"""Staff screens for the matching pool."""

from django.contrib import admin

from jobcouncil.pool.models import PoolEntry


@admin.register(PoolEntry)
class PoolEntryAdmin(admin.ModelAdmin):
    list_display = ["user", "seeker_type", "status", "joined_at", "paused_at"]
    list_filter = ["status", "user__profile__seeker_type", "joined_at"]
    search_fields = ["user__email", "user__profile__display_name"]
    list_select_related = ["user__profile"]
    date_hierarchy = "joined_at"
    raw_id_fields = ["user"]

    @admin.display(ordering="user__profile__seeker_type")
    def seeker_type(self, obj: PoolEntry) -> str:
        return obj.user.profile.seeker_type
