"""``{% gates_unmet "rounds.vote" round as unmet %}``: what the reader must do first.

A page that offers an action (the round page's "Vote in this round") can say what
stands in the way before the reader clicks, without its view changing and without
knowing which app set the condition (see ``core.gates``).
"""

from django import template

from commonweal.core.gates import gates_unmet as unmet_for

register = template.Library()


@register.simple_tag(takes_context=True)
def gates_unmet(context, action: str, subject=None):
    return unmet_for(action, context["request"].user, subject)
