from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.core.permissions import access_required
from commonweal.recommendations import selectors, services
from commonweal.recommendations.exporting import recommendations_csv, recommendations_json
from commonweal.recommendations.forms import (
    AssessForm,
    DecideForm,
    ImportForm,
    MilestoneCompleteForm,
    MilestoneForm,
    MoveForm,
    ProgressForm,
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
    shown = selectors.recommendation_list(**filters.filters())
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page:
        item.translated = item.translation()
        item.decision_days = selectors.days(item.time_to_decision)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "recommendations/list.html",
        {
            "filters": filters,
            "page": page,
            "counts": selectors.status_counts(shown),
            "total": page.paginator.count,
            "query": query.urlencode(),
            "can_manage": request.user.has_perm("recommendations.manage"),
        },
    )


def recommendation(request, pk: int):
    return _detail(request, _shown(pk))


def _shown(pk: int) -> Recommendation:
    try:
        return selectors.recommendation_detail(pk)
    except Recommendation.DoesNotExist:
        return get_object_or_404(Recommendation, pk=pk)


def _detail(request, shown: Recommendation, *, bound=None, problem: str = "", status: int = 200):
    """The page, with a submitted form shown again (with its errors) where one failed."""
    can_manage = request.user.has_perm("recommendations.manage")
    forms = {}
    if can_manage:
        forms = {
            "assess": AssessForm(
                initial={
                    "one_time_cost": shown.one_time_cost,
                    "recurring_cost": shown.recurring_cost,
                    "implementation_years": shown.implementation_years,
                }
            ),
            "decide": DecideForm(),
            "progress": ProgressForm(initial={"progress": shown.progress}),
            "milestone": MilestoneForm(),
            "translate": TranslationForm(),
        }
        if bound is not None:
            forms[bound[0]] = bound[1]
    translated = shown.translation()
    return render(
        request,
        "recommendations/detail.html",
        {
            "recommendation": shown,
            "translated": translated,
            "translations": list(shown.translations.all()),
            "costs": selectors.costs_over_years(shown),
            "decision_days": selectors.days(shown.time_to_decision),
            "implementation_days": selectors.days(shown.time_to_implementation),
            "rounds": selectors.rounds_of(shown),
            "can_manage": can_manage,
            "forms": forms,
            "problem": problem,
            "open_for_costs": shown.status in (Status.RECEIVED, Status.ASSESSED),
            "open_for_decision": shown.status in (Status.ASSESSED, Status.PRIORITIZATION),
            "open_for_milestones": shown.status in (Status.DECIDED, Status.IMPLEMENTATION)
            and shown.decision == Recommendation.Decision.APPROVED,
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
    shown = get_object_or_404(Recommendation, pk=pk)
    initial = {
        "title": shown.title,
        "text": shown.text,
        "objectives": list(shown.objectives.all()),
        "dependencies": list(shown.dependencies.all()),
        "owner": shown.owner,
        "illustrative": shown.illustrative,
    }
    form = RecommendationEditForm(request.POST or None, initial=initial, recommendation=shown)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(recommendation=shown, **form.cleaned_data)
        except services.LifecycleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(shown)
    return render(
        request,
        "recommendations/form.html",
        {
            "form": form,
            "recommendation": shown,
            "title": _("Edit %(ref)s") % {"ref": shown.reference},
        },
        status=400 if form.errors else 200,
    )


# The secretariat's steps: each takes the recommendation, the form's data and the
# user, and calls one service.
def _assess(recommendation, data, user):
    return services.recommendation_assess(recommendation=recommendation, **data, by=user)


def _decide(recommendation, data, user):
    return services.recommendation_decide(recommendation=recommendation, **data, by=user)


def _move(recommendation, data, user):
    return services.recommendation_move(
        recommendation=recommendation, to=data["to"], note=data["note"], by=user
    )


def _progress(recommendation, data, user):
    return services.recommendation_progress_set(
        recommendation=recommendation, progress=data["progress"], by=user
    )


def _milestone_add(recommendation, data, user):
    return services.milestone_add(recommendation=recommendation, **data)


def _milestone_complete(recommendation, data, user):
    milestone = get_object_or_404(Milestone, pk=data["milestone"], recommendation=recommendation)
    return services.milestone_complete(milestone=milestone)


def _translate(recommendation, data, user):
    if data["language"] == recommendation.language.lower():
        raise services.LifecycleError(_("That is the language the text was written in."))
    return services.translation_set(recommendation=recommendation, **data)


# action -> (its form, the step, the name of its form on the page, if the page has one)
ACTIONS = {
    "assess": (AssessForm, _assess, "assess"),
    "decide": (DecideForm, _decide, "decide"),
    "move": (MoveForm, _move, None),
    "progress": (ProgressForm, _progress, "progress"),
    "milestone_add": (MilestoneForm, _milestone_add, "milestone"),
    "milestone_complete": (MilestoneCompleteForm, _milestone_complete, None),
    "translate": (TranslationForm, _translate, "translate"),
}


def _done_message(action: str) -> str:
    return {
        "assess": _("The costs are recorded."),
        "decide": _("The decision is recorded and published."),
        "move": _("The recommendation moved on."),
        "progress": _("Progress recorded."),
        "milestone_add": _("Milestone added."),
        "milestone_complete": _("Milestone completed."),
        "translate": _("Translation saved."),
    }[action]


@access_required("recommendations.manage")
@require_POST
def move(request, pk: int):
    """Every secretariat step on a recommendation's page; ``action`` says which.

    A refused step (an invalid form, or a move the lifecycle does not allow)
    shows the page again with the reason, and changes nothing.
    """
    shown = get_object_or_404(Recommendation, pk=pk)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return _detail(request, _shown(pk), problem=_("Unknown action."), status=400)
    form_class, perform, form_name = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        bound = (form_name, form) if form_name else None
        problem = (
            ""
            if form_name
            else " ".join(str(error) for errors in form.errors.values() for error in errors)
        )
        return _detail(request, _shown(pk), bound=bound, problem=problem, status=400)
    try:
        perform(shown, form.cleaned_data, request.user)
    except services.LifecycleError as error:
        # The service may have changed the object in memory before refusing; show
        # the stored row.
        bound = (form_name, form) if form_name else None
        return _detail(request, _shown(pk), bound=bound, problem=str(error), status=400)
    messages.success(request, _done_message(action))
    return redirect(shown)


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
    response = HttpResponse(
        recommendations_csv(_filtered(request), base_url=_base_url(request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
    return response


def export_json(request):
    response = HttpResponse(
        recommendations_json(_filtered(request), base_url=_base_url(request)),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="recommendations.json"'
    return response
