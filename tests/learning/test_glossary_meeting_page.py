"""The Kobe meeting page explains the community's acronyms at their first use, in the
reader's language: the glossary annotates a page of the meetings app it never imports."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

TERMS = ("NCSG", "EPDP", "SSAC", "WS2")


@pytest.fixture
def glossary(db):
    from commonweal.learning.glossary.files import glossary_load_demo

    glossary_load_demo()


def _explained(page: str) -> dict[str, list[str]]:
    """Each marked form and the expansions its <abbr> gives."""
    found: dict[str, list[str]] = {}
    for title, form in re.findall(r'<abbr class="term" title="([^"]*)"[^>]*>([^<]+)</abbr>', page):
        found.setdefault(unescape(form), []).append(unescape(title))
    return found


@pytest.mark.parametrize(
    ("language", "expansions"),
    [
        ("en", ("Non-Commercial Stakeholders Group", "Expedited Policy Development Process")),
        ("zh-hans", ("非商业利益相关方团体", "加速政策制定流程")),
    ],
)
def test_the_kobe_page_explains_each_acronym_once_in_the_readers_language(
    client, kobe_meeting, glossary, language, expansions
):
    page = client.get(kobe_meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    explained = _explained(page.content.decode())
    for term in TERMS:
        assert len(explained.get(term, [])) == 1, f"{term} is not explained once: {explained}"
    assert explained["NCSG"] == [expansions[0]]
    assert explained["EPDP"] == [expansions[1]]


def test_without_a_glossary_the_page_marks_nothing(client, kobe_meeting):
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert '<abbr class="term"' not in page
