from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import Membership, Person


class MembershipForm(forms.ModelForm):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.filter(is_erased=False)
    )

    class Meta:
        model = Membership
        fields = ["person", "role", "title", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A membership cannot end before it starts."))
        return cleaned


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("Roster file (YAML or CSV)"))
