import datetime

import pytest
from django.db import IntegrityError, transaction

from commonweal.metrics import kpis
from commonweal.metrics.kpis import maturity
from commonweal.metrics.models import Assessment, AssessmentScore, MaturityModel
from commonweal.metrics.services import AssessmentError, assessment_record

CODES = ["participation", "transparency", "outcomes", "efficiency", "capacity-building"]


def scores(*levels):
    return {
        code: (level, f"evidence for {code}") for code, level in zip(CODES, levels, strict=True)
    }


def test_the_default_model_has_five_levels_and_five_dimensions_in_both_languages(db):
    model = MaturityModel.objects.get(is_default=True)
    assert model.level_labels("en") == [
        "initial",
        "repeatable",
        "defined",
        "quantitatively managed",
        "optimised",
    ]
    assert model.level_labels("zh-hans") == [
        "初始级",
        "可重复级",
        "已定义级",
        "量化管理级",
        "优化级",
    ]
    assert [d.label("zh-hans") for d in model.dimensions.all()] == [
        "参与",
        "透明度",
        "成果",
        "效率",
        "能力建设",
    ]


def test_a_new_assessment_keeps_the_earlier_ones_and_the_overview_shows_the_latest(
    db, make_group, make_user
):
    group = make_group("alpha", name="Alpha")
    assessment_record(
        group=group,
        by=make_user(),
        assessed_on=datetime.date(2025, 1, 1),
        scores=scores(1, 1, 2, 1, 1),
    )
    assessment_record(
        group=group,
        by=make_user(),
        assessed_on=datetime.date(2026, 1, 1),
        scores=scores(2, 3, 3, 2, 5),
    )
    assert Assessment.objects.filter(group=group).count() == 2
    (row,) = maturity.maturity_overview(kpis.Filters())
    assert row.assessed_on == "2026-01-01"
    assert row.mean == 3.0  # (2 + 3 + 3 + 2 + 5) / 5
    (earlier,) = maturity.maturity_overview(kpis.Filters(date_to=datetime.date(2025, 6, 30)))
    assert earlier.levels["transparency"] == 1


def test_a_level_beyond_the_models_levels_or_a_missing_dimension_is_refused(db, make_group):
    group = make_group()
    with pytest.raises(AssessmentError, match="between 1 and 5"):
        assessment_record(
            group=group,
            by=None,
            assessed_on=datetime.date(2026, 1, 1),
            scores=scores(1, 2, 6, 1, 1),
        )
    with pytest.raises(AssessmentError, match="missing efficiency"):
        assessment_record(
            group=group,
            by=None,
            assessed_on=datetime.date(2026, 1, 1),
            scores={code: (1, "") for code in CODES if code != "efficiency"},
        )
    assert not Assessment.objects.exists()


def test_the_database_refuses_a_level_out_of_range_and_a_second_score_for_a_dimension(
    db, make_group
):
    assessment = assessment_record(
        group=make_group(),
        by=None,
        assessed_on=datetime.date(2026, 1, 1),
        scores=scores(1, 1, 1, 1, 1),
    )
    dimension = assessment.model.dimensions.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentScore.objects.create(assessment=assessment, dimension=dimension, level=2)
    assessment.scores.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentScore.objects.create(assessment=assessment, dimension=dimension, level=0)


def test_the_group_page_shows_the_evidence_of_each_score_as_text(client, make_group, make_user):
    group = make_group("alpha", name="Alpha")
    assessment_record(
        group=group,
        by=make_user(),
        assessed_on=datetime.date(2026, 1, 1),
        scores=scores(2, 3, 3, 2, 5),
    )
    page = client.get(f"/metrics/groups/{group.slug}/").content.decode()
    for code in CODES:
        assert f'<p class="evidence" dir="auto">evidence for {code}</p>' in page
    assert 'title="evidence for' not in page  # not hidden in a tooltip
