"""Search across meetings on the full-text index (meetings/search.py): what it finds, how
it stays in step with the meetings, and what the results page shows."""

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonweal.meetings import search
from commonweal.meetings.models import Meeting, Turn
from commonweal.meetings.services import meeting_ingest

pytestmark = pytest.mark.django_db


def ingest(day: int, *turns: str, title: str = "Board session") -> Meeting:
    """A meeting on 2019-03-``day`` whose speakers take turns saying ``turns``."""
    header = f"{title}\nMonday, {day} March 2019 – 09:00 to 10:00 JST\nKobe, Japan\n\n"
    speakers = ["ALICE", "BOB"]
    body = "".join(f"{speakers[n % 2]}: {text}\n\n" for n, text in enumerate(turns))
    return meeting_ingest(data=(header + body).encode(), source_name=f"{title}.txt").meeting


def found(query: str, meeting=None) -> list[tuple[int, int]]:
    return [(t.meeting_id, t.index) for t in search.turn_search(query=query, meeting=meeting)]


def test_a_word_is_found_in_every_meeting_that_says_it():
    first = ingest(11, "We publish the budget today.", "Nothing to add.", title="First")
    second = ingest(12, "Hello.", "The BUDGET committee met.", title="Second")
    assert found("budget") == [(second.pk, 1), (first.pk, 0)]


def test_chinese_is_found_inside_a_sentence_without_spaces():
    meeting = ingest(11, "我们今天讨论预算案的细节。", "没有意见。")
    assert found("预算案") == [(meeting.pk, 0)]


def test_a_two_character_chinese_word_is_found_across_meetings():
    first = ingest(11, "我们讨论预算。", "好。", title="First")
    second = ingest(12, "预算通过了。", title="Second")
    assert found("预算") == [(second.pk, 0), (first.pk, 0)]


def test_every_word_of_the_query_must_be_in_the_turn():
    meeting = ingest(11, "The budget for 2020 grows.", "The budget shrinks.", "2020 is far.")
    assert found("budget 2020") == [(meeting.pk, 0)]
    assert found("20 budget") == [(meeting.pk, 0)]


def test_results_come_newest_meeting_first_then_in_the_order_spoken():
    older = ingest(3, "budget one", "budget two", title="Older")
    newer = ingest(20, "budget three", "no", "budget four", title="Newer")
    assert found("budget") == [(newer.pk, 0), (newer.pk, 2), (older.pk, 0), (older.pk, 1)]


def test_searching_inside_a_meeting_finds_only_its_turns():
    meeting = ingest(11, "budget here", title="One")
    ingest(12, "budget there", title="Other")
    assert found("budget", meeting=meeting) == [(meeting.pk, 0)]
    assert found("预算", meeting=meeting) == []


def test_quotes_and_search_operators_are_looked_for_as_text():
    meeting = ingest(11, 'He said "NEAR(budget)" OR * twice.', "plain")
    for query in ['"NEAR(budget)"', "OR *", "NEAR(", '" AND', "100%_"]:
        expected = [(meeting.pk, 0)] if query in 'He said "NEAR(budget)" OR * twice.' else []
        assert found(query) == expected, query


def test_a_newly_ingested_meeting_is_found_at_once():
    assert found("accountability") == []
    meeting = ingest(11, "Accountability matters.")
    assert found("accountability") == [(meeting.pk, 0)]


def test_a_corrected_transcript_is_found_by_its_new_words_and_not_its_old_ones():
    meeting = ingest(11, "We discuss the budgte.", "Agreed.")
    corrected = ingest(11, "We discuss the budget.", "Agreed.")
    assert corrected.pk == meeting.pk
    assert found("budgte") == []
    assert found("budget") == [(meeting.pk, 0)]


def test_a_deleted_meeting_is_no_longer_found():
    meeting = ingest(11, "The budget is late.")
    meeting.delete()
    assert found("budget") == []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM meetings_turn_fts WHERE meetings_turn_fts MATCH 'late'"
            )
            assert cursor.fetchone()[0] == 0


def test_an_edited_turn_is_found_by_its_new_text():
    meeting = ingest(11, "Old words here.")
    Turn.objects.filter(meeting=meeting).update(text="Fresh wording.")
    assert found("old words") == []
    assert found("fresh") == [(meeting.pk, 0)]


def test_the_page_says_when_only_the_latest_turns_were_scanned(client, monkeypatch):
    monkeypatch.setattr(search, "SHORT_SCAN_TURNS", 1)
    ingest(11, "预算一", "预算二")
    page = client.get(reverse("meetings:search"), {"q": "预算"}).content.decode()
    assert "latest 1 turns only" in page
    assert page.count("<mark>预算</mark>") == 1


def test_the_page_asks_for_a_narrower_query_when_many_turns_match(client, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 2)
    ingest(11, "budget a", "budget b", "budget c")
    page = client.get(reverse("meetings:search"), {"q": "budget"}).content.decode()
    assert "Add a word to narrow the search" in page
    assert page.count("<mark>budget</mark>") == 2


def test_the_results_page_marks_every_word_it_matched(client):
    ingest(11, "The Budget and the budget <script>x</script> plan.")
    page = client.get(reverse("meetings:search"), {"q": "budget plan"}).content.decode()
    result = page.split('id="results"')[1].split("</ul>")[0]
    assert "<mark>Budget</mark> and the <mark>budget</mark>" in result
    assert "<mark>plan</mark>" in result
    assert "&lt;script&gt;" in result and "<script>" not in result


