"""Numbers, money and day counts as the reader's language writes them (pages only).

``{{ value|number }}`` groups thousands ("130,000", Chinese "130,000", French "130 000");
``{{ value|money }}`` adds the community's currency (settings.CURRENCY, from
COMMONWEAL_CURRENCY), with cents only when there are any ("$130,000", "US$130,000.50");
``{{ value|days }}`` is a whole number of days ("12", never "12.0"). Babel holds each
language's rules (CLDR). Empty values stay empty, so a template can write
``{{ cost|money|default:"—" }}``. CSV and JSON downloads keep plain machine numbers.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal
from django.conf import settings
from django.utils.translation import get_language, to_locale


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _reader() -> Locale:
    return _locale(get_language() or settings.LANGUAGE_CODE)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


@lru_cache(maxsize=64)
def _whole_pattern(locale: Locale) -> str:
    """The language's currency pattern without its decimals ("¤#,##0.00" -> "¤#,##0")."""
    pattern = locale.currency_formats["standard"].pattern
    return pattern.replace(".00", "")  # CLDR patterns write the decimal mark as "."


def money(value, currency: str = "") -> str:
    """An amount in the community's currency, as the reader's language writes it."""
    amount = _decimal(value)
    if amount is None:
        return ""
    code = currency or settings.CURRENCY
    locale = _reader()
    if amount == amount.to_integral_value():
        return format_currency(
            amount, code, format=_whole_pattern(locale), locale=locale, currency_digits=False
        )
    return format_currency(amount, code, locale=locale)


def number(value, decimals: int | str | None = None) -> str:
    """A number with the reader's grouping and decimal mark; ``decimals`` fixes how many
    decimals show (a whole number shows none unless asked)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if decimals not in (None, ""):
        places = int(decimals)
        amount = amount.quantize(Decimal(1).scaleb(-places))
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(amount, format=pattern, locale=_reader())
    return format_decimal(amount, locale=_reader())


def days(value) -> str:
    """A count of days, whole, as the reader's language writes numbers."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return format_decimal(amount.to_integral_value(), format="#,##0", locale=_reader())
