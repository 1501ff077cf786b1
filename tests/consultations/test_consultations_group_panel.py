"""A group's page lists the comment periods open for it and where its news and deadlines
are, without the community app knowing consultations."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_group_page_lists_its_open_proceedings_and_its_feed(client, make_group, make_proceeding):
    ncsg, other = make_group("ncsg", name="NCSG"), make_group("alac", name="ALAC")
    today = timezone.now().date()
    make_proceeding(title="Open for the NCSG", groups=[ncsg])
    make_proceeding(title="Open for the ALAC", groups=[other])
    make_proceeding(title="Draft for the NCSG", groups=[ncsg], published=False)
    make_proceeding(
        title="Closed for the NCSG",
        groups=[ncsg],
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=2),
    )
    page = client.get(reverse("community:group", kwargs={"slug": "ncsg"})).content.decode()
    assert "Open for the NCSG" in page
    assert "Open for the ALAC" not in page
    assert "Draft for the NCSG" not in page and "Closed for the NCSG" not in page
    assert reverse("consultations:feed_group", kwargs={"slug": "ncsg"}) in page
    assert reverse("consultations:calendar") + "?group=ncsg" in page
