from django.urls import path

from jobcouncil.rounds import views

app_name = "rounds"
urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("<id:round_id>/", views.round_detail, name="round-detail"),
    path("<id:round_id>/confirm/", views.round_confirm_view, name="round-confirm"),
    path("<id:round_id>/discard/", views.round_discard_view, name="round-discard"),
]
