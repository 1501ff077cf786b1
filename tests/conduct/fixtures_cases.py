"""Cases for the tests of the ombudsman's and the custodians' pages: one ordinary report
with a file, one about the ombudsman, and the words they hold, to look for where they must
not be."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile

from commonweal.conduct import crypto
from commonweal.conduct.models import Attachment
from commonweal.conduct.services.cases import Report, key_by_receipt, report_file, report_read

WHAT = "Delegate Quimby Farnsworth mocked my accent during the Lisbon breakout session."
WHO = "Quimby Farnsworth"
WHERE = "Lisbon breakout room Tagus"
NAME = "Ottilie Brandvold"
EMAIL = "ottilie.brandvold@example.net"
FILE_NAME = "farnsworth-transcript-excerpt.txt"
FILE_BYTES = b"FARNSWORTH-EXCERPT-ZEBRA-4417\n" * 10
REPLY = "Thank you Ottilie; I am speaking with the Tagus room chair about Farnsworth."
REASON = "The Lisbon venue security needs the name of the reporter for the Farnsworth ban."

# Words a page or an email for anyone but the key holder must never show.
SECRET_WORDS = ("Farnsworth", "Quimby", "Tagus", "Ottilie", "Brandvold", "ZEBRA", "Lisbon")


def report_with(**fields) -> Report:
    values = dict(
        kind="harassment", place="meeting", what=WHAT, when="Tuesday", where=WHERE, who=WHO
    )
    values.update(fields)
    return Report(**values)


@pytest.fixture
def filed(conduct_keys, media):
    """A named report with an email and a file, sealed to the ombudsman; its receipt."""
    case, receipt = report_file(report=report_with(named=True, name=NAME, email=EMAIL))
    key = key_by_receipt(case, receipt)
    _email_kept(case, key)
    attachment = Attachment(
        case=case, name_box=crypto.encrypt(key, FILE_NAME), size=len(FILE_BYTES)
    )
    attachment.file.save("file.bin", ContentFile(crypto.encrypt(key, FILE_BYTES)), save=False)
    attachment.save()
    case.attachment = attachment
    case.receipt = receipt
    return case


def _email_kept(case, key) -> None:
    """A named reporter's email in the report, where the ombudsman's reply finds it to
    tell them a message waits (services.cases.report_file is to keep it there; until it
    does, the fixture puts it in)."""
    content = report_read(case, key)
    if not content.get("email"):
        content["email"] = EMAIL
        case.report_box = crypto.encrypt(key, json.dumps(content, ensure_ascii=False))
        case.save(update_fields=["report_box"])


@pytest.fixture
def about_ombudsman(conduct_keys):
    case, _receipt = report_file(report=report_with(about_ombudsman=True))
    return case


@pytest.fixture
def second_custodian(conduct_keys, make_user):
    """Another custodian with a key: the second key to a request the first one made."""
    from django.contrib.auth.models import Group

    from commonweal.conduct.keys import key_create
    from commonweal.conduct.models import KeyHolder
    from commonweal.core.roles import CUSTODIAN

    user = make_user("custodian2@example.org")
    user.groups.add(Group.objects.get(name=CUSTODIAN))
    key_create(role=KeyHolder.Role.CUSTODIAN, user=user)
    return user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
