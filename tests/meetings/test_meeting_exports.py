"""A meeting's downloads are streamed, and say what they said when they were made whole."""

import csv
import io
import json
import tracemalloc
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from huge_meeting import build_meeting

from commonweal.meetings import exporting
from commonweal.spreadsheets import csv_text
from commonweal.transcript.writers import convokit_documents

pytestmark = pytest.mark.django_db


def _get(client, name, meeting):
    response = client.get(reverse(f"meetings:{name}", kwargs={"pk": meeting.pk}))
    assert isinstance(response, StreamingHttpResponse)
    assert response["X-Content-Type-Options"] == "nosniff"
    return response


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few turns, so that the kobe meeting crosses many chunk boundaries."""
    monkeypatch.setattr(exporting, "TURN_CHUNK", 7)


def test_the_streamed_json_is_the_text_json_dumps_writes(client, kobe_meeting, small_chunks):
    response = _get(client, "json", kobe_meeting)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert f'filename="meeting-{kobe_meeting.pk}.json"' in response["Content-Disposition"]
    text = response.getvalue().decode()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    assert [turn["index"] for turn in json.loads(text)["turns"]] == sorted(
        kobe_meeting.turns.values_list("index", flat=True)
    )


def test_the_streamed_convokit_zip_holds_the_corpus_the_engine_writes(
    client, kobe_meeting, small_chunks
):
    contract = json.loads(_get(client, "json", kobe_meeting).getvalue())
    folder = f"meeting-{kobe_meeting.pk}"
    expected = convokit_documents(contract, folder)
    response = _get(client, "convokit", kobe_meeting)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    assert archive.testzip() is None
    assert archive.namelist() == [f"{folder}/{name}" for name in expected]
    for name, text in expected.items():
        assert archive.read(f"{folder}/{name}").decode() == text, name


def test_the_streamed_turns_csv_is_the_table_made_whole(client, kobe_meeting, small_chunks):
    kobe_meeting.turns.filter(index=1).update(text="@SUM(A1)")
    contract = json.loads(_get(client, "json", kobe_meeting).getvalue())
    rows = [(t["index"], t["speaker"], t["group"] or "", t["text"]) for t in contract["turns"]]
    response = _get(client, "turns_csv", kobe_meeting)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode()
    assert text == csv_text(["index", "speaker", "group", "text"], rows)
    assert list(csv.reader(io.StringIO(text)))[2][3] == "'@SUM(A1)"


def _peak_while_streaming(response) -> tuple[int, int]:
    """Bytes sent and the most memory held at once while sending them."""
    tracemalloc.start()
    try:
        sent = sum(len(chunk) for chunk in response.streaming_content)
        return sent, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["turns_csv", "json", "convokit"])
def test_a_big_meetings_export_streams_in_far_less_memory_than_its_text(client, name, monkeypatch):
    monkeypatch.setattr(exporting, "TURN_CHUNK", 100)
    meeting = build_meeting(turns=4_000, text_length=500)
    sent, peak = _peak_while_streaming(_get(client, name, meeting))
    # The turns' text alone is 2 MB; made whole, a download held it several times over.
    assert peak < 1_000_000, f"{name}: {peak} bytes held to send {sent}"
