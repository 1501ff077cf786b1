"""Forms of the follows and alerts pages: following a thing, how one hears, flagging."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import StakeholderGroup
from commonweal.consultations.models import Delivery, Follow
from commonweal.consultations.services.alerts import REASON_MAX, TITLE_MAX
from commonweal.consultations.services.preferences import REMINDER_DAYS_MAX
from commonweal.core import follows


class FollowForm(forms.Form):
    """Sent by the follow control: a level for the thing, or ``stop``."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in follows.KINDS])
    subject = forms.CharField(max_length=200)
    level = forms.ChoiceField(choices=Follow.Level.choices, required=False)
    stop = forms.BooleanField(required=False)

    field_order = ["kind", "subject", "level", "stop"]


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email about what you follow"), choices=Delivery.Frequency.choices
    )
    reminder_days = forms.IntegerField(
        label=_("Reminder in your calendar feed, days before a deadline (0: none)"),
        min_value=0,
        max_value=REMINDER_DAYS_MAX,
    )
    email = forms.BooleanField(label=_("Send me email"), required=False)

    field_order = ["frequency", "reminder_days", "email"]


class GroupChoices(forms.ModelMultipleChoiceField):
    """Groups by their full names: a sender picks among them, not among acronyms."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class FlagForm(forms.Form):
    """An alert: what, why, to whom. About a followable thing (``kind``, ``subject``, whose
    page is the link) or about any web page (``url``)."""

    kind = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    subject = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    url = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The page people should read, starting with https://"),
    )
    reason = forms.CharField(
        label=_("Why it matters"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Everyone who receives it reads this, and it stays on the public record."),
    )
    groups = GroupChoices(
        label=_("Send it to the members of"),
        queryset=StakeholderGroup.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["kind", "subject", "title", "url", "reason", "groups"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") not in ("", *follows.KINDS):
            raise forms.ValidationError(_("What you flagged does not exist any more."))
        if not cleaned.get("kind") and not cleaned.get("url"):
            self.add_error("url", _("Give the link of the page to read."))
        return cleaned
