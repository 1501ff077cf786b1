"""Who each speaker label is: linking labels to people on a roster.

Evidence, strongest first:

1. the "(LATIN NAME)" the transcript writes with a label ("马跃然 (GORAN MARBY)"); a
   label seen once with a cue keeps it for every later turn ("马跃然：");
2. the label itself, with titles, roles and affiliations taken off ("Hon. X (Minister
   of Y)", "The Chair (Hon. X)", "X" are one person), matched against the roster's names
   and aliases regardless of case, accents and word order ("GORAN MARBY" is Göran Marby);
3. a role label alone ("The Chair") once the transcript has said who holds it;
4. mentions in speech that give a name in two scripts ("丝黛芬妮 (Stephanie)"), when the
   Latin given name fits exactly one person on the roster.

A label none of these links stays an unidentified speaker with its own participant.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from commonweal.rosters import MAX_ROSTER_BYTES, RosterError, name_key, roster_read
from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.languages import TITLES, UNIDENTIFIED_WORDS
from commonweal.transcript.model import VOICE, RawTurn
from commonweal.transcript.turntable import raw_cues, raw_label_numbers

_PAREN = re.compile(r"[(（](?P<inner>[^()（）]*)[)）]")
_NAME_DOTS = re.compile(r"[·・•．]")


def _sorted_key(key: str) -> str:
    return " ".join(sorted(key.split()))


@dataclass(frozen=True)
class RosterPerson:
    name: str
    group: str | None
    role: str | None
    aliases: tuple[str, ...] = ()

    @property
    def is_chair(self) -> bool:
        return bool(self.role) and "chair" in self.role.lower()


@dataclass
class Roster:
    people: list[RosterPerson]
    groups: dict[str, str]  # key -> display name
    path: str = ""
    _by_key: dict[str, RosterPerson] = field(default_factory=dict, repr=False)
    _by_sorted_key: dict[str, RosterPerson] = field(default_factory=dict, repr=False)
    _by_given: dict[str, list[RosterPerson]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for person in self.people:
            for written in (person.name, *person.aliases):
                key = name_key(written)
                if key:
                    self._by_key.setdefault(key, person)
                    self._by_sorted_key.setdefault(_sorted_key(key), person)
            given = name_key(person.name).split()
            if given:
                self._by_given.setdefault(given[0], []).append(person)

    def find(self, written: str) -> RosterPerson | None:
        """The person a name refers to, ignoring case, accents and word order."""
        key = name_key(written)
        if not key:
            return None
        return self._by_key.get(key) or self._by_sorted_key.get(_sorted_key(key))

    def find_by_given_name(self, given: str) -> RosterPerson | None:
        """The one person with this given name, or None when none or several have it."""
        people = self._by_given.get(name_key(given), [])
        return people[0] if len(people) == 1 else None


@dataclass
class Identity:
    """One speaker: the participant key labels share, and the roster person if linked."""

    key: str
    person: RosterPerson | None
    names: list[str] = field(default_factory=list)  # every form seen, first as written


def load_roster(path: str) -> Roster:
    """A roster file (YAML or CSV; the format of ``commonweal roster import``)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_ROSTER_BYTES:
            raise TranscriptError(path, f"roster is {size} bytes; the limit is 5 MB")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise TranscriptError(path, f"cannot read roster: {error.strerror}") from None
    return roster_from_bytes(data, path)


def roster_from_bytes(data: bytes, source: str) -> Roster:
    """A roster from a file's bytes; ``source`` names it in errors and picks the format."""
    try:
        read = roster_read(data, source=source)
    except RosterError as error:
        line, _, message = error.problems[0].partition(": ")
        raise TranscriptError(source, message, line=int(line) if line.isdigit() else None) from None
    people = [
        RosterPerson(entry.name, entry.group or None, entry.role or None, entry.aliases)
        for entry in read.people
    ]
    groups = {slug: group.name for slug, group in read.groups.items()}
    return Roster(people=people, groups=groups, path=source)


