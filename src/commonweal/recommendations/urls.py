from django.urls import path

from commonweal.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.recommendations, name="list"),
    path("add/", views.add, name="add"),
    path("import/", views.import_csv, name="import"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("<int:pk>/", views.recommendation, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.take_step, name="move"),
]
