from django.urls import path

from jobcouncil.councils import views_meeting as v

urlpatterns = [
    path("<id:meeting_id>/", v.meeting_detail, name="meeting-detail"),
    path("<id:meeting_id>/live/", v.meeting_live, name="meeting-live"),
    path("<id:meeting_id>/checkins/<id:user_id>/", v.meeting_checkin, name="meeting-checkin"),
    path(
        "<id:meeting_id>/checkins/<id:user_id>/checkout/",
        v.meeting_checkout,
        name="meeting-checkout",
    ),
    path(
        "<id:meeting_id>/commitments/<id:commitment_id>/review/",
        v.meeting_commitment_review,
        name="meeting-commitment-review",
    ),
    path("<id:meeting_id>/exercise/", v.meeting_exercise, name="meeting-exercise"),
    path("<id:meeting_id>/asks/", v.meeting_ask_create, name="meeting-ask-create"),
    path("<id:meeting_id>/asks/<id:ask_id>/help/", v.meeting_ask_help, name="meeting-ask-help"),
    path(
        "<id:meeting_id>/commitments/",
        v.meeting_commitment_create,
        name="meeting-commitment-create",
    ),
    path("<id:meeting_id>/attendance/", v.meeting_attendance, name="meeting-attendance"),
    path("<id:meeting_id>/close/", v.meeting_close, name="meeting-close"),
    path("<id:meeting_id>/apologies/", v.meeting_apologies, name="meeting-apologies"),
    path("<id:meeting_id>/move/", v.meeting_move, name="meeting-move"),
    path("<id:meeting_id>/cancel/", v.meeting_cancel, name="meeting-cancel"),
]
