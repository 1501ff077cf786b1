"""The meeting header in several languages."""

import pytest

from commonweal.transcript.header import find_date, find_time_range, parse_header, utc_offset


def test_the_chinese_header_gives_title_date_range_zone_event_and_place():
    header = parse_header(
        [
            "神户 — ICANN 董事会与 NCSG 联合会议",
            "2019 年 3 月 12 日（星期二）— 08:30 至 09:30 JST",
            "ICANN64 | 日本神户",
        ]
    )
    assert header is not None
    assert header.title == "神户 — ICANN 董事会与 NCSG 联合会议"
    assert (header.date, header.start, header.end) == ("2019-03-12", "08:30", "09:30")
    assert (header.timezone, header.utc_offset) == ("JST", "+09:00")
    assert (header.event, header.place) == ("ICANN64", "日本神户")
    assert header.stated_seconds == 3600


def test_the_english_header_reads_the_same_meeting():
    header = parse_header(
        [
            "KOBE – ICANN Board and NCSG Joint Meeting",
            "Tuesday, March 12, 2019 – 08:30 to 09:30 JST",
            "ICANN64 | Kobe, Japan",
        ]
    )
    assert (header.date, header.start, header.end, header.timezone) == (
        "2019-03-12",
        "08:30",
        "09:30",
        "JST",
    )
    assert header.place == "Kobe, Japan"


@pytest.mark.parametrize(
    "line",
    [
        "mardi 12 mars 2019 – 08h30 à 09h30 JST",
        "martes, 12 de marzo de 2019 – 08:30 a 09:30 JST",
        "вторник, 12 марта 2019 г. – 08:30 до 09:30 JST",
        "الثلاثاء، 12 مارس 2019 – 08:30 إلى 09:30 JST",
    ],
)
def test_french_spanish_russian_and_arabic_dates_come_from_the_word_tables(line):
    assert find_date(line) == "2019-03-12"
    assert find_time_range(line) == ("08:30", "09:30", "JST")


@pytest.mark.parametrize(
    "line",
    [
        "2019年6月24日（星期一）— 10:30 至 11:00 WET",
        "Lundi 24 juin 2019 – 10h30 à 11h00 WET",
        "lundi 24 juin 2019 – 10 h 30 à 11 h 00 WET",
        "Lunes, 24 de junio de 2019 – 10:30 a 11:00 WET",
        "понедельник, 24 июня 2019 г. – с 10:30 до 11:00 WET",
        "Понедельник, 24 июня 2019 г. – с 10:30 по 11:00 WET",
        "الاثنين، 24 يونيو 2019 – من 10:30 إلى 11:00 بتوقيت WET",
        "الاثنين، 24 حزيران 2019 – من 10:30 حتى 11:00 WET",
    ],
)
def test_each_un_language_writes_the_sample_meetings_date_and_range_its_own_way(line):
    assert find_date(line) == "2019-06-24"
    assert find_time_range(line) == ("10:30", "11:00", "WET")


def test_an_impossible_date_or_time_is_not_a_header():
    assert find_date("2019 年 2 月 30 日") is None
    assert find_time_range("25:00 to 26:00") is None
    assert parse_header(["A title", "no date here"]) is None


def test_explicit_utc_offsets_are_normalised():
    assert utc_offset("UTC+2") == "+02:00"
    assert utc_offset("GMT-05:30") == "-05:30"
    assert utc_offset("CST") is None  # China or Central US: ambiguous, so not guessed


def test_a_title_with_a_colon_above_the_date_is_the_title_and_not_a_speaker():
    from commonweal.transcript import parse_text

    text = (
        "Joint Session: Board and Registries\n"
        "Tuesday, 12 March 2019 – 08:30 to 09:30 JST\n"
        "ICANN64 | Kobe, Japan\n\n"
        "MATTHEW SHEARS: Good morning, everyone.\n"
    )
    result = parse_text(text)
    assert result.document.header.title == "Joint Session: Board and Registries"
    assert result.document.header.date == "2019-03-12"
    assert [turn.speaker for turn in result.turns] == ["MATTHEW SHEARS"]
