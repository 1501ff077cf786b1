"""Who spoke when: Resemblyzer embeddings of each phrase, clustered into voices.

A phrase is a run of words with no pause longer than PHRASE_GAP and no sentence end
inside, so a change of speaker inside one of Whisper's segments still falls between two
phrases. Phrases of at least MIN_CLUSTER_SECONDS are clustered (agglomerative, cosine,
average linkage): into exactly the number of speakers when it is known, else until the
closest two clusters are further apart than DISTANCE_THRESHOLD. Each phrase then joins the
nearest voice, and a short phrase takes its neighbour's voice, as a second of speech says
too little about who said it.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from commonweal.speech.limits import SAMPLE_RATE
from commonweal.speech.recognise import Heard, Word

PHRASE_GAP = 0.3  # seconds of silence between two words that may separate two speakers
MIN_CLUSTER_SECONDS = 1.0  # shorter phrases are placed after clustering, by their neighbours
FOLLOW_GAP = 0.5  # seconds of silence across which a short phrase still takes its neighbour's voice
# Cosine distance (average linkage) beyond which two clusters are two voices, when their
# number is not known: tuned on twelve conversations of one to six synthetic voices, where
# with MIN_VOICE_SECONDS it finds the right number in all twelve (0.25 splits voices, 0.4
# merges them); on twelve others, eleven (a sixth voice heard under 3 s was merged).
DISTANCE_THRESHOLD = 0.3
MIN_VOICE_SECONDS = 3.0  # a voice estimated to speak less than this in all is merged
MAX_CLUSTERED = 2000  # phrases clustered directly; the rest join the nearest voice
EMBEDDING_SIZE = 256
QUIET_DB = 40  # below a phrase's loudest 10 ms by this much is the pause around it
_encoder_lock = threading.Lock()
_encoder: list[object] = []


@dataclass
class Phrase:
    start: float
    end: float
    words: tuple[Word, ...]
    segment: int  # which of Whisper's segments it came from

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def text(self) -> str:
        return "".join(word.text for word in self.words).strip()


def phrases_of(heard: Sequence[Heard], first_segment: int = 0) -> list[Phrase]:
    """Whisper's segments cut wherever another speaker may have begun."""
    phrases: list[Phrase] = []
    for number, segment in enumerate(heard, start=first_segment):
        run: list[Word] = []
        for word in segment.words:
            if run and (
                word.start - run[-1].end > PHRASE_GAP or run[-1].text.rstrip()[-1:] in ".?!。？！"
            ):
                phrases.append(Phrase(run[0].start, run[-1].end, tuple(run), number))
                run = []
            run.append(word)
        if run:
            phrases.append(Phrase(run[0].start, run[-1].end, tuple(run), number))
    return phrases


def fit_to_sound(phrases: Sequence[Phrase], samples: np.ndarray, offset: float) -> None:
    """Move each phrase's edges in to where its sound starts and ends.

    Whisper's first word after a pause often starts in the pause, by half a second, which
    would count as floor time. Frames of 10 ms quieter than QUIET_DB below the phrase's
    loudest frame are trimmed from either end (never more than leaves 100 ms).
    """
    frame = SAMPLE_RATE // 100
    for phrase in phrases:
        first = max(int((phrase.start - offset) * SAMPLE_RATE), 0)
        last = min(int((phrase.end - offset) * SAMPLE_RATE), len(samples))
        count = (last - first) // frame
        if count < 10:
            continue
        power = np.mean(samples[first : first + count * frame].reshape(count, frame) ** 2, axis=1)
        loud = np.flatnonzero(power >= power.max() * 10 ** (-QUIET_DB / 10))
        if loud.size == 0 or loud[-1] - loud[0] < 10:
            continue
        phrase.start = offset + (first + int(loud[0]) * frame) / SAMPLE_RATE
        phrase.end = offset + (first + (int(loud[-1]) + 1) * frame) / SAMPLE_RATE


def voice_encoder() -> object:
    """Resemblyzer's encoder on the CPU, loaded once per process (its weights ship in
    the package; nothing is fetched)."""
    with _encoder_lock:
        if not _encoder:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # pkg_resources' deprecation, from webrtcvad
                from resemblyzer import VoiceEncoder

            _encoder.append(VoiceEncoder("cpu", verbose=False))
        return _encoder[0]


