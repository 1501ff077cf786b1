"""The ``number``, ``money`` and ``days`` filters (see commonweal/core/formatting.py)."""

from django import template

from commonweal.core.formatting import days, money, number

register = template.Library()
register.filter("money", money)
register.filter("number", number)
register.filter("days", days)
