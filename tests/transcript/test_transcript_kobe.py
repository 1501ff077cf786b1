"""The done-when of issue 3 on the real Kobe transcript (expectations read off the source)."""

import re

import yaml

from commonweal.transcript.model import VOICE


def test_the_header_gives_date_time_range_zone_and_place(kobe):
    header = kobe.document.header
    assert (header.date, header.start, header.end, header.timezone) == (
        "2019-03-12",
        "08:30",
        "09:30",
        "JST",
    )
    assert header.place == "日本神户"
    assert header.event == "ICANN64"
    assert kobe.document.language == "zh"


def test_every_person_on_the_roster_speaks_and_is_linked(kobe, kobe_roster_path):
    with open(kobe_roster_path, encoding="utf-8") as handle:
        roster_names = {person["name"] for person in yaml.safe_load(handle)["people"]}
    linked = {p.person for p in kobe.participants if p.person is not None}
    assert linked == roster_names


def test_every_turn_is_attributed_and_only_the_two_unnamed_voices_are_unlinked(kobe):
    unlinked = [turn for turn in kobe.turns if turn.person is None]
    # ">> 跳舞？" and ">> 你是假唱吗？" name nobody; ">> 克里斯·狄思潘：" names Chris.
    assert [turn.text.split("\n")[0] for turn in unlinked] == ["跳舞？", "你是假唱吗？"]
    assert all(turn.speaker == VOICE for turn in unlinked)
    chris = next(turn for turn in kobe.turns if turn.text == "他是正确的人选。")
    assert chris.person == "Chris Disspain"


def test_goran_marby_is_linked_from_the_capitals_without_accent(kobe):
    goran = next(p for p in kobe.participants if p.name == "马跃然")
    assert goran.person == "Göran Marby"
    assert "GORAN MARBY" in goran.aliases
    assert goran.group == "org"


def test_board_organization_and_ncsg_shares_add_up_to_one(kobe):
    shares = {group.group: group.share for group in kobe.groups}
    assert set(shares) == {"board", "org", "ncsg"}
    assert abs(sum(shares.values()) - 1) < 1e-9
    assert all(share > 0 for share in shares.values())


def test_speaking_time_is_calibrated_to_the_stated_hour(kobe):
    assert kobe.duration_source == "stated"
    assert abs(sum(turn.seconds for turn in kobe.turns) - 3600) < 1e-6
    assert abs(sum(p.seconds for p in kobe.participants) - 3600) < 1e-6


def test_a_short_introduction_counts_its_characters(kobe):
    leon = next(p for p in kobe.participants if p.person == "Leon Sanchez")
    assert leon.turns == 1
    assert leon.units == len("我是里昂桑切斯")  # the middle dot is not a character of speech


def _speech_by_hand(source: str) -> str:
    """The source with everything that is not speech removed, by rules read off the file."""
    lines = [line.strip() for line in source.split("\n")]
    lines = [line for line in lines if line][3:]  # title, date and place lines
    kept = []
    for line in lines:
        if line == "---" or line.startswith("*注：") or line == "[会议记录结束]":
            continue
        if re.fullmatch(r"[\u4e00-\u9fff·]{2,12}", line):  # a name alone on its line
            continue
        line = re.sub(r"^\([A-Z ]+\)\s*[:：]", "", line)
        line = re.sub(r"^(?:>>\s*)?[\u4e00-\u9fff·]{2,12}(?:\s*\([A-Z ]+\))?\s*[:：]", "", line)
        line = re.sub(r"^>>", "", line)
        line = line.replace("[笑声]", "").replace("（原文如此）", "").replace("（说出姓名）", "")
        kept.append(line)
    return re.sub(r"\s+", "", "".join(kept))


def test_every_character_of_speech_belongs_to_exactly_one_turn(kobe, kobe_text):
    from_turns = re.sub(r"\s+", "", "".join(turn.text for turn in kobe.turns))
    assert from_turns == _speech_by_hand(kobe_text)


