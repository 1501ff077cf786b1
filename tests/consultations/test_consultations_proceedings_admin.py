"""Consultations in the admin: every record can be searched and filtered; what the
platform sent and to whom is read, never changed."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from commonweal.consultations.services.proceedings import document_add, proceeding_extend
from tests.consultations.fixtures_proceedings import days

INLINE = {"consultations.Document", "consultations.Extension"}


def test_every_consultations_record_has_an_admin_with_search_and_filters():
    for model in apps.get_app_config("consultations").get_models():
        if model._meta.label in INLINE:
            continue
        model_admin = admin.site._registry.get(model)
        assert model_admin is not None, model._meta.label
        assert model_admin.search_fields and model_admin.list_filter, model._meta.label


def test_an_administrator_searches_every_changelist_and_opens_a_proceeding(
    admin_client, make_proceeding, role_users
):
    proceeding = make_proceeding(groups=[role_users["groups"]["ncsg"]])
    document_add(proceeding=proceeding, title="Background", url="https://example.org/bg")
    proceeding_extend(proceeding=proceeding, closes_on=days(30), reason="More time.")
    for model in apps.get_app_config("consultations").get_models():
        if model._meta.label in INLINE:
            continue
        url = reverse(f"admin:consultations_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "ncsg"}).status_code == 200, url
    change = reverse("admin:consultations_proceeding_change", args=[proceeding.pk])
    page = admin_client.get(change).content.decode()
    assert "Background" in page and "More time." in page


def test_emails_and_notifications_are_not_changed_in_the_admin():
    from commonweal.consultations.models import Message, Notification

    for model in (Message, Notification):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)
