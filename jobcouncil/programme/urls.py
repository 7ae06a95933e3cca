from django.urls import path

from jobcouncil.programme import views

app_name = "programme"
urlpatterns = [path("", views.dashboard, name="dashboard")]
