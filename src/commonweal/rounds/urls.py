from django.urls import path

from commonweal.rounds import views

app_name = "rounds"

urlpatterns = [
    path("", views.rounds, name="list"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/edit/", views.round_edit, name="edit"),
    path("<int:pk>/ballot/", views.ballot, name="ballot"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/priorities/", views.priorities, name="priorities"),
    path("<int:pk>/ballots.pb", views.pabulib, name="pabulib"),
    path("<int:pk>/priorities.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/priorities.json", views.export_json, name="export_json"),
]
