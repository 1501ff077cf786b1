"""Each KPI against a small record whose figures are worked out by hand in the test."""

import datetime

from django.utils import timezone

from commonweal.meetings.models import Participant
from commonweal.metrics import kpis
from commonweal.metrics.kpis import budget, floor, participation, recommendations, topics
from commonweal.recommendations.models import Recommendation

UTC = datetime.UTC


def rows_by_name(rows):
    return {row.name: row for row in rows}


def test_floor_share_over_both_meetings_is_each_groups_words_over_everyones(record):
    rows = rows_by_name(floor.floor_percent_by_group(kpis.Filters()))
    # Alpha 600 + 100 = 700 words, Beta 400 + 300 = 700: half each.
    assert rows["Alpha"].share == 50.0
    assert rows["Beta"].share == 50.0
    assert rows["Alpha"].meeting_hours == 1.5
    assert rows["Alpha"].speaking_hours == round(1500 / 3600, 2)
    assert rows["Beta"].turns == 4


def test_a_date_range_keeps_only_the_meetings_within_it(record):
    january = kpis.Filters(date_from=datetime.date(2024, 1, 1), date_to=datetime.date(2024, 3, 31))
    rows = rows_by_name(floor.floor_percent_by_group(january))
    assert (rows["Alpha"].share, rows["Beta"].share) == (60.0, 40.0)
    assert kpis.dashboard(january).meetings == 1


def test_hours_per_quarter_add_up_meetings_and_speech(record):
    quarters = floor.hours_by_quarter(kpis.Filters())
    assert [(q.quarter, q.meetings, q.meeting_hours, q.speaking_hours) for q in quarters] == [
        ("2024-Q1", 1, 1.0, round(2000 / 3600, 2)),
        ("2024-Q2", 1, 0.5, round(1200 / 3600, 2)),
    ]
    alpha = floor.hours_by_quarter(kpis.Filters(group=record["alpha"]))
    assert [q.speaking_hours for q in alpha] == [round(1200 / 3600, 2), round(300 / 3600, 2)]


def test_top_speakers_are_ranked_by_their_share_of_the_words(record):
    speakers = floor.top_speakers(kpis.Filters())
    # Cai 700 of 1,400 words, Ada 600, Bo 100.
    assert [(s.name, s.share, s.meetings) for s in speakers] == [
        ("Cai", 50.0, 2),
        ("Ada", 42.9, 1),
        ("Bo", 7.1, 1),
    ]


def test_hours_on_a_topic_come_from_titles_matching_every_word_of_the_query(record):
    everyone = topics.topic_hours(kpis.Filters(), "definition")
    # 1,800 + 600 seconds over two meetings.
    assert (everyone.topics, everyone.meetings, everyone.hours) == (2, 2, round(2400 / 3600, 2))
    assert topics.topic_hours(kpis.Filters(), "public budget").hours == 0
    alpha = topics.topic_hours(kpis.Filters(group=record["alpha"]), "definition")
    # Only Alpha's turns within those topics: Ada 1,200 s and Bo 300 s.
    assert (alpha.meetings, alpha.hours) == (2, round(1500 / 3600, 2))
    assert topics.topic_hours(kpis.Filters(), "   ") is None


def test_hours_per_topic_list_the_longest_first(record):
    assert [(t.title, t.hours) for t in topics.topic_time(kpis.Filters())] == [
        ("Definition of public interest", 0.5),
        ("Public interest definition, continued", round(600 / 3600, 2)),
        ("Budget", round(300 / 3600, 2)),
    ]


def test_participation_breadth_counts_distinct_speakers_per_group_per_meeting(record, make_person):
    second = record["meetings"][1]
    Participant.objects.create(
        meeting=second, label="Dee", person=make_person("Dee"), group=record["alpha"]
    )
    rows = rows_by_name(participation.participation_breadth(kpis.Filters()))
    # Alpha: one speaker in January, two in April.
    assert (rows["Alpha"].meetings, rows["Alpha"].mean_speakers, rows["Alpha"].most_speakers) == (
        2,
        1.5,
        2,
    )
    assert rows["Beta"].mean_speakers == 1.0


