from django.urls import path

from commonweal.discussion import views

app_name = "discussion"

urlpatterns = [
    path("items/<int:pk>/", views.item, name="item"),
    path("on/<str:kind>/<int:pk>/", views.comment_post, name="post"),
    path("comments/<int:pk>/", views.comment, name="comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="delete"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="hide"),
    path("comments/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/<int:pk>/restore/", views.appeal_decide, {"restore": True}, name="restore"),
    path("appeals/<int:pk>/uphold/", views.appeal_decide, {"restore": False}, name="uphold"),
]
