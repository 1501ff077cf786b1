from django.urls import path

from commonweal.community import views

app_name = "community"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("groups/", views.groups, name="groups"),
    path("groups/<slug:slug>/", views.group, name="group"),
    path("groups/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("roster/import/", views.roster_upload, name="roster_upload"),
]
