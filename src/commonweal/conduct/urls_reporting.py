"""Addresses of the reporting side of conduct: the report form and the receipt's pages.
Every page past the form takes the receipt in a POST, never in the address."""

from django.urls import path

from commonweal.conduct import views_reporting as views

urlpatterns = [
    path("", views.report, name="report"),
    path("followup/", views.followup, name="followup"),
    path("followup/message/", views.followup_message, name="followup_message"),
    path("followup/consent/", views.followup_consent, name="followup_consent"),
    path("followup/consent/withdraw/", views.followup_withdraw, name="followup_withdraw"),
    path("followup/files/<int:attachment_id>/", views.followup_file, name="followup_file"),
    path("followup/export/", views.followup_export, name="followup_export"),
]
