"""Numbers, money, days and dates as each language writes them, one way per language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

SNIPPET = Template(
    "{% load formatting %}{{ cost|money }}|{{ cents|money }}|{{ big|number }}|{{ wait|days }}"
    '|{{ none|money|default:"—" }}|{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}'
)
VALUES = {
    "cost": 130000,
    "cents": "2500.5",
    "big": 1234567,
    "wait": 12.0,
    "none": None,
    "day": datetime.date(2019, 3, 12),
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "$130,000|$2,500.50|1,234,567|12|—|12 March 2019|12 March 2019"),
        ("zh-hans", "US$130,000|US$2,500.50|1,234,567|12|—|2019年3月12日|2019年3月12日"),
    ],
)
def test_each_language_writes_money_numbers_days_and_dates_its_own_one_way(language, expected):
    with translation.override(language):
        assert SNIPPET.render(Context(VALUES)) == expected


def test_the_community_chooses_its_currency(settings):
    settings.CURRENCY = "EUR"
    with translation.override("en"):
        assert SNIPPET.render(Context(VALUES)).startswith("€130,000|€2,500.50|")


def test_a_value_that_is_not_a_number_shows_nothing_rather_than_breaking_the_page():
    page = Template("{% load formatting %}[{{ x|money }}][{{ x|number }}][{{ x|days }}]")
    for value in ("abc", float("nan"), float("inf"), ""):
        assert page.render(Context({"x": value})) == "[][][]"
