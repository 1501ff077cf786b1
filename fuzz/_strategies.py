"""What the fuzzer feeds a target: raw bytes, mutated seed files, hostile structures.

Every strategy yields ``bytes``, a whole file. The hostile structures are the shapes
that broke readers before (issue 11): nesting tens of thousands deep, numbers with
thousands of digits or exponents of millions, NaN and Infinity spelled out, lines of
megabytes, YAML aliases that expand exponentially. A target module may add its own
(``STRATEGIES``) and its own valid examples to mutate (``SEEDS``).
"""

from __future__ import annotations

from hypothesis import strategies as st

# Small enough for a hundred examples a second, large enough to cross most limits.
MAX_RAW_BYTES = 4096

_HUGE_NUMBERS = [
    b"1e100000000",
    b"1e-50000000",
    b"1e400",
    b"-1e400",
    b"NaN",
    b"nan",
    b".nan",
    b"-.inf",
    b"Infinity",
    b"-Infinity",
    b"sNaN",
    b"0x7fffffffffffffff",
    b"-0",
    b"1_000",
    b"\xd9\xa1\xd9\xa2",  # Arabic-Indic digits
]
_SEPARATORS = [b",", b";", b"\t", b":", b" ", b"\n", b"\r\n", b"\r", b'"', b"'", b"\x00"]


@st.composite
def huge_number(draw) -> bytes:
    """A number no one writes: thousands of digits, a huge exponent, NaN or Infinity."""
    digits = draw(st.integers(1, 6000))
    return draw(
        st.sampled_from(_HUGE_NUMBERS)
        | st.just(b"9" * digits)
        | st.just(b"0." + b"0" * digits + b"1")
        | st.builds(lambda exponent: b"1e" + str(exponent).encode(), st.integers(-(10**12), 10**12))
    )


@st.composite
def deep_nesting(draw) -> bytes:
    """Brackets, braces or YAML indentation nested up to 60,000 deep, closed or not."""
    depth = draw(st.integers(1, 60_000))
    opening, closing = draw(
        st.sampled_from([(b"[", b"]"), (b"{", b"}"), (b'{"a":', b"}"), (b"- ", b""), (b"(", b")")])
    )
    middle = draw(st.sampled_from([b"", b"1", b'"x"', b"null"]))
    closed = draw(st.booleans())
    return opening * depth + middle + (closing * depth if closed else b"")


@st.composite
def alias_bomb(draw) -> bytes:
    """YAML whose aliases double at each level: a few hundred bytes that name 9**9 items."""
    levels = draw(st.integers(2, 12))
    width = draw(st.integers(2, 10))
    lines = [b"a0: &a0 [x]"]
    for level in range(1, levels):
        refs = b", ".join([b"*a%d" % (level - 1)] * width)
        lines.append(b"a%d: &a%d [%s]" % (level, level, refs))
    key = draw(st.sampled_from([b"title", b"id", b"requires", b"cap", b"budget", b"items"]))
    lines.append(key + b": *a%d" % (levels - 1))
    return b"\n".join(lines) + b"\n"


@st.composite
def long_line(draw) -> bytes:
    """One line of up to 2 MB, or a million short ones, or a million separators."""
    size = draw(st.integers(1, 2_000_000))
    unit = draw(st.sampled_from([b"x", b"A: ", b"\n", b",", b";", b'"', b"\xe4\xb8\xad", b"9"]))
    return unit * (size // len(unit) or 1)


def hostile() -> st.SearchStrategy[bytes]:
    """The shapes that break readers, each alone or after a line of ordinary text."""
    shape = huge_number() | deep_nesting() | alias_bomb() | long_line()
    prefix = st.sampled_from([b"", b"key: ", b"budget;", b"A: ", b"[", b"x,", b'{"a": '])
    return st.builds(lambda head, body: head + body, prefix, shape)


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    """A seed file with a few bytes flipped, cut, repeated or spliced from another seed."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        data = _mutate(draw, data, seeds)
    return bytes(data)


def _mutate(draw, data: bytearray, seeds: list[bytes]) -> bytearray:
    at = draw(st.integers(0, len(data)))
    end = draw(st.integers(at, min(len(data), at + 64)))
    kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "splice", "number"]))
    if kind == "flip" and at < len(data):
        data[at] = draw(st.integers(0, 255))
    elif kind == "cut":
        del data[at:end]
    elif kind == "insert":
        data[at:at] = draw(st.binary(max_size=16) | st.sampled_from(_SEPARATORS))
    elif kind == "repeat":
        data[at:end] = data[at:end] * draw(st.integers(2, 5000))
    elif kind == "splice":
        other = draw(st.sampled_from(seeds))
        data = data[:at] + other[draw(st.integers(0, len(other))) :]
    elif kind == "number":
        data[at:end] = draw(huge_number())
    return data


def for_target(seeds: list[bytes], extra: list[st.SearchStrategy[bytes]]) -> st.SearchStrategy:
    """Raw bytes, hostile shapes, mutated seeds (if any) and the target's own strategies."""
    choices = [st.binary(max_size=MAX_RAW_BYTES), hostile(), *extra]
    if seeds:
        choices.append(mutated(seeds))
        choices.append(st.sampled_from(seeds))
    return st.one_of(choices)
