from django.urls import path  # noqa: F401  (the learning center's pages come with its courses)

app_name = "learning"
urlpatterns: list = []
