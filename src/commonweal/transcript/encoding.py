"""Turning untrusted bytes into text, and telling which language the text is in."""

from __future__ import annotations

import codecs
import re
from collections import Counter

from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.languages import STOPWORDS

# Control characters that never occur in a text transcript (tab, newline, carriage return
# and form feed do: PDF extraction and Word exports produce form feeds).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 64 * 1024


def decode(data: bytes, path: str) -> str:
    """Decode a transcript: UTF-8 (with or without BOM), UTF-16 (with BOM or without), GB18030.

    Raises TranscriptError naming the line of the first byte that fits none of them, or
    saying the file is binary. GB18030 is tried only when the bytes before the first
    invalid UTF-8 byte are plain ASCII: a file that is valid UTF-8 up to a point and then
    breaks is broken UTF-8, not Chinese in another encoding.
    """
    if not data.strip():
        raise TranscriptError(path, "the file is empty")
    text = _decode_with_bom(data, path)
    if text is None:
        utf16 = _utf16_without_bom(data)
        if utf16:
            text = _strict(data, utf16, path)
        elif b"\x00" in data[:_SAMPLE]:
            raise TranscriptError(path, "binary data (NUL bytes), not a text transcript")
        else:
            text = _utf8_or_gb18030(data, path)
    _refuse_binary(text, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes, path: str) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, path, skipped=len(bom))
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    # In UTF-16 every ASCII character (spaces, digits, line breaks, Latin words) has a NUL
    # high byte, always on the same side; CJK characters rarely have one. Binary data has
    # NULs on both sides alike.
    sample = data[: min(len(data), _SAMPLE) & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = 0.02 * (len(sample) // 2)
    if odd >= enough and odd > 3 * even:
        return "utf-16-le"
    if even >= enough and even > 3 * odd:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: str, skipped: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start, encoding)
        raise TranscriptError(
            path,
            f"not valid {encoding.upper()} text (byte {error.start + skipped})",
            line=line,
        ) from None


def _utf8_or_gb18030(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
        if not data[:bad].isascii():
            raise TranscriptError(
                path,
                f"broken UTF-8: byte 0x{data[bad]:02x} at offset {bad} is not valid UTF-8",
                line=data.count(b"\n", 0, bad) + 1,
            ) from None
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise TranscriptError(
            path,
            f"not UTF-8, UTF-16 or GB18030 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start})",
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    prefix = data[:offset].decode(encoding, errors="replace")
    return prefix.count("\n") + 1


def _refuse_binary(text: str, path: str) -> None:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if controls and controls > 0.001 * len(sample) + 2:
        first = _CONTROL.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else None
        raise TranscriptError(
            path, "binary data (control characters), not a text transcript", line=line
        )


# Scripts, by Unicode range, that decide a language on their own.
_SCRIPTS = {
    "kana": re.compile(r"[\u3040-\u30ff]"),
    "hangul": re.compile(r"[\uac00-\ud7af]"),
    "han": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]+"),
}
_LATIN_WORD = re.compile(r"[a-zà-ÿ']+")


def detect_language(text: str) -> str:
    """An ISO 639-1 code from the scripts in the text, then frequent words for Latin script.

    Counting script ranges is enough for the six UN languages and needs no model; a
    Han character weighs about as much as a Latin word.
    """
    sample = text[:_SAMPLE]
    # Counted by replacing (a count and one string), not by listing the matches: a list of
    # 64K one-character strings takes 80 times the sample.
    counts = {name: pattern.subn("", sample)[1] for name, pattern in _SCRIPTS.items()}
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if cjk and cjk >= max(counts["latin"], counts["arabic"], counts["cyrillic"]):
        if counts["kana"] > 0.05 * cjk:
            return "ja"
        if counts["hangul"] > 0.3 * cjk:
            return "ko"
        return "zh"
    if counts["arabic"] > counts["latin"] and counts["arabic"] >= counts["cyrillic"]:
        return "ar"
    if counts["cyrillic"] > counts["latin"]:
        return "ru"
    # Count each distinct word once, then weigh the stop words each language shares with
    # the sample: one pass over the text instead of one per language.
    counts_by_word = Counter(_LATIN_WORD.findall(sample.lower()))
    scores = {
        lang: sum(counts_by_word[word] for word in stop if word in counts_by_word)
        for lang, stop in STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else "en"
