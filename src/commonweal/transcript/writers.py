"""Writing a Result: the JSON contract, CSV of turns, a ConvoKit corpus, a terminal table."""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from dataclasses import asdict
from typing import Any

from commonweal.spreadsheets import neutralise
from commonweal.transcript.model import GroupMeasure, Participant, Result, Topic, Turn

FORMAT_VERSION = "commonweal-parse/1"


def _round(value: float) -> float:
    return round(value, 4)


def to_json_data(result: Result) -> dict[str, Any]:
    """The ``commonweal parse --format json`` object (schema: parse.schema.json)."""
    document = result.document
    return {
        "format": FORMAT_VERSION,
        "source": {"path": document.path, "format": document.format, "roster": result.roster_name},
        "meeting": _meeting_data(result),
        "measures": _measures_data(result),
        "participants": [_participant_data(p) for p in result.participants],
        "groups": [_group_data(g) for g in result.groups],
        "turns": [_turn_data(t) for t in result.turns],
        "topics": [_topic_data(topic) for topic in result.topics],
        "candidates": [asdict(candidate) for candidate in result.candidates],
    }


def _meeting_data(result: Result) -> dict[str, Any]:
    """What the header says about the meeting, its language, and how long it lasted."""
    document = result.document
    header = document.header
    return {
        "title": header.title,
        "date": header.date,
        "start": header.start,
        "end": header.end,
        "timezone": header.timezone,
        "utc_offset": header.utc_offset,
        "place": header.place,
        "event": header.event,
        "language": document.language,
        "duration_seconds": round(result.duration_seconds, 1),
        "duration_source": result.duration_source,
    }


def _measures_data(result: Result) -> dict[str, Any]:
    """The meeting's totals: turns, units of speech, questions, and how even the floor was."""
    return {
        "turns": len(result.turns),
        "units": sum(turn.units for turn in result.turns),
        "unit": "characters" if result.document.language in ("zh", "ja", "ko") else "words",
        "floor_balance": _round(result.floor_balance),
        "group_floor_balance": (
            _round(result.group_floor_balance) if result.group_floor_balance is not None else None
        ),
        "unattributed_units": result.unattributed_units,
        "questions": sum(turn.questions for turn in result.turns),
        "interruptions": sum(p.interruptions for p in result.participants),
    }


def _participant_data(participant: Participant) -> dict[str, Any]:
    return {
        "name": participant.name,
        "person": participant.person,
        "aliases": participant.aliases,
        "group": participant.group,
        "role": participant.role,
        "turns": participant.turns,
        "units": participant.units,
        "share": participant.share,
        "est_seconds": round(participant.seconds, 1),
        "questions": participant.questions,
        "interruptions": participant.interruptions,
        "interrupted": participant.interrupted,
        "floor_index": _round(participant.floor_index),
    }


def _group_data(group: GroupMeasure) -> dict[str, Any]:
    return {
        "group": group.group,
        "name": group.name,
        "speakers": group.speakers,
        "turns": group.turns,
        "units": group.units,
        "share": group.share,
        "est_seconds": round(group.seconds, 1),
        "questions": group.questions,
        "interruptions": group.interruptions,
        "floor_index": _round(group.floor_index),
    }


def _turn_data(turn: Turn) -> dict[str, Any]:
    return {
        "index": turn.index,
        "speaker": turn.speaker,
        "person": turn.person,
        "group": turn.group,
        "participant": turn.participant,
        "line": turn.line,
        "text": turn.text,
        "annotations": [asdict(a) for a in turn.annotations],
        "units": turn.units,
        "questions": turn.questions,
        "est_seconds": round(turn.seconds, 2),
        "start": turn.start,
        "end": turn.end,
        "interrupted": turn.interrupted,
    }


def _topic_data(topic: Topic) -> dict[str, Any]:
    return {
        "title": topic.title,
        "first_turn": topic.first_turn,
        "last_turn": topic.last_turn,
        "est_seconds": round(topic.seconds, 1),
    }


def to_json(result: Result) -> str:
    return json.dumps(to_json_data(result), ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "index", "speaker", "person", "group", "line", "start", "end", "est_seconds", "units",
    "questions", "interrupted", "annotations", "text",
)  # fmt: skip


