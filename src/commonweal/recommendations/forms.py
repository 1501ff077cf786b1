from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import StakeholderGroup
from commonweal.recommendations.models import (
    REFERENCE_PATTERN,
    Milestone,
    Objective,
    Recommendation,
    RecommendationTranslation,
    Source,
)


def _max_length(model: type[models.Model], name: str) -> int:
    """The length the model's field holds, so that a form never accepts more."""
    return model._meta.get_field(name).max_length


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("any"))] + list(Recommendation.Status.choices),
        required=False,
    )
    source_kind = forms.ChoiceField(
        label=_("Source"), choices=[("", _("any"))] + list(Source.Kind.choices), required=False
    )
    objective = forms.ModelChoiceField(
        label=_("Objective"),
        queryset=Objective.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("any"),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.filter(recommendation_sources__isnull=False)
        .distinct()
        .order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("any"),
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("any"))] + list(Recommendation.Decision.choices),
        required=False,
    )

    def filters(self) -> dict:
        """The arguments of selectors.recommendation_list; nothing filtered when invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data["status"],
            "source_kind": data["source_kind"],
            "objective": data["objective"],
            "group": data["group"],
            "decision": data["decision"],
            "query": data["q"],
        }


def _objectives_field():
    return forms.ModelMultipleChoiceField(
        label=_("Strategic objectives"),
        queryset=Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _dependencies_field():
    return forms.ModelMultipleChoiceField(
        label=_("Depends on"),
        queryset=Recommendation.objects.order_by("reference"),
        required=False,
        help_text=_("Recommendations that must be implemented first."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class RecommendationAddForm(forms.Form):
    reference = forms.RegexField(
        label=_("Reference"),
        max_length=_max_length(Recommendation, "reference"),
        regex=REFERENCE_PATTERN,
        help_text=_("A short identifier, such as WS2-1.1, without spaces, commas or semicolons."),
    )
    title = forms.CharField(label=_("Title"), max_length=_max_length(Recommendation, "title"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES, initial="en"
    )
    source_kind = forms.ChoiceField(label=_("Kind of source"), choices=Source.Kind.choices)
    source_body = forms.CharField(
        label=_("Body"),
        max_length=_max_length(Source, "body"),
        help_text=_("Who made it, such as “CCWG-Accountability”."),
    )
    source_document = forms.CharField(
        label=_("Document"),
        max_length=_max_length(Source, "document"),
        help_text=_("Such as “WS2 Final Report”."),
    )
    source_url = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )
    source_group = forms.ModelChoiceField(
        label=_("Stakeholder group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        required=False,
    )
    objectives = _objectives_field()
    dependencies = _dependencies_field()
    owner = forms.CharField(
        label=_("Owner"), max_length=_max_length(Recommendation, "owner"), required=False
    )
    illustrative = forms.BooleanField(
        label=_("Illustrative (example data, not a real recommendation)"), required=False
    )

    def clean_reference(self):
        reference = self.cleaned_data["reference"]
        if Recommendation.objects.filter(reference=reference).exists():
            raise forms.ValidationError(_("There is already a recommendation with this reference."))
        return reference


class RecommendationEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=_max_length(Recommendation, "title"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    objectives = _objectives_field()
    dependencies = _dependencies_field()
    owner = forms.CharField(
        label=_("Owner"), max_length=_max_length(Recommendation, "owner"), required=False
    )
    illustrative = forms.BooleanField(
        label=_("Illustrative (example data, not a real recommendation)"), required=False
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependencies"].queryset = Recommendation.objects.exclude(
            pk=recommendation.pk
        ).order_by("reference")
        if recommendation.status not in (
            Recommendation.Status.RECEIVED,
            Recommendation.Status.ASSESSED,
        ):
            for name in ("title", "text"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Fixed once the recommendation went to prioritization."
                )


class AssessForm(forms.Form):
    one_time_cost = forms.DecimalField(
        label=_("One-time cost"), min_value=Decimal("0"), max_digits=14, decimal_places=2
    )
    recurring_cost = forms.DecimalField(
        label=_("Recurring annual cost"), min_value=Decimal("0"), max_digits=14, decimal_places=2
    )
    implementation_years = forms.IntegerField(
        label=_("Implementation period in years"), min_value=1, max_value=20, initial=1
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Recommendation.Decision.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))
    serves = forms.CharField(
        label=_("Whom it serves"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which part of the public interest this decision serves, and whom."),
    )
    consultation = forms.CharField(
        label=_("How the community was consulted"), widget=forms.Textarea(attrs={"rows": 2})
    )
    alternatives = forms.CharField(
        label=_("Alternatives weighed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(forms.Form):
    # The moves made by hand; prioritization is entered through a round and a decision
    # is recorded with the decision form.
    to = forms.ChoiceField(
        choices=[
            (status.value, status.label)
            for status in (
                Recommendation.Status.ASSESSED,
                Recommendation.Status.IMPLEMENTATION,
                Recommendation.Status.IMPLEMENTED,
            )
        ]
    )
    note = forms.CharField(max_length=2000, required=False)


class ReasonForm(forms.Form):
    """Why a step that changes a recommendation's status is taken; asked on its
    confirmation and kept with the step in the lifecycle."""

    note = forms.CharField(
        label=_("Reason (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Public: shown with this step in the recommendation's lifecycle."),
    )


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=_max_length(Milestone, "title"))
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MilestoneCompleteForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput)


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(
        label=_("Title"), max_length=_max_length(RecommendationTranslation, "title")
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV)"),
        help_text=_("UTF-8, comma- or semicolon-separated, with a header row."),
    )
