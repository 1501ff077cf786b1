"""Numbers, money, days and dates as each language writes them, one way per language:
grouped thousands and the language's own decimal mark, never "130000,00"."""

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
NBSP, NNBSP, RLM = "\xa0", "\u202f", "\u200f"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "$130,000|$2,500.50|1,234,567|12|—|12 March 2019|12 March 2019"),
        ("zh-hans", "US$130,000|US$2,500.50|1,234,567|12|—|2019年3月12日|2019年3月12日"),
        (
            "ar",
            f"{RLM}130,000{NBSP}US$|{RLM}2,500.50{NBSP}US$|1,234,567|12|—"
            "|12 مارس 2019|12 مارس 2019",
        ),
        (
            "fr",
            f"130{NNBSP}000{NBSP}$US|2{NNBSP}500,50{NBSP}$US|1{NNBSP}234{NNBSP}567|12|—"
            "|12 mars 2019|12 mars 2019",
        ),
        (
            "ru",
            f"130{NBSP}000{NBSP}$|2{NBSP}500,50{NBSP}$|1{NBSP}234{NBSP}567|12|—"
            "|12 марта 2019 г.|12 марта 2019 г.",
        ),
        (
            "es",
            f"130.000{NBSP}US$|2500,50{NBSP}US$|1.234.567|12|—"
            "|12 de marzo de 2019|12 de marzo de 2019",
        ),
    ],
)
def test_each_language_writes_money_numbers_days_and_dates_its_own_one_way(language, expected):
    with translation.override(language):
        assert SNIPPET.render(Context(VALUES)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "12 March 2019, 08:30"),
        ("zh-hans", "2019年3月12日 08:30"),
        ("ar", "12 مارس 2019، 08:30"),
        ("fr", "12 mars 2019 à 08:30"),
        ("ru", "12 марта 2019 г., 08:30"),
        ("es", "12 de marzo de 2019, 8:30"),
    ],
)
def test_each_language_writes_a_date_and_time_its_own_way(language, expected, settings):
    settings.TIME_ZONE = "UTC"
    moment = datetime.datetime(2019, 3, 12, 8, 30, tzinfo=datetime.UTC)
    page = Template('{{ moment|date:"DATETIME_FORMAT" }}|{{ moment|date:"SHORT_DATETIME_FORMAT" }}')
    with translation.override(language):
        assert page.render(Context({"moment": moment})) == f"{expected}|{expected}"


@pytest.mark.parametrize(
    ("language", "share", "one_decimal", "grouped_decimal"),
    [
        ("en", "50%", "12.3%", "130,000.50"),
        ("zh-hans", "50%", "12.3%", "130,000.50"),
        ("ar", "50%", "12.3%", "130,000.50"),
        ("fr", f"50{NBSP}%", f"12,3{NBSP}%", f"130{NNBSP}000,50"),
        ("ru", f"50{NBSP}%", f"12,3{NBSP}%", f"130{NBSP}000,50"),
        ("es", f"50{NBSP}%", f"12,3{NBSP}%", "130.000,50"),
    ],
)
def test_shares_and_fixed_decimals_follow_the_language(
    language, share, one_decimal, grouped_decimal
):
    page = Template(
        "{% load formatting %}{{ half|percent }}|{{ part|percent:1 }}|{{ amount|number:2 }}"
    )
    values = {"half": 50.0, "part": "12.34", "amount": 130000.5}
    with translation.override(language):
        assert page.render(Context(values)) == f"{share}|{one_decimal}|{grouped_decimal}"


def test_arabic_pages_write_western_digits_not_arabic_indic_ones():
    page = Template("{% load formatting %}{{ big|number }} {{ cost|money }} {{ wait|days }}")
    with translation.override("ar"):
        text = page.render(Context(VALUES))
    assert not any("\u0660" <= char <= "\u0669" for char in text)
    assert "1,234,567" in text


def test_spanish_groups_thousands_only_from_five_digits_as_cldr_says():
    page = Template("{% load formatting %}{{ a|number }}|{{ b|number }}|{{ c|money }}")
    with translation.override("es"):
        assert page.render(Context({"a": 1234, "b": 12345, "c": 9999})) == (
            f"1234|12.345|9999{NBSP}US$"
        )


def test_a_number_keeps_the_decimals_it_holds_and_a_word_passes_through_a_table():
    page = Template(
        "{% load formatting %}{% for cell in row %}[{{ cell|number|default:cell }}]{% endfor %}"
    )
    row = ["Alpha", 50.0, 0.42, 1234, "2500.50"]
    with translation.override("fr"):
        assert (
            page.render(Context({"row": row}))
            == f"[Alpha][50,0][0,42][1{NNBSP}234][2{NNBSP}500,50]"
        )
    with translation.override("en"):
        assert page.render(Context({"row": row})) == "[Alpha][50.0][0.42][1,234][2,500.50]"


def test_a_duration_in_seconds_shows_as_whole_minutes():
    page = Template("{% load formatting %}{{ short|minutes }}|{{ long|minutes }}")
    with translation.override("fr"):
        assert page.render(Context({"short": 89, "long": 3600 * 25})) == f"1|1{NNBSP}500"


def test_a_speaking_time_reads_as_a_clock_to_the_second():
    page = Template("{% load formatting %}{{ a|clock }}|{{ b|clock }}|{{ c|clock }}|{{ d|clock }}")
    values = {"a": 6.6, "b": 750, "c": 3909.4, "d": "not a number"}
    assert page.render(Context(values)) == "0:07|12:30|1:05:09|"


def test_the_community_chooses_its_currency(settings):
    settings.CURRENCY = "EUR"
    with translation.override("en"):
        assert SNIPPET.render(Context(VALUES)).startswith("€130,000|€2,500.50|")


def test_a_value_that_is_not_a_number_shows_nothing_rather_than_breaking_the_page():
    page = Template(
        "{% load formatting %}[{{ x|money }}][{{ x|number }}][{{ x|days }}]"
        "[{{ x|percent }}][{{ x|minutes }}]"
    )
    for value in ("abc", float("nan"), float("inf"), "", None):
        assert page.render(Context({"x": value})) == "[][][][][]"
