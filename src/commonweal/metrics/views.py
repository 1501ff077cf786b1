from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from commonweal.community.models import StakeholderGroup
from commonweal.core.permissions import access_required
from commonweal.metrics import charts, kpis, selectors, services
from commonweal.metrics.forms import AssessmentForm, DashboardFilterForm
from commonweal.metrics.tables import TABLE_KEYS, dashboard_tables
from commonweal.spreadsheets import csv_text


def _filters(request, group=None) -> tuple[DashboardFilterForm, kpis.Filters, str]:
    form = DashboardFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    filters = kpis.Filters(
        date_from=chosen.get("date_from"),
        date_to=chosen.get("date_to"),
        group=group or chosen.get("group"),
    )
    return form, filters, (chosen.get("q") or "").strip()


def _context(request, group=None) -> dict:
    form, filters, query = _filters(request, group)
    data = kpis.dashboard(filters, query=query)
    model = selectors.default_model()
    dimensions = selectors.dimension_labels(model)
    query_string = request.GET.copy()
    if group is not None:
        query_string["group"] = group.slug
    return {
        "filters": form,
        "data": data,
        "query": query,
        "tables": dashboard_tables(data, dimensions),
        "csv_query": query_string.urlencode(),
        "quarters_chart": charts.columns(
            [(row.quarter, row.meeting_hours) for row in data.hours_by_quarter]
        ),
        "longest_wait": max((row.decision_median_days or 0 for row in data.durations), default=0),
        "model": model,
        "dimensions": dimensions,
    }


def community(request):
    return render(request, "metrics/dashboard.html", _context(request))


def group(request, slug: str):
    shown = get_object_or_404(StakeholderGroup, slug=slug)
    context = _context(request, shown)
    model = context["model"]
    history = list(selectors.assessment_history(shown, model)) if model else []
    context.update(
        group=shown,
        history=history,
        radar=charts.radar(
            context["dimensions"],
            [
                (
                    assessment.assessed_on.isoformat(),
                    {score.dimension.code: score.level for score in assessment.scores.all()},
                )
                for assessment in history
            ],
            len(model.levels) if model else 0,
        ),
        level_names=model.level_labels() if model else [],
        can_assess=request.user.has_perm("metrics.assess_group", shown),
    )
    return render(request, "metrics/dashboard.html", context)


def table_csv(request):
    key = request.GET.get("table", "")
    if key not in TABLE_KEYS:
        raise Http404(_("There is no such table."))
    _form, filters, query = _filters(request)
    data = kpis.dashboard(filters, query=query)
    table = dashboard_tables(data, selectors.dimension_labels(selectors.default_model()))[key]
    rows = [["" if cell is None else cell for cell in row] for row in table.rows]
    response = HttpResponse(csv_text(table.header, rows), content_type="text/csv; charset=utf-8")
    suffix = f"-{filters.group.slug}" if filters.group else ""
    response["Content-Disposition"] = f'attachment; filename="metrics-{key}{suffix}.csv"'
    return response


def _group(request, slug: str):
    return get_object_or_404(StakeholderGroup, slug=slug)


@access_required("metrics.assess_group", fn=_group)
def assess(request, slug: str):
    shown = _group(request, slug)
    model = selectors.default_model()
    if model is None:
        raise Http404(_("There is no maturity model to assess against."))
    form = AssessmentForm(request.POST or None, model=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                group=shown,
                by=request.user,
                assessed_on=form.cleaned_data["assessed_on"],
                note=form.cleaned_data["note"],
                scores=form.scores(),
                model=model,
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The self-assessment is recorded."))
            return redirect("metrics:group", slug=shown.slug)
    return render(request, "metrics/assess.html", {"group": shown, "form": form, "model": model})
