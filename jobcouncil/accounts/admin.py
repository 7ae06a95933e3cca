"""Staff screens for people and profiles, with moderator approval."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone

from jobcouncil.accounts.models import Profile, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["email", "profile__display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "user",
        "seeker_type",
        "seniority",
        "function",
        "industry",
        "timezone",
        "volunteers_to_moderate",
        "moderator_training_completed_at",
        "moderator_approved_at",
    ]
    list_filter = [
        "seeker_type",
        "seniority",
        "volunteers_to_moderate",
        ("moderator_approved_at", admin.EmptyFieldListFilter),
        ("orientation_completed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["display_name", "user__email", "function", "industry", "location"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "moderator_approved_by"]
    actions = ["approve_moderators"]

    @admin.action(description="Approve selected volunteers as moderators")
    def approve_moderators(self, request, queryset):
        ready = queryset.filter(
            volunteers_to_moderate=True,
            moderator_training_completed_at__isnull=False,
            moderator_approved_at__isnull=True,
        )
        count = ready.update(
            moderator_approved_at=timezone.now(), moderator_approved_by=request.user
        )
        skipped = queryset.count() - count
        self.message_user(request, f"Approved {count} moderator(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} skipped: not volunteering, training not finished, or already approved.",
                messages.WARNING,
            )
