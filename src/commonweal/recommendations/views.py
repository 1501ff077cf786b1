from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.core.confirmations import Confirmation, carried_fields, confirmation_render
from commonweal.core.downloads import CSV, JSON, streaming_download
from commonweal.core.permissions import access_required
from commonweal.recommendations import selectors, services
from commonweal.recommendations.confirmations import (
    Question,
    ask_assess,
    ask_decide,
    ask_milestone_complete,
    ask_move,
)
from commonweal.recommendations.exporting import (
    recommendations_csv_stream,
    recommendations_json_stream,
)
from commonweal.recommendations.forms import (
    AssessForm,
    DecideForm,
    ImportForm,
    MilestoneCompleteForm,
    MilestoneForm,
    MoveForm,
    ProgressForm,
    ReasonForm,
    RecommendationAddForm,
    RecommendationEditForm,
    RecommendationFilterForm,
    TranslationForm,
)
from commonweal.recommendations.importing import (
    MAX_IMPORT_BYTES,
    RecommendationImportError,
    recommendations_import,
)
from commonweal.recommendations.models import Milestone, Recommendation

Status = Recommendation.Status
PAGE_SIZE = 100


def recommendations(request):
    filters = RecommendationFilterForm(request.GET or None)
    matching = selectors.recommendation_list(**filters.filters())
    page = Paginator(matching, PAGE_SIZE).get_page(request.GET.get("page"))
    for listed in page:
        listed.translated = listed.translation()
        listed.decision_days = selectors.days(listed.time_to_decision)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "recommendations/list.html",
        {
            "filters": filters,
            "page": page,
            "counts": selectors.status_counts(matching),
            "total": page.paginator.count,
            "query": query.urlencode(),
            "can_manage": request.user.has_perm("recommendations.manage"),
        },
    )


def recommendation(request, pk: int):
    return _detail(request, _recommendation_for_page(pk))


def _recommendation_for_page(pk: int) -> Recommendation:
    """The recommendation with everything its page shows, or a 404."""
    try:
        return selectors.recommendation_detail(pk)
    except Recommendation.DoesNotExist:
        return get_object_or_404(Recommendation, pk=pk)


def _secretariat_forms(recommendation: Recommendation) -> dict[str, forms.Form]:
    """The page's forms for the secretariat's steps, filled with what is stored."""
    return {
        "assess": AssessForm(
            initial={
                "one_time_cost": recommendation.one_time_cost,
                "recurring_cost": recommendation.recurring_cost,
                "implementation_years": recommendation.implementation_years,
            }
        ),
        "decide": DecideForm(),
        "progress": ProgressForm(initial={"progress": recommendation.progress}),
        "milestone": MilestoneForm(),
        "translate": TranslationForm(),
    }


def _detail(
    request,
    recommendation: Recommendation,
    *,
    bound: tuple[str, forms.Form] | None = None,
    problem: str = "",
    status: int = 200,
):
    """The page, with a submitted form shown again (with its errors) where one failed."""
    can_manage = request.user.has_perm("recommendations.manage")
    page_forms = {}
    if can_manage:
        page_forms = _secretariat_forms(recommendation)
        if bound is not None:
            page_forms[bound[0]] = bound[1]
    return render(
        request,
        "recommendations/detail.html",
        {
            "recommendation": recommendation,
            "translated": recommendation.translation(),
            "translations": list(recommendation.translations.all()),
            "costs": selectors.costs_over_years(recommendation),
            "decision_days": selectors.days(recommendation.time_to_decision),
            "implementation_days": selectors.days(recommendation.time_to_implementation),
            "rounds": selectors.rounds_of(recommendation),
            "can_manage": can_manage,
            "forms": page_forms,
            "problem": problem,
            "open_for_costs": recommendation.status in (Status.RECEIVED, Status.ASSESSED),
            "open_for_decision": recommendation.status in (Status.ASSESSED, Status.PRIORITIZATION),
            "open_for_milestones": recommendation.status in (Status.DECIDED, Status.IMPLEMENTATION)
            and recommendation.decision == Recommendation.Decision.APPROVED,
        },
        status=status,
    )


