"""A meeting as files: the turns CSV, the `commonweal parse` JSON (docs/formats.md) and
the ConvoKit corpus, each given out piece by piece.

A meeting may hold hundreds of thousands of turns, so no export holds them all: turns
are read from the database in chunks of ``TURN_CHUNK`` as plain values (no model
objects) and written as they come; the page streams what this module yields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from django.utils.translation import pgettext_lazy

from commonweal.core.downloads import csv_header, csv_stream, json_stream, zip_stream
from commonweal.meetings.models import Candidate, Meeting, Participant, Topic
from commonweal.meetings.selectors import meeting_floor_shares
from commonweal.transcript.writers import convokit_documents

TURN_CHUNK = 2000
TURNS_CSV_HEADER = ("index", "speaker", "group", "text")
# The turns CSV's columns named in the reader's language (the codes in English).
TURNS_CSV_HEADINGS = {
    # Translators: a column of a downloaded CSV file; the English is the column's code.
    "index": pgettext_lazy("CSV column", "index"),
    "speaker": pgettext_lazy("CSV column", "speaker"),
    "group": pgettext_lazy("CSV column", "group"),
    "text": pgettext_lazy("CSV column", "text"),
}
_TURN_COLUMNS = ("index", "participant_id", "group__slug", "text", "annotations", "units")


def _turn_rows(meeting: Meeting, *columns: str) -> Iterator[tuple]:
    """The meeting's turns in order, as tuples of ``columns``, read a chunk at a time."""
    rows = meeting.turns.order_by("index").values_list(*columns)
    return rows.iterator(chunk_size=TURN_CHUNK)


