"""How well the transcript engine finds candidate recommendations and actions.

The reference is a hand-labelled set, not another program: every sentence of the Kobe
Board-NCSG meeting (../shared, Chinese edition) read by a person and marked as a
recommendation, an action or neither, by the rules in docs/candidate-labels.md. The
labels (benchmarks/data/kobe-candidate-labels.tsv) name sentences by turn and number and
carry a digest of the sentence, so a change in how the engine reads the meeting shows up
as labels that no longer match instead of as a quietly wrong score.

Prints precision and recall for recommendations and for actions, and for "either" (a
candidate of any kind on a sentence labelled with any kind), with the sentences missed
and the ones wrongly proposed. Target (issue 12): recommendations precision >= 0.6 at
recall >= 0.8. Exit status 1 when the target is missed or the labels no longer match.

Run: .venv/bin/python benchmarks/bench_candidates.py [--list]
(--list prints every miss and every false candidate with its turn and sentence number.)
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from commonweal.transcript import parse_file

REPO = Path(__file__).resolve().parents[1]
KOBE = REPO.parent / "shared" / "corpus" / "icann64-kobe"
LABELS = REPO / "benchmarks" / "data" / "kobe-candidate-labels.tsv"
KINDS = ("recommendation", "action")
TARGET = {"recommendation": (0.6, 0.8)}  # kind -> (precision, recall)
# The sentences the labels count: a run up to and including its end marks, or a line.
_SENTENCE = re.compile(r"[^。！？.!?\n]*(?:[。！？.!?]+|\n|$)")


@dataclass(frozen=True)
class Sentence:
    turn: int
    number: int  # 1-based within the turn
    start: int
    end: int
    digest: str


def sentences_of(turn: int, text: str) -> list[Sentence]:
    """The turn's sentences as docs/candidate-labels.md numbers them (two characters or more)."""
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if len(sentence) < 2:
            continue
        start = match.start() + match.group().index(sentence)
        digest = hashlib.sha1(sentence.encode()).hexdigest()[:12]
        found.append(Sentence(turn, len(found) + 1, start, start + len(sentence), digest))
    return found


def read_labels(path: Path) -> dict[tuple[int, int], tuple[str, str, str]]:
    """(turn, sentence number) -> (kind, digest, gloss)."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or line.startswith("turn\t"):
            continue
        turn, number, digest, kind, gloss = line.split("\t")
        labels[(int(turn), int(number))] = (kind, digest, gloss)
    return labels


def predicted(result, sentences: dict[int, list[Sentence]]) -> dict[tuple[int, int], str]:
    """(turn, sentence number) -> kind, for the sentences the engine proposed."""
    found: dict[tuple[int, int], str] = {}
    for candidate in result.candidates:
        text = result.turns[candidate.turn].text
        start = text.find(candidate.sentence)
        end = start + len(candidate.sentence)
        for sentence in sentences[candidate.turn]:
            if start < sentence.end and sentence.start < end:  # overlaps
                key = (sentence.turn, sentence.number)
                if found.get(key) != "recommendation":
                    found[key] = candidate.kind
    return found


def score(labels, guesses, kind: str | None) -> tuple[float, float, set, set]:
    """Precision, recall, misses and false candidates for one kind (None: either)."""
    wanted = {key for key, (label, _, _) in labels.items() if kind in (None, label)}
    given = {key for key, guess in guesses.items() if kind in (None, guess)}
    hits = wanted & given
    precision = len(hits) / len(given) if given else 0.0
    recall = len(hits) / len(wanted) if wanted else 0.0
    return precision, recall, wanted - given, given - wanted


def main(argv: list[str]) -> int:
    transcript, roster = KOBE / "board-ncsg.zh.txt", KOBE / "roster.yaml"
    if not transcript.exists():
        print(f"candidate detection: skipped, {transcript} is absent")
        return 0
    result = parse_file(str(transcript), str(roster))
    sentences = {turn.index: sentences_of(turn.index, turn.text) for turn in result.turns}
    labels = read_labels(LABELS)
    drifted = [
        key
        for key, (_, digest, _) in labels.items()
        if key[1] > len(sentences.get(key[0], ())) or sentences[key[0]][key[1] - 1].digest != digest
    ]
    if drifted:
        print(f"candidate detection: {len(drifted)} labels no longer match a sentence: {drifted}")
        return 1
    guesses = predicted(result, sentences)
    total = sum(map(len, sentences.values()))
    print(f"candidate detection on the Kobe meeting ({total} sentences, {len(labels)} labelled)")
    ok = True
    for kind in (*KINDS, None):
        precision, recall, missed, wrong = score(labels, guesses, kind)
        target = TARGET.get(kind or "")
        verdict = ""
        if target:
            meets = precision >= target[0] and recall >= target[1]
            ok &= meets
            verdict = f" (target precision >= {target[0]} at recall >= {target[1]}: "
            verdict += "meets)" if meets else "MISSES)"
        print(
            f"  {kind or 'either':15s} precision {precision:.2f}  recall {recall:.2f}  "
            f"missed {len(missed):2d}  wrongly proposed {len(wrong):2d}{verdict}"
        )
        if "--list" in argv and kind is not None:
            for key in sorted(missed):
                print(f"    missed {key}: {labels[key][2]}")
            for key in sorted(wrong):
                print(f"    wrongly proposed {key}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
