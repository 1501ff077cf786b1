from django.urls import path

from commonweal.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meetings, name="list"),
    path("search/", views.search, name="search"),
    path("upload/", views.upload, name="upload"),
    path("upload/<int:pk>/", views.job, name="job"),
    path("<int:pk>/", views.meeting, name="meeting"),
    path("<int:pk>/turns/<int:index>/", views.meeting_turn, name="turn"),
    path("<int:pk>/turns.csv", views.meeting_turns_csv, name="turns_csv"),
    path("<int:pk>/meeting.json", views.meeting_json, name="json"),
    path("<int:pk>/convokit.zip", views.meeting_convokit, name="convokit"),
    path("candidates/<int:pk>/review/", views.candidate_review, name="candidate_review"),
    path("topics/<int:pk>/title/", views.topic_title, name="topic_title"),
]
