"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from jobcouncil.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("jobcouncil.accounts.urls")),
    path("pool/", include("jobcouncil.pool.urls")),
    path("councils/", include("jobcouncil.councils.urls")),
    path("email/", include("jobcouncil.notifications.urls")),
    path("programme/", include("jobcouncil.programme.urls")),
    path("admin/", admin.site.urls),
]
