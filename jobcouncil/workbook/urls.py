from django.urls import path

from jobcouncil.workbook import views, views_ninety, views_tour

app_name = "workbook"

urlpatterns = [
    path("", views.workbook_overview, name="overview"),
    path("two-pager/", views.two_pager, name="two-pager"),
    path("two-pager/guide/", views.two_pager_guide, name="two-pager-guide"),
    path("two-pager/versions/", views.two_pager_versions, name="two-pager-versions"),
    path("two-pager/items/<id:item_id>/", views.two_pager_item, name="two-pager-item"),
    path(
        "two-pager/items/<id:item_id>/delete/",
        views.two_pager_item_delete,
        name="two-pager-item-delete",
    ),
    path("fit/", views.fit_statement, name="fit"),
    path("tour/", views_tour.tour, name="tour"),
    path("tour/new/", views_tour.conversation, name="conversation-new"),
    path("tour/<id:conversation_id>/", views_tour.conversation, name="conversation"),
    path(
        "tour/<id:conversation_id>/delete/",
        views_tour.conversation_delete,
        name="conversation-delete",
    ),
    path("contacts/", views_tour.contacts, name="contacts"),
    path("contacts/import/", views_tour.contacts_import, name="contacts-import"),
    path(
        "contacts/import/<id:import_id>/",
        views_tour.contacts_import_preview,
        name="contacts-import-preview",
    ),
    path("updates/", views_tour.updates, name="updates"),
    path("updates/new/", views_tour.update_note, name="update-note-new"),
    path("updates/<id:note_id>/", views_tour.update_note, name="update-note"),
    path("updates/<id:note_id>/send/", views_tour.update_note_send, name="update-note-send"),
    path(
        "updates/<id:note_id>/download/",
        views_tour.update_note_download,
        name="update-note-download",
    ),
    path(
        "updates/<id:note_id>/share/",
        views.share,
        {"kind": "update-note"},
        name="update-note-share",
    ),
    path("share/<slug:kind>/", views.share, name="share"),
    path("shared/<id:share_id>/", views.shared_item, name="shared"),
    path("comments/<id:comment_id>/addressed/", views.comment_addressed, name="comment-addressed"),
    # After landing: the first 90 days and the alumni's peer groups.
    path("first-90-days/", views_ninety.plan, name="first-90"),
    path("first-90-days/check-in/", views_ninety.check_in, name="first-90-check-in"),
    path("first-90-days/groups/join/", views_ninety.group_join, name="alumni-group-join"),
    path("first-90-days/groups/<id:group_id>/", views_ninety.group, name="alumni-group"),
    path(
        "first-90-days/groups/<id:group_id>/leave/",
        views_ninety.group_leave,
        name="alumni-group-leave",
    ),
    path(
        "first-90-days/questions/<id:question_id>/",
        views_ninety.question,
        name="alumni-question",
    ),
]
