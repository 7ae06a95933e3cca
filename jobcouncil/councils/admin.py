"""Staff screens for councils: health flags first.

Staff see only what they need (README "Privacy"): what members wrote stays in the council,
so the charter and the moderator's meeting notes are left out here, check-ins, commitments
and asks are not registered at all, and a landing shows no one's money (the dashboard
shows the share who asked for more and got it)."""

from django.contrib import admin

from jobcouncil.councils.models import Council, Landing, Meeting, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "status", "joined_at", "left_at", "left_reason"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "seeker_type",
        "status",
        "schedule_timezone",
        "at_risk_since",
        "needs_moderator_since",
        "created_at",
    ]
    list_filter = [
        "seeker_type",
        "status",
        ("at_risk_since", admin.EmptyFieldListFilter),
        ("needs_moderator_since", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "memberships__user__email"]
    inlines = [MembershipInline]
    exclude = ["charter"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["council", "starts_at", "status", "exercise"]
    # A date filter, not date_hierarchy: the hierarchy converts every stored time to the
    # viewer's zone in SQL, which fails on a time near the calendar's ends.
    list_filter = ["status", "starts_at", "exercise"]
    list_select_related = ["council"]
    exclude = ["notes"]


@admin.register(Landing)
class LandingAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "role",
        "company",
        "start_date",
    ]
    list_select_related = ["user"]
    exclude = ["asked_for_more_money", "got_more_money"]
