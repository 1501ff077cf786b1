from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from commonweal.community.models import StakeholderGroup
from commonweal.core.downloads import csv_download
from commonweal.core.permissions import access_required
from commonweal.metrics import kpis, selectors, services
from commonweal.metrics.forms import AssessmentForm, DashboardFilterForm


def _filters(request, group=None) -> tuple[DashboardFilterForm, kpis.Filters, str]:
    form = DashboardFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    filters = kpis.Filters(
        date_from=chosen.get("date_from"),
        date_to=chosen.get("date_to"),
        group=group or chosen.get("group"),
    )
    return form, filters, (chosen.get("q") or "").strip()


def _dashboard_context(request, group=None) -> dict:
    form, filters, query = _filters(request, group)
    page = selectors.dashboard_page(filters, query=query)
    # The CSV links repeat the page's filters, and a group page's group.
    csv_query = request.GET.copy()
    if group is not None:
        csv_query["group"] = group.slug
    return {
        "filters": form,
        "dashboard": page.dashboard,
        "query": query,
        "tables": page.tables,
        "csv_query": csv_query.urlencode(),
        "quarters_chart": page.quarters_chart,
        "longest_wait": page.longest_wait,
        "model": page.model,
        "dimensions": page.dimensions,
        "measure_sections": page.measure_sections,
    }


def community(request):
    return render(request, "metrics/dashboard.html", _dashboard_context(request))


def group(request, slug: str):
    stakeholder_group = get_object_or_404(StakeholderGroup, slug=slug)
    context = _dashboard_context(request, stakeholder_group)
    maturity = selectors.group_maturity(stakeholder_group, context["model"], context["dimensions"])
    context.update(
        group=stakeholder_group,
        history=maturity.history,
        radar=maturity.radar,
        level_names=maturity.level_names,
        can_assess=request.user.has_perm("metrics.assess_group", stakeholder_group),
    )
    return render(request, "metrics/dashboard.html", context)


def table_csv(request):
    key = request.GET.get("table", "")
    _form, filters, query = _filters(request)
    # A registered measure's table is known only once computed, so the key is checked then.
    table = selectors.dashboard_table(filters, query=query, key=key) if key else None
    if table is None:
        raise Http404(_("There is no such table."))
    suffix = f"-{filters.group.slug}" if filters.group else ""
    return csv_download(
        filename=f"metrics-{key}{suffix}.csv",
        header=table.header,
        rows=[["" if cell is None else cell for cell in row] for row in table.rows],
    )


def _group(request, slug: str):
    return get_object_or_404(StakeholderGroup, slug=slug)


@access_required("metrics.assess_group", fn=_group)
def assess(request, slug: str):
    stakeholder_group = _group(request, slug)
    model = selectors.default_model()
    if model is None:
        raise Http404(_("There is no maturity model to assess against."))
    form = AssessmentForm(request.POST or None, model=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                group=stakeholder_group,
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
            return redirect("metrics:group", slug=stakeholder_group.slug)
    return render(
        request, "metrics/assess.html", {"group": stakeholder_group, "form": form, "model": model}
    )
