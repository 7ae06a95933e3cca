"""Staff screens for matching rounds and their schedule."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from jobcouncil.rounds.models import MatchingRound, MatchingSchedule, SeatFill


@admin.register(MatchingRound)
class MatchingRoundAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "seeker_types", "scheduled", "created_at", "confirmed_at"]
    list_filter = ["status", "scheduled"]
    readonly_fields = ["result", "error", "progress"]


@admin.register(MatchingSchedule)
class MatchingScheduleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "enabled",
        "seeker_types",
        "hour_utc",
        "every_hours",
        "auto_confirm",
        "review_hours",
        "form_within_hours",
        "place_continuously",
        "last_run_at",
    ]


@admin.register(SeatFill)
class SeatFillAdmin(admin.ModelAdmin):
    list_display = ["placed_at", "council", "seeker_type", "waited_days"]
    list_filter = ["seeker_type"]
    readonly_fields = ["council", "seeker_type", "waited_days", "placed_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # written by continuous placement only: the record of what happened

    def has_change_permission(self, request: HttpRequest, obj: SeatFill | None = None) -> bool:
        return False
