"""Conduct's addresses: the reporter's side and the ombudsman's side keep their own lists."""

from django.urls import include, path

from commonweal.conduct import urls_cases, urls_reporting

app_name = "conduct"

urlpatterns = [
    path("", include(urls_reporting)),
    path("cases/", include(urls_cases)),
]
