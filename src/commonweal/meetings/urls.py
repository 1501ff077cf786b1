from django.urls import path

from commonweal.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meetings, name="list"),
    path("search/", views.search, name="search"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.meeting, name="meeting"),
    path("<int:pk>/turns.csv", views.meeting_turns_csv, name="turns_csv"),
]
