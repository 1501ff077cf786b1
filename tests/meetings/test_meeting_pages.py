import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.meetings.models import Meeting, Turn

pytestmark = pytest.mark.django_db


def test_the_meeting_page_shows_floor_shares_and_the_whole_transcript(client, kobe_meeting):
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert "Non-Commercial Stakeholder Group (GNSO)" in page
    assert "ICANN Board of Directors" in page
    for turn in Turn.objects.filter(meeting=kobe_meeting).order_by("index")[:20]:
        assert f'id="turn-{turn.index}"' in page


def test_searching_a_meeting_lists_the_turns_that_mention_the_word(client, kobe_meeting):
    response = client.get(kobe_meeting.get_absolute_url(), {"q": "预算"})
    page = response.content.decode()
    expected = Turn.objects.filter(meeting=kobe_meeting, text__contains="预算")
    assert expected.exists()
    for turn in expected:
        assert f'href="#turn-{turn.index}"' in page


def test_the_transcript_search_spans_meetings(client, kobe_meeting):
    page = client.get(reverse("meetings:search"), {"q": "预算"}).content.decode()
    turn = Turn.objects.filter(text__contains="预算").order_by("index").first()
    assert turn.get_absolute_url() in page


def test_the_turns_csv_cannot_run_as_a_spreadsheet_formula(client, kobe_meeting):
    Turn.objects.filter(meeting=kobe_meeting, index=0).update(text='=HYPERLINK("http://x")')
    response = client.get(reverse("meetings:turns_csv", kwargs={"pk": kobe_meeting.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["index", "speaker", "group", "text"]
    first = next(row for row in rows[1:] if row[0] == "0")
    assert first[3].startswith("'=")


def test_the_secretariat_adds_a_transcript_and_sees_its_meeting(client, role_users):
    client.force_login(role_users["secretariat"])
    sample = (
        b"Board meeting\n\nALICE: We will publish the budget.\n\nBOB: I suggest we wait.\n"
    )
    response = client.post(
        reverse("meetings:upload"), {"transcript": SimpleUploadedFile("board.txt", sample)}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.turns.count() == 2


def test_a_transcript_that_cannot_be_read_gets_a_readable_message_and_no_meeting(
    client, role_users
):
    client.force_login(role_users["secretariat"])
    response = client.post(
        reverse("meetings:upload"),
        {"transcript": SimpleUploadedFile("junk.txt", bytes(range(256)) * 40)},
    )
    assert response.status_code == 400
    assert "junk.txt" in response.content.decode()
    assert Meeting.objects.count() == 0
