"""How much annotating a meeting page with the glossary adds, against escaping it plainly.

A meeting page shows one window of turns (``meetings.selectors.TURN_WINDOW``, 100), so a
page of the Kobe meeting and a page of a 250,000-turn meeting cost the same to annotate:
the window is measured in both, the long meeting made by repeating the Kobe turns. The
term set is compiled once per date and glossary change (cached by the page), and its
time is printed apart. Run: ``.venv/bin/python benchmarks/bench_glossary.py``.
"""

from __future__ import annotations

import sys
import time
from html import escape
from pathlib import Path

from commonweal.learning.glossary.annotate import Gloss, annotate, termset_compile
from commonweal.learning.glossary.csvfile import glossary_read_csv
from commonweal.transcript import parse_file

ROOT = Path(__file__).resolve().parents[1]
KOBE = ROOT / ".." / "shared" / "corpus" / "icann64-kobe" / "board-ncsg.zh.txt"
DEMO = ROOT / "src" / "commonweal" / "learning" / "fixtures" / "glossary.csv"
TURN_WINDOW = 100  # as meetings.selectors.TURN_WINDOW (not imported: that needs Django)
REPEATS = 200


def glosses() -> list[Gloss]:
    terms = glossary_read_csv(DEMO.read_bytes(), str(DEMO))
    return [
        Gloss(
            key=term.written.lower(),
            forms=(term.written, *(f for forms in term.local_forms.values() for f in forms)),
            expansions=term.meanings[0].expansions,
            definitions=term.meanings[0].definitions,
            href=f"/learn/glossary/{term.written.lower()}/",
        )
        for term in terms
    ]


def per_page(texts: list[str], work) -> float:
    """Milliseconds per page, the best of a few rounds of ``REPEATS`` pages."""
    best = float("inf")
    for _round in range(5):
        start = time.perf_counter()
        for _ in range(REPEATS):
            work(texts)
        best = min(best, (time.perf_counter() - start) / REPEATS * 1000)
    return best


def measure(name: str, texts: list[str], terms, language: str) -> None:
    plain = per_page(texts, lambda page: [escape(text) for text in page])

    def annotated(page):
        seen: set[str] = set()
        return [annotate(text, terms, language, seen=seen) for text in page]

    marked = per_page(texts, annotated)
    print(
        f"{name}: {len(texts)} turns, {sum(map(len, texts)):,} characters; "
        f"escaping {plain:.3f} ms, annotating {marked:.3f} ms "
        f"(adds {marked - plain:.3f} ms, {marked / plain:.1f}x the escaping)"
    )


def main() -> int:
    if not KOBE.exists():
        print(f"{KOBE} is absent: the shared corpus is not beside this checkout")
        return 0
    turns = [turn.text for turn in parse_file(str(KOBE)).turns]
    start = time.perf_counter()
    terms = termset_compile(glosses())
    took = (time.perf_counter() - start) * 1000
    print(f"term set: {len(terms.glosses)} terms compiled in {took:.2f} ms (once a date)")
    for language in ("en", "zh-hans"):
        measure(f"Kobe page ({language} reader)", turns[:TURN_WINDOW], terms, language)
    huge = [turns[i % len(turns)] for i in range(250_000)]
    middle = 125_000
    measure(
        "250,000-turn meeting, a middle window", huge[middle : middle + TURN_WINDOW], terms, "en"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
