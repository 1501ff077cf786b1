"""Ingesting transcripts: the transcript engine's result becomes a meeting, whole or not at all."""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from commonweal.community.models import StakeholderGroup
from commonweal.community.selectors import people_by_name
from commonweal.meetings import editions, engine, signals
from commonweal.meetings.follows import meeting_announce
from commonweal.meetings.models import (
    Candidate,
    IngestJob,
    Meeting,
    MeetingEdition,
    Participant,
    Topic,
    Turn,
)
from commonweal.rosters import name_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    meeting: Meeting
    # "created", "replaced" or "unchanged"; "edition-created" or "edition-replaced" when
    # the transcript was another language's record of ``meeting`` (meetings/editions.py)
    action: str


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def meeting_identity(parsed: dict, source_name: str) -> str:
    """The same meeting across corrected transcripts: its title, date and start time when
    the header gives them, otherwise the file's name."""
    header = parsed.get("meeting") or {}
    if header.get("date"):
        key = "|".join(
            name_key(str(header.get(field) or "")) for field in ("title", "date", "start")
        )
    else:
        key = f"file|{Path(source_name).name}"
    return hashlib.sha256(key.encode()).hexdigest()


def _iso(value, parse):
    """A date or time the engine wrote in ISO form, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return parse(str(value))
    except ValueError:
        return None


def meeting_ingest(
    *,
    data: bytes,
    source_name: str,
    roster: bytes | None = None,
    roster_name: str = "",
    user=None,
    on_step: Callable[[str], None] | None = None,
) -> IngestResult:
    """Parse a transcript and store it as a meeting, or as a language edition of the
    meeting it is another language's record of.

    Idempotent by content: the same file (and roster) twice changes nothing; a corrected
    file for the same meeting (or edition) replaces it. Parsing happens before any write,
    and all writes share one transaction, so a failure leaves no partial meeting.
    Raises engine.TranscriptError for a file the engine refuses, or an edition that
    cannot be aligned to its meeting.
    """
    content_hash = _digest(data, roster or b"")
    existing = Meeting.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        return IngestResult(existing, "unchanged")
    edition = MeetingEdition.objects.filter(content_hash=content_hash).first()
    if edition is not None:
        return IngestResult(edition.meeting, "unchanged")
    if on_step:
        on_step(IngestJob.Step.PARSING)
    parsed = engine.parse_bytes(
        data, source_name=source_name, roster=roster, roster_name=roster_name
    )
    plan = editions.edition_plan(
        parsed, source_name=source_name, roster=roster, roster_name=roster_name
    )
    if on_step:
        on_step(IngestJob.Step.STORING)
    if plan is not None:
        action = editions.edition_store(
            plan=plan, parsed=parsed, source_name=source_name, content_hash=content_hash
        )
        return IngestResult(plan.meeting, action)
    return _meeting_store(
        parsed=parsed, source_name=source_name, content_hash=content_hash, user=user
    )


@transaction.atomic
def _meeting_store(*, parsed: dict, source_name: str, content_hash: str, user) -> IngestResult:
    """Write the engine's result as a meeting: a new one, or the meeting with the same
    identity emptied and filled again (a corrected transcript)."""
    meeting, action = _meeting_claim(meeting_identity(parsed, source_name))
    _meeting_header_set(
        meeting, parsed=parsed, source_name=source_name, content_hash=content_hash, user=user
    )
    meeting.save()
    participants = _participants_store(meeting, parsed.get("participants") or [])
    topics = _topics_store(meeting, parsed.get("topics") or [])
    turns = _turns_store(meeting, parsed.get("turns") or [], participants, topics)
    _candidates_store(meeting, parsed.get("candidates") or [], turns)
    if action == "replaced":
        editions.editions_realign(meeting)
    else:
        meeting_announce(meeting)
    return IngestResult(meeting, action)


def _meeting_claim(identity: str) -> tuple[Meeting, str]:
    """The meeting to write, locked and emptied of its old rows when it exists, and
    whether it is "created" or "replaced"."""
    meeting = Meeting.objects.select_for_update().filter(identity=identity).first()
    if meeting is None:
        return Meeting(identity=identity), "created"
    meeting.turns.all().delete()
    meeting.topics.all().delete()
    meeting.participants.all().delete()
    return meeting, "replaced"


def _meeting_header_set(
    meeting: Meeting, *, parsed: dict, source_name: str, content_hash: str, user
) -> None:
    """Copy the transcript's header and measures onto the meeting, cut to the fields'
    lengths (the engine's values are not bounded)."""
    header = parsed.get("meeting") or {}
    meeting.title = (header.get("title") or Path(source_name).stem)[:300]
    meeting.date = _iso(header.get("date"), datetime.date.fromisoformat)
    meeting.start_time = _iso(header.get("start"), datetime.time.fromisoformat)
    meeting.end_time = _iso(header.get("end"), datetime.time.fromisoformat)
    meeting.timezone = (header.get("timezone") or "")[:60]
    meeting.place = (header.get("place") or "")[:200]
    meeting.event = str(header.get("event") or "")[:100]
    meeting.language = (header.get("language") or "")[:35]
    meeting.source_name = Path(source_name).name[:255]
    meeting.source_format = ((parsed.get("source") or {}).get("format") or "")[:30]
    meeting.content_hash = content_hash
    meeting.timing_exact = header.get("duration_source") == "timestamps"
    meeting.duration_seconds = round(float(header.get("duration_seconds") or 0))
    meeting.measures = parsed.get("measures") or {}
    meeting.ingested_by = user if user is not None and user.is_authenticated else None


def _participants_store(meeting: Meeting, items: list[dict]) -> list[Participant]:
    """The speakers, in the engine's order (turns point at them by position), linked to
    the stakeholder groups and roster people the engine named."""
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    people = people_by_name({item["person"] for item in items if item.get("person")})
    participants = []
    for item in items:
        roster_name = item.get("person")
        participants.append(
            Participant(
                meeting=meeting,
                label=str(item.get("name") or "")[:200],
                aliases=list(item.get("aliases") or []),
                person=people.get(name_key(roster_name)) if roster_name else None,
                group=groups.get(str(item.get("group") or "")),
                turns=int(item.get("turns") or 0),
                units=int(item.get("units") or 0),
                share=float(item.get("share") or 0),
                seconds=float(item.get("est_seconds") or 0),
                questions=int(item.get("questions") or 0),
                interruptions=int(item.get("interruptions") or 0),
            )
        )
    Participant.objects.bulk_create(participants)
    return participants


def _topics_store(meeting: Meeting, items: list[dict]) -> list[Topic]:
    topics = [
        Topic(
            meeting=meeting,
            index=index,
            title=str(item.get("title") or "")[:300],
            detected_title=str(item.get("title") or "")[:300],
            first_turn=int(item["first_turn"]),
            last_turn=int(item["last_turn"]),
            seconds=float(item.get("est_seconds") or 0),
        )
        for index, item in enumerate(items)
    ]
    Topic.objects.bulk_create(topics)
    return topics


def _turns_store(
    meeting: Meeting, items: list[dict], participants: list[Participant], topics: list[Topic]
) -> list[Turn]:
    """The turns, each with its speaker's person and group and the topic it falls in."""

    def topic_of(index: int) -> Topic | None:
        return next((t for t in topics if t.first_turn <= index <= t.last_turn), None)

    turns = []
    for item in items:
        participant = participants[int(item["participant"])]
        turns.append(
            Turn(
                meeting=meeting,
                index=int(item["index"]),
                participant=participant,
                person=participant.person,
                group=participant.group,
                topic=topic_of(int(item["index"])),
                text=str(item.get("text") or ""),
                annotations=list(item.get("annotations") or []),
                units=int(item.get("units") or 0),
                seconds=float(item.get("est_seconds") or 0),
            )
        )
    Turn.objects.bulk_create(turns, batch_size=500)
    return turns


def _candidates_store(meeting: Meeting, items: list[dict], turns: list[Turn]) -> None:
    """The candidate recommendations and actions, each on its turn (one that points at
    no stored turn is dropped)."""
    by_index = {turn.index: turn for turn in turns}
    Candidate.objects.bulk_create(
        Candidate(
            meeting=meeting,
            turn=by_index[int(item["turn"])],
            kind=item.get("kind") or Candidate.Kind.RECOMMENDATION,
            sentence=str(item.get("sentence") or ""),
        )
        for item in items
        if int(item["turn"]) in by_index
    )


def ingest_job_create(
    *, data: bytes, source_name: str, roster: bytes | None, roster_name: str, user
):
    """Keep an upload for the background worker; the caller enqueues it on commit."""
    return IngestJob.objects.create(
        source_name=Path(source_name).name[:255],
        data=data,
        roster=roster,
        roster_name=Path(roster_name).name[:255] if roster_name else "",
        created_by=user if user is not None and user.is_authenticated else None,
    )


def ingest_job_run(*, job_id: int) -> None:
    """Run one upload. Safe to run twice: a finished job is left as it is.

    The meeting itself is written in one transaction inside meeting_ingest, so a job
    that fails leaves no partial meeting; the job row records the failure.
    """
    job = IngestJob.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    IngestJob.objects.filter(pk=job.pk).update(status=IngestJob.Status.RUNNING)

    def on_step(step: str) -> None:
        IngestJob.objects.filter(pk=job.pk).update(step=step)

    done = {
        "step": IngestJob.Step.FINISHED,
        "finished_at": timezone.now(),
        "data": b"",
        "roster": None,
    }
    try:
        result = meeting_ingest(
            data=bytes(job.data),
            source_name=job.source_name,
            roster=bytes(job.roster) if job.roster is not None else None,
            roster_name=job.roster_name,
            user=job.created_by,
            on_step=on_step,
        )
    except engine.TranscriptError as error:
        IngestJob.objects.filter(pk=job.pk).update(
            status=IngestJob.Status.FAILED, message=str(error), **done
        )
        return
    except Exception:
        # A fault of ours, not of the file: the job must not stay "running" forever.
        logger.exception("ingest job %s failed", job.pk)
        IngestJob.objects.filter(pk=job.pk).update(
            status=IngestJob.Status.FAILED,
            message=gettext("%(file)s: an internal error stopped the import; it has been logged")
            % {"file": job.source_name},
            **done,
        )
        raise
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJob.Status.DONE, outcome=result.action, meeting=result.meeting, **done
    )


