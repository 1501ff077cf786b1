"""A glossary term may be followed (core/follows.py): by its primary key; a change to what
it means is news to its followers."""

from __future__ import annotations

from django.utils import timezone

from commonweal.core.follows import TERM, UPDATE, Followable, News, announce, followable_register
from commonweal.learning.models import Term


def _term(key: str) -> Term | None:
    if not key.isdecimal():
        return None
    return Term.objects.filter(pk=int(key)).first()


def _label(key: str) -> str | None:
    term = _term(key)
    return term.written if term is not None else None


def _url(key: str) -> str | None:
    term = _term(key)
    return term.get_absolute_url() if term is not None else None


def followables_register() -> None:
    followable_register(Followable(TERM, label=_label, url=_url))


def term_changed_announce(term: Term) -> None:
    """Tell the term's followers its meaning changed (call inside the transaction)."""
    announce(
        News(
            key=f"term:{term.pk}:changed:{timezone.now():%Y%m%dT%H%M%S.%f}",
            kind=TERM,
            subject=str(term.pk),
            event="term.changed",
            category=UPDATE,
            title=term.written,
            url=term.get_absolute_url(),
        )
    )
