"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from jobcouncil.accounts import views as account_views
from jobcouncil.lib import converters  # noqa: F401  (registers <id:...> before the includes)
from jobcouncil.lib.health import healthz

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("accounts/signup/", account_views.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("jobcouncil.accounts.urls")),
    # Rounds keep the addresses they had when they lived in the pool app.
    path("pool/rounds/", include("jobcouncil.rounds.urls")),
    path("pool/", include("jobcouncil.pool.urls")),
    path("councils/", include("jobcouncil.councils.urls")),
    path("workbook/", include("jobcouncil.workbook.urls")),
    path("email/", include("jobcouncil.notifications.urls")),
    path("notices/", include("jobcouncil.notifications.notice_urls")),
    path("programme/", include("jobcouncil.programme.urls")),
    # Before the admin's own: its login checked passwords without any limit.
    path("admin/login/", account_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
]

# 400, 403 and 404 use Django's handlers with our templates; the 500 page needs no database.
handler500 = "jobcouncil.lib.errors.server_error"
