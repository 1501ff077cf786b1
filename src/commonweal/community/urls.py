from django.urls import path

from commonweal.community import views

app_name = "community"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("groups/", views.groups, name="groups"),
    path("groups/<slug:slug>/", views.group, name="group"),
    path("groups/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("groups/<slug:slug>/join/", views.request_join, name="request_join"),
    path("groups/<slug:slug>/requests/", views.request_queue, name="request_queue"),
    path("my-groups/", views.my_groups, name="my_groups"),
    path("membership-requests/<int:pk>/approve/", views.request_approve, name="request_approve"),
    path("membership-requests/<int:pk>/decline/", views.request_decline, name="request_decline"),
    path("membership-requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("roster/import/", views.roster_upload, name="roster_upload"),
]
