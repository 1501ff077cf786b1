"""Reading roster files: who is in which group, with which role, under which names.

One reader for everyone who reads a roster: ``commonweal roster import`` (the
community app) and ``commonweal parse --roster`` (the transcript engine). Plain
Python, no Django import. Two formats carry the same columns. YAML, as in the
Kobe roster::

    groups:
      board: ICANN Board of Directors        # slug: name, or slug: {name, kind, parent}
    people:
      - {name: Matthew Shears, group: board, role: director (session chair)}
      - {name: Stephanie Perrin, group: ncsg, aliases: [丝黛芬妮·裴琳]}

CSV, with a header row ``name,group,role`` and optional ``aliases`` (separated by
``;``), ``group_name``, ``group_kind`` and ``group_parent`` columns. Both are read
defensively: size limit, UTF-8 only, every problem reported with its line number,
and nothing returned unless the whole file is sound.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_ROSTER_BYTES = 5 * 1024 * 1024
# ICANN's whole community is a few thousand people in a few hundred groups.
MAX_ROSTER_PEOPLE = 20_000
MAX_ROSTER_GROUPS = 2_000
# A roster nests four deep (document, people, person, aliases) and a person takes about a
# dozen YAML nodes; these bound the reading of a hostile file to a few seconds.
MAX_YAML_DEPTH = 20
MAX_YAML_NODES = 400_000
MAX_YAML_VALUE = 1_000  # characters; a name or role may have 200
# Letters that NFKD does not decompose but people still write without their accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})
_NON_WORD = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """A name folded for matching: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", plain).split())


GROUP_KINDS = ("board", "staff", "so", "ac", "sg", "constituency")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


class RosterError(Exception):
    """A roster that cannot be imported; ``problems`` holds every "line N: ..." found."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}:{problem}" for problem in problems))


@dataclass(frozen=True)
class RosterGroup:
    slug: str
    name: str
    kind: str
    parent: str = ""


@dataclass(frozen=True)
class RosterEntry:
    line: int
    name: str
    group: str
    role: str
    aliases: tuple[str, ...] = ()


@dataclass
class Roster:
    groups: dict[str, RosterGroup] = field(default_factory=dict)
    people: list[RosterEntry] = field(default_factory=list)


def guess_group_kind(slug: str, name: str) -> str:
    """Infer a kind from the group's name when the roster does not say it."""
    text = f"{slug} {name}".casefold()
    for words, kind in (
        (("board",), "board"),
        (("staff", "organization", "org", "secretariat"), "staff"),
        (("constituency",), "constituency"),
        (("advisory committee",), "ac"),
        (("supporting organization",), "so"),
    ):
        if any(re.search(rf"\b{re.escape(word)}\b", text) for word in words):
            return kind
    return "sg"


