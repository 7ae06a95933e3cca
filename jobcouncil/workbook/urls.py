from django.urls import path

from jobcouncil.workbook import views

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
    path("share/<slug:kind>/", views.share, name="share"),
    path("shared/<id:share_id>/", views.shared_item, name="shared"),
    path("comments/<id:comment_id>/addressed/", views.comment_addressed, name="comment-addressed"),
]
