"""Where a report must never show: the admin, the personal-data export of the people who
handle it, the logs, the command's own output."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from commonweal.accounts.services import account_erase, personal_data_export
from commonweal.conduct import personal_data  # noqa: F401  (registers it, as ready() does)
from commonweal.conduct.models import KeyHolder, Message
from tests.conduct import fixtures_keeping
from tests.conduct.fixtures_keeping import SECRETS, case_with_everything

pytestmark = pytest.mark.django_db
media_root = fixtures_keeping.media_root


def _reveals(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text or json.dumps(secret)[1:-1] in text]


def test_the_admin_lists_keys_read_only_and_no_case(
    admin_client, conduct_keys, role_users, media_root
):
    case, _key = case_with_everything(role_users["ombudsman"])
    registered = {model for model in admin.site._registry if model._meta.app_label == "conduct"}
    assert registered == {KeyHolder}
    listing = admin_client.get(reverse("admin:conduct_keyholder_changelist"), {"q": "ombudsman"})
    assert conduct_keys["ombudsman"].fingerprint in listing.content.decode()
    holder = conduct_keys["ombudsman"]
    change = reverse("admin:conduct_keyholder_change", args=[holder.pk])
    page = admin_client.get(change).content.decode()
    assert holder.fingerprint in page and 'name="_save"' not in page
    assert admin_client.post(change, {"role": "custodian"}).status_code == 403
    assert admin_client.get(reverse("admin:conduct_keyholder_add")).status_code == 403
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert case.reference not in index and _reveals(index) == []


def test_the_handler_export_holds_dates_and_no_word_of_a_report(
    conduct_keys, role_users, media_root
):
    ombudsman = role_users["ombudsman"]
    case_with_everything(ombudsman)
    exported = json.dumps(personal_data_export(user=ombudsman), ensure_ascii=False, default=str)
    records = personal_data_export(user=ombudsman)["records"]
    assert (
        records["conduct.keyholder.user"][0]["fingerprint"] == conduct_keys["ombudsman"].fingerprint
    )
    assert len(records["conduct.message.author"]) == 1
    assert _reveals(exported) == []


def test_erasing_a_handler_keeps_their_key_and_unnames_their_messages(
    conduct_keys, role_users, media_root
):
    ombudsman = role_users["ombudsman"]
    case, _key = case_with_everything(ombudsman)
    account_erase(user=ombudsman)
    assert KeyHolder.objects.get(pk=conduct_keys["ombudsman"].pk).user == ombudsman
    assert not Message.objects.filter(author=ombudsman).exists()
    assert Message.objects.filter(case=case).count() == 2


def test_filing_keeping_and_purging_log_no_word_of_a_report(
    conduct_keys, role_users, media_root, caplog, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with caplog.at_level(logging.DEBUG):
        case, _key = case_with_everything(role_users["ombudsman"])
        with django_capture_on_commit_callbacks(execute=True):
            call_command("conduct", "keys", "rotate", "--user", "ombudsman@example.org", stdout=out)
            call_command("conduct", "keys", "list", stdout=out)
            call_command("conduct", "verify-log", stdout=out)
            type(case).objects.filter(pk=case.pk).update(delete_after=case.created_at)
            call_command("conduct", "purge", stdout=out)
    assert _reveals(caplog.text) == []
    assert _reveals(out.getvalue()) == []
    assert "purged: 1 cases" in out.getvalue()
    assert apps.get_app_config("conduct")
