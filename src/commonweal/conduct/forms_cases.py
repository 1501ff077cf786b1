"""The forms of the ombudsman's and the custodian's pages."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commonweal.conduct.forms_reporting import FilesField
from commonweal.conduct.models import Case, Consent
from commonweal.conduct.services.handling import HANDLER_STATUSES, MAX_REASON, MAX_REPLY


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Message to the reporter"),
        max_length=MAX_REPLY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Stored encrypted; the reporter reads it with their receipt."),
    )
    feedback = forms.BooleanField(
        label=_("This message tells the reporter what is being done (feedback)"),
        required=False,
        help_text=_("The first such message stops the feedback clock."),
    )
    files = FilesField(label=_("Files (optional)"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, Case.Status(value).label) for value in HANDLER_STATUSES],
    )


class ConsentChoice(forms.ModelChoiceField):
    def label_from_instance(self, consent: Consent) -> str:
        return _("%(what)s, to %(whom)s (given %(date)s)") % {
            "what": consent.get_what_display(),
            "whom": consent.to_whom,
            "date": date_format(consent.given_at, "DATE_FORMAT"),
        }


class DisclosureRequestForm(forms.Form):
    consent = ConsentChoice(
        label=_("Under the reporter's consent"),
        queryset=Consent.objects.none(),
        required=False,
        empty_label=_("No consent: a custodian must approve"),
    )
    what = forms.ChoiceField(
        label=_("What is to be disclosed"),
        choices=list(Consent.HANDLER_WORDS.items()),
        required=False,
    )
    to_whom = forms.CharField(label=_("To whom"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Why it is needed"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Stored encrypted; the custodians read it before they decide."),
    )

    def __init__(self, *args, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        if not consents.exists():
            del self.fields["consent"]

    def clean(self):
        data = super().clean()
        if data.get("consent") is None and not (data.get("what") and data.get("to_whom")):
            raise forms.ValidationError(_("Say what is to be disclosed, and to whom."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.HiddenInput,
    )
