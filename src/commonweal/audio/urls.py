from django.urls import path

from commonweal.audio import views

app_name = "audio"
urlpatterns = [
    path("", views.recordings, name="list"),
    path("new/", views.recording_new, name="new"),
    path("<int:pk>/", views.recording, name="recording"),
    path("<int:pk>/voices/<int:index>/sample.wav", views.voice_sample, name="voice_sample"),
]
