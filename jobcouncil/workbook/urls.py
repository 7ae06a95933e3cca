from django.urls import path

from jobcouncil.workbook import views, views_ninety, views_offer, views_search, views_tour

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
    path("targets/", views_search.targets, name="targets"),
    path("targets/board/", views_search.board, name="board"),
    path("targets/<id:target_id>/", views_search.target, name="target"),
    path("targets/<id:target_id>/stage/", views_search.target_stage, name="target-stage"),
    path("targets/<id:target_id>/delete/", views_search.target_delete, name="target-delete"),
    path(
        "targets/<id:target_id>/introduction/",
        views_search.target_introduction,
        name="target-introduction",
    ),
    path(
        "targets/<id:target_id>/interviews/new/",
        views_search.interview_new,
        name="interview-new",
    ),
    path("interviews/<id:interview_id>/", views_search.interview, name="interview"),
    path(
        "interviews/<id:interview_id>/delete/",
        views_search.interview_delete,
        name="interview-delete",
    ),
    path(
        "interviews/<id:interview_id>/calendar/",
        views_search.interview_calendar,
        name="interview-calendar",
    ),
    path("interviews/<id:interview_id>/debrief/", views_search.debrief, name="debrief"),
    path(
        "interviews/<id:interview_id>/debrief/share/",
        views_search.debrief_share,
        name="debrief-share",
    ),
    path("activity/", views_search.activity, name="activity"),
    path("activity/csv/", views_search.activity_csv, name="activity-csv"),
    path("gratitude/", views_search.gratitude, name="gratitude"),
    path(
        "gratitude/<id:entry_id>/delete/",
        views_search.gratitude_delete,
        name="gratitude-delete",
    ),
    path("inner-critic/", views_search.inner_critic, name="inner-critic"),
    path("contacts/companies/", views_search.contact_companies, name="contact-companies"),
    path("share/<slug:kind>/", views.share, name="share"),
    path("shared/<id:share_id>/", views.shared_item, name="shared"),
    path("comments/<id:comment_id>/addressed/", views.comment_addressed, name="comment-addressed"),
    # An opportunity near its end: the Job Mission with OKRs (and its PDF), the negotiation.
    path("targets/<id:target_id>/mission/", views_offer.job_mission, name="job-mission"),
    path(
        "targets/<id:target_id>/mission/pdf/",
        views_offer.job_mission_pdf,
        name="job-mission-pdf",
    ),
    path("targets/<id:target_id>/negotiation/", views_offer.negotiation, name="negotiation"),
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