@access_required("recommendations.manage")
@require_http_methods(["GET", "POST"])
def add(request):
    form = RecommendationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.recommendation_add(**form.cleaned_data, by=request.user)
        except services.LifecycleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Recommendation %(ref)s added.") % {"ref": added.reference})
            return redirect(added)
    return render(
        request,
        "recommendations/form.html",
        {"form": form, "title": _("Add a recommendation")},
        status=400 if form.errors else 200,
    )


@access_required("recommendations.manage")
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    edited = get_object_or_404(Recommendation, pk=pk)
    initial = {
        "title": edited.title,
        "text": edited.text,
        "objectives": list(edited.objectives.all()),
        "dependencies": list(edited.dependencies.all()),
        "owner": edited.owner,
        "illustrative": edited.illustrative,
    }
    form = RecommendationEditForm(request.POST or None, initial=initial, recommendation=edited)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(recommendation=edited, **form.cleaned_data)
        except services.LifecycleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(edited)
    return render(
        request,
        "recommendations/form.html",
        {
            "form": form,
            "recommendation": edited,
            "title": _("Edit %(ref)s") % {"ref": edited.reference},
        },
        status=400 if form.errors else 200,
    )


# The secretariat's steps: each takes the recommendation, the form's data and the
# user, and calls one service.
def _assess(recommendation: Recommendation, data: dict, user) -> object:
    return services.recommendation_assess(recommendation=recommendation, **data, by=user)


def _decide(recommendation: Recommendation, data: dict, user) -> object:
    return services.recommendation_decide(recommendation=recommendation, **data, by=user)


def _move(recommendation: Recommendation, data: dict, user) -> object:
    return services.recommendation_move(
        recommendation=recommendation, to=data["to"], note=data["note"], by=user
    )


def _progress(recommendation: Recommendation, data: dict, user) -> object:
    return services.recommendation_progress_set(
        recommendation=recommendation, progress=data["progress"], by=user
    )


def _milestone_add(recommendation: Recommendation, data: dict, user) -> object:
    return services.milestone_add(recommendation=recommendation, **data)


def _milestone_complete(recommendation: Recommendation, data: dict, user) -> object:
    milestone = get_object_or_404(Milestone, pk=data["milestone"], recommendation=recommendation)
    return services.milestone_complete(milestone=milestone)


def _translate(recommendation: Recommendation, data: dict, user) -> object:
    if data["language"] == recommendation.language.lower():
        raise services.LifecycleError(_("That is the language the text was written in."))
    return services.translation_set(recommendation=recommendation, **data)


@dataclass(frozen=True)
class _Step:
    """One secretariat step: the form it posts, what it does, and what it then says."""

    form_class: type[forms.Form]
    perform: Callable[[Recommendation, dict, object], object]
    done: Promise
    # The name of the step's form on the page, shown again with its errors when the
    # step is refused; a step posted by a button alone has none, and its errors become
    # the page's problem.
    page_form: str | None = None
    # What to ask before the step, for a step that cannot be undone or is published;
    # it also refuses, before asking, a step that would be refused.
    ask: Callable[[Recommendation, dict], Question | None] | None = None


# The posted ``action`` -> its step.
STEPS = {
    "assess": _Step(
        AssessForm, _assess, gettext_lazy("The costs are recorded."), "assess", ask_assess
    ),
    "decide": _Step(
        DecideForm,
        _decide,
        gettext_lazy("The decision is recorded and published."),
        "decide",
        ask_decide,
    ),
    "move": _Step(MoveForm, _move, gettext_lazy("The recommendation moved on."), ask=ask_move),
    "progress": _Step(ProgressForm, _progress, gettext_lazy("Progress recorded."), "progress"),
    "milestone_add": _Step(
        MilestoneForm, _milestone_add, gettext_lazy("Milestone added."), "milestone"
    ),
    "milestone_complete": _Step(
        MilestoneCompleteForm,
        _milestone_complete,
        gettext_lazy("Milestone completed."),
        ask=ask_milestone_complete,
    ),
    "translate": _Step(
        TranslationForm, _translate, gettext_lazy("Translation saved."), "translate"
    ),
}


