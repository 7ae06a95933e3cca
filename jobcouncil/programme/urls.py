from django.urls import path

from jobcouncil.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("councils/", views.council_list, name="council-list"),
    path("councils/<int:council_id>/", views.council_detail, name="council-detail"),
    path("moderators/", views.moderator_approvals, name="moderator-approvals"),
    path(
        "moderators/<int:profile_id>/",
        views.moderator_decision,
        {"approve": True},
        name="moderator-review",
    ),
    path(
        "moderators/<int:profile_id>/decline/",
        views.moderator_decision,
        {"approve": False},
        name="moderator-decline",
    ),
]
