"""A glossary term may be followed (core/follows.py): by its primary key; a change to what
it means is news to its followers."""

from __future__ import annotations

from django.utils import timezone

from commonweal.core.follows import (
    TERM,
    UPDATE,
    News,
    announce,
    followable_register,
    followable_table,
)
from commonweal.learning.models import Term


def followables_register() -> None:
    followable_register(followable_table(TERM, Term.objects.all(), label=lambda term: term.written))


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
