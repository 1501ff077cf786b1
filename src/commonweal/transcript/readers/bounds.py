"""The limits every reader holds untrusted input to, and the checks that need a scan.

A limit is refused with a TranscriptError naming the file (and the line, where there is
one) before the costly step it protects: nesting before ``json.loads`` (whose recursion
a 50,000-deep ``[[[[…]]]]`` would exhaust), counts before objects are built for them.
docs/formats.md lists them; a real meeting is far inside each.
"""

from __future__ import annotations

import re

from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.turntable import MAX_TURNS as MAX_TURNS  # re-exported

# A day of meetings is about 1 MB of text; 16 MB leaves room and still parses in seconds.
MAX_BYTES = 16 * 1024 * 1024
# A day-long meeting has a few thousand turns; a 250,000-turn meeting must still be kept.
MAX_SEGMENTS = 300_000  # cues, JSON segments or ConvoKit utterances in one file
# Speech-to-text JSON nests about five deep (meeting, segments, segment, words, word).
MAX_JSON_DEPTH = 100
# Objects and arrays in one JSON(L) file (a segment with its words is a few dozen);
# json.loads holds about 200 bytes for each, so this keeps it near 200 MB.
MAX_JSON_CONTAINERS = 1_000_000
MAX_PDF_PAGES = 2_000  # a day of meetings is a few hundred pages
# MAX_TURNS (turns in one meeting, any format) lives with the turn table, which refuses
# the turn past it as it is read.

_STRING = re.compile(rb'"[^"\n]*"')
# Every byte but the brackets, the quote and the line break: UTF-8 never uses an ASCII
# byte inside a multi-byte character, so this keeps exactly the characters that matter.
_NOT_SKELETON = bytes(b for b in range(256) if b not in b'[]{}"\n')
_CHUNK = 4 * 1024 * 1024


def check_json_nesting(text: str, path: str) -> None:
    """Refuse JSON or JSON Lines nested deeper than MAX_JSON_DEPTH or holding more than
    MAX_JSON_CONTAINERS objects and arrays, naming the line where the limit is crossed.

    Brackets inside strings do not count. The scan runs at C speed on the bytes: escapes
    first (``\\\\`` pairs, then ``\\"``), then every byte but brackets, quotes and line
    breaks; what is left between quotes is a string's brackets (JSON strings hold no raw
    line break, so line numbers stay true). The depth is a running sum over the rest.
    """
    data = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    # Removing an adjacent pair of quotes never changes which brackets lie inside a
    # string, and it removes every string without a bracket in one C pass.
    skeleton = data.translate(None, _NOT_SKELETON).replace(b'""', b"")
    if b'"' in skeleton:
        skeleton = _STRING.sub(b"", skeleton).replace(b'"', b"")
    opened = skeleton.count(b"[") + skeleton.count(b"{")
    if opened > MAX_JSON_CONTAINERS:
        raise TranscriptError(
            path, f"more than {MAX_JSON_CONTAINERS:,} JSON objects and arrays; refused"
        )
    if opened > MAX_JSON_DEPTH:
        _check_depth(skeleton, path)


def _check_depth(skeleton: bytes, path: str) -> None:
    import numpy as np  # only files with more than a hundred brackets pay for it

    change = np.zeros(256, dtype=np.int8)
    change[list(b"[{")] = 1
    change[list(b"]}")] = -1
    depth = 0
    for start in range(0, len(skeleton), _CHUNK):
        chunk = np.frombuffer(skeleton, np.uint8, min(_CHUNK, len(skeleton) - start), start)
        depths = np.cumsum(change[chunk], dtype=np.int64) + depth
        over = np.flatnonzero(depths > MAX_JSON_DEPTH)
        if over.size:
            raise TranscriptError(
                path,
                f"JSON nested more than {MAX_JSON_DEPTH} deep; refused",
                line=skeleton.count(b"\n", 0, start + int(over[0])) + 1,
            )
        depth = int(depths[-1])


def check_segment_count(count: int, path: str, what: str, line: int | None = None) -> None:
    """Refuse a file once it holds more than MAX_SEGMENTS cues, segments or utterances."""
    if count > MAX_SEGMENTS:
        raise TranscriptError(
            path, f"more than {MAX_SEGMENTS:,} {what} in one file; refused", line=line
        )
