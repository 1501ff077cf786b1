"""Streamed downloads say byte for byte what the whole-file helpers said."""

import io
import json
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from commonweal.core.downloads import csv_stream, json_stream, streaming_download, zip_stream
from commonweal.recommendations.exporting import recommendations_csv, recommendations_json
from commonweal.recommendations.models import Recommendation
from commonweal.spreadsheets import csv_text

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=6), st.data())
def test_a_streamed_json_object_is_the_text_json_dumps_writes(document, data):
    lists = [key for key, value in document.items() if isinstance(value, list)]
    streamed = data.draw(st.sets(st.sampled_from(lists)) if lists else st.just(set()))
    members = ((key, iter(value) if key in streamed else value) for key, value in document.items())
    text = "".join(json_stream(members, streamed=streamed))
    assert text == json.dumps(document, ensure_ascii=False, indent=1)


@given(st.lists(st.lists(st.text() | st.integers() | st.none(), min_size=3, max_size=3)))
def test_a_streamed_csv_is_the_whole_table_with_formulas_neutralised(rows):
    assert "".join(csv_stream(["a", "b", "c"], rows)) == csv_text(["a", "b", "c"], rows)


def test_a_streamed_zip_holds_each_file_whole():
    chunks = zip_stream([("corpus/a.txt", ["one ", "two"]), ("corpus/b.json", [b"{}"])])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.testzip() is None
    assert archive.read("corpus/a.txt") == b"one two"
    assert archive.read("corpus/b.json") == b"{}"


def test_a_streamed_download_is_named_typed_and_not_sniffed():
    response = streaming_download(
        iter(["名", "字"]), filename="名字.txt", content_type="text/plain"
    )
    assert isinstance(response, StreamingHttpResponse)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert response.getvalue() == "名字".encode()


@pytest.mark.django_db
def test_the_registrys_streamed_downloads_match_the_commands_files(client, make_recommendation):
    make_recommendation("R-1", title="=SUM(1)")
    make_recommendation("R-2")
    csv_response = client.get(reverse("recommendations:export_csv"))
    json_response = client.get(reverse("recommendations:export_json"))
    assert isinstance(csv_response, StreamingHttpResponse)
    base_url = "http://testserver"
    everything = Recommendation.objects.all()
    assert csv_response.getvalue().decode() == recommendations_csv(everything, base_url=base_url)
    streamed = json.loads(json_response.getvalue())
    whole = json.loads(recommendations_json(everything, base_url=base_url))
    assert streamed.pop("generated_at") and whole.pop("generated_at")
    assert streamed == whole and streamed["count"] == 2
