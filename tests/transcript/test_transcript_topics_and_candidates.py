"""Topics from chair cues and candidate recommendations and actions, on small meetings."""

from commonweal.transcript import parse_text
from commonweal.transcript.identity import Roster, RosterPerson

ROSTER = Roster(
    people=[
        RosterPerson("Ann Lee", "board", "session chair"),
        RosterPerson("Bob Ray", "ncsg", None),
    ],
    groups={},
)

MEETING = """ANN LEE: Welcome, everyone.

BOB RAY: Thanks.

ANN LEE: Let us take the first topic, the budget.

BOB RAY: I suggest a clear list of priorities. We will send it next week. Will we?

BOB RAY: As topic 3 will show, this matters. Before we move to the next topic, one more thing.

ANN LEE: Any other comments on topic 1? No. Now the Board's questions.

BOB RAY: Fine.
"""


def test_chair_cues_open_topics_that_cover_every_turn():
    result = parse_text(MEETING, ROSTER)
    assert [(t.title, t.first_turn, t.last_turn) for t in result.topics] == [
        ("Opening", 0, 1),
        ("Let us take the first topic", 2, 4),
        ("Now the Board's questions", 5, 6),
    ]


def test_topic_time_is_the_time_of_its_turns():
    result = parse_text(MEETING, ROSTER)
    for topic in result.topics:
        turns = result.turns[topic.first_turn : topic.last_turn + 1]
        assert topic.seconds == sum(turn.seconds for turn in turns)


def test_without_a_roster_anyone_may_cue_but_numbers_must_follow_in_order():
    result = parse_text("A B: topic 2 is later.\n\nC D: So, topic 1 then.\n\nA B: Now topic 2.\n")
    assert [t.first_turn for t in result.topics] == [0, 1, 2]


def test_cue_phrases_flag_recommendations_and_actions_but_not_questions():
    result = parse_text(MEETING, ROSTER)
    found = [(c.kind, c.speaker, c.sentence) for c in result.candidates]
    assert found == [
        ("recommendation", "BOB RAY", "I suggest a clear list of priorities."),
        ("action", "BOB RAY", "We will send it next week."),
    ]


def test_chinese_cues_flag_a_concrete_recommendation():
    text = (
        "艾尔莎·萨德： 谢谢。所以我认为应该制定一份非常清楚的列表，"
        "这是我的一项具体建议。我们将跟进。\n"
    )
    found = [(c.kind, c.sentence) for c in parse_text(text).candidates]
    assert found == [
        ("recommendation", "所以我认为应该制定一份非常清楚的列表，这是我的一项具体建议。"),
        ("action", "我们将跟进。"),
    ]


def test_no_cue_phrase_holds_a_sentence_mark():
    # Candidates take every hit that starts before the end mark of the sentence found last
    # to lie in that sentence: true only while no cue phrase holds a mark.
    from commonweal.transcript.languages import CUES

    marks = set("。！？.!?؟\n")
    for language, table in CUES.items():
        for phrase in (*table.recommendation, *table.action):
            assert not marks & set(phrase), (language, phrase)
