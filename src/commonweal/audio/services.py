"""Recordings: kept privately, transcribed in the background, reviewed, stored as a meeting.

Every write is here, keyword-only. The meeting is written by the meetings app's own
ingestion (``meeting_ingest``) from the speech-to-text JSON, so it is stored, measured
(floor time from the timestamps) and searched like any uploaded transcript.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from array import array
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from commonweal.audio import engine
from commonweal.audio.models import Recording, Voice, recordings_folder
from commonweal.meetings.engine import TranscriptError
from commonweal.meetings.models import Meeting
from commonweal.meetings.services import meeting_ingest

logger = logging.getLogger(__name__)

# Where each step of the engine lands on the progress bar (percent at its start and end).
PROGRESS_SPAN = {
    Recording.Step.DECODING: (0, 10),
    Recording.Step.RECOGNISING: (10, 85),
    Recording.Step.VOICES: (85, 99),
}


class RecordingRefused(ValueError):
    """An upload refused before anything is written; ``str()`` is the one line shown."""


def upload_limit_bytes() -> int:
    return min(settings.AUDIO_UPLOAD_MB * 1024 * 1024, engine.MAX_AUDIO_BYTES)


def _refusal_too_large(name: str) -> RecordingRefused:
    limit = upload_limit_bytes() // (1024 * 1024)
    return RecordingRefused(
        gettext("%(file)s: the file is larger than %(limit)s MB") % {"file": name, "limit": limit}
    )


def recording_check(*, name: str, size: int) -> None:
    """Refuse a file whose name is not audio or video, or that is too large."""
    if Path(name).suffix.lower() not in engine.AUDIO_SUFFIXES:
        raise RecordingRefused(
            gettext(
                "%(file)s: not a recording this page takes; send a WAV, MP3, M4A, OGG, "
                "Opus or FLAC file, or a video with sound (MP4, WebM, MKV, MOV)"
            )
            % {"file": name}
        )
    if size > upload_limit_bytes():
        raise _refusal_too_large(name)


def recording_create(
    *,
    upload,
    title: str,
    session_date: datetime.date | None = None,
    language: str = "",
    speakers: int | None = None,
    user=None,
) -> Recording:
    """Keep an uploaded recording privately for the background task; the caller enqueues
    the task once this commits. Refused (RecordingRefused) with nothing written when the
    file is not audio or too large; the bytes are counted as they are written, whatever
    the upload declared."""
    name = Path(upload.name or "").name[:255]
    recording_check(name=name, size=upload.size or 0)
    folder = recordings_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16) + Path(name).suffix.lower()
    path = folder / stored_name
    try:
        size = _stream_to(path, upload, limit=upload_limit_bytes(), name=name)
        with transaction.atomic():
            return Recording.objects.create(
                title=" ".join(title.split())[:300] or Path(name).stem[:300],
                session_date=session_date,
                language=language,
                speakers=speakers,
                stored_name=stored_name,
                original_name=name,
                size=size,
                created_by=user if user is not None and user.is_authenticated else None,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _stream_to(path: Path, upload, *, limit: int, name: str) -> int:
    written = 0
    with path.open("xb") as out:
        for chunk in upload.chunks():
            written += len(chunk)
            if written > limit:
                raise _refusal_too_large(name)
            out.write(chunk)
    return written


def _progress_reporter(recording_id: int):
    """The engine's on_progress: the step and percent written as they change, not on
    every call."""
    shown: dict[str, object] = {}

    def on_progress(step: str, fraction: float) -> None:
        low, high = PROGRESS_SPAN.get(step, (0, 99))
        percent = low + round((high - low) * min(max(fraction, 0.0), 1.0))
        if shown.get("step") == step and shown.get("percent") == percent:
            return
        shown.update(step=step, percent=percent)
        fields = {"progress": percent}
        if step in Recording.Step.values:
            fields["step"] = step
        Recording.objects.filter(pk=recording_id).update(**fields)

    return on_progress


def recording_run(*, recording_id: int) -> None:
    """The background task's body: transcribe the recording and keep its voices for the
    review. Safe to run twice: a recording past its run is left as it is. A recording the
    engine refuses is marked failed with the engine's one line, and its audio deleted."""
    recording = Recording.objects.filter(pk=recording_id).first()
    if recording is None or not recording.in_progress:
        return
    Recording.objects.filter(pk=recording.pk).update(
        status=Recording.Status.RUNNING, step=Recording.Step.DECODING, progress=0, message=""
    )
    try:
        if recording.path is None or not recording.path.is_file():
            raise engine.SpeechError(recording.original_name, "the audio file is missing")
        result = engine.recording_transcribe(
            recording.path,
            shown_name=recording.original_name,
            language=recording.language,
            speakers=recording.speakers,
            on_progress=_progress_reporter(recording.pk),
        )
        samples = {
            voice.index: engine.wav_sample(recording.path, voice.sample_start, voice.sample_end)
            for voice in result.voices
        }
    except engine.SpeechError as error:
        _recording_fail(recording, str(error))
        return
    except Exception:
        # A fault of ours, not of the file: the recording must not stay "running" forever.
        logger.exception("recording %s failed", recording.pk)
        _recording_fail(
            recording,
            gettext("%(file)s: an internal error stopped the transcription; it has been logged")
            % {"file": recording.original_name},
        )
        raise
    _result_keep(recording, result, samples)