def candidate_review(*, candidate: Candidate, status: str, by=None) -> list[object]:
    """Confirm or dismiss a candidate recommendation or action (or send it back).

    A confirmation is announced with ``signals.candidate_confirmed`` inside the
    same transaction; the registry, which owns recommendations, answers it by
    adding the recommendation (once). Returns what the apps that answered made
    of the candidate (the recommendation), for the page to link to.
    """
    if status not in Candidate.Status.values:
        raise ValueError(f"unknown candidate status {status!r}")
    made: list[object] = []
    with transaction.atomic():
        candidate.status = status
        candidate.save(update_fields=["status"])
        if status == Candidate.Status.CONFIRMED:
            answers = signals.candidate_confirmed.send(sender=Candidate, candidate=candidate, by=by)
            made = [answer for _receiver, answer in answers if answer is not None]
    return made


TOPIC_TITLE_MAX_LENGTH = 300


def topic_title_set(*, topic: Topic, title: str, by) -> Topic:
    """The secretariat names a topic better than the chair's cue did; the title the
    transcript gave is kept beside it, with who changed it and when."""
    title = " ".join(title.split())[:TOPIC_TITLE_MAX_LENGTH]
    if not title:
        raise ValueError("a topic needs a title")
    if not topic.detected_title:
        topic.detected_title = topic.title
    topic.title = title
    topic.edited_by = by
    topic.edited_at = timezone.now()
    topic.save(update_fields=["title", "detected_title", "edited_by", "edited_at"])
    return topic
