"""``commonweal transcribe AUDIO [--model DIR] [--language L] [--speakers N] [--roster R]
[--voice N=NAME ...] [--format json|vtt|srt|txt|table] [--title T] [--date D]``."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from commonweal.speech.errors import SpeechError
from commonweal.speech.pipeline import MAX_SPEAKERS, transcribe
from commonweal.speech.transcription import Transcription
from commonweal.speech.writers import to_segments_json, to_srt, to_txt, to_vtt
from commonweal.terminal import emit

_WRITERS = {"json": to_segments_json, "vtt": to_vtt, "srt": to_srt, "txt": to_txt}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, as for bad files
        self.exit(2, f"commonweal transcribe: {message}\n")


def _voice_name(value: str) -> tuple[int, str]:
    number, _, name = value.partition("=")
    if not number.strip().isdigit() or int(number) < 1 or not name.strip():
        raise argparse.ArgumentTypeError(f"'{value}' is not NUMBER=NAME (as in 1=Jane Doe)")
    return int(number) - 1, name.strip()


def _speakers(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_SPEAKERS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_SPEAKERS}")
    return int(value)


def _arguments() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commonweal transcribe",
        description="Transcribe a recording: what was said, when, and by which voice.",
    )
    parser.add_argument("audio", help=".wav .mp3 .m4a .ogg .opus .flac .webm .mp4 .mkv .mov ...")
    parser.add_argument(
        "--model",
        metavar="DIR",
        help="a faster-whisper model folder (default: the bundled Whisper base); docs/audio.md",
    )
    parser.add_argument("--language", metavar="L", help="ISO 639-1 code (default: detected)")
    parser.add_argument(
        "--speakers",
        metavar="N",
        type=_speakers,
        help="how many voices there are (default: estimated)",
    )
    parser.add_argument(
        "--voice",
        metavar="N=NAME",
        type=_voice_name,
        action="append",
        default=[],
        help="name voice N (repeatable): --voice 1='Jane Doe'",
    )
    parser.add_argument(
        "--roster",
        metavar="R",
        help="YAML or CSV with name, group, role: "
        "the transcript engine identifies the named voices in it",
    )
    parser.add_argument(
        "--format",
        choices=(*_WRITERS, "table"),
        default="json",
        help="table: who spoke how much, as 'commonweal parse' prints it",
    )
    parser.add_argument("--title", help="the meeting's title, for the JSON")
    parser.add_argument("--date", help="the meeting's date (YYYY-MM-DD), for the JSON")
    return parser


def _progress_printer():
    """A one-line progress display on stderr, only when a person watches it."""
    if not sys.stderr.isatty():
        return None

    def show(step: str, fraction: float) -> None:
        sys.stderr.write(f"\r{step} {fraction:4.0%}   ")
        sys.stderr.flush()

    return show


def _parse(json_text: str, name: str, roster: str | None) -> tuple[int, str, str]:
    """``commonweal parse`` run on this speech JSON, as a person would run it on the file:
    the engines stay apart (neither imports the other), the program joins them."""
    with tempfile.TemporaryDirectory(prefix="commonweal-transcribe-") as folder:
        json_path = os.path.join(folder, Path(name).stem + ".json")
        Path(json_path).write_text(json_text, encoding="utf-8")
        command = [sys.executable, "-m", "commonweal", "parse", json_path, "--format", "table"]
        done = subprocess.run(  # noqa: S603 (this Python, our own program, our own file)
            command + (["--roster", roster] if roster else []),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    # Messages and the table name the recording, not the temporary file.
    return (
        done.returncode,
        done.stdout.replace(json_path, name),
        done.stderr.replace(json_path, name).strip(),
    )


def _refusal(name: str, message: str) -> SpeechError:
    """The engine's one line ("PATH[:LINE]: why") as our own error."""
    lines = message.splitlines()
    where, _, why = (lines[-1] if lines else "").partition(": ")
    return SpeechError(where, why) if why else SpeechError(name, "the transcript engine failed")


def _check_roster(roster: str) -> None:
    """A roster the engine cannot read is refused before minutes of recognition."""
    code, _, message = _parse('[{"speaker": "A", "text": "-"}]', "check.json", roster)
    if code != 0:
        raise _refusal(roster, message)


def _through_engine(audio: str, speech_json: str, roster: str | None) -> str:
    """The speech JSON read by the transcript engine as ``commonweal parse`` reads it:
    validated, attributed against the roster, measured; its table comes back."""
    code, table, message = _parse(speech_json, audio, roster)
    if code != 0:
        raise _refusal(audio, message)
    return table


def transcribe_main(argv: list[str]) -> int:
    options = _arguments().parse_args(argv)
    names = dict(options.voice)
    meeting = {k: v for k, v in (("title", options.title), ("date", options.date)) if v}
    progress = _progress_printer()
    try:
        if options.roster:
            _check_roster(options.roster)
        result = transcribe(
            options.audio,
            model_dir=options.model,
            language=options.language,
            speakers=options.speakers,
            on_progress=progress,
        )
        speech_json = to_segments_json(result, names, meeting or None)
        table = ""
        if options.roster or options.format == "table":
            table = _through_engine(options.audio, speech_json, options.roster)
    except SpeechError as error:
        _clear(progress)
        print(str(error), file=sys.stderr)
        return 2
    _clear(progress)
    return _write(_output(options.format, result, names, speech_json, table))


def _output(
    form: str, result: Transcription, names: dict[int, str], speech_json: str, table: str
) -> str:
    if form == "json":
        return speech_json + "\n"
    if form == "table":
        return table
    return _WRITERS[form](result, names)


def _clear(progress: object) -> None:
    if progress is not None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _write(output: str) -> int:
    emit(output, utf8=True)
    return 0