def test_each_result_links_to_its_turn_and_the_form_returns_to_the_results(client):
    meeting = ingest(11, "Nothing.", "The budget.")
    page = client.get(reverse("meetings:search"), {"q": "budget"}).content.decode()
    assert f'href="{Turn.objects.get(meeting=meeting, index=1).get_absolute_url()}"' in page
    assert 'action="#results"' in page


def test_an_empty_query_finds_nothing(client):
    ingest(11, "Anything.")
    assert found("   ") == []
    page = client.get(reverse("meetings:search"), {"q": ""}).content.decode()
    assert 'id="results"' not in page


@given(st.text(alphabet="ab预算 ", min_size=0, max_size=8))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_index_finds_exactly_the_turns_that_contain_every_word(query):
    texts = ["abab 预算", "ba", "预算ab", "aab ba 算", "b"]
    if not Meeting.objects.exists():
        ingest(11, *texts)
    expected = [
        index
        for index, text in enumerate(texts)
        if query.split() and all(word in text for word in query.split())
    ]
    assert [index for _, index in found(query)] == expected


@given(
    st.text(min_size=0, max_size=300),
    st.lists(st.text(alphabet="abcXYZ预算", min_size=1, max_size=4), max_size=3),
)
def test_an_excerpt_is_a_part_of_the_text_that_marks_only_the_words(text, words):
    pieces = search.excerpt_marked(text, words)
    assert "".join(piece for piece, _ in pieces).strip("…") in text
    lowered = {word.lower() for word in words}
    assert all(piece.lower() in lowered for piece, matched in pieces if matched)


@pytest.mark.postgres
def test_postgres_asks_the_index_for_the_words_and_the_newest_blocks_at_once():
    ingest(11, "The budget is late.")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = search._postgres_sql(["budget"], [], block=0)
        cursor.execute("EXPLAIN " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    asked = next(line for line in plan if "Index Cond" in line)
    assert "meetings_turn_block_text_trgm" in "\n".join(plan)
    assert "1024" in asked and "~~*" in asked


@pytest.mark.postgres
def test_postgres_finds_the_newest_matches_when_they_lie_in_many_blocks_of_ids(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 4)
    monkeypatch.setattr(search, "PROBE_BLOCKS", 1)
    monkeypatch.setattr(search, "WHOLE_ARCHIVE", 1.0)
    meeting = ingest(11, "Opening.")
    speaker = meeting.participants.first()
    said = ["budget" if n % 3 else "other" for n in range(1, 25)]
    said[1] = said[2] = "an ombudsman, long ago"
    Turn.objects.bulk_create(
        Turn(pk=3000 + 700 * n, meeting=meeting, index=n, participant=speaker, text=text)
        for n, text in enumerate(said, start=1)
    )
    newest = [n for n, text in enumerate(said, start=1) if text == "budget"][-4:]
    assert found("budget") == [(meeting.pk, n) for n in newest]
    assert found("ombudsman") == [(meeting.pk, 2), (meeting.pk, 3)]
    assert search.turn_search_run(query="budget").more


@pytest.mark.postgres
def test_postgres_finds_chinese_and_follows_ingest_correction_and_deletion():
    meeting = ingest(11, "我们今天讨论预算案的细节。", "We discuss the budgte.")
    assert found("预算案") == [(meeting.pk, 0)]
    assert found("预算") == [(meeting.pk, 0)]
    ingest(11, "我们今天讨论预算案的细节。", "We discuss the budget.")
    assert found("budgte") == []
    assert found("BUDGET") == [(meeting.pk, 1)]
    assert found("100%") == []
    Meeting.objects.get(pk=meeting.pk).delete()
    assert found("预算案") == []


@pytest.mark.postgres
def test_postgres_finds_the_newest_matches_of_a_common_word_and_the_oldest_of_a_rare_one(
    monkeypatch,
):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    texts = ["A rare ombudsman remark."] + [
        "The budget again." if n % 7 == 0 else "Something else." for n in range(1, 80)
    ]
    meeting = ingest(11, *texts)
    assert found("budget") == [(meeting.pk, 63), (meeting.pk, 70), (meeting.pk, 77)]
    assert found("ombudsman") == [(meeting.pk, 0)]
    assert found("budget again") == [(meeting.pk, 63), (meeting.pk, 70), (meeting.pk, 77)]


@pytest.mark.postgres
def test_postgres_ignores_case_in_any_alphabet_and_finds_chinese_and_digits_as_written():
    meeting = ingest(11, "Die ÜBERSICHT für 2024.", "预算案二〇二四年。", "ΣΥΝΕΔΡΙΑΣΗ 42")
    assert found("übersicht") == [(meeting.pk, 0)]
    assert found("συνεδρίαση") == []
    assert found("συνεδριαση") == [(meeting.pk, 2)]
    assert found("预算案 二〇二四") == [(meeting.pk, 1)]
    assert found("2024") == [(meeting.pk, 0)]
    assert found("42") == [(meeting.pk, 2)]


def undated_meetings_come_last():
    undated = meeting_ingest(data=b"ALICE: The budget, undated.\n", source_name="notes.txt").meeting
    dated = ingest(11, "The budget, dated.")
    assert undated.date is None
    assert found("budget") == [(dated.pk, 0), (undated.pk, 0)]


def test_undated_meetings_come_after_dated_ones():
    undated_meetings_come_last()


@pytest.mark.postgres
def test_postgres_puts_undated_meetings_after_dated_ones_too():
    undated_meetings_come_last()
