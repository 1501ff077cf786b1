"""Numbers, money, percentages and day counts as the reader's language writes them (pages
only).

``{{ value|number }}`` groups thousands and keeps the value's decimals ("130,000", "50.0";
French "130 000", Russian "130 000", Spanish "130.000" but "1234", Arabic "130,000");
``{{ value|money }}`` adds the community's currency (settings.CURRENCY, from
COMMONWEAL_CURRENCY), with cents only when there are any ("$130,000", "US$130,000.50",
"130 000,50 $US"); ``{{ value|percent }}`` writes a share given in per cent ("50%",
"50 %"); ``{{ value|days }}`` and ``{{ seconds|minutes }}`` are whole numbers ("12", never
"12.0"). Babel holds each language's rules (CLDR). Arabic is written with Western digits
(docs/decisions/bidi-latin-digits-in-arabic.md). Empty values stay empty, so a template
can write ``{{ cost|money|default:"—" }}``; a value that is not a number comes out empty
too, so ``{{ cell|number|default:cell }}`` formats the numbers of a mixed table. CSV and
JSON downloads keep plain machine numbers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, format_percent
from django.conf import settings
from django.utils.translation import get_language, to_locale

# Every language, Arabic included, writes the digits 0-9 (CLDR's "latn" system).
DIGITS = "latn"
# Languages whose CLDR data sets minimumGroupingDigits to 2: a four-digit number is not
# grouped ("1234", but "12.345"). Babel does not read that value, so it is kept here.
GROUP_FROM_FIVE_DIGITS = frozenset({"es", "pl"})


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _reader() -> Locale:
    return _locale(get_language() or settings.LANGUAGE_CODE)


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


def _grouped(amount: Decimal, locale: Locale) -> bool:
    """Whether the thousands are marked: always, except a four-digit number in a
    language that groups from five digits."""
    return locale.language not in GROUP_FROM_FIVE_DIGITS or abs(amount) >= 10000


def _with_decimals(pattern: str, places: int) -> str:
    """A CLDR pattern with exactly ``places`` decimals ("#,##0%" -> "#,##0.0%")."""
    decimals = "." + "0" * places if places else ""
    return pattern.replace("#,##0", "#,##0" + decimals, 1)


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
    whole = amount == amount.to_integral_value()
    return format_currency(
        amount,
        code,
        format=_whole_pattern(locale) if whole else None,
        locale=locale,
        currency_digits=not whole,
        group_separator=_grouped(amount, locale),
        numbering_system=DIGITS,
    )


def number(value, decimals: int | str | None = None) -> str:
    """A number with the reader's grouping and decimal mark. It shows the decimals the
    value holds (50.0 stays "50.0", as in the CSV of the same figure; 1234 is "1,234"),
    unless ``decimals`` fixes how many."""
    amount = _decimal(value)
    if amount is None:
        return ""
    locale = _reader()
    if decimals in (None, ""):
        places = max(0, -amount.as_tuple().exponent)
    else:
        places = int(decimals)
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_decimal(
        amount,
        format=_with_decimals("#,##0", places),
        locale=locale,
        group_separator=_grouped(amount, locale),
        numbering_system=DIGITS,
    )


def percent(value, decimals: int | str | None = None) -> str:
    """A share given in per cent (50.0 for a half), with the reader's percent sign and
    spacing ("50%", French "50 %"); ``decimals`` as for ``number``."""
    amount = _decimal(value)
    if amount is None:
        return ""
    locale = _reader()
    places = int(decimals) if decimals not in (None, "") else 0
    pattern = _with_decimals(locale.percent_formats[None].pattern, places)
    return format_percent(
        (amount / 100).quantize(Decimal(1).scaleb(-places - 2), rounding=ROUND_HALF_UP),
        format=pattern,
        locale=locale,
        numbering_system=DIGITS,
    )


def days(value) -> str:
    """A count of days, whole, as the reader's language writes numbers."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return number(amount.to_integral_value(rounding=ROUND_HALF_UP))


def clock(seconds) -> str:
    """A duration given in seconds as a clock reads it: "0:07", "12:30", "1:05:09"."""
    amount = _decimal(seconds)
    if amount is None:
        return ""
    whole = int(amount.to_integral_value(rounding=ROUND_HALF_UP))
    hours, rest = divmod(max(whole, 0), 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


def minutes(seconds) -> str:
    """A duration given in seconds, as whole minutes in the reader's language."""
    amount = _decimal(seconds)
    if amount is None:
        return ""
    return number((amount / 60).to_integral_value(rounding=ROUND_HALF_UP))
