"""Filters that write numbers in the reader's language (see commonweal/core/formatting.py)
and keep a run of text in its own direction inside the page (see docs/decisions/
bidi-isolation.md).

``{{ name|bdi }}`` wraps a name, a title or an amount in ``<bdi>``: the browser reads its
direction from its own first letter, so an English name inside an Arabic sentence keeps
its letters in order and does not pull the punctuation around it. ``{{ code|ltr }}``
wraps what is always written left to right (a receipt, a reference, a range of times or
numbers) in ``<bdi dir="ltr">``, so "09:30–10:30" never turns into "10:30–09:30";
``{{ first|range_to:last }}`` writes a range that way. All escape the value and leave an
empty value empty, so ``|default`` still works after them, and all can be passed into
``{% blocktranslate with ... %}`` without changing the message.
"""

from django import template
from django.utils.html import format_html

from commonweal.core.formatting import clock, days, minutes, money, number, percent

register = template.Library()
register.filter("money", money)
register.filter("number", number)
register.filter("percent", percent)
register.filter("days", days)
register.filter("minutes", minutes)
register.filter("clock", clock)


@register.filter
def bdi(value):
    """The value isolated from the text around it, in the direction of its own letters."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def ltr(value):
    """The value isolated from the text around it and always laid out left to right."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def range_to(start, end):
    """ "start–end" kept in reading order inside any page: left to right when both ends
    are numbers or times ("09:30–10:30", turns "5–9"), in the direction of their own
    words otherwise (two dates in Arabic read from the right)."""
    if start in (None, "") or end in (None, ""):
        return ""
    text = f"{start}–{end}"
    if any(char.isalpha() for char in text):
        return format_html("<bdi>{}</bdi>", text)
    return format_html('<bdi dir="ltr">{}</bdi>', text)
