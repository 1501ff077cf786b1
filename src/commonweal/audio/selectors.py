"""Reads: the recordings list, and who a voice probably is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from commonweal.audio.models import Recording, Voice
from commonweal.community.models import Person

# Cosine similarity of two voices' embeddings at or above which the earlier voice's person
# is suggested. Two espeak-ng conversations transcribed with tiny.en: a voice against itself
# in the other recording 0.93-0.95, against the other voice 0.52, a one-second fragment
# split off as a voice of its own 0.70-0.78 against either (docs/recordings.md).
SUGGESTION_THRESHOLD = 0.82
RECORDINGS_SHOWN = 200


@dataclass(frozen=True)
class Suggestion:
    person: Person
    similarity: float
    heard_in: str  # the title of the meeting where that person's voice was confirmed


def recording_list() -> QuerySet[Recording]:
    return Recording.objects.select_related("meeting", "created_by").order_by("-created_at", "-pk")


def people_for_review() -> QuerySet[Person]:
    return Person.objects.filter(is_erased=False).order_by("display_name", "pk")


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)


def voices_suggest(recording: Recording) -> dict[int, Suggestion]:
    """For each voice of ``recording``, the person whose confirmed voice from another
    (so earlier stored) recording sounds most like it, when similar enough. One person
    is suggested for one voice at most: the most similar pair wins."""
    voices = [v for v in recording.voices.all() if v.embedding]
    known = list(
        Voice.objects.filter(confirmed=True, person__isnull=False, person__is_erased=False)
        .exclude(recording=recording)
        .select_related("person", "recording__meeting")
    )
    known = [v for v in known if len(v.vector) == len(voices[0].vector)] if voices else []
    if not voices or not known:
        return {}
    similarity = (
        _unit(np.array([v.vector for v in voices], dtype=np.float32))
        @ _unit(np.array([k.vector for k in known], dtype=np.float32)).T
    )
    pairs = sorted(
        (
            (float(similarity[i, j]), i, j)
            for i in range(len(voices))
            for j in range(len(known))
            if similarity[i, j] >= SUGGESTION_THRESHOLD
        ),
        reverse=True,
    )
    suggested: dict[int, Suggestion] = {}
    taken: set[int] = set()
    for value, i, j in pairs:
        voice, match = voices[i], known[j]
        if voice.index in suggested or match.person_id in taken:
            continue
        taken.add(match.person_id)
        meeting = match.recording.meeting
        suggested[voice.index] = Suggestion(
            person=match.person,
            similarity=value,
            heard_in=meeting.title if meeting else match.recording.title,
        )
    return suggested
