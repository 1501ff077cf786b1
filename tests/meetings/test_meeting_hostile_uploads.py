"""A hostile transcript uploaded on the page gets the reader's one line, never "internal error"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.meetings.models import IngestJob, Meeting

pytestmark = pytest.mark.django_db

DEEP = b"[" * 50_000 + b"]" * 50_000


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("deep.json", DEEP, "deep.json:1: JSON nested more than 100 deep"),
        ("utterances.jsonl", b'{"text": "hi"}\n' + DEEP, "utterances.jsonl:2: JSON nested"),
    ],
)
def test_a_deeply_nested_transcript_upload_says_where_and_adds_no_meeting(
    client, role_users, name, data, line
):
    client.force_login(role_users["secretariat"])
    response = client.post(
        reverse("meetings:upload"), {"transcript": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert line in page and "internal error" not in page
    assert IngestJob.objects.get().status == "failed"
    assert Meeting.objects.count() == 0


def test_a_transcript_uploaded_with_an_alias_bomb_roster_names_the_roster(client, role_users):
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"{c}: &{c} [{', '.join([f'*{chr(ord(c) - 1)}'] * 9)}]" for c in "bcdefghi"]
    bomb += ["groups: {g: G}", "people:", "  - {name: *i, group: g}"]
    client.force_login(role_users["secretariat"])
    response = client.post(
        reverse("meetings:upload"),
        {
            "transcript": SimpleUploadedFile("board.txt", b"ALICE: Hello.\n"),
            "roster": SimpleUploadedFile("bomb.yaml", "\n".join(bomb).encode()),
        },
    )
    assert response.status_code == 400
    assert "bomb.yaml:2: an alias (*name) may stand for one value" in response.content.decode()
    assert Meeting.objects.count() == 0
