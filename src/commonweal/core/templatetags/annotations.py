"""``{% annotate text on_date %}``: a text with its terms explained, in place.

The tag asks ``core.annotations`` (what the apps above registered), so a lower app's
template explains the glossary's terms without importing the glossary. Use ``as name``
to pass the result on through ``linebreaksbr`` or ``linebreaks``, which keep it safe::

    {% load annotations %}
    {% annotate turn_text meeting.date as marked %}{{ marked|linebreaksbr }}
    {% annotation_assets %}
"""

from django import template
from django.utils.translation import get_language

from commonweal.core.annotations import annotate_html
from commonweal.core.annotations import annotation_assets as assets_html

register = template.Library()


@register.simple_tag(takes_context=True)
def annotate(context, text, on_date=None):
    """Explained in the reader's language (the active one), whatever the text's language;
    ``on_date`` picks the meanings in force that day (today when not given)."""
    return annotate_html(
        context.get("request"), text, language=get_language() or "en", on_date=on_date
    )


@register.simple_tag(takes_context=True)
def annotation_assets(context):
    return assets_html(context.get("request"))