def _batched(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _participants(meeting: Meeting) -> list[Participant]:
    return list(meeting.participants.select_related("person", "group").order_by("pk"))


def meeting_turns_csv(meeting: Meeting) -> Iterator[str]:
    """The turns CSV (index, speaker, group, text), line by line, formulas neutralised; the
    header is named in the language active when it is called (the reader's, on a page)."""
    labels = dict(meeting.participants.values_list("pk", "label"))
    rows = (
        (index, labels[participant], group or "", text)
        for index, participant, group, text in _turn_rows(
            meeting, "index", "participant_id", "group__slug", "text"
        )
    )
    return csv_stream(csv_header(TURNS_CSV_HEADER, TURNS_CSV_HEADINGS), rows)


def meeting_json(meeting: Meeting) -> Iterator[str]:
    """The meeting in the shape of the `commonweal parse` JSON, the same text
    ``json.dumps(contract, ensure_ascii=False, indent=1)`` writes, turn by turn."""
    return json_stream(_contract_members(meeting), streamed=("turns",))


def meeting_convokit_zip(meeting: Meeting, folder: str) -> Iterator[bytes]:
    """The meeting's ConvoKit corpus, as `commonweal parse --convokit` writes it, zipped
    inside ``folder``."""
    return zip_stream(
        (f"{folder}/{name}", chunks) for name, chunks in _convokit_files(meeting, folder)
    )


# -- the `commonweal parse` JSON contract (docs/formats.md) -----------------------------


def _contract_members(meeting: Meeting) -> Iterator[tuple[str, object]]:
    """The stored meeting's members of the `commonweal parse` JSON (docs/transcript.md), in
    order, so an export from the platform reads like the command line's output; ``turns``
    is an iterator, read only when the writer reaches it."""
    participants = _participants(meeting)
    yield "format", "commonweal-parse/1"
    yield "source", {"path": meeting.source_name, "format": meeting.source_format, "roster": None}
    yield "meeting", _contract_header(meeting)
    yield "measures", meeting.measures
    yield "participants", [_contract_participant(participant) for participant in participants]
    yield "groups", _contract_groups(meeting)
    yield "turns", _contract_turns(meeting, participants)
    yield "topics", [_contract_topic(topic) for topic in meeting.topics.all()]
    yield "candidates", _contract_candidates(meeting)


def _contract_header(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "date": meeting.date.isoformat() if meeting.date else None,
        "start": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "end": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        "timezone": meeting.timezone or None,
        "place": meeting.place or None,
        "language": meeting.language,
        "duration_seconds": meeting.duration_seconds,
    }


def _contract_person(participant: Participant) -> str | None:
    """The roster name of the speaker's person; none once that person is erased."""
    person = participant.person
    return person.display_name if person and not person.is_erased else None


def _contract_participant(participant: Participant) -> dict:
    return {
        "name": participant.label,
        "person": _contract_person(participant),
        "aliases": participant.aliases,
        "group": participant.group.slug if participant.group else None,
        "turns": participant.turns,
        "units": participant.units,
        "share": participant.share,
        "est_seconds": participant.seconds,
        "questions": participant.questions,
        "interruptions": participant.interruptions,
    }


def _contract_groups(meeting: Meeting) -> list[dict]:
    """Groups as `commonweal parse` reports them: shares of the speech that can be given
    to a group (unlinked speakers are the measures' unattributed units)."""
    rows = [row for row in meeting_floor_shares(meeting) if row.slug]
    total = sum(row.share for row in rows) or 1.0
    return [
        {
            "group": row.slug,
            "name": row.label,
            "share": row.share / total,
            "turns": row.turns,
            "est_seconds": row.seconds,
        }
        for row in rows
    ]


def _contract_turns(meeting: Meeting, participants: list[Participant]) -> Iterator[dict]:
    """Turns in order; ``participant`` is the speaker's position in the participants list."""
    position = {participant.pk: number for number, participant in enumerate(participants)}
    speakers = {
        participant.pk: (participant.label, _contract_person(participant))
        for participant in participants
    }
    for index, participant, group, text, notes, units, seconds in _turn_rows(
        meeting, *_TURN_COLUMNS, "seconds"
    ):
        label, person = speakers[participant]
        yield {
            "index": index,
            "speaker": label,
            "person": person,
            "group": group,
            "participant": position[participant],
            "text": text,
            "annotations": notes,
            "units": units,
            "est_seconds": seconds,
            "start": None,
        }


def _contract_topic(topic: Topic) -> dict:
    return {
        "title": topic.title,
        "first_turn": topic.first_turn,
        "last_turn": topic.last_turn,
        "est_seconds": topic.seconds,
    }


def _contract_candidates(meeting: Meeting) -> list[dict]:
    # What the secretariat dismissed is no longer a candidate.
    candidates = meeting.candidates.exclude(status=Candidate.Status.DISMISSED).select_related(
        "turn__participant__person"
    )
    return [
        {
            "kind": candidate.kind,
            "turn": candidate.turn.index,
            "speaker": candidate.turn.participant.label,
            "sentence": candidate.sentence,
        }
        for candidate in candidates
    ]


# -- the ConvoKit corpus ------------------------------------------------------------------


def _convokit_files(meeting: Meeting, folder: str) -> Iterator[tuple[str, Iterable[str]]]:
    """The corpus files in the engine's order, utterances first and written a chunk of
    turns at a time. The engine writes a corpus from a whole contract; it is given one
    chunk at a time, led by the previous chunk's last turn so that each first utterance
    still replies to the one before (that lead's own line is dropped)."""
    participants = _participants(meeting)
    contract = {
        "meeting": _contract_header(meeting),
        "participants": [_contract_participant(participant) for participant in participants],
    }
    speakers: dict[str, object] = {}

    def utterances() -> Iterator[str]:
        lead: list[dict] = []
        for chunk in _batched(_contract_turns(meeting, participants), TURN_CHUNK):
            files = convokit_documents({**contract, "turns": [*lead, *chunk]}, folder)
            text = files["utterances.jsonl"]
            # JSON escapes line breaks inside a record, so the first one ends the lead's.
            yield text.partition("\n")[2] if lead else text
            for speaker, record in json.loads(files["speakers.json"]).items():
                speakers.setdefault(speaker, record)
            lead = [chunk[-1]]

    yield "utterances.jsonl", utterances()
    rest = convokit_documents({**contract, "turns": []}, folder)
    yield "speakers.json", _later(lambda: json.dumps(speakers, ensure_ascii=False, indent=1))
    for name, text in rest.items():
        if name not in ("utterances.jsonl", "speakers.json"):
            yield name, [text]


def _later(make_text) -> Iterator[str]:
    """A file's text made only when the writer reaches it (after the utterances)."""
    yield make_text()
