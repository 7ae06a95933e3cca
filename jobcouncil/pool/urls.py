from django.urls import path

from jobcouncil.pool import views, views_rounds

app_name = "pool"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("", views.status, name="status"),
    path("edit/", views.edit, name="edit"),
    path("workbook/", views.workbook, name="workbook"),
    path("rounds/", views_rounds.round_list, name="round-list"),
    path("rounds/<id:round_id>/", views_rounds.round_detail, name="round-detail"),
    path("rounds/<id:round_id>/confirm/", views_rounds.round_confirm_view, name="round-confirm"),
    path("rounds/<id:round_id>/discard/", views_rounds.round_discard_view, name="round-discard"),
]
