"""Language editions of one meeting: a transcript that is another language's record of a
meeting already stored is attached to it, its turns aligned to the original's, instead of
becoming a second meeting (choices in docs/decisions/meetings-language-editions.md).

A parsed transcript is an edition of a stored meeting when it has the same date and start
time (and end time, where both state one), another language, the same event where both
name one, titles whose numbers agree, and, once aligned, speakers that agree on most
turns. The edition's text is stored beside the original's turns; measures, speakers,
topics and candidates stay the original's alone.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from commonweal.community.selectors import people_by_name
from commonweal.meetings import alignment, engine
from commonweal.meetings.engine import TranscriptError
from commonweal.meetings.models import EditionTurn, Meeting, MeetingEdition, Participant
from commonweal.rosters import name_key
from commonweal.transcript.identity import Roster, is_unidentified

logger = logging.getLogger(__name__)

# Below this share of aligned turns whose speakers agree, a transcript at the same hour
# is another meeting (a parallel session), not an edition of this one.
SPEAKER_AGREEMENT = 0.5
# Fewer aligned turns with known speakers on both sides than this say nothing either way.
AGREEMENT_EVIDENCE = 3


def _key_digest(label: str) -> str:
    """A folded label as a short digest: enough to match speakers, not to read a name."""
    return hashlib.sha256(name_key(label).encode()).hexdigest()[:16]


def speakers_of_edition(participants: list[dict], roster: Roster) -> list[dict]:
    """The edition's speakers as the alignment needs them (see MeetingEdition.speakers):
    each with every name the roster gives its person, so that an original whose speakers
    are linked to nobody on the platform is still matched by the names it wrote."""
    people = people_by_name({item["person"] for item in participants if item.get("person")})
    written = {name_key(person.name): person.aliases for person in roster.people}
    speakers = []
    for item in participants:
        label = str(item.get("name") or "")
        if is_unidentified(label) and not item.get("person"):
            speakers.append({})
            continue
        roster_names = written.get(name_key(item["person"]), ()) if item.get("person") else ()
        names = [label, *(item.get("aliases") or []), *roster_names, item.get("person") or ""]
        speaker: dict = {"keys": sorted({_key_digest(name) for name in names if name})}
        person = people.get(name_key(item["person"])) if item.get("person") else None
        if person is not None:
            speaker["person"] = person.pk
        speakers.append(speaker)
    return speakers


@dataclass(frozen=True)
class _Original:
    """The stored meeting's turns as the alignment sees them."""

    indexes: list[int]  # each turn's index, in order
    sequence: list[tuple[int, float]]  # (speaker, units) per turn
    people: dict[int, int]  # person id -> speaker
    keys: dict[str, int]  # label digest -> speaker


def _original(meeting: Meeting) -> _Original:
    people: dict[int, int] = {}
    keys: dict[str, int] = {}
    # participant -> speaker: one speaker per person (two labels of one person are one
    # speaker), the participant itself otherwise, or unknown for an unidentified voice.
    speaker_of: dict[int, int] = {}
    rows = Participant.objects.filter(meeting=meeting).order_by("pk")
    for pk, label, aliases, person_id in rows.values_list("pk", "label", "aliases", "person_id"):
        if is_unidentified(label) and person_id is None:
            speaker_of[pk] = alignment.UNKNOWN_SPEAKER
            continue
        speaker_of[pk] = people.setdefault(person_id, pk) if person_id is not None else pk
        for name in (label, *(aliases or [])):
            keys.setdefault(_key_digest(name), speaker_of[pk])
    indexes, sequence = [], []
    turns = meeting.turns.order_by("index").values_list("index", "participant_id", "units")
    for index, participant_id, units in turns.iterator(chunk_size=5000):
        indexes.append(index)
        sequence.append((speaker_of[participant_id], float(units)))
    return _Original(indexes, sequence, people, keys)


def _speaker_ids(original: _Original, speakers: list[dict]) -> list[int]:
    """Each edition speaker as the original's participant it names (by person, else by a
    label they share), a number of its own when it names none, or unknown."""
    ids = []
    for position, speaker in enumerate(speakers):
        if not speaker:
            ids.append(alignment.UNKNOWN_SPEAKER)
            continue
        found = original.people.get(speaker.get("person"))
        if found is None:
            found = next((original.keys[k] for k in speaker["keys"] if k in original.keys), None)
        # Participant ids are positive; a speaker the original lacks gets a negative
        # number of its own, below the unknown speaker's.
        ids.append(found if found is not None else -2 - position)
    return ids


@dataclass(frozen=True)
class EditionPlan:
    """A parsed transcript found to be an edition of ``meeting``, aligned to it."""

    meeting: Meeting
    speakers: list[dict]
    links: list[alignment.Link]
    original_indexes: list[int]


def _digits(title: str) -> str:
    """The digits of a title in any script, the one part translation keeps."""
    return "".join(
        str(unicodedata.digit(char)) for char in title if unicodedata.digit(char, None) is not None
    )


def _header_matches(meeting: Meeting, header: dict) -> bool:
    end = _time(header.get("end"))
    if end is not None and meeting.end_time is not None and end != meeting.end_time:
        return False
    event = name_key(str(header.get("event") or ""))
    if event and meeting.event and name_key(meeting.event) != event:
        return False
    theirs, ours = _digits(str(header.get("title") or "")), _digits(meeting.title)
    return not (theirs and ours and theirs != ours)


