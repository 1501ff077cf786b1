from django.urls import path

from commonweal.metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.community, name="community"),
    path("csv/", views.table_csv, name="csv"),
    path("groups/<slug:slug>/", views.group, name="group"),
    path("groups/<slug:slug>/assess/", views.assess, name="assess"),
]
