from django.urls import path

from jobcouncil.accounts import views

app_name = "accounts"
urlpatterns = [
    path("next/", views.next_step, name="next-step"),
    path("profile/", views.profile, name="profile"),
    path("availability/", views.availability, name="availability"),
    path("orientation/<id:step>/", views.orientation, name="orientation"),
    path("moderator-training/<id:step>/", views.moderator_training, name="moderator-training"),
    path("moderating/", views.moderating, name="moderating"),
    path("data.json", views.data_export_json, name="data-json"),
    path("data.html", views.data_export_html, name="data-html"),
    path("delete/", views.delete_account, name="delete"),
]
