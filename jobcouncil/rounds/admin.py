"""Staff screens for matching rounds and their schedule."""

from django.contrib import admin

from jobcouncil.rounds.models import MatchingRound, MatchingSchedule


@admin.register(MatchingRound)
class MatchingRoundAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "seeker_types", "scheduled", "created_at", "confirmed_at"]
    list_filter = ["status", "scheduled"]
    readonly_fields = ["result", "error", "progress"]


@admin.register(MatchingSchedule)
class MatchingScheduleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "enabled", "seeker_types", "hour_utc", "auto_confirm", "last_run_at"]
