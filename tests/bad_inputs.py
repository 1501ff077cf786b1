"""Untrusted transcripts of every kind the product must refuse cleanly, shared by the
engine's command-line tests and the platform's ingestion tests."""

import random
import zipfile
from pathlib import Path


def _bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(80):
                member.write(zeros)


def bad_inputs(folder: Path) -> dict[str, Path]:
    files = {
        "empty.txt": b"",
        "junk.txt": random.Random(3).randbytes(8192),
        "broken.txt": "马修·希尔斯： 大家好。\n".encode() + b"\xe5\xa4\n\xff\n",
        "malformed.vtt": b"WEBVTT\n\n00:00:01.000 --> soon\nHello\n",
        "headless.vtt": b"Not a header\n\n00:00:01.000 --> 00:00:02.000\nHello\n",
        "broken.json": b'[{"speaker": "A", "text": "x"},',
        "broken.pdf": b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n",
        "notzip.docx": b"PK\x03\x04 this is not really a zip",
    }
    paths = {}
    for name, content in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    paths["huge.txt"] = folder / "huge.txt"
    with open(paths["huge.txt"], "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    paths["bomb.docx"] = folder / "bomb.docx"
    _bomb(paths["bomb.docx"])
    paths["missing.txt"] = folder / "missing.txt"
    return paths


BAD = [
    "empty.txt",
    "junk.txt",
    "broken.txt",
    "huge.txt",
    "bomb.docx",
    "notzip.docx",
    "malformed.vtt",
    "headless.vtt",
    "broken.json",
    "broken.pdf",
    "missing.txt",
]
