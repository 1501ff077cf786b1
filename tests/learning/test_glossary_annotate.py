"""Marking terms in a text: first use only, word boundaries by script, safe HTML."""

from __future__ import annotations

from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from commonweal.learning.glossary.annotate import Gloss, annotate, termset_compile

TERMS = termset_compile(
    [
        Gloss(
            "ncsg",
            ("NCSG", "非商业利益相关方团体"),
            {"en": "Non-Commercial Stakeholders Group", "zh-hans": "非商业利益相关方团体"},
            {"en": "A <group> & more"},
            href="/learn/glossary/ncsg/",
            know_href="/learn/glossary/ncsg/know/",
        ),
        Gloss("epdp", ("EPDP",), {"en": "Expedited Policy Development Process"}, {}),
        Gloss("pdp", ("PDP",), {"en": "Policy Development Process"}, {}),
        Gloss("icann", ("ICANN", "آيكان"), {"en": "ICANN, the corporation"}, {}),
    ]
)


def test_it_marks_only_the_first_use_on_a_page():
    seen: set[str] = set()
    first = annotate("The NCSG met. The NCSG spoke.", TERMS, "en", seen=seen)
    second = annotate("Later the NCSG left.", TERMS, "en", seen=seen)
    assert first.count("<abbr") == 1
    assert 'title="Non-Commercial Stakeholders Group"' in first
    assert "<abbr" not in second


def test_acronyms_inside_chinese_sentences_are_found_without_spaces():
    html = annotate("今天这场会议是NCSG和董事会联合举行的", TERMS, "zh-hans")
    assert '<abbr class="term" title="非商业利益相关方团体"' in html


def test_a_latin_word_that_merely_contains_the_term_is_left_alone():
    html = annotate("NCSGs and ICANN64 and XPDP", TERMS, "en")
    assert "<abbr" not in html


def test_the_longer_term_wins_over_the_one_it_contains():
    html = annotate("the EPDP", TERMS, "en")
    assert 'data-term="epdp"' in html and 'data-term="pdp"' not in html


def test_arabic_forms_match_with_their_proclitics_and_not_inside_words():
    assert 'data-term="icann"' in annotate("قال ممثل والآيكان", TERMS, "ar")
    # A different word that happens to contain the form is no match.
    assert "<abbr" not in annotate("مآيكانات", TERMS, "ar")


def test_the_reader_language_falls_back_to_english():
    html = annotate("EPDP", TERMS, "fr")
    assert 'title="Expedited Policy Development Process"' in html


def test_known_terms_stay_plain_and_signed_in_readers_get_the_know_address():
    assert "<abbr" not in annotate("NCSG", TERMS, "en", known={"ncsg"})
    assert 'data-know="/learn/glossary/ncsg/know/"' in annotate("NCSG", TERMS, "en", can_know=True)
    assert "data-know" not in annotate("NCSG", TERMS, "en")


def test_definitions_and_text_are_escaped():
    html = annotate("<script>NCSG</script>", TERMS, "en")
    assert "<script>" not in html
    assert 'data-definition="A &lt;group&gt; &amp; more"' in html


PIECES = [*"NCSG EPD<>&\"'非商业آيكانو", "ICANN", "NCSG", "EPDP"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_whatever_the_text_the_output_reads_back_as_the_text(text):
    """Removing the marks and unescaping gives the text back: nothing lost, nothing injected."""
    import re

    html = annotate(text, TERMS, "en")
    plain = re.sub(r"<abbr [^>]*>|</abbr>", "", html)
    assert "<" not in plain.replace("&lt;", "")
    assert unescape(plain) == text
