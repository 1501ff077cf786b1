import datetime
import itertools

import pytest
from django.utils import timezone

_numbers = itertools.count(1)


@pytest.fixture
def make_proceeding(db):
    """A published proceeding open today for two weeks (``published=False``: a draft)."""
    from commonweal.consultations.models import Proceeding

    def make(*, groups=(), published: bool = True, opens_on=None, closes_on=None, **fields):
        today = timezone.now().date()
        opens_on = opens_on or today - datetime.timedelta(days=3)
        closes_on = closes_on or today + datetime.timedelta(days=14)
        fields.setdefault("title", f"Draft plan {next(_numbers)}")
        proceeding = Proceeding.objects.create(
            opens_on=opens_on,
            closes_on=closes_on,
            first_closes_on=closes_on,
            published_at=timezone.now() if published else None,
            **fields,
        )
        proceeding.groups.set(groups)
        return proceeding

    return make
