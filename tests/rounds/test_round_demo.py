"""The demo's registry and rounds: a counted round anyone can recount, and real lifecycles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import shared_file

pytestmark = pytest.mark.django_db


def counts():
    from commonweal.accounts.models import User
    from commonweal.recommendations.models import LifecycleEvent, Recommendation
    from commonweal.rounds.models import Ballot, Participation, Round

    return {
        model.__name__: model.objects.count()
        for model in (User, Recommendation, LifecycleEvent, Round, Ballot, Participation)
    }


@pytest.fixture
def demo(db):
    from commonweal.site.demo import demo_load

    return demo_load()


@pytest.fixture
def closed_round(demo):
    from commonweal.rounds.models import Round
    from commonweal.site.demo import CLOSED_ROUND

    return Round.objects.get(title=CLOSED_ROUND)


def test_anyone_recounting_the_exported_demo_ballots_gets_the_published_selection(
    closed_round, tmp_path
):
    from django.core.management import call_command

    ballots = tmp_path / "demo-round.pb"
    call_command("rounds", "export", str(closed_round.pk), "--output", str(ballots))
    recount = subprocess.run(
        [sys.executable, "-m", "commonweal", "prioritize", "--rule", closed_round.rule, ballots],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert recount.returncode == 0, recount.stderr
    assert json.loads(recount.stdout)["selected"] == closed_round.result["selected"]


def test_the_demo_priority_list_funds_items_over_several_years_and_explains_a_deferral(
    closed_round,
):
    from commonweal.rounds.selectors import priority_rows

    rows = priority_rows(closed_round)
    years_with_items = [year["year"] for year in rows["years"] if year["items"]]
    assert len(years_with_items) > 1
    assert rows["deferred"], "a voted item should find no room in the plan"
    assert all(row["reason"] for row in rows["deferred"])
    assert closed_round.result["ballots"] >= 40
    assert len(closed_round.result["ballots_by_group"]) >= 2


def test_the_demo_registry_is_illustrative_with_decisions_spread_over_the_years(demo):
    from commonweal.recommendations.models import Recommendation

    illustrative = Recommendation.objects.filter(illustrative=True)
    assert illustrative.count() >= 40
    assert illustrative.filter(translations__language="zh-hans").distinct().count() >= 12
    statuses = set(illustrative.values_list("status", flat=True))
    assert {"received", "decided", "implementation", "implemented", "prioritization"} <= statuses
    decisions = set(illustrative.exclude(decision="").values_list("decision", flat=True))
    assert decisions == {"approved", "deferred", "rejected"}
    waits = [r.time_to_decision.days for r in illustrative.decided()]
    assert min(waits) < 100 and max(waits) > 700
    decided_years = {r.decided_at.year for r in illustrative.decided()}
    assert len(decided_years) >= 4
    assert illustrative.filter(dependencies__isnull=False).exists()


def test_the_demo_participant_can_vote_in_the_open_round(demo):
    from commonweal.accounts.models import User
    from commonweal.rounds.models import Round
    from commonweal.rounds.selectors import voting_groups
    from commonweal.rounds.services import ballot_of, ballot_submit
    from commonweal.site.demo import OPEN_ROUND

    round_ = Round.objects.get(title=OPEN_ROUND)
    participant = User.objects.get(email="participant@example.org")
    assert round_.is_open()
    groups = voting_groups(round_, participant)
    assert groups
    reference = round_.items.first().recommendation.reference
    ballot_submit(voting_round=round_, user=participant, group=groups[0], choices=[(reference, 1)])
    assert ballot_of(round_, participant).choices == [[reference, 1]]


def test_the_kobe_recommendations_link_to_the_turns_that_proposed_them(demo):
    shared_file("corpus", "icann64-kobe", "board-ncsg.zh.txt")
    from commonweal.recommendations.models import Recommendation
    from commonweal.site.demo import SAMPLE_TRANSCRIPT, demo_files

    if demo_files()[1] == SAMPLE_TRANSCRIPT:
        pytest.skip(
            "COMMONWEAL_SHARED points away from the shared corpus: the demo used the sample"
        )

    from_meeting = Recommendation.objects.exclude(meeting=None)
    assert from_meeting.count() == 2
    for recommendation in from_meeting:
        assert not recommendation.illustrative
        turn = recommendation.meeting.turns.get(index=recommendation.turn_index)
        assert recommendation.quote in turn.text
        assert recommendation.turn_url() == turn.get_absolute_url()
        assert recommendation.translation("en") is not None


def test_loading_the_demo_twice_adds_nothing(demo):
    from commonweal.site.demo import demo_load

    before = counts()
    demo_load()
    assert counts() == before


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ar", "تحديد التنوع وقياسه في جميع هياكل المجتمع"),
        ("fr", "Définir et mesurer la diversité dans toutes les structures de la communauté"),
        ("ru", "Определить и измерять разнообразие во всех структурах сообщества"),
        ("es", "Definir y medir la diversidad en todas las estructuras de la comunidad"),
        ("zh-hans", "界定并衡量所有社群架构中的多样性"),
    ],
)
def test_the_demo_registry_reads_in_each_of_the_six_languages(demo, client, language, title):
    from django.urls import reverse

    page = client.get(reverse("recommendations:list"), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert title in text
    assert "Define and measure diversity across all community structures" not in text


def test_the_demo_meeting_in_six_languages_reads_in_the_readers_edition(demo, client):
    from commonweal.meetings.models import Meeting

    meeting = Meeting.objects.get(source_name="board-session.en.txt")
    assert sorted(meeting.editions.values_list("language", flat=True)) == [
        "ar",
        "es",
        "fr",
        "ru",
        "zh",
    ]
    page = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    # The Arabic edition beside the English original.
    assert '<div class="translation" lang="ar" dir="auto">' in page
    assert '<div class="text original" lang="en" dir="auto">' in page