def _recording_fail(recording: Recording, message: str) -> None:
    path = recording.path
    Recording.objects.filter(pk=recording.pk).update(
        status=Recording.Status.FAILED,
        step=Recording.Step.FINISHED,
        message=message[:2000],
        stored_name="",
    )
    if path is not None:
        path.unlink(missing_ok=True)


@transaction.atomic
def _result_keep(recording: Recording, result, samples: dict[int, bytes]) -> None:
    recording.voices.all().delete()
    Voice.objects.bulk_create(
        Voice(
            recording=recording,
            index=voice.index,
            label=voice.label[:50],
            seconds=float(voice.seconds),
            embedding=array("f", voice.embedding).tobytes(),
            sample=samples.get(voice.index, b""),
        )
        for voice in result.voices
    )
    Recording.objects.filter(pk=recording.pk).update(
        status=Recording.Status.REVIEW,
        step=Recording.Step.FINISHED,
        progress=100,
        duration=float(result.duration),
        language_heard=(result.language or "")[:12],
        model_name=(result.model or "")[:200],
        result=[
            {
                "start": round(segment.start, 3),
                "end": round(segment.end, 3),
                "text": segment.text,
                "voice": segment.voice,
            }
            for segment in result.segments
        ],
    )


class RecordingNotStored(ValueError):
    """The recording could not become a meeting; ``str()`` says why in one line."""


def recording_store(*, recording: Recording, names: dict, by=None) -> Meeting:
    """Write the reviewed recording as a meeting: each voice under the name of the person
    it was mapped to (``names``: voice index -> Person or None, None keeping "Voice N"),
    the title and date as the meeting's header.

    The voices mapped to people are confirmed and kept, to suggest them in later
    recordings; the others, and the audio, are deleted. Raises RecordingNotStored when
    the recording is not waiting for review, or the transcript engine refuses the text.
    """
    with transaction.atomic():
        recording = Recording.objects.select_for_update().get(pk=recording.pk)
        if recording.status != Recording.Status.REVIEW:
            raise RecordingNotStored(
                gettext("%(title)s: this recording is not waiting for review")
                % {"title": recording.title}
            )
        people = {index: person for index, person in names.items() if person is not None}
        data = _segments_for(recording, people)
        try:
            meeting = meeting_ingest(
                data=data, source_name=f"{_slug(recording)}.json", user=by
            ).meeting
        except TranscriptError as error:
            raise RecordingNotStored(str(error)) from None
        for voice in recording.voices.all():
            voice.person = people.get(voice.index)
            voice.confirmed = voice.person is not None
            if voice.confirmed:
                voice.save(update_fields=["person", "confirmed"])
            else:
                voice.delete()
        path = recording.path
        recording.meeting = meeting
        recording.status = Recording.Status.STORED
        recording.stored_name = ""
        recording.save(update_fields=["meeting", "status", "stored_name"])
        if path is not None:
            transaction.on_commit(lambda: path.unlink(missing_ok=True))
    return meeting


def _segments_for(recording: Recording, people: dict) -> bytes:
    header = {"title": recording.title}
    if recording.session_date:
        header["date"] = recording.session_date.isoformat()
    return engine.segments_json(
        segments=recording.result,
        voices=recording.voices.values_list("index", "label"),
        language=recording.language_heard,
        duration=recording.duration or 0.0,
        names={index: person.display_name for index, person in people.items()},
        meeting=header,
    )


def _slug(recording: Recording) -> str:
    return f"recording-{recording.pk}-{slugify(recording.title)[:60]}".rstrip("-")


def recording_audio_delete(*, recording: Recording) -> None:
    """Delete a recording's audio file (when its row is deleted)."""
    path = recording.path
    if path is not None:
        transaction.on_commit(lambda: path.unlink(missing_ok=True))
