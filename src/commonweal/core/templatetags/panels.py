"""``{% panels "slot.name" subject %}``: what the apps registered for a slot, in place.

A page names a slot with one line of its template, so a lower app's view need not
change when an app above adds a section to it (see ``core.panels``).
"""

from django import template

from commonweal.core.panels import panels_html

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, subject=None):
    return panels_html(slot, context["request"], subject)
