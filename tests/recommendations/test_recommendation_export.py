import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from prioritizing import through_a_round

from commonweal.recommendations.importing import recommendations_import
from commonweal.recommendations.models import Recommendation
from commonweal.recommendations.services import (
    recommendation_decide,
    translation_set,
)

pytestmark = pytest.mark.django_db

REASONS = {
    "rationale": "Fits the budget.",
    "serves": "Newcomers.",
    "consultation": "Public comment, 40 days.",
    "alternatives": "A pilot.",
}


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_a_title_that_looks_like_a_formula_is_neutralised_in_the_csv(client, make_recommendation):
    make_recommendation("R-1", title='=HYPERLINK("http://evil.example","click")')
    rows = csv_rows(client.get(reverse("recommendations:export_csv")))
    assert rows[0]["title"].startswith("'=HYPERLINK")


def test_the_exports_follow_the_lists_filters(client, make_recommendation):
    make_recommendation("R-1")
    decided = make_recommendation("R-2")
    through_a_round(decided)
    recommendation_decide(recommendation=decided, decision="rejected", **REASONS)
    rows = csv_rows(client.get(reverse("recommendations:export_csv"), {"status": "decided"}))
    assert [row["reference"] for row in rows] == ["R-2"]
    document = json.loads(
        client.get(reverse("recommendations:export_json"), {"q": "R-1"}).getvalue()
    )
    assert [item["reference"] for item in document["recommendations"]] == ["R-1"]


def test_the_exports_carry_the_decision_its_public_interest_and_the_derived_durations(
    client, make_recommendation
):
    decided = make_recommendation("R-9")
    through_a_round(decided)
    recommendation_decide(recommendation=decided, decision="approved", **REASONS)
    translation_set(recommendation=decided, language="zh-hans", title="标题", text="正文")
    row = csv_rows(client.get(reverse("recommendations:export_csv")))[0]
    assert row["status"] == "decided"
    assert row["decision"] == "approved"
    assert row["serves"] == "Newcomers."
    assert row["days_to_decision"] == "0.0"
    assert row["title_zh-hans"] == "标题"
    assert row["url"] == f"http://testserver{decided.get_absolute_url()}"
    item = json.loads(client.get(reverse("recommendations:export_json")).getvalue())[
        "recommendations"
    ][0]
    assert item["decision"]["public_interest"] == {
        "serves": "Newcomers.",
        "consultation": "Public comment, 40 days.",
        "alternatives": "A pilot.",
    }
    assert item["timestamps"]["decided"] is not None
    assert item["timestamps"]["implemented"] is None
    assert item["one_time_cost"] == 100000
    assert item["translations"]["zh-hans"]["title"] == "标题"


def test_an_exported_csv_imports_back_unchanged(client, make_recommendation):
    make_recommendation("R-1", title="-minus sign first")
    second = make_recommendation("R-2")
    second.dependencies.add(Recommendation.objects.get(reference="R-1"))
    translation_set(recommendation=second, language="zh-hans", title="标题", text="正文")
    data = client.get(reverse("recommendations:export_csv")).getvalue()
    result = recommendations_import(data=data, source_name="export.csv")
    assert (result.unchanged, result.updated, result.created) == (2, 0, 0)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_a_csv_downloaded_in_any_language_imports_back_unchanged(
    client, make_recommendation, language
):
    make_recommendation("R-1")
    second = make_recommendation("R-2")
    translation_set(recommendation=second, language="zh-hans", title="标题", text="正文")
    response = client.get(reverse("recommendations:export_csv"), HTTP_ACCEPT_LANGUAGE=language)
    data = response.getvalue()
    assert not data.decode().startswith("reference,"), "the header is in the reader's language"
    result = recommendations_import(data=data, source_name="export.csv")
    assert (result.unchanged, result.updated, result.created) == (2, 0, 0)


def test_the_command_exports_json_to_a_file(tmp_path, make_recommendation):
    make_recommendation("R-1")
    output = tmp_path / "registry.json"
    call_command("recommendations", "export", "--format", "json", "--output", str(output))
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["count"] == 1
    assert document["recommendations"][0]["reference"] == "R-1"


def test_the_command_exports_csv_to_stdout(make_recommendation):
    make_recommendation("R-1")
    out = io.StringIO()
    call_command("recommendations", "export", stdout=out)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["reference"] == "R-1"
