"""Annotations: what an app above marks in the texts that lower apps' pages show.

A meeting's turns and a recommendation's text are shown by apps low in the building;
the glossary that explains their acronyms lives above them, in ``learning``. So, as with
panels, the lower page never imports it: an app registers an *annotator* in its
``AppConfig.ready()`` and the page passes its texts through ``annotate_html`` (or the
``{% annotate %}`` tag), which returns the text merely escaped when nobody registered.

An annotator is ``fn(request, text, *, language, on_date, seen) -> str | None``: safe
HTML for the plain ``text``, or ``None`` to leave it alone. ``seen`` is one set per page
(the request's, unless given), so that what is explained at its first use is not
explained again further down. ``assets`` is ``fn(request) -> str``: safe HTML a page
adds once (a script), for the annotations to work.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

Annotator = Callable[..., str | None]
Assets = Callable[[HttpRequest], str]

_annotators: dict[str, tuple[Annotator, Assets | None]] = {}


def annotator_register(fn: Annotator, *, key: str | None = None, assets: Assets | None = None):
    """Register ``fn`` (again under the same key replaces it, so a second import adds nothing)."""
    _annotators[key or f"{fn.__module__}.{fn.__qualname__}"] = (fn, assets)
    return fn


def annotator_unregister(key: str) -> None:
    _annotators.pop(key, None)


def page_seen(request: HttpRequest | None) -> set[str]:
    """The set of what this page has already explained: one per request."""
    if request is None:
        return set()
    seen = getattr(request, "_annotations_seen", None)
    if seen is None:
        seen = set()
        request._annotations_seen = seen
    return seen


def annotate_html(
    request: HttpRequest | None,
    text: str,
    *,
    language: str,
    on_date: datetime.date | None = None,
    seen: set[str] | None = None,
) -> SafeString:
    """``text`` (plain) as safe HTML, marked by the first registered annotator that answers."""
    if text is None:
        return mark_safe("")  # noqa: S308 (nothing to escape)
    seen = page_seen(request) if seen is None else seen
    for fn, _assets in _annotators.values():
        html = fn(request, str(text), language=language, on_date=on_date, seen=seen)
        if html is not None:
            # The annotator escaped everything it did not build (its contract above).
            return mark_safe(html)  # noqa: S308
    return conditional_escape(text)


def annotation_assets(request: HttpRequest | None) -> SafeString:
    """What the registered annotators need on the page (scripts), once."""
    parts = [assets(request) for _fn, assets in _annotators.values() if assets is not None]
    return mark_safe("".join(parts))  # noqa: S308 (each part is the annotator's safe HTML)
