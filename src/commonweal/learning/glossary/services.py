"""Every write to the glossary: a whole file imported, one term saved from its page, and a
reader's "I know this" (and its undoing)."""

from __future__ import annotations

import json

from django.db import transaction
from django.utils.text import slugify

from commonweal.community.models import StakeholderGroup
from commonweal.learning.follows import term_changed_announce
from commonweal.learning.glossary.spec import (
    GlossaryFileError,
    MeaningSpec,
    TermSpec,
    check_terms,
)
from commonweal.learning.models import KnownTerm, Term, TermMeaning


def _slug_for(written: str, taken: set[str]) -> str:
    """A URL name from the written form ("ccNSO" → "ccnso"), made unique with a number."""
    base = slugify(written) or "term"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _owners(terms: list[TermSpec], source: str) -> dict[str, StakeholderGroup]:
    wanted = {term.owner for term in terms if term.owner}
    found = {group.slug: group for group in StakeholderGroup.objects.filter(slug__in=wanted)}
    problems = [
        f"{source}:{term.line}: {term.written}: no group {term.owner!r}"
        for term in terms
        if term.owner and term.owner not in found
    ]
    if problems:
        raise GlossaryFileError(problems)
    return found


def _meanings_said(rows) -> list[str]:
    """What meanings say, in an order that does not depend on how they were listed."""
    return sorted(
        json.dumps(
            [str(row.valid_from), str(row.valid_to), row.expansions, row.definitions],
            sort_keys=True,
        )
        for row in rows
    )


def _meanings_replace(term: Term, meanings: list[MeaningSpec]) -> None:
    """Write ``term``'s meanings; when they say something else than before, tell the
    term's followers (core/follows.py)."""
    before = _meanings_said(term.meanings.all())
    if before and before != _meanings_said(meanings):
        term_changed_announce(term)
    term.meanings.all().delete()
    TermMeaning.objects.bulk_create(
        TermMeaning(
            term=term,
            valid_from=meaning.valid_from,
            valid_to=meaning.valid_to,
            expansions=meaning.expansions,
            definitions=meaning.definitions,
        )
        for meaning in meanings
    )


@transaction.atomic
def glossary_import(*, terms: list[TermSpec], source: str) -> list[Term]:
    """Write ``terms`` whole or not at all: each is matched by its written form and updated
    in place (its meanings replaced), so readers keep what they said they know; terms the
    file does not name stay as they are. Raises ``GlossaryFileError`` with every problem."""
    existing = {term.written: term for term in Term.objects.select_for_update()}
    problems = check_terms(terms, source, set(existing))
    if problems:
        raise GlossaryFileError(problems)
    owners = _owners(terms, source)
    taken = set(Term.objects.values_list("slug", flat=True)) | {"new"}  # "new/" adds one
    saved = []
    for spec in terms:
        term = existing.get(spec.written) or Term(
            written=spec.written, slug=_slug_for(spec.written, taken)
        )
        term.owner_group = owners.get(spec.owner)
        term.local_forms = spec.local_forms
        term.links = spec.links
        term.save()
        existing[spec.written] = term
        _meanings_replace(term, spec.meanings)
        saved.append(term)
    for spec, term in zip(terms, saved, strict=True):
        term.related.set([existing[other] for other in spec.related if other != spec.written])
    return saved


@transaction.atomic
def term_save(*, spec: TermSpec, term: Term | None = None) -> Term:
    """One term written on its page: the same checks as a file, under the name "form"."""
    others = Term.objects.filter(written=spec.written)
    if term is not None:
        others = others.exclude(pk=term.pk)
    if others.exists():
        raise GlossaryFileError([f"form:0: {spec.written} is already in the glossary"])
    if term is not None and term.written != spec.written:
        term.written = spec.written
        term.save(update_fields=["written"])
    return glossary_import(terms=[spec], source="form")[0]


def term_know(*, user, term: Term) -> None:
    """Stop marking ``term`` for ``user``; saying it twice changes nothing."""
    KnownTerm.objects.get_or_create(user=user, term=term)


def term_unknow(*, user, term: Term) -> None:
    KnownTerm.objects.filter(user=user, term=term).delete()