def embed_phrases(samples: np.ndarray, offset: float, phrases: Sequence[Phrase]) -> np.ndarray:
    """One L2-normalised embedding per phrase, from the chunk that holds it."""
    encoder = voice_encoder()
    rows = np.zeros((len(phrases), EMBEDDING_SIZE), dtype=np.float32)
    for row, phrase in enumerate(phrases):
        first = max(int((phrase.start - offset) * SAMPLE_RATE), 0)
        last = min(int((phrase.end - offset) * SAMPLE_RATE), len(samples))
        audio = samples[first:last]
        loudness = float(np.sqrt(np.mean(audio**2))) if len(audio) else 0.0
        if loudness > 0:
            # The encoder was trained on speech at -30 dBFS; its mel spectrum is not
            # logarithmic, so loudness would otherwise move the embedding.
            rows[row] = encoder.embed_utterance(audio * (10 ** (-30 / 20) / loudness))
    return rows


def voice_similarity(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two voice embeddings, -1 to 1 (the same voice is near 1)."""
    first, second = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    norms = float(np.linalg.norm(first) * np.linalg.norm(second))
    return float(first @ second / norms) if norms else 0.0


def _normalised(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)


def _centroids(embeddings: np.ndarray, seconds: np.ndarray, speakers: int | None) -> np.ndarray:
    """Cluster the phrases long enough to tell a voice; one centroid per voice."""
    from sklearn.cluster import AgglomerativeClustering

    usable = np.flatnonzero(seconds >= MIN_CLUSTER_SECONDS)
    if usable.size == 0:
        usable = np.arange(len(seconds))
    if usable.size > MAX_CLUSTERED:
        usable = usable[np.linspace(0, usable.size - 1, MAX_CLUSTERED).astype(int)]
    # A word Whisper timed at no length still counts a little (weights may not sum to 0).
    weights = np.maximum(seconds[usable], 0.05)
    if usable.size == 1 or speakers == 1:
        return _normalised(np.average(embeddings[usable], axis=0, weights=weights)[None])
    clustering = AgglomerativeClustering(
        n_clusters=min(speakers, usable.size) if speakers else None,
        distance_threshold=None if speakers else DISTANCE_THRESHOLD,
        metric="cosine",
        linkage="average",
    )
    labels = clustering.fit_predict(embeddings[usable])
    clusters = range(labels.max() + 1)
    if speakers is None:
        # A "voice" heard for less than MIN_VOICE_SECONDS in all is more likely one
        # speaker's odd phrases than another person; its phrases join the nearest voice.
        heard = [weights[labels == k].sum() for k in clusters]
        kept = [k for k in clusters if heard[k] >= MIN_VOICE_SECONDS]
        clusters = kept or [int(np.argmax(heard))]
    return _normalised(
        np.stack(
            [
                np.average(embeddings[usable][labels == k], axis=0, weights=weights[labels == k])
                for k in clusters
            ]
        )
    )


def assign_voices(
    phrases: Sequence[Phrase], embeddings: np.ndarray, speakers: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each phrase's voice (numbered in order of first speech) and each voice's centroid."""
    seconds = np.array([phrase.seconds for phrase in phrases])
    centroids = _centroids(embeddings, seconds, speakers)
    labels = np.argmax(embeddings @ centroids.T, axis=1)
    labels = _short_phrases_follow(phrases, labels, seconds)
    order = list(dict.fromkeys(labels.tolist()))  # voices in order of first speech
    renumber = {old: new for new, old in enumerate(order)}
    return np.array([renumber[k] for k in labels.tolist()]), centroids[order]


def _short_phrases_follow(
    phrases: Sequence[Phrase], labels: np.ndarray, seconds: np.ndarray
) -> np.ndarray:
    """A phrase under MIN_CLUSTER_SECONDS inside one of Whisper's segments takes the voice
    of a long phrase beside it in that segment (the nearer in time) when no more than
    FOLLOW_GAP of silence parts them: speech that runs on without a pause is most likely
    the same person's. A short phrase standing alone ("Please go ahead." between two
    pauses, whether or not Whisper put it in its neighbour's segment) keeps its own voice."""
    result = labels.copy()
    for index in np.flatnonzero(seconds < MIN_CLUSTER_SECONDS).tolist():
        phrase = phrases[index]
        around = []
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(phrases) and phrases[other].segment == phrase.segment:
                if seconds[other] >= MIN_CLUSTER_SECONDS:
                    around.append(other)
                    break
                other += step
        gaps = {
            other: max(phrases[other].start - phrase.end, phrase.start - phrases[other].end)
            for other in around
        }
        near = [other for other in around if gaps[other] <= FOLLOW_GAP]
        if near:
            result[index] = labels[min(near, key=gaps.__getitem__)]
    return result
