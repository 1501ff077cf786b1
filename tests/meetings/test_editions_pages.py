"""The meeting page with a language edition: the reader's language beside the original."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.meetings.models import MeetingEdition, Turn
from commonweal.meetings.services import meeting_ingest

pytestmark = pytest.mark.django_db

KOBE_ENGLISH = Path(__file__).parent / "data" / "kobe-first-20.en.txt"


@pytest.fixture
def kobe_in_english(kobe_meeting):
    meeting_ingest(data=KOBE_ENGLISH.read_bytes(), source_name=KOBE_ENGLISH.name)
    return kobe_meeting


def _turn(page: str, index: int) -> str:
    found = re.search(rf'<li id="turn-{index}".*?</li>', page, re.S)
    assert found, f"turn {index} is not on the page"
    return found.group(0)


def test_an_english_reader_reads_the_english_edition_beside_the_chinese(client, kobe_in_english):
    page = client.get(kobe_in_english.get_absolute_url()).content.decode()
    assert '<h1 lang="en" dir="auto">KOBE – ICANN Board and NCSG Joint Session</h1>' in page
    stephanie = _turn(page, 19)
    assert '<div class="translation" lang="en" dir="auto"><p>Thank you very much.' in stephanie
    assert '<div class="text original" lang="zh" dir="auto">非常感谢。' in stephanie
    # The rest of the original is shown without a translation.
    assert "Not in this edition." in _turn(page, 20)
    assert "20 of its turns are matched to the original's 102" in page
    assert "measured on the original alone" in page


def test_the_switch_lists_the_original_and_each_edition_by_its_own_name(client, kobe_in_english):
    page = client.get(kobe_in_english.get_absolute_url()).content.decode()
    switch = re.search(r'<nav class="editions".*?</nav>', page, re.S).group(0)
    assert re.search(r'lang="zh" hreflang="zh">中文</a> <span class="tag">original', switch)
    assert 'lang="en" hreflang="en" aria-current="page">English</a>' in switch
    # Choosing the original shows it alone.
    href = re.search(r'<a href="([^"]+)" lang="zh"', switch).group(1).replace("&amp;", "&")
    original = client.get(kobe_in_english.get_absolute_url() + href).content.decode()
    assert 'class="translation"' not in original
    assert "非常感谢。" in _turn(original, 19)


def test_a_chinese_reader_reads_the_original_and_may_ask_for_the_english(client, kobe_in_english):
    url = kobe_in_english.get_absolute_url()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert 'class="translation"' not in chinese
    assert 'hreflang="en">English</a>' in chinese
    asked = client.get(url, {"edition": "en"}, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Thank you very much." in _turn(asked, 19)
    # A language with no edition is the original alone.
    french = client.get(url, {"edition": "fr"}).content.decode()
    assert "Thank you very much." in french  # the English reader's own edition, still
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode().count('"translation"') == 0


def test_a_search_and_the_windows_keep_the_chosen_edition(client, kobe_in_english):
    url = kobe_in_english.get_absolute_url()
    response = client.get(url, {"q": "预算", "edition": "en"})
    first = Turn.objects.filter(meeting=kobe_in_english, text__contains="预算").order_by("index")[0]
    assert response.status_code == 302
    assert response["Location"].endswith(f"edition=en#turn-{first.index}")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert '<input type="hidden" name="edition" value="en">' in page
    assert '<mark class="hit">预算</mark>' in _turn(page, first.index)


def test_the_measures_on_the_page_are_the_same_with_the_edition(client, kobe_meeting):
    def measures(page: str) -> str:
        """The floor shares by group and by speaker, as the page shows them."""
        start = page.index('<section aria-labelledby="floor-groups">')
        return page[start : page.index("</section>", page.index('id="floor-people"'))]

    before = measures(client.get(kobe_meeting.get_absolute_url()).content.decode())
    meeting_ingest(data=KOBE_ENGLISH.read_bytes(), source_name=KOBE_ENGLISH.name)
    after = measures(client.get(kobe_meeting.get_absolute_url()).content.decode())
    assert before == after


def test_the_secretariat_uploads_an_edition_and_is_told_where_it_went(
    client, role_users, kobe_meeting
):
    client.force_login(role_users["secretariat"])
    upload = SimpleUploadedFile(KOBE_ENGLISH.name, KOBE_ENGLISH.read_bytes())
    response = client.post(reverse("meetings:upload"), {"transcript": upload}, follow=True)
    assert response.redirect_chain[-1][0] == kobe_meeting.get_absolute_url()
    assert "added to that meeting as its edition" in response.content.decode()
    assert MeetingEdition.objects.get().meeting == kobe_meeting


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "KOBE – ICANN Board and NCSG Joint Session"),
        ("zh-hans", "神户 — ICANN 董事会与 NCSG 联合会议"),
    ],
)
def test_lists_name_a_meeting_in_the_readers_edition(
    client, kobe_in_english, django_assert_max_num_queries, language, title
):
    from django.urls import reverse

    with django_assert_max_num_queries(8):
        listed = client.get(reverse("meetings:list"), HTTP_ACCEPT_LANGUAGE=language)
    home = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE=language)
    for page in (listed, home):
        text = page.content.decode()
        assert f'dir="auto">{title}</a>' in text