def _time(value) -> datetime.time | None:
    try:
        return datetime.time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _agreement(links: list[alignment.Link], original: list, edition: list) -> float | None:
    """The share of one-to-one links whose known speakers are the same; None when too
    few links have a known speaker on both sides to tell."""
    same = known = 0
    for link in links:
        if len(link.original) == 1 and len(link.edition) == 1:
            a, b = original[link.original[0]][0], edition[link.edition[0]][0]
            if a != alignment.UNKNOWN_SPEAKER and b != alignment.UNKNOWN_SPEAKER:
                known += 1
                same += a == b
    return same / known if known >= AGREEMENT_EVIDENCE else None


def edition_plan(
    parsed: dict, *, source_name: str, roster: bytes | None = None, roster_name: str = ""
) -> EditionPlan | None:
    """The stored meeting this transcript (read with ``roster``, as ingestion read it)
    is another language's edition of, aligned; None when it is none's. Raises
    TranscriptError for an edition that cannot be aligned (nothing is written)."""
    header = parsed.get("meeting") or {}
    language = str(header.get("language") or "")
    date, start = _date(header.get("date")), _time(header.get("start"))
    if not (language and date and start):
        return None
    candidates = Meeting.objects.filter(date=date, start_time=start).exclude(language="")
    candidates = [
        meeting
        for meeting in candidates.exclude(language=language)
        if _header_matches(meeting, header)
    ]
    if not candidates:
        return None
    best: tuple[float, EditionPlan] | None = None
    speakers = speakers_of_edition(
        parsed.get("participants") or [], engine.roster_for(roster, roster_name)
    )
    for meeting in candidates:
        original = _original(meeting)
        ids = _speaker_ids(original, speakers)
        edition = [
            (ids[int(t["participant"])], float(t.get("units") or 0)) for t in parsed["turns"]
        ]
        try:
            links = alignment.align(original.sequence, edition)
        except alignment.AlignmentError:
            raise TranscriptError(
                source_name,
                gettext(
                    "this looks like another language's record of the meeting “%(title)s”, "
                    "but its turns are too far from the meeting's to be matched"
                )
                % {"title": meeting.title},
            ) from None
        agreement = _agreement(links, original.sequence, edition)
        if agreement is not None and agreement < SPEAKER_AGREEMENT:
            continue
        score = 1.0 if agreement is None else agreement
        if best is None or score > best[0]:
            best = (score, EditionPlan(meeting, speakers, links, original.indexes))
    return best[1] if best else None


def _placements(links: list[alignment.Link], indexes: list[int]) -> dict[int, tuple[int, int]]:
    """edition turn position -> (the original turn index it stands beside, how many
    original turns it translates)."""
    placed: dict[int, tuple[int, int]] = {}
    previous = indexes[0] if indexes else 0
    for link in links:
        if link.original:
            beside, span = indexes[link.original[0]], len(link.original)
            previous = indexes[link.original[-1]]
        else:
            beside, span = previous, 0
        for position in link.edition:
            placed[position] = (beside, span)
    return placed


@transaction.atomic
def edition_store(*, plan: EditionPlan, parsed: dict, source_name: str, content_hash: str) -> str:
    """Write the edition, replacing the meeting's edition in its language if there is
    one; returns "edition-created" or "edition-replaced"."""
    header = parsed.get("meeting") or {}
    language = str(header.get("language") or "")[:35]
    edition = (
        MeetingEdition.objects.select_for_update()
        .filter(meeting=plan.meeting, language=language)
        .first()
    )
    action = "edition-replaced" if edition is not None else "edition-created"
    if edition is None:
        edition = MeetingEdition(meeting=plan.meeting, language=language)
    else:
        edition.turns.all().delete()
    edition.title = (header.get("title") or Path(source_name).stem)[:300]
    edition.place = str(header.get("place") or "")[:200]
    edition.source_name = Path(source_name).name[:255]
    edition.content_hash = content_hash
    edition.speakers = plan.speakers
    placed = _placements(plan.links, plan.original_indexes)
    edition.aligned_turns = sum(1 for _beside, span in placed.values() if span)
    edition.save()
    EditionTurn.objects.bulk_create(
        (
            EditionTurn(
                edition=edition,
                index=position,
                speaker=int(item["participant"]),
                text=str(item.get("text") or ""),
                units=int(item.get("units") or 0),
                turn_index=placed[position][0],
                span=placed[position][1],
            )
            for position, item in enumerate(parsed.get("turns") or [])
        ),
        batch_size=1000,
    )
    return action


def editions_realign(meeting: Meeting) -> None:
    """Align the meeting's editions again to its turns (call after a corrected original
    replaced them, in the same transaction). An edition that no longer aligns keeps its
    old places and is logged."""
    editions = list(meeting.editions.all())
    if not editions:
        return
    original = _original(meeting)
    for edition in editions:
        ids = _speaker_ids(original, edition.speakers)
        turns = list(edition.turns.order_by("index").only("pk", "speaker", "units"))
        sequence = [(ids[turn.speaker], float(turn.units)) for turn in turns]
        try:
            links = alignment.align(original.sequence, sequence)
        except alignment.AlignmentError:
            logger.warning("edition %s no longer aligns with meeting %s", edition.pk, meeting.pk)
            continue
        placed = _placements(links, original.indexes)
        for position, turn in enumerate(turns):
            turn.turn_index, turn.span = placed[position]
        EditionTurn.objects.bulk_update(turns, ["turn_index", "span"], batch_size=1000)
        edition.aligned_turns = sum(1 for turn in turns if turn.span)
        edition.save(update_fields=["aligned_turns"])
