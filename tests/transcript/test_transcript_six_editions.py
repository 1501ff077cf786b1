"""One invented meeting in the six UN languages parses to the same meeting in each.

site/fixtures/board-session/board-session.{ar,en,es,fr,ru,zh}.txt are the same 27 turns,
each written as ICANN's edition in that language writes it (header, labels in its script,
notes about the room, the disclaimer, the end marker), and board-session.roster.yaml names
each person once with their name in every script. The expectations below are the
meeting as it was written, not what the parser returned.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.rosters import name_key
from commonweal.transcript import load_roster, parse_file, parse_text
from commonweal.transcript.encoding import detect_language
from commonweal.transcript.furniture import is_disclaimer
from commonweal.transcript.identity import Roster, RosterPerson
from commonweal.transcript.languages import NOT_IN_ARABIC_NAMES, NOT_SPEAKERS
from tests.conftest import REPO

SAMPLES = REPO / "src" / "commonweal" / "site" / "fixtures" / "board-session"
EDITIONS = ("ar", "en", "es", "fr", "ru", "zh")

JANE, BOB, AMINA = ("Jane Doe", "board"), ("Bob Ray", "ncsg"), ("Amina Haddad", "alac")
LI, HELENE, ELENA = ("Li Wei", "org"), ("Hélène Côté", "gac"), ("Elena Sokolova", "rysg")
NOBODY = (None, None)
# (person, group) of each turn, in order: the meeting's script.
SPEAKERS = [
    JANE, BOB, AMINA, NOBODY, JANE, LI, BOB, HELENE, JANE,  # first topic
    ELENA, LI, HELENE, AMINA, JANE, LI, BOB, LI,  # second topic (opened in turn 8)
    JANE, ELENA, BOB, NOBODY, BOB, HELENE, AMINA, ELENA, LI, JANE,  # third (turn 17)
]  # fmt: skip
TOPIC_OPENINGS = [0, 8, 17]
RECOMMENDATIONS = {1, 2, 7, 9, 12, 18, 21}
ACTIONS = {4, 5, 10, 13, 14, 22, 23, 25, 26}
NOTES = {6: ["laughter"], 11: ["inaudible"], 12: ["applause"], 19: ["interruption"], 24: ["sic"]}
# (title, event, place) as each edition prints them.
HEADERS = {
    "ar": ("مراكش – الجلسة المشتركة لمجلس الإدارة والمجتمع (نموذج)", "ICANN65", "مراكش، المغرب"),
    "en": (
        "MARRAKECH – Board and Community Joint Session (SAMPLE)",
        "ICANN65",
        "Marrakech, Morocco",
    ),
    "es": (
        "MARRAKECH – Sesión conjunta de la Junta Directiva y la comunidad (MUESTRA)",
        "ICANN65",
        "Marrakech, Marruecos",
    ),
    "fr": (
        "MARRAKECH – Séance conjointe du Conseil d’administration et de la communauté (EXEMPLE)",
        "ICANN65",
        "Marrakech, Maroc",
    ),
    "ru": (
        "МАРРАКЕШ – Совместное заседание Правления и сообщества (ОБРАЗЕЦ)",
        "ICANN65",
        "Марракеш, Марокко",
    ),
    "zh": ("马拉喀什 — ICANN 董事会与社群联合会议（样本）", "ICANN65", "摩洛哥马拉喀什"),
}


@pytest.fixture(scope="module")
def editions():
    roster = load_roster(str(SAMPLES / "board-session.roster.yaml"))
    return {
        language: parse_file(str(SAMPLES / f"board-session.{language}.txt"), roster)
        for language in EDITIONS
    }


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_has_the_meetings_speakers_turn_by_turn(editions, language):
    turns = editions[language].turns
    assert len(turns) == 27
    assert [(turn.person, turn.group) for turn in turns] == SPEAKERS


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_has_the_same_groups_speakers_and_turns(editions, language):
    result = editions[language]
    assert sorted((g.group, g.speakers, g.turns) for g in result.groups) == [
        ("alac", 1, 3),
        ("board", 1, 6),
        ("gac", 1, 3),
        ("ncsg", 1, 5),
        ("org", 1, 5),
        ("rysg", 1, 3),
    ]
    # Six people and one unidentified voice, whose two turns are one participant.
    assert len(result.participants) == 7
    voice = [p for p in result.participants if p.person is None]
    assert [(p.turns, p.group) for p in voice] == [(2, None)]


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_states_the_same_date_time_and_zone_and_its_own_title(editions, language):
    header = editions[language].document.header
    assert (header.date, header.start, header.end, header.timezone, header.utc_offset) == (
        "2019-06-24",
        "10:30",
        "11:00",
        "WET",
        "+00:00",
    )
    assert (header.title, header.event, header.place) == HEADERS[language]
    assert editions[language].duration_source == "stated"
    assert editions[language].duration_seconds == pytest.approx(1800)


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_is_detected_as_its_language(editions, language):
    assert editions[language].document.language == language


@pytest.mark.parametrize("language", ("en", "es", "fr"))
def test_each_latin_script_turn_of_a_dozen_words_is_told_apart(editions, language):
    # English, Spanish and French share a script; their frequent words tell them apart
    # even one turn at a time.
    long_turns = [t.text for t in editions[language].turns if len(t.text.split()) >= 12]
    assert len(long_turns) >= 20
    assert {detect_language(text) for text in long_turns} == {language}


@pytest.mark.parametrize("language", EDITIONS)
def test_the_chair_opens_the_same_three_topics_in_each_edition(editions, language):
    assert [t.first_turn for t in editions[language].topics] == TOPIC_OPENINGS


@pytest.mark.parametrize("language", EDITIONS)
def test_recommendations_and_actions_are_found_at_the_same_turns(editions, language):
    candidates = editions[language].candidates
    assert {c.turn for c in candidates if c.kind == "recommendation"} == RECOMMENDATIONS
    assert {c.turn for c in candidates if c.kind == "action"} == ACTIONS
    # The questions ("Can we see the list?", "who pays for the translation?") are none.
    assert all(c.sentence[-1] not in "?？؟" for c in candidates)


@pytest.mark.parametrize("language", EDITIONS)
def test_the_same_turns_ask_a_question_whichever_mark_ends_it(editions, language):
    # "?", "？" and the Arabic "؟"; the Spanish "¿" opens the question it ends.
    asked = {i: t.questions for i, t in enumerate(editions[language].turns) if t.questions}
    assert asked == {3: 1, 4: 1, 6: 1, 15: 1, 20: 1}


@pytest.mark.parametrize("language", EDITIONS)
def test_notes_about_the_room_are_found_at_the_same_turns(editions, language):
    found = {
        index: [a.kind for a in turn.annotations]
        for index, turn in enumerate(editions[language].turns)
        if turn.annotations
    }
    assert found == NOTES


@pytest.mark.parametrize("language", EDITIONS)
def test_the_disclaimer_and_the_end_marker_are_in_no_turn(editions, language):
    turns = editions[language].turns
    assert not any(is_disclaimer(turn.text) for turn in turns)
    assert not any("*" in turn.text or "[" in turn.text for turn in turns)
    assert turns[-1].text[-1] in ".。"


def test_each_edition_writes_the_labels_in_its_own_script(editions):
    first = {language: editions[language].turns[0] for language in EDITIONS}
    assert {language: turn.speaker for language, turn in first.items()} == {
        "ar": "جين دو",
        "en": "JANE DOE",
        "es": "JANE DOE",
        "fr": "JANE DOE",
        "ru": "ДЖЕЙН ДОУ",
        "zh": "简·多伊",
    }
    assert editions["fr"].turns[7].speaker == "HÉLÈNE CÔTÉ"
    assert editions["en"].turns[7].speaker == "HELENE COTE"
    assert [editions[language].turns[3].speaker for language in EDITIONS] == [
        "رجل غير معروف",
        "UNIDENTIFIED MALE",
        "HOMBRE NO IDENTIFICADO",
        "HOMME NON IDENTIFIÉ",
        "НЕИЗВЕСТНЫЙ МУЖЧИНА",
        "身份不明的男性",
    ]


# Sentences that hold a cue phrase and only run the meeting, ask, or say no: the judges
# of French, Spanish, Russian and Arabic keep them out; the last of each is a proposal.
JUDGED = {
    "fr": (
        "Je vais maintenant donner la parole à Bob. Nous allons passer au sujet suivant. "
        "Si le temps le permet, nous allons revenir sur ce point. Nous allons publier le "
        "rapport demain.",
        [("action", "Nous allons publier le rapport demain.")],
    ),
    "es": (
        "Voy a darle la palabra a Bob. Vamos a pasar al siguiente punto. Vamos a ver. "
        "No recomendamos ninguna recomendación nueva. Vamos a publicar el informe mañana.",
        [("action", "Vamos a publicar el informe mañana.")],
    ),
    "ru": (
        "Я буду краток и передам слово Бобу. Если будет время, мы сделаем перерыв. Мы "
        "будем рады вас видеть. Мы опубликуем доклад завтра.",
        [("action", "Мы опубликуем доклад завтра.")],
    ),
    "ar": (
        "سوف أعطي الكلمة لبوب. سوف نكون سعداء بذلك. هل سوف نرسل الرد؟ سوف ننشر التقرير غدًا.",
        [("action", "سوف ننشر التقرير غدًا.")],
    ),
}
LABEL = {"fr": "JANE DOE :", "es": "JANE DOE:", "ru": "ДЖЕЙН ДОУ:", "ar": "جين دو:"}


@pytest.mark.parametrize("language", sorted(JUDGED))
def test_running_the_meeting_is_no_candidate_and_a_commitment_is(language):
    speech, expected = JUDGED[language]
    result = parse_text(f"{LABEL[language]} {speech}\n")
    assert result.document.language == language
    assert [(c.kind, c.sentence) for c in result.candidates] == expected


# Names generated in the scripts without Latin capitals.
CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
HAN_NAME = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"  # noqa: E501

cyrillic_word = st.text(alphabet=CYRILLIC, min_size=2, max_size=10)
arabic_word = st.text(alphabet=ARABIC, min_size=2, max_size=8).filter(
    lambda word: word not in NOT_IN_ARABIC_NAMES
)
han_part = st.text(alphabet=HAN_NAME, min_size=1, max_size=4)

cyrillic_name = (
    st.lists(cyrillic_word, min_size=1, max_size=3)
    .map(" ".join)
    .filter(lambda name: name.lower() not in NOT_SPEAKERS)
)
arabic_name = st.lists(arabic_word, min_size=1, max_size=4).map(" ".join)
cjk_name = st.one_of(
    st.text(alphabet=HAN_NAME, min_size=2, max_size=5),
    st.lists(han_part, min_size=2, max_size=3).map("·".join),
)
SPEECH = {
    "cyrillic": ["Спасибо.", "Я согласен с этим.", "Мы обсудим бюджет позже."],
    "arabic": ["شكرًا.", "أوافق على ذلك.", "سنناقش الميزانية لاحقًا."],
    "cjk": ["谢谢。", "我同意。", "我们稍后讨论预算。"],
}
SCRIPTS = {"cyrillic": cyrillic_name, "arabic": arabic_name, "cjk": cjk_name}


@st.composite
def meeting_in_one_script(draw):
    """(text, [(name, speech)]) of a meeting whose labels are random names in one script,
    written with an ASCII colon, a full-width colon, or alone on their line."""
    script = draw(st.sampled_from(sorted(SCRIPTS)))
    names = draw(
        st.lists(SCRIPTS[script], min_size=1, max_size=4, unique_by=name_key).filter(
            lambda found: all(name_key(name) for name in found)
        )
    )
    turns = draw(
        st.lists(
            st.tuples(st.sampled_from(names), st.sampled_from(SPEECH[script])),
            min_size=1,
            max_size=8,
        )
    )
    blocks = []
    for name, speech in turns:
        form = draw(st.sampled_from(["{}: {}", "{}：{}", "{}:\n\n{}", "{}:    {}"]))
        blocks.append(form.format(name, speech))
    return "\n\n".join(blocks) + "\n", names, turns


@settings(max_examples=150, deadline=None)
@given(meeting_in_one_script())
def test_random_names_in_cyrillic_arabic_and_cjk_labels_parse_back_to_their_speakers(meeting):
    text, names, turns = meeting
    roster = Roster(
        people=[RosterPerson(f"Person {n}", "g", None, (name,)) for n, name in enumerate(names)],
        groups={"g": "G"},
    )
    result = parse_text(text, roster)
    assert [(t.speaker, t.text) for t in result.turns] == turns
    person_of = {name: f"Person {n}" for n, name in enumerate(names)}
    assert [t.person for t in result.turns] == [person_of[name] for name, _ in turns]
