import pytest

from tests.metrics.metrics_record import build_record


@pytest.fixture
def record(db, make_group, make_person):
    return build_record(make_group, make_person)