def test_sentences_cut_by_page_breaks_are_rejoined(kobe):
    texts = [turn.text for turn in kobe.turns]
    for sentence in (
        "我们采用自下而上的流程来了解它",
        "派驻 ICANN 的永久联络人",
        "需要作为其中的一部分",
    ):
        assert sum(sentence in text for text in texts) == 1, sentence


def test_the_disclaimer_footer_and_end_marker_are_not_speech(kobe):
    assert not any("音频文件转录" in turn.text for turn in kobe.turns)
    assert not any("会议记录结束" in turn.text for turn in kobe.turns)
    assert not any(line.strip() == "---" for turn in kobe.turns for line in turn.text.split("\n"))


def test_laughter_sic_and_unsaid_names_are_annotations_not_speech(kobe):
    sing = next(turn for turn in kobe.turns if turn.text.startswith("我不会唱歌"))
    assert [(a.kind, a.text) for a in sing.annotations] == [("laughter", "[笑声]")]
    sic = next(turn for turn in kobe.turns if "谢谢，谢林。我们还有时间" in turn.text)
    assert [(a.kind, a.text) for a in sic.annotations] == [("sic", "（原文如此）")]
    sally = next(turn for turn in kobe.turns if "我昨天与会面了" in turn.text)
    assert sally.annotations[0].kind == "name"


def test_kathy_cut_off_mid_sentence_counts_as_an_interruption_by_cherine(kobe):
    kathy_turn = next(turn for turn in kobe.turns if turn.text.endswith("因为我们的时间已经 —"))
    assert kathy_turn.interrupted
    assert kobe.turns[kathy_turn.index + 1].person == "Cherine Chalaby"
    kathy = next(p for p in kobe.participants if p.person == "Kathy Kleiman")
    cherine = next(p for p in kobe.participants if p.person == "Cherine Chalaby")
    assert kathy.interrupted >= 1 and cherine.interruptions >= 1


def test_topics_follow_the_chairs_cues_in_order(kobe):
    titles = [topic.title for topic in kobe.topics]
    cues = ["第一个主题", "下一个问题", "第三个主题", "董事会的问题"]
    assert len(titles) == 1 + len(cues)  # the introductions come first
    assert [cue in title for cue, title in zip(cues, titles[1:], strict=True)] == [True] * 4
    # "大家对主题 2 还有其他意见吗？" asks about the current topic and opens none.
    topic_two_question = next(t for t in kobe.turns if "大家对主题 2" in t.text)
    assert topic_two_question.index not in {topic.first_turn for topic in kobe.topics}


def test_topics_cover_every_turn_once(kobe):
    covered = [i for topic in kobe.topics for i in range(topic.first_turn, topic.last_turn + 1)]
    assert covered == list(range(len(kobe.turns)))


def test_elsas_concrete_recommendations_are_candidates(kobe):
    elsa = [c for c in kobe.candidates if c.person == "Elsa Saade" and c.kind == "recommendation"]
    sentences = " ".join(c.sentence for c in elsa)
    assert "向董事会提出的一个具体建议是" in sentences
    assert "这是我的一项具体建议" in sentences


def test_without_a_roster_each_of_the_nineteen_speakers_is_one_participant(kobe_path):
    from commonweal.transcript import parse_file

    result = parse_file(kobe_path)
    named = [p for p in result.participants if p.name != VOICE]
    # Nineteen people speak (one "(LATIN NAME)" cue each in the source) plus the ">>" voices.
    assert len(named) == 19
    assert all(p.person is None and len(p.aliases) == 1 for p in named)
    matthew = next(p for p in named if p.name == "马修·希尔斯")
    assert matthew.aliases == ["MATTHEW SHEARS"]


def test_the_kobe_transcript_saved_as_word_gives_the_same_turns(kobe, kobe_text, tmp_path):
    import docx

    from commonweal.transcript import parse_file

    document = docx.Document()
    for line in kobe_text.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "kobe.docx"
    document.save(path)
    from_word = parse_file(str(path))
    assert from_word.document.header.date == "2019-03-12"
    assert [(t.speaker, t.text) for t in from_word.turns] == [
        (t.speaker, t.text) for t in kobe.turns
    ]