def test_newcomers_are_counted_in_the_quarter_of_the_first_meeting_they_spoke_in(record):
    assert [(n.quarter, n.newcomers) for n in participation.newcomers(kpis.Filters())] == [
        ("2024-Q1", 2),
        ("2024-Q2", 1),
    ]
    # Cai spoke again in April but was no newcomer then.
    april = kpis.Filters(date_from=datetime.date(2024, 4, 1))
    assert [(n.quarter, n.newcomers) for n in participation.newcomers(april)] == [("2024-Q2", 1)]


def _decided(make_recommendation, received, decided, implemented=None):
    recommendation = make_recommendation()
    Recommendation.objects.filter(pk=recommendation.pk).update(
        received_at=received,
        decided_at=decided,
        implemented_at=implemented,
        status=Recommendation.Status.IMPLEMENTED if implemented else Recommendation.Status.DECIDED,
        decision=Recommendation.Decision.APPROVED,
    )
    return recommendation


def test_time_to_decision_gives_the_median_and_nearest_rank_90th_percentile_by_year(
    db, make_recommendation
):
    start = datetime.datetime(2023, 1, 2, tzinfo=UTC)
    for waited, implemented_after in [(10, 100), (20, None), (30 + 365, None), (40 + 365, 50)]:
        decided = start + datetime.timedelta(days=waited)
        _decided(
            make_recommendation,
            start,
            decided,
            decided + datetime.timedelta(days=implemented_after) if implemented_after else None,
        )
    by_source, by_year = recommendations.durations(kpis.Filters())
    (row,) = by_source
    # Days: 10, 20, 395, 405; median (20 + 395) / 2; nearest rank ceil(0.9 × 4) = 4th.
    assert (row.decided, row.decision_median_days, row.decision_p90_days) == (4, 207.5, 405.0)
    assert (row.implemented, row.implementation_median_days) == (2, 75.0)
    decisions = [(y.year, y.median_days, y.change_days) for y in by_year if y.measure == "decision"]
    assert decisions == [(2023, 15.0, None), (2024, 400.0, 385.0)]


def test_recommendations_are_counted_in_the_quarter_of_each_event(db, make_recommendation):
    _decided(
        make_recommendation,
        datetime.datetime(2023, 2, 1, tzinfo=UTC),
        datetime.datetime(2023, 5, 1, tzinfo=UTC),
        datetime.datetime(2023, 11, 1, tzinfo=UTC),
    )
    flows = {
        (f.quarter): (f.received, f.decided, f.implemented)
        for f in recommendations.recommendation_flow(kpis.Filters())
    }
    assert flows == {"2023-Q1": (1, 0, 0), "2023-Q2": (0, 1, 0), "2023-Q4": (0, 0, 1)}


def test_budget_committed_is_read_from_each_counted_rounds_plan(db, make_round):
    round_ = make_round()
    round_.result = {
        "plan": {
            "years": [
                {
                    "year": "FY2027",
                    "cap": 1_000_000.0,
                    "total": 250_000.0,
                    "one_time": 200_000.0,
                    "recurring": 50_000.0,
                },
                {
                    "year": "FY2028",
                    "cap": 1_000_000.0,
                    "total": 50_000.0,
                    "one_time": 0.0,
                    "recurring": 50_000.0,
                },
            ]
        }
    }
    round_.closed_at = timezone.now()
    round_.save()
    make_round()  # not counted: no plan to read
    rows = budget.budget_committed(kpis.Filters())
    assert [(r.year, r.committed, r.share) for r in rows] == [
        ("FY2027", 250_000.0, 25.0),
        ("FY2028", 50_000.0, 5.0),
    ]
