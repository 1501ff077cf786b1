"""A glossary as plain data, between its files (CSV, TBX) and the database.

Both readers build ``TermSpec`` rows, remembering the line each came from, and
``check_terms`` finds every problem at once, worded ``FILE:LINE: message``, so an import
reports all it refuses and writes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# The six official languages of the United Nations, the site's languages.
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
FALLBACK = "en"
MAX_FILE_BYTES = 5_000_000
MAX_TERMS = 5_000
MAX_MEANINGS = 20
MAX_TEXT = 2_000
MAX_WRITTEN = 60
MAX_LINKS = 20
MAX_FORMS = 10


@dataclass
class MeaningSpec:
    expansions: dict[str, str]
    definitions: dict[str, str] = field(default_factory=dict)
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    line: int = field(default=0, compare=False)  # where it was read; not part of it


@dataclass
class TermSpec:
    written: str
    meanings: list[MeaningSpec] = field(default_factory=list)
    owner: str = ""  # the owning group's slug
    local_forms: dict[str, list[str]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)  # other terms' written forms
    links: list[dict[str, str]] = field(default_factory=list)  # {"url": ..., "title": ...}
    line: int = field(default=0, compare=False)  # where it was read; not part of it


class GlossaryFileError(Exception):
    """Every problem of a file, each ``FILE:LINE: message``."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_date(value: str) -> datetime.date | None:
    """A date written YYYY-MM-DD, or None for an empty cell (open-ended)."""
    value = value.strip()
    return datetime.date.fromisoformat(value) if value else None


def _check_meanings(term: TermSpec) -> list[tuple[int, str]]:
    problems = []
    if not term.meanings:
        problems.append((term.line, f"{term.written}: a term needs at least one meaning"))
    if len(term.meanings) > MAX_MEANINGS:
        problems.append((term.line, f"{term.written}: more than {MAX_MEANINGS} meanings"))
    spans = []
    for meaning in term.meanings:
        if not any(meaning.expansions.values()):
            problems.append((meaning.line, f"{term.written}: the meaning has no expansion"))
        for texts in (meaning.expansions, meaning.definitions):
            for code, text in texts.items():
                if code not in LANGUAGES:
                    problems.append((meaning.line, f"unknown language {code!r}"))
                if len(text) > MAX_TEXT:
                    problems.append((meaning.line, f"a text is over {MAX_TEXT} characters"))
        start = meaning.valid_from or datetime.date.min
        end = meaning.valid_to or datetime.date.max
        if start > end:
            problems.append((meaning.line, f"{term.written}: in force until before it starts"))
        spans.append((start, end, meaning.line))
    spans.sort()
    for (_start, end, _line), (start, _end, line) in zip(spans, spans[1:], strict=False):
        if start <= end:
            problems.append((line, f"{term.written}: two meanings are in force on the same day"))
    return problems


def _check_term(term: TermSpec, known: set[str]) -> list[tuple[int, str]]:
    problems = []
    if not term.written or term.written != term.written.strip():
        problems.append((term.line, "a term's written form is empty or has spaces at its ends"))
    if len(term.written) > MAX_WRITTEN:
        problems.append((term.line, f"a term is over {MAX_WRITTEN} characters"))
    for other in term.related:
        if other not in known:
            problems.append((term.line, f"{term.written}: related term {other!r} is unknown"))
    if len(term.links) > MAX_LINKS:
        problems.append((term.line, f"{term.written}: more than {MAX_LINKS} links"))
    for link in term.links:
        if not link["url"].startswith(("https://", "http://")) or len(link["url"]) > MAX_TEXT:
            problems.append((term.line, f"a link must be an http or https address: {link['url']}"))
    for code, forms in term.local_forms.items():
        if code not in LANGUAGES:
            problems.append((term.line, f"unknown language {code!r}"))
        if len(forms) > MAX_FORMS or any(len(form) > MAX_WRITTEN for form in forms):
            problems.append((term.line, f"{term.written}: too many or too long local forms"))
    return problems + _check_meanings(term)


def check_terms(terms: list[TermSpec], source: str, existing: set[str]) -> list[str]:
    """Every problem of ``terms`` read from ``source``; ``existing``: written forms already
    in the glossary (a related term may name one)."""
    problems: list[tuple[int, str]] = []
    if len(terms) > MAX_TERMS:
        problems.append((0, f"more than {MAX_TERMS} terms"))
    seen: dict[str, int] = {}
    for term in terms:
        if term.written in seen:
            problems.append(
                (term.line, f"{term.written} is given twice (line {seen[term.written]})")
            )
        seen.setdefault(term.written, term.line)
    known = existing | set(seen)
    for term in terms:
        problems.extend(_check_term(term, known))
    return [f"{source}:{line}: {message}" for line, message in sorted(problems)]
