from django.urls import path

from jobcouncil.councils import views_meeting as v

urlpatterns = [
    path("<int:meeting_id>/", v.meeting_detail, name="meeting-detail"),
    path("<int:meeting_id>/parts/<slug:part>/", v.meeting_part, name="meeting-part"),
    path("<int:meeting_id>/checkins/<int:user_id>/", v.meeting_checkin, name="meeting-checkin"),
    path(
        "<int:meeting_id>/checkins/<int:user_id>/checkout/",
        v.meeting_checkout,
        name="meeting-checkout",
    ),
    path(
        "<int:meeting_id>/commitments/<int:commitment_id>/review/",
        v.meeting_commitment_review,
        name="meeting-commitment-review",
    ),
    path("<int:meeting_id>/exercise/", v.meeting_exercise, name="meeting-exercise"),
    path("<int:meeting_id>/asks/", v.meeting_ask_create, name="meeting-ask-create"),
    path("<int:meeting_id>/asks/<int:ask_id>/help/", v.meeting_ask_help, name="meeting-ask-help"),
    path(
        "<int:meeting_id>/commitments/",
        v.meeting_commitment_create,
        name="meeting-commitment-create",
    ),
    path("<int:meeting_id>/attendance/", v.meeting_attendance, name="meeting-attendance"),
    path("<int:meeting_id>/close/", v.meeting_close, name="meeting-close"),
    path("<int:meeting_id>/apologies/", v.meeting_apologies, name="meeting-apologies"),
    path("<int:meeting_id>/move/", v.meeting_move, name="meeting-move"),
    path("<int:meeting_id>/cancel/", v.meeting_cancel, name="meeting-cancel"),
]
