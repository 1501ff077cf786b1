"""What the glossary lends other apps' pages, through ``core.annotations``: the first use
of each term in a text is marked, in the reader's language, for the date the text was
spoken or written; the script that shows a term's definition is added once a page."""

from __future__ import annotations

import datetime

from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

from commonweal.core.annotations import annotator_register
from commonweal.learning.glossary import selectors
from commonweal.learning.glossary.annotate import annotate

KEY = "learning.glossary"


def _known(request) -> frozenset[str]:
    """The reader's known terms, read once a request."""
    if request is None:
        return frozenset()
    known = getattr(request, "_glossary_known", None)
    if known is None:
        known = selectors.known_keys(getattr(request, "user", None))
        request._glossary_known = known
    return known


def _termset(request, on_date: datetime.date | None):
    """The glossary in force on ``on_date``, looked up once a request: a page annotates
    each of its hundred turns, and the glossary's stamp is a query."""
    if request is None:
        return selectors.termset_on(on_date)
    termsets = getattr(request, "_glossary_termsets", None)
    if termsets is None:
        termsets = request._glossary_termsets = {}
    if on_date not in termsets:
        termsets[on_date] = selectors.termset_on(on_date)
    return termsets[on_date]


def glossary_annotate(
    request, text: str, *, language: str, on_date: datetime.date | None, seen: set[str]
) -> str:
    user = getattr(request, "user", None)
    return annotate(
        text,
        _termset(request, on_date),
        language,
        seen=seen,
        known=_known(request),
        can_know=bool(user and user.is_authenticated),
    )


def glossary_assets(request) -> str:
    """The popover script; for a signed-in reader it carries the form token its "I know
    this" button sends (the CSRF cookie is out of JavaScript's reach)."""
    user = getattr(request, "user", None)
    token = get_token(request) if user is not None and user.is_authenticated else ""
    return format_html(
        '<script src="{}" data-csrf="{}" data-know-label="{}" data-more-label="{}" defer></script>',
        static("learning/glossary.js"),
        token,
        _("I know this"),
        _("More about this term"),
    )


def hook_register() -> None:
    annotator_register(glossary_annotate, key=KEY, assets=glossary_assets)