def is_unidentified(label: str) -> bool:
    lowered = label.lower()
    return label == VOICE or any(lowered.startswith(word) for word in UNIDENTIFIED_WORDS)


def name_variants(label: str) -> list[str]:
    """The names a label may stand for, most specific first.

    "The Chair (Hon. Jane Doe)" -> ["Jane Doe", "The Chair"]; "Hon. Jane Doe (Minister of
    Finance)" -> ["Jane Doe", "Minister of Finance"]; "Dr. Ann Lee, ICANN Board" ->
    ["Ann Lee", "ICANN Board"]; "马修·希尔斯" -> ["马修·希尔斯"].
    """
    inner = [match["inner"].strip() for match in _PAREN.finditer(label)]
    outer = _PAREN.sub(" ", label).strip()
    if "," in outer:  # a name, then an affiliation
        outer, _, affiliation = outer.partition(",")
        inner.append(affiliation.strip())
        outer = outer.strip()
    variants: list[str] = []
    for text in (outer, *inner):
        core = strip_titles(text)
        if core and core not in variants:
            variants.append(core)
    # A role alone ("The Chair") names nobody; a name in brackets after it does.
    if variants and is_role(outer) and len(variants) > 1:
        variants.append(variants.pop(0))
    return variants


def strip_titles(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words.pop(0)
    return " ".join(words)


def is_role(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and all(word in TITLES or word in ("of", "the") for word in words)


def resolve(
    turns: Sequence[RawTurn], mentions: list[tuple[str, str]], roster: Roster | None
) -> dict[str, Identity]:
    """An Identity for every label in the turns (labels sharing a person share one)."""
    cues: dict[str, str] = {}
    for label, cue in raw_cues(turns):
        cues.setdefault(label, cue)
    by_label: dict[str, Identity] = {}
    by_key: dict[str, Identity] = {}
    roles: dict[str, Identity] = {}  # "the chair" -> who the transcript said holds it
    for label in raw_label_numbers(turns)[0]:
        if label in by_label:
            continue
        identity = _identify(label, cues.get(label), mentions, roster, roles)
        shared = by_key.setdefault(identity.key, identity)
        for name in identity.names:
            if name not in shared.names:
                shared.names.append(name)
        by_label[label] = shared
        outer = _PAREN.sub(" ", label).strip()
        if is_role(outer) and shared.key != _label_key(outer):
            roles.setdefault(name_key(outer), shared)
    return by_label


def _label_key(text: str) -> str:
    return "label:" + (name_key(text) or text)  # ">>" has no letters to fold


def _identify(
    label: str,
    cue: str | None,
    mentions: list[tuple[str, str]],
    roster: Roster | None,
    roles: dict[str, Identity],
) -> Identity:
    names = [label] + ([cue] if cue else [])
    if is_unidentified(label):
        return Identity(key=_label_key(label), person=None, names=names)
    if name_key(label) in roles:
        return roles[name_key(label)]
    candidates = ([cue] if cue else []) + name_variants(label)
    if roster is not None:
        for candidate in candidates:
            person = roster.find(candidate)
            if person is not None:
                return Identity(key="person:" + person.name, person=person, names=names)
        person = _from_mentions(label, mentions, roster)
        if person is not None:
            return Identity(key="person:" + person.name, person=person, names=names)
    best = candidates[0] if candidates else label
    return Identity(key=_label_key(best), person=None, names=names)


def _from_mentions(
    label: str, mentions: list[tuple[str, str]], roster: Roster
) -> RosterPerson | None:
    given = _NAME_DOTS.split(label)[0]
    if len(given) < 2:
        return None
    for native, latin in mentions:
        if native.endswith(given):
            person = roster.find(latin) or roster.find_by_given_name(latin.split()[0])
            if person is not None:
                return person
    return None
