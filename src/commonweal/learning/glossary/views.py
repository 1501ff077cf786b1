"""The glossary's pages: the list (search, by letter, by group), a term's page (its meanings
over time, in every language, its related terms), writing a term, and "I know this"."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.core.downloads import streaming_download
from commonweal.core.permissions import access_required
from commonweal.core.roles import is_staff_of_platform
from commonweal.learning.glossary import selectors, services
from commonweal.learning.glossary.csvfile import glossary_write_csv
from commonweal.learning.glossary.forms import LANGUAGE_NAMES, TermForm
from commonweal.learning.glossary.spec import LANGUAGES, GlossaryFileError, TermSpec
from commonweal.learning.glossary.tbx import glossary_write_tbx


def term_or_404(request, slug: str, **_kwargs):
    term = selectors.term_access(slug)
    if term is None:
        raise Http404
    return term


def glossary(request):
    query = request.GET.get("q", "").strip()[:100]
    letter = request.GET.get("letter", "").strip()[:1]
    group = request.GET.get("group", "").strip()[:60]
    language = get_language()
    rows = []
    for term in selectors.terms(query=query, letter=letter, group=group).prefetch_related(
        "meanings"
    ):
        meaning = selectors.meaning_on(term, None) or term.meanings.last()
        rows.append((term, *(meaning.expansion_in(language) if meaning else ("", language))))
    context = {
        "rows": rows,
        "query": query,
        "letter": letter,
        "group": group,
        "letters": selectors.letters(),
        "groups": StakeholderGroup.objects.filter(terms__isnull=False).distinct().order_by("name"),
        "can_add": request.user.is_authenticated and request.user.has_perm("learning.add_term"),
    }
    return render(request, "learning/glossary/list.html", context)


def term(request, slug: str):
    term = term_or_404(request, slug)
    language = get_language()
    current = selectors.meaning_on(term, None)
    meanings = [
        {
            "meaning": meaning,
            "current": meaning == current,
            "expansion": meaning.expansion_in(language),
            "definition": meaning.definition_in(language),
            "languages": [
                (code, LANGUAGE_NAMES.get(code, code), meaning.expansions.get(code, ""))
                + (meaning.definitions.get(code, ""),)
                for code in LANGUAGES
            ],
        }
        for meaning in term.meanings.all()
    ]
    user = request.user
    context = {
        "term": term,
        "meanings": meanings,
        "related": sorted(term.related.all(), key=lambda other: other.written),
        "known": term.slug in selectors.known_keys(user),
        "can_edit": user.is_authenticated and user.has_perm("learning.author_term", term),
    }
    return render(request, "learning/glossary/term.html", context)


def _groups_for(user):
    if is_staff_of_platform(user):
        return StakeholderGroup.objects.order_by("name")
    coordinated = Membership.objects.current().filter(
        person_id=user.person_id, role__in=Membership.COORDINATING_ROLES
    )
    return StakeholderGroup.objects.filter(pk__in=coordinated.values("group_id")).order_by("name")


def _edited_meaning(term):
    """The meaning the form shows and replaces: today's, else the latest."""
    return selectors.meaning_on(term, None) or term.meanings.last()


def _initial(term) -> dict:
    if term is None:
        return {}
    meaning = _edited_meaning(term)
    initial = {
        "written": term.written,
        "owner_group": term.owner_group,
        "related": "; ".join(sorted(other.written for other in term.related.all())),
        "links": "\n".join(f"{link['url']} {link['title']}".strip() for link in term.links),
    }
    for code in LANGUAGES:
        initial[f"forms_{code}"] = "; ".join(term.local_forms.get(code, []))
        if meaning is not None:
            initial[f"expansion_{code}"] = meaning.expansions.get(code, "")
            initial[f"definition_{code}"] = meaning.definitions.get(code, "")
    if meaning is not None:
        initial.update(valid_from=meaning.valid_from, valid_to=meaning.valid_to)
    return initial


def _save(request, term):
    """The form's meaning replaces the one it was filled from (today's); others stay."""
    staff = is_staff_of_platform(request.user)
    form = TermForm(
        request.POST or None,
        initial=_initial(term),
        groups=_groups_for(request.user),
        group_required=not staff,
    )
    if request.method == "POST" and form.is_valid():
        others = []
        if term is not None:
            edited = _edited_meaning(term)
            pairs = zip(term.meanings.all(), selectors.term_spec(term).meanings, strict=True)
            others = [spec for meaning, spec in pairs if meaning != edited]
        group = form.cleaned_data["owner_group"]
        spec = TermSpec(
            written=form.cleaned_data["written"],
            owner=group.slug if group else "",
            local_forms=form.local_forms(),
            related=form.related_list(),
            links=form.links_list(),
            meanings=[*others, form.meaning()],
        )
        try:
            saved = services.term_save(spec=spec, term=term)
        except GlossaryFileError as error:
            for problem in error.problems:
                form.add_error(None, problem.split(": ", 1)[-1])
        else:
            messages.success(request, _("The term is saved."))
            return redirect(saved)
    heading = _("New term") if term is None else _("Edit %(term)s") % {"term": term.written}
    return render(
        request,
        "learning/form.html",
        {"form": form, "heading": heading},
        status=400 if form.errors else 200,
    )


@access_required("learning.add_term")
def term_add(request):
    return _save(request, None)


@access_required("learning.author_term", fn=term_or_404)
def term_edit(request, slug: str):
    return _save(request, term_or_404(request, slug))


@access_required("learning.know_term")
@require_POST
def term_know(request, slug: str):
    """Hide the term for this reader; a script gets 204, a form goes back to the term."""
    term = term_or_404(request, slug)
    if request.POST.get("undo"):
        services.term_unknow(user=request.user, term=term)
    else:
        services.term_know(user=request.user, term=term)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(term)


def glossary_download(request, file_format: str):
    """The whole glossary as CSV or TBX: it is public, as its pages are."""
    specs = selectors.glossary_specs()
    if file_format == "csv":
        body, kind = glossary_write_csv(specs).encode(), "text/csv; charset=utf-8"
    elif file_format == "tbx":
        body, kind = glossary_write_tbx(specs), "application/x-tbx+xml"
    else:
        raise Http404
    return streaming_download(iter([body]), filename=f"glossary.{file_format}", content_type=kind)
