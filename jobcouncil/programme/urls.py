from django.urls import path

from jobcouncil.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("moderators/", views.moderator_approvals, name="moderator-approvals"),
    path("moderators/<int:profile_id>/", views.moderator_review, name="moderator-review"),
    path("moderators/<int:profile_id>/decline/", views.moderator_decline, name="moderator-decline"),
]
