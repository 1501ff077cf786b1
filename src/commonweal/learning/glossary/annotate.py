"""Mark the first use of each known term in a text: plain Python, no Django.

A page builds one ``TermSet`` for the glossary in force on its date (a compiled regex
over every written and local form, longest first) and passes each piece of text through
``annotate``, with one ``seen`` set for the whole page so that a term is explained where
the reader first meets it and nowhere after. The text is plain (not yet escaped);
``annotate`` escapes every character it does not mark and builds the ``<abbr>`` itself,
so the result is safe HTML.

Boundaries follow the script of the form, not the language of the page, since a Chinese
or Arabic transcript writes "NCSG" in Latin letters inside its own sentences:

- a form that starts (ends) with a Latin, Greek or Cyrillic letter or a digit must not
  touch another such character on that side ("NCSG" is not found in "NCSGs" or "ICANN64"),
  while a Chinese character or a space beside it is a boundary;
- an Arabic form must not touch another Arabic letter, except the one-letter proclitics
  (و ف ب ل ك) and the article (ال), alone or together, which Arabic writes onto the word;
- a Chinese form has no boundary: Chinese writes no spaces, and longest-first matching
  keeps a longer name from being cut by a shorter one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

# Letters and digits of the scripts that separate words with spaces, and Arabic letters.
_SPACED = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F]")
_ARABIC = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FC]")
# What Arabic writes onto a word: a one-letter proclitic, the article, or both.
_ARABIC_PREFIXES = tuple(
    sorted(
        {a + b for a in ("", "و", "ف") for b in ("", "ب", "ل", "ك")}
        | {a + b + "ال" for a in ("", "و", "ف") for b in ("", "ب", "ك")}
        | {a + "لل" for a in ("", "و", "ف")},
        key=len,
    )
)


def _script(char: str) -> str:
    if _SPACED.match(char):
        return "spaced"
    if _ARABIC.match(char):
        return "arabic"
    return "other"


def _starts_a_word(text: str, start: int, script: str) -> bool:
    if start == 0 or script == "other":
        return True
    if script == "spaced":
        return not _SPACED.match(text[start - 1])
    for prefix in _ARABIC_PREFIXES:  # "" first: nothing written onto the word
        begin = start - len(prefix)
        at_word_start = begin == 0 or (begin > 0 and not _ARABIC.match(text[begin - 1]))
        if at_word_start and text.startswith(prefix, begin):
            return True
    return False


def _ends_a_word(text: str, end: int, script: str) -> bool:
    if end >= len(text) or script == "other":
        return True
    pattern = _SPACED if script == "spaced" else _ARABIC
    return not pattern.match(text[end])


@dataclass(frozen=True)
class Gloss:
    """One term as a page explains it: ``key`` (the term's short name), the forms to find,
    and its expansion and definition per language (with ``fallback`` when one is missing)."""

    key: str
    forms: tuple[str, ...]
    expansions: dict[str, str]
    definitions: dict[str, str]
    href: str = ""
    know_href: str = ""
    fallback: str = "en"

    def text_in(self, texts: dict[str, str], language: str) -> str:
        return texts.get(language) or texts.get(self.fallback) or ""


@dataclass
class TermSet:
    """The glossary of one date, compiled once: ``pattern`` finds every form."""

    glosses: tuple[Gloss, ...]
    pattern: re.Pattern | None = None
    by_form: dict[str, Gloss] = field(default_factory=dict)
    # Each form's script at its start and its end, which decide its boundaries.
    edges: dict[str, tuple[str, str]] = field(default_factory=dict)
    _attributes: dict[tuple[str, str], str] = field(default_factory=dict)

    def attributes(self, gloss: Gloss, language: str) -> str:
        """The ``<abbr>`` attributes for ``gloss`` in ``language``, escaped once and kept."""
        key = (gloss.key, language)
        if key not in self._attributes:
            self._attributes[key] = (
                f' title="{escape(gloss.text_in(gloss.expansions, language))}"'
                f' data-term="{escape(gloss.key)}"'
                f' data-definition="{escape(gloss.text_in(gloss.definitions, language))}"'
                f' data-href="{escape(gloss.href)}" tabindex="0"'
            )
        return self._attributes[key]


def termset_compile(glosses: Iterable[Gloss]) -> TermSet:
    """One alternation over every form, longest first, so "EPDP" wins over "EPD"."""
    glosses = tuple(glosses)
    by_form: dict[str, Gloss] = {}
    for gloss in glosses:
        for form in gloss.forms:
            if form:
                by_form.setdefault(form, gloss)
    if not by_form:
        return TermSet(glosses)
    forms = sorted(by_form, key=lambda form: (-len(form), form))
    # Literals only, so the regex engine skips at once every position whose character
    # starts no form; the boundaries are checked on the few places it stops.
    pattern = re.compile("|".join(re.escape(form) for form in forms))
    edges = {form: (_script(form[0]), _script(form[-1])) for form in forms}
    return TermSet(glosses, pattern, {form: by_form[form] for form in forms}, edges)


def _word_at(text: str, start: int, found: str, terms: TermSet) -> str | None:
    """The longest form at ``start`` that stands as a word: ``found`` (the regex's), else a
    shorter form it begins with ("ISOC" in "ISOC-DCX")."""
    for form in (found, *(f for f in terms.by_form if len(f) < len(found) and found.startswith(f))):
        first, last = terms.edges[form]
        end = start + len(form)
        if _starts_a_word(text, start, first) and _ends_a_word(text, end, last):
            return form
    return None


def annotate(
    text: str,
    terms: TermSet,
    language: str,
    *,
    seen: set[str] | None = None,
    known: frozenset[str] | set[str] = frozenset(),
    can_know: bool = False,
) -> str:
    """``text`` escaped, with the first use of each term not in ``seen`` or ``known`` marked.

    ``seen`` is the page's: a term marked here is added, so later pieces of the same page
    leave it plain. ``language`` is the reader's: the expansion and definition are given
    in it, else in the glossary's fallback language. ``can_know`` adds the address of the
    "I know this" action, for a signed-in reader.
    """
    if terms.pattern is None or not text:
        return escape(text)
    seen = set() if seen is None else seen
    out: list[str] = []
    position = search_from = 0
    while (match := terms.pattern.search(text, search_from)) is not None:
        start = match.start()
        form = _word_at(text, start, match.group(), terms)
        if form is None:
            search_from = start + 1
            continue
        search_from = start + len(form)
        gloss = terms.by_form[form]
        if gloss.key in seen or gloss.key in known:
            continue
        seen.add(gloss.key)
        out.append(escape(text[position:start]))
        know = f' data-know="{escape(gloss.know_href)}"' if can_know and gloss.know_href else ""
        out.append(
            f'<abbr class="term"{terms.attributes(gloss, language)}{know}>{escape(form)}</abbr>'
        )
        position = search_from
    out.append(escape(text[position:]))
    return "".join(out)
