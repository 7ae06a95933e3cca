from django.urls import include, path

from jobcouncil.councils import views

app_name = "councils"
urlpatterns = [
    path("calendar/", views.calendar_feed_manage, name="calendar-manage"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("apologies/<str:token>/", views.meeting_apology, name="meeting-apology"),
    path("<id:council_id>/", views.council_detail, name="council-detail"),
    path("<id:council_id>/charter/", views.charter_accept, name="charter-accept"),
    path("<id:council_id>/settings/", views.council_settings, name="council-settings"),
    path("<id:council_id>/calendar/", views.council_calendar, name="council-calendar"),
    path("<id:council_id>/backup/", views.council_backup_volunteer, name="council-backup"),
    path("<id:council_id>/leave/", views.council_leave, name="council-leave"),
    path("<id:council_id>/landed/", views.council_land, name="council-land"),
    path("<id:council_id>/handover/", views.council_handover, name="council-handover"),
    path(
        "<id:council_id>/meetings/<id:meeting_id>/meeting.ics",
        views.meeting_ics,
        name="meeting-ics",
    ),
    path("<id:council_id>/meetings/", include("jobcouncil.councils.urls_meeting")),
]
