from django.urls import path

from jobcouncil.notifications import notice_views

app_name = "notices"
urlpatterns = [
    path("", notice_views.notice_list, name="list"),
    path("read-all/", notice_views.notice_read_all, name="read-all"),
    path("<id:notice_id>/read/", notice_views.notice_read, name="read"),
]
