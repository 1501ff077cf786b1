"""Addresses of the proceedings part of consultations."""

from django.urls import path

from commonweal.consultations import views_endorsements as coordinators
from commonweal.consultations import views_proceedings as views

urlpatterns = [
    path("", views.proceedings, name="proceedings"),
    path("new/", views.proceeding_new, name="proceeding_new"),
    path("<int:pk>/", views.proceeding, name="proceeding"),
    path("<int:pk>/edit/", views.proceeding_edit, name="proceeding_edit"),
    path("<int:pk>/documents/add/", views.document_add, name="document_add"),
    path("<int:pk>/publish/", views.proceeding_publish, name="proceeding_publish"),
    path("<int:pk>/extend/", views.proceeding_extend, name="proceeding_extend"),
    path("<int:pk>/report/", views.proceeding_report, name="proceeding_report"),
    path("<int:pk>/submissions/new/", views.submission_new, name="submission_new"),
    path("<int:pk>/submissions.csv", views.submissions_csv, name="submissions_csv"),
    path("<int:pk>/submissions.json", views.submissions_json, name="submissions_json"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission_submit"),
    path(
        "submissions/<int:pk>/endorse/",
        coordinators.submission_endorse,
        name="submission_endorse",
    ),
    path(
        "submissions/<int:pk>/decline/",
        coordinators.submission_decline,
        name="submission_decline",
    ),
    path("endorsements/", coordinators.endorsements, name="endorsements"),
]