# libyaml's loader where it is built (about five times faster); the depth is checked
# before it composes, so its recursion stays shallow.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that remembers the line where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(
            source, [f"1: the file is larger than {MAX_ROSTER_BYTES // 1024 // 1024} MB"]
        )
    if not data.strip():
        raise RosterError(source, ["1: the file is empty"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError(source, [f"{line}: not UTF-8 text"]) from None
    if "\x00" in text:
        raise RosterError(source, ["1: binary data, not a roster"])
    return text


def roster_read(data: bytes, *, source: str, kind: str | None = None) -> Roster:
    """Parse a roster. ``kind`` is "yaml" or "csv"; by default the source's suffix decides."""
    text = _decode(data, source)
    kind = kind or ("csv" if Path(source).suffix.lower() == ".csv" else "yaml")
    roster = _read_csv(text, source) if kind == "csv" else _read_yaml(text, source)
    problems = _check(roster)
    if problems:
        raise RosterError(source, problems)
    return roster


def _text(value, what: str, line: int, problems: list[str], *, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            problems.append(f"{line}: {what} is missing")
        return ""
    if not isinstance(value, str | int | float):
        problems.append(f"{line}: {what} must be text")
        return ""
    value = str(value).strip()
    if len(value) > 200:
        problems.append(f"{line}: {what} is longer than 200 characters")
        return ""
    return value


def _aliases(value, line: int, problems: list[str]) -> tuple[str, ...]:
    """Other names a person goes by: a list, or one text."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else [value]
    aliases = [_text(item, "alias", line, problems, required=False) for item in items]
    return tuple(alias for alias in aliases if alias)


_ALIAS_REFUSED = "an alias (*name) may stand for one value, not a list or mapping"


def _check_yaml_shape(text: str, source: str) -> None:
    """Refuse, before anything is built, YAML nested deeper than MAX_YAML_DEPTH, with more
    than MAX_YAML_NODES nodes, or with an alias that stands for a list or mapping (nine
    such aliases nested nine deep stand for 387 million values: an alias bomb)."""
    depth = nodes = 0
    collections: set[str] = set()
    for event in yaml.parse(text, Loader=_SafeLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:  # most events: only counted
            nodes += 1
            if len(event.value) > MAX_YAML_VALUE:  # a 5,000-digit number: int() refuses it
                raise RosterError(
                    source, [f"{_line(event)}: a value longer than {MAX_YAML_VALUE:,} characters"]
                )
        elif kind is yaml.AliasEvent:
            nodes += 1
            if event.anchor in collections:
                raise RosterError(source, [f"{_line(event)}: {_ALIAS_REFUSED}"])
        elif kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
            nodes += 1
            depth += 1
            if event.anchor is not None:
                collections.add(event.anchor)
            if depth > MAX_YAML_DEPTH:
                raise RosterError(
                    source, [f"{_line(event)}: nested more than {MAX_YAML_DEPTH} deep"]
                )
        elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
            depth -= 1
        if nodes > MAX_YAML_NODES:
            raise RosterError(source, [f"{_line(event)}: more than {MAX_YAML_NODES:,} YAML values"])


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1


def _load_yaml(text: str, source: str) -> dict:
    """The roster's top mapping, each mapping in it with its ``__line__``."""
    try:
        _check_yaml_shape(text, source)
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506  (a safe loader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or "not valid YAML"
        raise RosterError(source, [f"{line}: {reason}"]) from None
    if not isinstance(document, dict):
        raise RosterError(source, ["1: expected a mapping with 'groups' and 'people'"])
    return document


def _read_yaml(text: str, source: str) -> Roster:
    document = _load_yaml(text, source)
    problems: list[str] = []
    roster = Roster()
    groups = document.get("groups")
    if not isinstance(groups, dict):
        raise RosterError(
            source, [f"{document['__line__']}: 'groups' must be a mapping of slug to name"]
        )
    groups_line = groups.pop("__line__", 1)
    if len(groups) > MAX_ROSTER_GROUPS:
        raise RosterError(source, [f"{groups_line}: more than {MAX_ROSTER_GROUPS:,} groups"])
    for slug, value in groups.items():
        slug = str(slug)
        if isinstance(value, dict):
            line = value.get("__line__", groups_line)
            name = _text(value.get("name"), f"group {slug}: name", line, problems)
            kind = _text(value.get("kind"), f"group {slug}: kind", line, problems, required=False)
            parent = _text(
                value.get("parent"), f"group {slug}: parent", line, problems, required=False
            )
        else:
            line = groups_line
            name = _text(value, f"group {slug}: name", line, problems)
            kind, parent = "", ""
        if not SLUG.match(slug):
            problems.append(
                f"{line}: group key {slug!r} must be lower-case letters, digits, - or _"
            )
        if kind and kind not in GROUP_KINDS:
            problems.append(f"{line}: group {slug}: kind must be one of {', '.join(GROUP_KINDS)}")
        roster.groups[slug] = RosterGroup(slug, name, kind or guess_group_kind(slug, name), parent)
    people = document.get("people")
    if not isinstance(people, list):
        raise RosterError(source, [*problems, f"{document['__line__']}: 'people' must be a list"])
    if len(people) > MAX_ROSTER_PEOPLE:
        raise RosterError(source, [f"{groups_line}: more than {MAX_ROSTER_PEOPLE:,} people"])
    for entry in people:
        if not isinstance(entry, dict):
            problems.append(
                f"{groups_line}: each person must be a mapping with name, group and role"
            )
            continue
        line = entry["__line__"]
        roster.people.append(
            RosterEntry(
                line=line,
                name=_text(entry.get("name"), "name", line, problems),
                group=_text(entry.get("group"), "group", line, problems),
                role=_text(entry.get("role"), "role", line, problems, required=False),
                aliases=_aliases(entry.get("aliases"), line, problems),
            )
        )
    if problems:
        raise RosterError(source, problems)
    return roster


def _read_csv(text: str, source: str) -> Roster:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:  # a header cell over csv's 128 KB field limit (found by fuzzing)
        raise RosterError(source, [f"1: {error}"]) from None
    columns = {name.strip().lower() for name in header if name}
    missing = {"name", "group"} - columns
    if missing:
        raise RosterError(
            source, [f"1: the header lacks the column(s) {', '.join(sorted(missing))}"]
        )
    problems: list[str] = []
    roster = Roster()
    try:
        for count, row in enumerate(reader):
            line = reader.line_num
            if count == MAX_ROSTER_PEOPLE:  # a row is a person, or a problem with one
                problems.append(f"{line}: more than {MAX_ROSTER_PEOPLE:,} people")
                break
            row = {(key or "").strip().lower(): value for key, value in row.items()}
            if None in row or "" in row:
                problems.append(f"{line}: more fields than the header has")
                continue
            slug = _text(row.get("group"), "group", line, problems)
            if slug and slug not in roster.groups:
                name = (
                    _text(row.get("group_name"), "group_name", line, problems, required=False)
                    or slug
                )
                kind = _text(row.get("group_kind"), "group_kind", line, problems, required=False)
                if kind and kind not in GROUP_KINDS:
                    problems.append(f"{line}: group_kind must be one of {', '.join(GROUP_KINDS)}")
                parent = _text(
                    row.get("group_parent"), "group_parent", line, problems, required=False
                )
                if not SLUG.match(slug):
                    problems.append(
                        f"{line}: group {slug!r} must be lower-case letters, digits, - or _"
                    )
                roster.groups[slug] = RosterGroup(
                    slug, name, kind or guess_group_kind(slug, name), parent
                )
            roster.people.append(
                RosterEntry(
                    line=line,
                    name=_text(row.get("name"), "name", line, problems),
                    group=slug,
                    role=_text(row.get("role"), "role", line, problems, required=False),
                    aliases=_aliases((row.get("aliases") or "").split(";"), line, problems),
                )
            )
    except csv.Error as error:
        problems.append(f"{reader.line_num}: {error}")
    if problems:
        raise RosterError(source, problems)
    return roster


def _check(roster: Roster) -> list[str]:
    problems = []
    if not roster.people:
        problems.append("1: the roster lists nobody")
    if len(roster.groups) > MAX_ROSTER_GROUPS:  # a CSV row may add a group
        return [f"1: more than {MAX_ROSTER_GROUPS:,} groups"]
    for entry in roster.people:
        if entry.group and entry.group not in roster.groups:
            problems.append(f"{entry.line}: group {entry.group!r} is not declared under 'groups'")
    return problems
