"""Staff screens for people and profiles, with moderator approval."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy, ngettext

from jobcouncil.accounts import services
from jobcouncil.accounts.http import AuthenticatedHttpRequest
from jobcouncil.accounts.models import Profile, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["email", "profile__display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            gettext_lazy("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (gettext_lazy("Dates"), {"fields": ["last_login", "date_joined"]}),
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
        "moderator_declined_at",
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
    raw_id_fields = ["user", "moderator_approved_by", "moderator_declined_by"]
    actions = ["approve_moderators"]

    @admin.action(description=gettext_lazy("Approve selected volunteers as moderators"))
    def approve_moderators(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Profile]
    ) -> None:
        """The same service as the approval page, so volunteers get their email here too."""
        approved, skipped = services.moderators_approve(profiles=queryset, by=request.user)
        if approved:
            self.message_user(
                request,
                ngettext(
                    "Approved %(count)d moderator.", "Approved %(count)d moderators.", approved
                )
                % {"count": approved},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d skipped: not volunteering, training not finished, "
                    "or already decided.",
                    "%(count)d skipped: not volunteering, training not finished, "
                    "or already decided.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
