"""Ingesting a second language's record of a meeting already stored: it becomes that
meeting's edition, aligned turn by turn, and the meeting's measures stay as they were."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from commonweal.community.services import roster_import
from commonweal.meetings import engine
from commonweal.meetings.models import (
    Candidate,
    EditionTurn,
    Meeting,
    MeetingEdition,
    Participant,
    Topic,
    Turn,
)
from commonweal.meetings.services import meeting_ingest
from tests.conftest import REPO

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SAMPLES = REPO / "src" / "commonweal" / "site" / "fixtures" / "board-session"
KOBE_ENGLISH = DATA / "kobe-first-20.en.txt"
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def _ingest(path_or_bytes, name: str = "", roster: Path | None = None):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return meeting_ingest(
        data=data,
        source_name=name or path_or_bytes.name,
        roster=roster.read_bytes() if roster else None,
        roster_name=roster.name if roster else "",
    )


def _misaligned(edition: MeetingEdition, expected: dict[int, int]) -> list[int]:
    """Edition turns not beside the original turn ``expected`` gives for them, one to one."""
    return [
        turn.index
        for turn in edition.turns.order_by("index")
        if (turn.turn_index, turn.span) != (expected.get(turn.index), 1)
    ]


def _counts(meeting: Meeting) -> dict:
    return {
        "meetings": Meeting.objects.count(),
        "turns": Turn.objects.filter(meeting=meeting).count(),
        "participants": Participant.objects.filter(meeting=meeting).count(),
        "topics": Topic.objects.filter(meeting=meeting).count(),
        "candidates": Candidate.objects.filter(meeting=meeting).count(),
        "measures": Meeting.objects.get(pk=meeting.pk).measures,
        "shares": list(meeting.participants.order_by("pk").values_list("share", flat=True)),
    }


def test_the_english_edition_of_kobe_is_attached_turn_for_turn_and_measures_stay(kobe_meeting):
    before = _counts(kobe_meeting)
    result = _ingest(KOBE_ENGLISH)
    assert result.action == "edition-created"
    assert result.meeting == kobe_meeting
    edition = kobe_meeting.editions.get()
    assert (edition.language, edition.title) == ("en", "KOBE – ICANN Board and NCSG Joint Session")
    assert edition.turns.count() == 20
    assert _misaligned(edition, {i: i for i in range(20)}) == []
    assert edition.aligned_turns == 20
    # The rest of the original has no translation beside it.
    assert not edition.turns.filter(turn_index__gte=20).exists()
    # An edition adds text only: no turns, speakers, topics or candidates, same measures.
    assert _counts(kobe_meeting) == before
    beside = edition.turns.get(turn_index=19).text
    assert beside.startswith("Thank you very much. I'm Stephanie Perrin.")


def test_the_same_edition_twice_changes_nothing_and_a_corrected_one_replaces_it(kobe_meeting):
    _ingest(KOBE_ENGLISH)
    assert _ingest(KOBE_ENGLISH).action == "unchanged"
    corrected = KOBE_ENGLISH.read_bytes().replace(b"Very good.", b"Very well.")
    result = _ingest(corrected, name="kobe-corrected.en.txt")
    assert result.action == "edition-replaced"
    edition = kobe_meeting.editions.get()
    assert edition.source_name == "kobe-corrected.en.txt"
    assert edition.turns.get(turn_index=18).text == "Very well. Stephanie, over to you."
    assert EditionTurn.objects.count() == 20


def test_a_corrected_original_keeps_its_edition_aligned_to_the_new_turns(kobe_meeting, kobe_files):
    _ingest(KOBE_ENGLISH)
    transcript, roster = kobe_files
    # The corrected Chinese record lost Kathy Kleiman's introduction (turn 1).
    dropped = "凯茜·克莱曼\n\n(KATHY KLEIMAN): 我是凯茜·克莱曼。\n\n".encode()
    assert dropped in transcript.read_bytes()
    corrected = transcript.read_bytes().replace(dropped, b"")
    assert _ingest(corrected, transcript.name, roster).action == "replaced"
    edition = kobe_meeting.editions.get()
    kathy = edition.turns.get(index=1)
    assert kathy.span == 0  # shown after turn 0, with nothing of the original beside it
    assert _misaligned(edition, {0: 0, **{i: i - 1 for i in range(2, 20)}}) == [1]
    assert edition.aligned_turns == 19


def _header_changed(old: bytes, new: bytes) -> bytes:
    text = KOBE_ENGLISH.read_bytes()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"March 12, 2019", b"March 13, 2019"),  # another day
        (b"08:30 to 09:30", b"08:30 to 10:00"),  # ends later
        (b"ICANN64 |", b"ICANN65 |"),  # another event
    ],
)
def test_a_transcript_of_another_meeting_is_not_attached(kobe_meeting, old, new):
    result = _ingest(_header_changed(old, new), name="other.en.txt")
    assert result.action == "created"
    assert result.meeting != kobe_meeting
    assert not MeetingEdition.objects.exists()


def test_titles_with_other_numbers_are_other_meetings(db, kobe_files):
    """Part 1 and part 2 of a session may share an hour in a header's rounding; the
    numbers of a title are written the same in every language."""
    transcript, roster = kobe_files
    part = transcript.read_bytes().replace("联合会议".encode(), "联合会议（第 2 部分）".encode(), 1)
    first = _ingest(part, "part-2.zh.txt", roster)
    english = KOBE_ENGLISH.read_bytes().replace(b"Joint Session", b"Joint Session, Part 1", 1)
    result = _ingest(english, "part-1.en.txt", roster)
    assert result.action == "created"
    assert result.meeting != first.meeting


def test_a_session_at_the_same_hour_with_other_speakers_is_another_meeting(kobe_meeting):
    """Parallel sessions share an hour and an event: the speakers tell them apart."""
    text = KOBE_ENGLISH.read_text()
    for name in ("KATHY KLEIMAN", "SARAH DEUTSCH", "JOAN KERR", "AVRI DORIA", "LEON SANCHEZ"):
        text = text.replace(f"{name}:", f"{name.split()[0]} OTHER:")
    for name in ("BECKY BURR", "GORAN MARBY", "CHERINE CHALABY", "CHRIS DISSPAIN"):
        text = text.replace(f"{name}:", f"{name.split()[0]} ELSE:")
    for name in ("MATTHEW SHEARS", "STEPHANIE PERRIN", "MERIKE KAEO", "ELSA SAADE"):
        text = text.replace(f"{name}:", f"{name.split()[0]} AGAIN:")
    result = _ingest(text.encode(), name="parallel.en.txt")
    assert result.action == "created"
    assert not MeetingEdition.objects.exists()


def test_an_edition_in_the_originals_language_is_a_meeting_as_before(kobe_meeting, kobe_files):
    transcript, roster = kobe_files
    retitled = transcript.read_bytes().replace("联合会议".encode(), "联席会议".encode(), 1)
    result = _ingest(retitled, "retitled.zh.txt", roster)
    assert result.action == "created"
    assert not MeetingEdition.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"KOBE \xe2\x80\x93 ICANN Board and NCSG Joint Session\n"
        b"Tuesday, March 12, 2019 \xe2\x80\x93 08:30 to 09:30 JST\nICANN64 | Kobe, Japan\n\n",
        b"KOBE \xe2\x80\x93 ICANN Board and NCSG Joint Session\n"
        b"Tuesday, March 12, 2019 \xe2\x80\x93 08:30 to 09:30 JST\nICANN64 | Kobe, Japan\n\n"
        b"MATTHEW SHEARS:    \x00\x01\x02\xff\xfe\x00\x00\n",
    ],
    ids=["header only", "binary"],
)
def test_a_malformed_edition_is_refused_with_nothing_written(kobe_meeting, data):
    before = _counts(kobe_meeting)
    with pytest.raises(engine.TranscriptError):
        _ingest(data, name="broken.en.txt")
    assert not MeetingEdition.objects.exists()
    assert not EditionTurn.objects.exists()
    assert _counts(kobe_meeting) == before


def _sample(language: str) -> Path:
    path = SAMPLES / f"board-session.{language}.txt"
    if not path.exists():
        pytest.skip(f"{path} is not written yet")
    return path


@pytest.mark.parametrize("first", LANGUAGES)
def test_the_six_sample_editions_align_with_no_misaligned_turn_whichever_came_first(db, first):
    roster = SAMPLES / "board-session.roster.yaml"
    roster_import(data=roster.read_bytes(), source=str(roster))
    original = _ingest(_sample(first), roster=roster)
    assert original.action == "created"
    turns = original.meeting.turns.count()
    for language in (lang for lang in LANGUAGES if lang != first):
        result = _ingest(_sample(language), roster=roster)
        assert (result.action, result.meeting) == ("edition-created", original.meeting)
    assert Meeting.objects.count() == 1
    editions = original.meeting.editions.order_by("language")
    assert [e.language for e in editions] == [lang for lang in LANGUAGES if lang != first]
    for edition in editions:
        assert edition.turns.count() == turns
        assert _misaligned(edition, {i: i for i in range(turns)}) == [], edition.language


def test_the_sample_editions_attach_without_their_speakers_in_the_database(db):
    """A roster given with the files, but its people not (yet) on the platform: the
    speakers' labels and roster names are matched instead."""
    roster = SAMPLES / "board-session.roster.yaml"
    original = _ingest(_sample("ar"), roster=roster)
    for language in ("en", "zh"):
        assert _ingest(_sample(language), roster=roster).action == "edition-created"
    for edition in original.meeting.editions.all():
        assert _misaligned(edition, {i: i for i in range(27)}) == [], edition.language


def test_the_ingest_command_attaches_an_edition_given_after_its_original(db, kobe_files):
    transcript, roster = kobe_files
    out = io.StringIO()
    call_command("ingest", str(transcript), str(KOBE_ENGLISH), "--roster", str(roster), stdout=out)
    meeting = Meeting.objects.get()
    assert meeting.language == "zh"
    assert meeting.editions.get().language == "en"
    assert "edition-created: the en edition of meeting" in out.getvalue()
    assert "(20 turns aligned)" in out.getvalue()
