"""Reads for the glossary: its pages, its files, and the compiled term set pages annotate with."""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse

from commonweal.learning.glossary.annotate import Gloss, TermSet, termset_compile
from commonweal.learning.glossary.spec import FALLBACK, MeaningSpec, TermSpec
from commonweal.learning.models import KnownTerm, Term, TermMeaning


def terms(*, query: str = "", letter: str = "", group: str = ""):
    """The glossary's terms, narrowed by a search (written form, expansions and definitions
    in any language), a first letter and an owning group's slug."""
    found = Term.objects.select_related("owner_group").order_by("written")
    if query:
        found = found.filter(
            Q(written__icontains=query)
            | Q(meanings__expansions__icontains=query)
            | Q(meanings__definitions__icontains=query)
            | Q(local_forms__icontains=query)
        ).distinct()
    if letter:
        found = found.filter(written__istartswith=letter)
    if group:
        found = found.filter(owner_group__slug=group)
    return found


def letters() -> list[str]:
    return sorted(
        {written[:1].upper() for written in Term.objects.values_list("written", flat=True)}
    )


def term_access(slug: str) -> Term | None:
    return (
        Term.objects.select_related("owner_group")
        .prefetch_related("meanings", "related")
        .filter(slug=slug)
        .first()
    )


def meaning_on(term: Term, day: datetime.date | None) -> TermMeaning | None:
    return term.meanings.in_force_on(day).order_by("-valid_from").first()


def known_keys(user) -> frozenset[str]:
    """The terms a signed-in reader said they know (by short name)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(KnownTerm.objects.filter(user=user).values_list("term__slug", flat=True))


def term_spec(term: Term) -> TermSpec:
    return TermSpec(
        written=term.written,
        owner=term.owner_group.slug if term.owner_group else "",
        local_forms=term.local_forms,
        related=sorted(other.written for other in term.related.all()),
        links=term.links,
        meanings=[
            MeaningSpec(
                expansions=meaning.expansions,
                definitions=meaning.definitions,
                valid_from=meaning.valid_from,
                valid_to=meaning.valid_to,
            )
            for meaning in term.meanings.all()
        ],
    )


def glossary_specs() -> list[TermSpec]:
    """The whole glossary as plain data, for export."""
    return [
        term_spec(term)
        for term in Term.objects.select_related("owner_group").prefetch_related(
            "related", Prefetch("meanings", TermMeaning.objects.order_by("valid_from", "pk"))
        )
    ]


def glossary_stamp() -> tuple:
    """What changes whenever the glossary does (a term saved, added or removed): one query,
    the key of the compiled term set."""
    stamp = Term.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    return (stamp["changed"], stamp["count"])


@lru_cache(maxsize=64)
def _termset(day: datetime.date, stamp: tuple) -> TermSet:
    del stamp  # part of the cache key only
    meanings = TermMeaning.objects.in_force_on(day).select_related("term").order_by("valid_from")
    glosses = {}
    for meaning in meanings:
        term = meaning.term
        forms = (term.written, *(form for forms in term.local_forms.values() for form in forms))
        glosses[term.slug] = Gloss(
            key=term.slug,
            forms=tuple(forms),
            expansions=meaning.expansions,
            definitions=meaning.definitions,
            href=reverse("learning:term", kwargs={"slug": term.slug}),
            know_href=reverse("learning:term_know", kwargs={"slug": term.slug}),
            fallback=FALLBACK,
        )
    return termset_compile(glosses.values())


def termset_on(day: datetime.date | None) -> TermSet:
    """The glossary in force on ``day`` (today when None), compiled once per day and change."""
    return _termset(day or datetime.date.today(), glossary_stamp())
