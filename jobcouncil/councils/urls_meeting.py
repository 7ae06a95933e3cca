from django.urls import path

from jobcouncil.councils import views_meeting

urlpatterns = [
    path("<int:meeting_id>/", views_meeting.meeting_detail, name="meeting-detail"),
]
