"""The platform's door to the transcript engine: bytes in, the `commonweal parse` JSON out.

The engine reads files by path (its readers pick the format by suffix and enforce
their own limits), so uploads are written to a private temporary folder under their
own base name first; errors are re-labelled with the name the person gave.
"""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext

from commonweal.community.models import Membership, PersonName, StakeholderGroup
from commonweal.transcript import TranscriptError, parse_file
from commonweal.transcript.identity import Roster, RosterPerson, roster_from_bytes
from commonweal.transcript.readers import MAX_BYTES as MAX_TRANSCRIPT_BYTES
from commonweal.transcript.writers import to_json_data

__all__ = [
    "MAX_TRANSCRIPT_BYTES",
    "TranscriptError",
    "parse_bytes",
    "roster_for",
    "roster_from_database",
]

_UNSAFE = re.compile(r"[^\w.\-]+")


def _safe_name(name: str, default: str) -> str:
    base = _UNSAFE.sub("_", Path(name).name).strip("._")
    return base[:100] or default


def roster_from_database() -> Roster:
    """Everyone the platform knows, with every name they go by and their current group,
    so that transcripts ingested without a roster still link speakers to people."""
    names: dict[int, list[str]] = {}
    for person_id, name in PersonName.objects.filter(person__is_erased=False).values_list(
        "person_id", "name"
    ):
        names.setdefault(person_id, []).append(name)
    groups: dict[int, tuple[str, str]] = {}
    for person_id, slug, title in (
        Membership.objects.current().order_by("pk").values_list("person_id", "group__slug", "title")
    ):
        groups.setdefault(person_id, (slug, title))
    people = []
    for person_id, person_names in names.items():
        slug, title = groups.get(person_id, (None, None))
        people.append(RosterPerson(person_names[0], slug, title or None, tuple(person_names[1:])))
    return Roster(
        people=people,
        groups=dict(StakeholderGroup.objects.values_list("slug", "name")),
        path="people in the database",
    )


def parse_bytes(
    data: bytes, *, source_name: str, roster: bytes | None = None, roster_name: str = ""
) -> dict:
    """Parse one uploaded transcript; raises TranscriptError naming ``source_name``."""
    if len(data) > MAX_TRANSCRIPT_BYTES:
        limit = MAX_TRANSCRIPT_BYTES // 2**20
        raise TranscriptError(
            source_name, gettext("the file is larger than %(limit)s MB") % {"limit": limit}
        )
    with tempfile.TemporaryDirectory(prefix="commonweal-ingest-") as folder:
        path = Path(folder) / _safe_name(source_name, "transcript.txt")
        path.write_bytes(data)
        parsed_roster = roster_for(roster, roster_name)
        try:
            result = parse_file(str(path), parsed_roster)
        except TranscriptError as error:
            raise TranscriptError(
                source_name, error.message, line=error.line, field=error.field
            ) from None
        return to_json_data(result)


def roster_for(roster: bytes | None, roster_name: str = "") -> Roster:
    """The roster a transcript is read with: the one uploaded with it, else everyone the
    platform knows."""
    if roster is not None:
        return _roster(roster, roster_name or "roster.yaml")
    return roster_from_database()


@lru_cache(maxsize=8)
def _roster(data: bytes, name: str) -> Roster:
    """A batch of transcripts ingested with one roster reads it once (rosters are not
    changed by parsing)."""
    return roster_from_bytes(data, name)
