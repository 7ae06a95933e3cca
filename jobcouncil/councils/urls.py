from django.urls import include, path

from jobcouncil.councils import views

app_name = "councils"
urlpatterns = [
    path("<int:council_id>/", views.council_detail, name="council-detail"),
    path("<int:council_id>/meetings/", include("jobcouncil.councils.urls_meeting")),
]
