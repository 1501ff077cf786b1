"""The count's words in the reader's language: reasons on the page and in the CSV, and
the CSV's column names.

A published result keeps each item's reason as the engine wrote it in English
(``reason``, the contract) and as a code with its figures (``reason_code``,
``reason_params``). Pages and the CSV word it again from the code, in the
request's language, through the engine's one wording function
(``allocation.reasons.reason_text``), with Django's catalogue as the engine's
translations. A result counted before codes were published has only the
English words, and they are shown as English.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import pgettext_lazy

from commonweal.allocation.language import LANGUAGES, Language, UnknownLanguage, language_code
from commonweal.allocation.reasons import CODES, reason_text
from commonweal.core.downloads import csv_header

# The priority list's CSV columns by code (selectors.EXPORT_COLUMNS), named in the
# reader's language; the JSON keeps the codes.
EXPORT_HEADINGS = {
    # Translators: a column of a downloaded CSV file; the English is the column's code.
    "id": pgettext_lazy("CSV column", "id"),
    "title": pgettext_lazy("CSV column", "title"),
    "status": pgettext_lazy("CSV column", "status"),
    "start": pgettext_lazy("CSV column", "start"),
    "completes": pgettext_lazy("CSV column", "completes"),
    "cost": pgettext_lazy("CSV column", "cost"),
    "one_time_cost": pgettext_lazy("CSV column", "one_time_cost"),
    "recurring_cost": pgettext_lazy("CSV column", "recurring_cost"),
    "support": pgettext_lazy("CSV column", "support"),
    "reason": pgettext_lazy("CSV column", "reason"),
    "reason_code": pgettext_lazy("CSV column", "reason_code"),
}


def reader_language() -> Language:
    """The engine's language for this request: Django's catalogue in the active language,
    and Babel's locale of it (English where the language is not one of the platform's)."""
    try:
        locale = LANGUAGES[language_code(translation.get_language() or "en")]
    except UnknownLanguage:
        locale = "en"
    return Language(translation, locale)


def reason_in_reader_language(item: dict[str, Any], language: Language) -> tuple[str, str]:
    """An item's reason in ``language`` and the language code of those words (for the
    page's ``lang``): worded from its code where it has one the engine knows, else the
    English words it was published with."""
    code = item.get("reason_code") or ""
    if code in CODES:
        try:
            words = reason_text(code, item.get("reason_params") or {}, language)
        except (KeyError, TypeError, ValueError):
            words = None  # figures this engine does not word: the published words stand
        if words is not None:
            return words, translation.get_language() or "en"
    return item["reason"], "en"


def export_header(columns: list[str]) -> list[str]:
    """The CSV's header row in the reader's language."""
    return csv_header(columns, EXPORT_HEADINGS)
