"""A small course in English with a Chinese edition and a quiz, for the learning tests."""

from __future__ import annotations

import pytest

from tests.learning.sample import newcomers_spec


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Lesson files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def newcomers(db):
    from commonweal.learning.services.importing import courses_import

    return courses_import(courses=[newcomers_spec()])[0]


@pytest.fixture
def ncsg_course(role_users):
    """The same course, owned by the NCSG (which the coordinator chairs)."""
    from commonweal.learning.services.importing import courses_import

    spec = newcomers_spec(owner="ncsg")
    spec.slug = "ncsg-primer"
    return courses_import(courses=[spec])[0]
