"""The reader's language for the engine's words: a translation catalogue and a locale.

Every sentence the engine writes (a reason, a table's headings) is built from a
code and its figures at the last moment, by a function that takes a
:class:`Language`. A language is a catalogue, any object with ``gettext``,
``ngettext`` and ``pgettext`` (Python's ``gettext.GNUTranslations`` on the command
line, the module ``django.utils.translation`` on a page), and the Babel locale
that writes its numbers.

The English sentences are the catalogue's msgids. They are written in the
engine's modules as the first arguments of calls to methods named ``gettext``,
``ngettext`` and ``pgettext`` (``language.gettext("ranked %(rank)s ...", rank=...)``),
the keywords Django's ``makemessages`` hands to xgettext, so they are extracted
into the platform's catalogues with the rest of its strings. Placeholders are
named (``%(start)s``) so a translation may put them in any order. The command
line reads the compiled catalogues (``commonweal/locale/<folder>/LC_MESSAGES/
django.mo``) with Python's gettext module: no Django.
"""

from __future__ import annotations

import gettext as gettext_module
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

from commonweal.allocation import words

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

# The languages the platform is translated into, by the code a reader gives
# (Django's language code), each with its catalogue's folder, which is also
# Babel's name for its locale. English is the msgids themselves.
LANGUAGES = {
    "ar": "ar",
    "en": "en",
    "es": "es",
    "fr": "fr",
    "ru": "ru",
    "zh-hans": "zh_Hans",
}
# Other spellings a reader may give for the same language.
ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans"}


class Translations(Protocol):
    """What the engine asks of a catalogue: gettext's three look-ups."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


class UnknownLanguage(ValueError):
    """A language code the platform has no catalogue for."""


def language_code(text: str) -> str:
    """The platform's code for the language ``text`` names ("ZH_Hans", "zh" -> "zh-hans").

    Raises :class:`UnknownLanguage` with the sentence a command prints.
    """
    code = text.strip().lower().replace("_", "-")
    code = ALIASES.get(code, code)
    if code not in LANGUAGES:
        raise UnknownLanguage(
            f"{text!r} is not a language Commonweal speaks; choose from {', '.join(LANGUAGES)}"
        )
    return code


def _fill(text: str, params: dict[str, Any]) -> str:
    """A looked-up sentence with its named placeholders filled (none: as it is, so that a
    sentence holding a plain "%" needs no doubling)."""
    return text % params if params else text


@dataclass(frozen=True)
class Language:
    """A catalogue and the Babel locale that writes numbers (``"en"``, ``"zh_Hans"``).

    The look-ups take the sentence's figures as keywords, already written as text.
    """

    translations: Translations
    locale: str = "en"

    def gettext(self, message: str, /, **params: Any) -> str:
        return _fill(self.translations.gettext(message), params)

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        return _fill(self.translations.ngettext(singular, plural, n), params)

    def pgettext(self, context: str, message: str, /, **params: Any) -> str:
        return _fill(self.translations.pgettext(context, message), params)

    def money(self, value: float | Fraction) -> str:
        """An amount, whole or to the cent ("1,234,567", "1,234.57"); infinity is "unbounded"."""
        written = words.money(value, self.locale)
        if written is None:
            return self.gettext("unbounded")
        return written

    def whole(self, value: int) -> str:
        """A count, grouped as the language groups thousands."""
        return words.whole(value, self.locale)

    def percent(self, fraction: float) -> str:
        return words.percent(fraction, self.locale)

    def voters(self, count: float) -> str:
        """'1 voter', '2,553 voters', '2.50 voters' (weights need not be whole)."""
        if abs(count - round(count)) < 1e-9:
            whole = round(count)
            return self.ngettext(
                "%(count)s voter", "%(count)s voters", whole, count=self.whole(whole)
            )
        return self.pgettext(
            "a number of voters that is not whole (weighted votes)",
            "%(count)s voters",
            count=words.cents(count, self.locale),
        )


ENGLISH = Language(gettext_module.NullTranslations(), "en")


def language_named(text: str, *, locale_dir: Path = LOCALE_DIR) -> Language:
    """The language ``text`` names, with its compiled catalogue read from ``locale_dir``.

    English needs no catalogue. Raises :class:`UnknownLanguage` for a language the
    platform does not speak, and ``OSError`` when its catalogue is missing.
    """
    code = language_code(text)
    folder = LANGUAGES[code]
    if code == "en":
        return ENGLISH
    with open(locale_dir / folder / "LC_MESSAGES" / "django.mo", "rb") as catalogue:
        return Language(gettext_module.GNUTranslations(catalogue), folder)