# Posted fields that the confirmation page does not carry over unchanged.
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "confirm", "note"})


def _confirmation(request, recommendation: Recommendation, question: Question, reason):
    """The page that asks before the step: what it does, the step's own fields posted
    again unchanged, a reason where the status changes, and the way back."""
    about = f"{recommendation.reference} {recommendation.shown_title}"
    return confirmation_render(
        request,
        Confirmation(
            title=question.title,
            effects=question.effects,
            action=reverse("recommendations:move", kwargs={"pk": recommendation.pk}),
            confirm_label=question.confirm_label,
            cancel_url=recommendation.get_absolute_url(),
            cancel_label=_("Cancel and go back to the recommendation"),
            hidden=carried_fields(request, NOT_CARRIED),
            form=reason if question.reason else None,
            about=(recommendation.get_absolute_url(), about),
            note=_("The step is recorded with your account and the time."),
        ),
    )


def _refused(request, pk: int, step: _Step, form: forms.Form, problem: str):
    """The page again, as stored (a refusing service may have changed the object in
    memory), with the step's form and the reason."""
    bound = (step.page_form, form) if step.page_form else None
    return _detail(request, _recommendation_for_page(pk), bound=bound, problem=problem, status=400)


def _form_errors(form: forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@access_required("recommendations.manage")
@require_POST
def take_step(request, pk: int):
    """Every secretariat step on a recommendation's page; the posted ``action`` says which.

    A refused step (an invalid form, or a move the lifecycle does not allow)
    shows the page again with the reason, and changes nothing. A step that
    cannot be undone is first asked on a confirmation page, which posts it
    again with ``confirm=yes`` and, where the status changes, a reason.
    """
    recommendation = get_object_or_404(Recommendation, pk=pk)
    step = STEPS.get(request.POST.get("action", ""))
    if step is None:
        return _detail(
            request, _recommendation_for_page(pk), problem=_("Unknown action."), status=400
        )
    form = step.form_class(request.POST)
    if not form.is_valid():
        return _refused(request, pk, step, form, "" if step.page_form else _form_errors(form))
    data = form.cleaned_data
    try:
        question = step.ask(recommendation, data) if step.ask else None
        if question is not None:
            confirmed = request.POST.get("confirm") == "yes"
            reason = ReasonForm(
                request.POST if confirmed else None,
                initial={"note": request.POST.get("note", "")},
            )
            if not confirmed or (question.reason and not reason.is_valid()):
                return _confirmation(request, recommendation, question, reason)
            if question.reason:
                data = {**data, "note": reason.cleaned_data["note"]}
        step.perform(recommendation, data, request.user)
    except services.LifecycleError as error:
        return _refused(request, pk, step, form, str(error))
    messages.success(request, str(step.done))
    return redirect(recommendation)


@access_required("recommendations.manage")
@require_http_methods(["GET", "POST"])
def import_csv(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            problems = [
                _("%(file)s: the file is larger than %(mb)s MB.")
                % {"file": upload.name, "mb": MAX_IMPORT_BYTES // 1024 // 1024}
            ]
        else:
            try:
                result = recommendations_import(
                    data=upload.read(), source_name=upload.name, by=request.user
                )
            except RecommendationImportError as error:
                problems = error.lines
    return render(
        request,
        "recommendations/import.html",
        {"form": form, "problems": problems, "result": result},
        status=400 if problems else 200,
    )


def _filtered(request):
    return selectors.recommendation_list(**RecommendationFilterForm(request.GET or None).filters())


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def export_csv(request):
    chunks = recommendations_csv_stream(_filtered(request), base_url=_base_url(request))
    return streaming_download(chunks, filename="recommendations.csv", content_type=CSV)


def export_json(request):
    chunks = recommendations_json_stream(_filtered(request), base_url=_base_url(request))
    return streaming_download(chunks, filename="recommendations.json", content_type=JSON)
