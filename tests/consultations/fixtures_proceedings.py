"""Fixtures of the proceedings tests: uploaded files kept in a temporary folder, a member
of the NCSG who writes on its behalf, a proceeding open for comment, and time moved on."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def today() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def proceedings_followable():
    from commonweal.consultations.followables import followables_register

    followables_register()


@pytest.fixture
def member(role_users, make_user):
    """A participant who is a member (not a coordinator) of the NCSG."""
    from commonweal.community.models import Membership

    user = make_user("member@example.org")
    Membership.objects.create(
        person=user.person, group=role_users["groups"]["ncsg"], role=Membership.Role.MEMBER
    )
    return user


@pytest.fixture
def open_proceeding(make_proceeding, role_users):
    """Published, open for comment, concerning the NCSG."""
    return make_proceeding(title="Registration data policy", groups=[role_users["groups"]["ncsg"]])


def close(proceeding) -> None:
    """Time passes: the period ended yesterday (the status follows from the dates)."""
    type(proceeding).objects.filter(pk=proceeding.pk).update(opens_on=days(-20), closes_on=days(-1))
    proceeding.refresh_from_db()


def login(client, user):
    client.force_login(user)
    return client
