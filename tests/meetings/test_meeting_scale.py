"""A meeting of tens of thousands of turns: its page shows one window of the transcript,
in a bounded number of queries, and every link to a turn lands on the window that holds it."""

import re

import pytest
from django.urls import reverse
from huge_meeting import build_meeting

from commonweal.meetings.models import Candidate
from commonweal.meetings.selectors import TURN_WINDOW

pytestmark = pytest.mark.django_db

TURNS = 20_000


@pytest.fixture(scope="module")
def huge_meeting(django_db_setup, django_db_blocker):
    """Built once for the module (it takes seconds), outside the tests' transactions."""
    with django_db_blocker.unblock():
        meeting = build_meeting(turns=TURNS)
        yield meeting
        meeting.candidates.all().delete()
        meeting.turns.all().delete()
        meeting.delete()


def _turns_on(page: str) -> list[int]:
    return [int(index) for index in re.findall(r'<li id="turn-(\d+)"', page)]


def test_a_huge_meetings_page_shows_one_window_of_turns(
    client, huge_meeting, django_assert_max_num_queries
):
    # However many turns the meeting has: its window, measures, editions, the query that
    # tells the glossary whether its compiled terms are still current, and (the first time
    # this process reads the glossary in force on the meeting's date) its meanings.
    with django_assert_max_num_queries(18):
        response = client.get(huge_meeting.get_absolute_url())
    page = response.content.decode()
    assert len(response.content) < 200_000
    assert _turns_on(page) == list(range(TURN_WINDOW))
    assert f"Turns 0–{TURN_WINDOW - 1} of {TURNS}" in page
    assert f'href="?turn={TURN_WINDOW}#transcript"' in page
    assert "Earlier turns" not in page


def test_a_turn_far_down_opens_on_the_window_that_holds_it(client, huge_meeting):
    far = TURNS - 7
    response = client.get(reverse("meetings:turn", kwargs={"pk": huge_meeting.pk, "index": far}))
    assert response.status_code == 302
    assert response["Location"] == f"{huge_meeting.get_absolute_url()}?turn={far}#turn-{far}"
    page = client.get(huge_meeting.get_absolute_url(), {"turn": far}).content.decode()
    assert f'id="turn-{far}"' in page
    assert len(_turns_on(page)) <= TURN_WINDOW
    assert "Later turns" not in page and "Earlier turns" in page


def test_the_summaries_count_every_turn_from_the_aggregates(client, huge_meeting):
    page = client.get(huge_meeting.get_absolute_url()).content.decode()
    turn_cells = re.findall(r"<td>(\d+)</td><td>[\d,]+</td><td>\d+</td></tr>", page)
    assert sum(int(cell) for cell in turn_cells) == TURNS  # each speaker's turns


def test_candidates_topics_and_search_hits_link_to_the_window_of_their_turn(client, huge_meeting):
    far = TURNS - 7
    found = client.get(huge_meeting.get_absolute_url(), {"q": str(far)})
    assert found["Location"].endswith(f"?turn={far}&q={far}#turn-{far}")  # opened at the hit
    page = client.get(found["Location"]).content.decode()
    assert f'id="turn-{far}"' in page and f'<mark class="hit">{far}</mark>' in page
    page = client.get(huge_meeting.get_absolute_url()).content.decode()
    far_candidate = Candidate.objects.filter(meeting=huge_meeting).order_by("turn__index").last()
    index = far_candidate.turn.index
    assert f'href="?turn={index}#turn-{index}"' in page
    assert 'href="#turn-0"' in page  # the first topic and candidate are on this page
    assert f'href="?turn={TURNS // 5}#turn-{TURNS // 5}"' in page  # the second topic


def test_a_turn_asked_for_out_of_range_shows_the_nearest_window(client, huge_meeting):
    for asked in ("999999999", "-3", "abc"):
        response = client.get(huge_meeting.get_absolute_url(), {"turn": asked})
        assert response.status_code == 200
        assert len(_turns_on(response.content.decode())) == TURN_WINDOW
