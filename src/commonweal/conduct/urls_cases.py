"""Addresses of the cases side of conduct: the ombudsman's and the custodians' pages."""

from django.urls import path

from commonweal.conduct import views_cases

urlpatterns = [
    path("", views_cases.cases, name="cases"),
    path("<int:pk>/", views_cases.case, name="case"),
    path("<int:pk>/acknowledge/", views_cases.case_acknowledge, name="case_acknowledge"),
    path("<int:pk>/reply/", views_cases.case_reply, name="case_reply"),
    path("<int:pk>/status/", views_cases.case_status, name="case_status"),
    path("<int:pk>/close/", views_cases.case_close, name="case_close"),
    path("<int:pk>/disclose/", views_cases.case_disclose, name="case_disclose"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views_cases.case_attachment,
        name="case_attachment",
    ),
    path("disclosures/<int:pk>/", views_cases.disclosure, name="disclosure"),
]
