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

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from commonweal.transcript.encoding import decode
from commonweal.transcript.errors import TranscriptError
from commonweal.transcript.languages import TITLES, UNIDENTIFIED_WORDS
from commonweal.transcript.model import VOICE, RawTurn

MAX_ROSTER_BYTES = 5 * 1024 * 1024
# Letters that NFKD does not decompose but people still write without their accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})
_NON_WORD = re.compile(r"[\W_]+")
_PAREN = re.compile(r"[(（](?P<inner>[^()（）]*)[)）]")
_NAME_DOTS = re.compile(r"[·・•．]")


def name_key(text: str) -> str:
    """A name folded for matching: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", plain).split())


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
    """A roster from YAML (``people: [{name, group, role}]``) or CSV (name,group,role)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_ROSTER_BYTES:
            raise TranscriptError(path, f"roster is {size} bytes; the limit is 5 MB")
        with open(path, "rb") as handle:
            text = decode(handle.read(), path)
    except OSError as error:
        raise TranscriptError(path, f"cannot read roster: {error.strerror}") from None
    if path.lower().endswith(".csv"):
        return _roster_from_csv(text, path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise TranscriptError(path, "not valid YAML", line=line) from None
    return _roster_from_data(data, path)


def _roster_from_csv(text: str, path: str) -> Roster:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in [name.strip() for name in reader.fieldnames]:
        raise TranscriptError(path, "a roster CSV needs a header row with a 'name' column", line=1)
    people = []
    for number, row in enumerate(reader, start=2):
        row = {(key or "").strip(): (value or "").strip() for key, value in row.items()}
        if not row.get("name"):
            raise TranscriptError(path, "empty name", line=number, field="name")
        aliases = tuple(alias.strip() for alias in row.get("aliases", "").split(";") if alias)
        people.append(
            RosterPerson(row["name"], row.get("group") or None, row.get("role") or None, aliases)
        )
    return Roster(people=people, groups={}, path=path)


def _roster_from_data(data: object, path: str) -> Roster:
    if isinstance(data, list):
        data = {"people": data}
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise TranscriptError(path, "a roster needs a list of people", field="people")
    people = []
    for number, entry in enumerate(data["people"]):
        where = f"people[{number}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise TranscriptError(path, "each person needs a name", field=f"{where}.name")
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        people.append(
            RosterPerson(
                name=entry["name"].strip(),
                group=_optional_text(entry.get("group")),
                role=_optional_text(entry.get("role")),
                aliases=tuple(str(alias) for alias in aliases),
            )
        )
    groups: dict[str, str] = {}
    raw_groups = data.get("groups") or {}
    if isinstance(raw_groups, dict):
        for key, value in raw_groups.items():
            name = value.get("name") if isinstance(value, dict) else value
            groups[str(key)] = str(name) if name is not None else str(key)
    return Roster(people=people, groups=groups, path=path)


def _optional_text(value: object) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None


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
    turns: list[RawTurn], mentions: list[tuple[str, str]], roster: Roster | None
) -> dict[str, Identity]:
    """An Identity for every label in the turns (labels sharing a person share one)."""
    cues: dict[str, str] = {}
    for turn in turns:
        if turn.cue and turn.label not in cues:
            cues[turn.label] = turn.cue
    by_label: dict[str, Identity] = {}
    by_key: dict[str, Identity] = {}
    roles: dict[str, Identity] = {}  # "the chair" -> who the transcript said holds it
    for turn in turns:
        label = turn.label
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
