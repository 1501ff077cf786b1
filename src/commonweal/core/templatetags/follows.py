"""``{% follow_control "round" round.pk %}``: the control to follow a thing, when an app
above registered one (``core/follows.py``); nothing otherwise."""

from django import template

from commonweal.core.follows import follow_control_html

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_control(context, kind: str, key: object):
    return follow_control_html(context.get("request"), kind, key)
