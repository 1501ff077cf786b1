"""What a person notices in a transcribed conversation: the words, who said them, when,
and that the transcript engine takes the result like any written transcript."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jiwer
import pytest

from commonweal.speech import to_segments_json, transcribe, voice_similarity
from commonweal.speech.synth import speak


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _voice_of_speaker(result, truth) -> dict[int, int]:
    """Which voice each true speaker became: the voice heard most inside their turns."""
    mapping = {}
    for speaker in {turn[2] for turn in truth}:
        overlap: dict[int, float] = {}
        for start, end, who, _ in truth:
            if who != speaker:
                continue
            for segment in result.segments:
                shared = min(end, segment.end) - max(start, segment.start)
                if shared > 0:
                    overlap[segment.voice] = overlap.get(segment.voice, 0.0) + shared
        mapping[speaker] = max(overlap, key=overlap.get)
    return mapping


def test_the_words_that_were_said_come_out(exchange, exchange_heard):
    result, _ = exchange_heard
    said = " ".join(turn[3] for turn in exchange[1])
    heard = " ".join(segment.text for segment in result.segments)
    assert jiwer.wer(_plain(said), _plain(heard)) < 0.25
    assert result.language == "en"
    assert result.duration == pytest.approx(exchange[1][-1][1] + 0.6, abs=0.1)


def test_two_voices_are_found_and_each_turn_starts_within_a_second(exchange, exchange_heard):
    result, _ = exchange_heard
    truth = exchange[1]
    assert [voice.label for voice in result.voices] == ["Voice 1", "Voice 2"]
    mapping = _voice_of_speaker(result, truth)
    assert sorted(mapping.values()) == [0, 1]  # one voice per speaker
    assert mapping[0] == 0  # numbered in order of first speech
    turn_starts = [
        segment.start
        for previous, segment in zip((None, *result.segments), result.segments, strict=False)
        if previous is None or previous.voice != segment.voice
    ]
    assert len(turn_starts) == len(truth)
    for (
        (start, _, speaker, _),
        heard_start,
    ) in zip(truth, turn_starts, strict=True):
        assert heard_start == pytest.approx(start, abs=1.0)
    for turn in truth:
        middle = (turn[0] + turn[1]) / 2
        covering = [s for s in result.segments if s.start <= middle <= s.end]
        assert covering and covering[0].voice == mapping[turn[2]]


def test_timestamps_increase_and_stay_inside_the_recording(exchange_heard):
    result, steps = exchange_heard
    starts = [segment.start for segment in result.segments]
    assert starts == sorted(starts)
    assert all(type(value) is float for s in result.segments for value in (s.start, s.end))
    assert all(0 <= s.start < s.end <= result.duration for s in result.segments)
    assert all(
        later.start >= earlier.end - 0.01
        for earlier, later in zip(result.segments, result.segments[1:], strict=False)
    )
    assert {step for step, _ in steps} == {"decoding", "recognising", "voices"}
    assert all(0 <= fraction <= 1 for _, fraction in steps)
    assert steps[-1] == ("voices", 1.0)


def test_floor_time_per_voice_is_measured_close_to_the_truth(exchange, exchange_heard):
    result, _ = exchange_heard
    truth = exchange[1]
    mapping = _voice_of_speaker(result, truth)
    for speaker, voice in mapping.items():
        spoken = sum(end - start for start, end, who, _ in truth if who == speaker)
        assert result.voices[voice].seconds == pytest.approx(spoken, rel=0.15, abs=0.8)


def test_each_voice_has_an_embedding_and_a_stretch_to_listen_to(exchange_heard):
    result, _ = exchange_heard
    first, second = result.voices
    assert len(first.embedding) == 256
    assert voice_similarity(first.embedding, first.embedding) == pytest.approx(1.0)
    assert voice_similarity(first.embedding, second.embedding) < 0.95
    for voice in result.voices:
        assert 3.0 <= voice.sample_end - voice.sample_start <= 10.0
        inside = [s for s in result.segments if s.start - 0.01 <= voice.sample_start < s.end]
        assert inside and inside[0].voice == voice.index


def test_the_json_is_read_by_commonweal_parse_with_the_floor_time_measured(
    exchange, exchange_heard, tmp_path
):
    result, _ = exchange_heard
    names = {0: "Ana Lima", 1: "Wei Zhang"}
    path = tmp_path / "meeting.json"
    path.write_text(
        to_segments_json(result, names, {"title": "Budget group", "date": "2026-03-02"}),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "commonweal", "parse", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert parsed["meeting"]["date"] == "2026-03-02"
    assert parsed["meeting"]["duration_source"] == "timestamps"
    seconds = {p["name"]: p["est_seconds"] for p in parsed["participants"]}
    mapping = _voice_of_speaker(result, exchange[1])
    for speaker, voice in mapping.items():
        spoken = sum(end - start for start, end, who, _ in exchange[1] if who == speaker)
        assert seconds[names[voice]] == pytest.approx(spoken, rel=0.15, abs=1.0)


def test_a_recording_longer_than_a_chunk_is_heard_whole_with_true_times(
    exchange, tiny_model, monkeypatch
):
    """Chunks of four seconds instead of ten minutes: the words and times across their
    edges must come out as from one piece."""
    monkeypatch.setattr("commonweal.speech.audio.CHUNK_SECONDS", 4)
    monkeypatch.setattr("commonweal.speech.audio.CUT_SEARCH_SECONDS", 2)
    result = transcribe(exchange[0], model_dir=tiny_model, speakers=2)
    said = " ".join(turn[3] for turn in exchange[1])
    heard = " ".join(segment.text for segment in result.segments)
    assert jiwer.wer(_plain(said), _plain(heard)) < 0.35
    assert result.duration == pytest.approx(exchange[1][-1][1] + 0.6, abs=0.1)
    last = exchange[1][-1]
    assert result.segments[-1].end == pytest.approx(last[1], abs=1.0)


def test_the_number_of_voices_is_estimated_when_not_given(speech_folder, tiny_model):
    path = speech_folder / "three.wav"
    truth = speak(
        [
            (0, "Welcome to the review of the travel policy."),
            (1, "The travel policy has not changed in three years, and the costs have risen."),
            (2, "Could the secretariat tell us what a change would cost each year?"),
            (0, "We will prepare an estimate before the next meeting."),
            (1, "Then I suggest we come back to it in the spring."),
            (2, "I support that proposal, and I thank the secretariat."),
        ],
        str(path),
    )
    result = transcribe(str(path), model_dir=tiny_model)
    assert len(result.voices) == 3
    assert _voice_of_speaker(result, truth) == {0: 0, 1: 1, 2: 2}
