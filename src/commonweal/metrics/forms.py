from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import StakeholderGroup
from commonweal.metrics.models import MaturityModel


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All groups"),
    )
    q = forms.CharField(label=_("Hours on topics about"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class AssessmentForm(forms.Form):
    """The date, a note, and for each dimension of the model its level and the evidence:
    ``level_<code>`` and ``evidence_<code>``."""

    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, model: MaturityModel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        choices = [
            (number, f"{number}. {label}")
            for number, label in enumerate(model.level_labels(), start=1)
        ]
        self.dimensions = list(model.dimensions.all())
        for dimension in self.dimensions:
            self.fields[f"level_{dimension.code}"] = forms.TypedChoiceField(
                label=dimension.label(), choices=choices, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"evidence_{dimension.code}"] = forms.CharField(
                label=_("Evidence for %(dimension)s") % {"dimension": dimension.label()},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            dimension.code: (
                self.cleaned_data[f"level_{dimension.code}"],
                self.cleaned_data[f"evidence_{dimension.code}"],
            )
            for dimension in self.dimensions
        }

    def dimension_fields(self):
        return [
            (self[f"level_{dimension.code}"], self[f"evidence_{dimension.code}"])
            for dimension in self.dimensions
        ]
