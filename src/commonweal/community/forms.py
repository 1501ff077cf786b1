from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import Membership, MembershipRequest, Person


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


class MembershipRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Your note to the group"),
        max_length=MembershipRequest.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Who you are and why you want to join. "
            "The group's coordinators and the secretariat read it."
        ),
    )


class MembershipDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the person (optional)"),
        required=False,
        max_length=MembershipRequest.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to them with the decision."),
    )
