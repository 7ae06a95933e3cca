from django.urls import path

from jobcouncil.pool import views

app_name = "pool"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("", views.status, name="status"),
    path("edit/", views.edit, name="edit"),
]