def to_csv(result: Result) -> str:
    """One row per turn, for a spreadsheet (a cell that would run as a formula is
    prefixed with an apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in result.turns:
        writer.writerow(
            neutralise(cell) for cell in [
                t.index, t.speaker, t.person or "", t.group or "", t.line,
                "" if t.start is None else t.start, "" if t.end is None else t.end,
                round(t.seconds, 2), t.units, t.questions, int(t.interrupted),
                " ".join(a.text for a in t.annotations), t.text,
            ]
        )  # fmt: skip
    return out.getvalue()


def convokit_documents(data: dict[str, Any], conversation: str) -> dict[str, str]:
    """The files of a ConvoKit corpus (name -> text) for a ``commonweal parse`` JSON
    object, so the command line and the platform's export write the same corpus."""
    conversation = conversation or "meeting"
    participants = data["participants"]
    speakers: dict[str, dict[str, Any]] = {}
    lines: list[str] = []
    previous: str | None = None
    for turn in data["turns"]:
        participant = participants[turn["participant"]]
        speaker_id = participant["person"] or participant["name"]
        speakers.setdefault(speaker_id, {"vectors": [], "meta": {"group": participant["group"]}})
        utterance_id = f"{conversation}-{turn['index']}"
        record = {
            "id": utterance_id,
            "conversation_id": f"{conversation}-0",
            "speaker": speaker_id,
            "reply_to": previous,
            "timestamp": turn.get("start"),
            "text": turn["text"],
            "vectors": [],
            "meta": {
                "speaker_label": turn["speaker"],
                "group": turn["group"],
                "est_seconds": turn["est_seconds"],
                "annotations": turn["annotations"],
            },
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        previous = utterance_id
    meeting = data["meeting"]
    index = {
        "utterances-index": {"speaker_label": ["<class 'str'>"], "group": ["<class 'str'>"]},
        "speakers-index": {"group": ["<class 'str'>"]},
        "conversations-index": {},
        "overall-index": {},
        "version": 1,
        "vectors": [],
    }
    documents = {
        "speakers.json": speakers,
        "conversations.json": {f"{conversation}-0": {"vectors": [], "meta": meeting}},
        "corpus.json": {"source": "commonweal", "meeting": meeting},
        "index.json": index,
    }
    files = {"utterances.jsonl": "".join(lines)}
    files.update(
        {name: json.dumps(value, ensure_ascii=False, indent=1) for name, value in documents.items()}
    )
    return files


def write_convokit(result: Result, folder: str) -> None:
    """A ConvoKit corpus folder (utterances.jsonl, speakers.json, conversations.json,
    corpus.json, index.json) that ``convokit.Corpus(filename=folder)`` loads."""
    os.makedirs(folder, exist_ok=True)
    conversation = os.path.splitext(os.path.basename(result.document.path))[0]
    for name, text in convokit_documents(to_json_data(result), conversation).items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _columns(char: str) -> int:
    # East Asian wide characters take two columns in a terminal.
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fit(text: str, width: int) -> str:
    out, used = "", 0
    for char in text:
        size = _columns(char)
        if used + size > width:
            break
        out += char
        used += size
    return out + " " * (width - used)


def _participant_rows(result: Result) -> list[str]:
    rows = [
        f"{_fit('speaker', 22)} {_fit('person', 20)} {_fit('group', 8)} "
        "turns  units  share   time  q  int"
    ]
    for p in sorted(result.participants, key=lambda p: p.share, reverse=True):
        rows.append(
            f"{_fit(p.name, 22)} {_fit(p.person or '-', 20)} {_fit(p.group or '-', 8)} "
            f"{p.turns:5d} {p.units:6d} {p.share:6.1%} {_clock(p.seconds):>6} "
            f"{p.questions:2d} {p.interruptions:4d}"
        )
    return rows


def _group_rows(result: Result) -> list[str]:
    rows = [f"{_fit('group', 10)} speakers turns  units  share   time  balance"]
    for g in result.groups:
        rows.append(
            f"{_fit(g.group, 10)} {g.speakers:8d} {g.turns:5d} {g.units:6d} {g.share:6.1%} "
            f"{_clock(g.seconds):>6} {g.floor_index:8.2f}"
        )
    return rows


def to_table(result: Result) -> str:
    """What a person reads in a terminal: participants by share, groups, topics, candidates."""
    meeting = to_json_data(result)["meeting"]
    when = (meeting["start"] and f"{meeting['start']}-{meeting['end']}", meeting["timezone"])
    lines = [
        meeting["title"] or result.document.path,
        " ".join(str(part) for part in (meeting["date"], *when, meeting["place"]) if part),
        f"{len(result.turns)} turns, {len(result.participants)} speakers, "
        f"language {meeting['language']}, {_clock(result.duration_seconds)} "
        f"({meeting['duration_source']}), floor balance {result.floor_balance:.2f}",
        "",
        "PARTICIPANTS (by share of the floor)",
        *_participant_rows(result),
    ]
    if result.groups:
        lines += ["", "GROUPS", *_group_rows(result)]
    lines += ["", "TOPICS"]
    for topic in result.topics:
        span = f"{topic.first_turn:>3}-{topic.last_turn:<3}"
        lines.append(f"turns {span} {_clock(topic.seconds):>6}  {topic.title}")
    lines += ["", "CANDIDATES (to confirm)"]
    for c in result.candidates:
        lines.append(f"[{c.kind[:3]}] turn {c.turn:>3} {c.speaker}: {c.sentence}")
    return "\n".join(lines) + "\n"
