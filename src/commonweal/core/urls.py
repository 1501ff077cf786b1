from django.urls import path

from commonweal.core import views

app_name = "core"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("favicon.ico", views.favicon, name="favicon"),
]
