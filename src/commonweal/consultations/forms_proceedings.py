"""Forms of the proceedings pages: each lists its fields; the services check the rest."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import StakeholderGroup
from commonweal.consultations.models import Proceeding
from commonweal.consultations.models.proceedings import DOCUMENT_EXTENSIONS
from commonweal.consultations.services.proceedings import MAX_TEXT


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "dir": "auto"})


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class ProceedingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("What is asked"), required=False, max_length=MAX_TEXT, widget=_textarea()
    )
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    opens_on = forms.DateField(label=_("Opens on"), widget=_date())
    closes_on = forms.DateField(
        label=_("Closes on"), widget=_date(), help_text=_("Comments are taken to the day's end.")
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups concerned"),
        queryset=StakeholderGroup.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["title", "summary", "language", "opens_on", "closes_on", "groups"]

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("One of: %(kinds)s.") % {"kinds": ", ".join(DOCUMENT_EXTENSIONS)},
    )
    url = forms.URLField(
        label=_("Or a link"), required=False, max_length=500, assume_scheme="https"
    )

    field_order = ["title", "language", "file", "url"]

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")) and not self.errors:
            raise forms.ValidationError(_("Upload a file or give a link, not both."))
        return cleaned


class ExtensionForm(forms.Form):
    closes_on = forms.DateField(label=_("New closing date"), widget=_date())
    reason = forms.CharField(
        label=_("Why the period is extended"),
        max_length=2000,
        widget=_textarea(3),
        help_text=_("Shown to everyone on the proceeding's page, beside the new date."),
    )

    field_order = ["closes_on", "reason"]


class SubmissionForm(forms.Form):
    """A comment, as the author or on behalf of a group they are a member of."""

    text = forms.CharField(label=_("Your comment"), max_length=MAX_TEXT, widget=_textarea(10))
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    on_behalf_of = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=StakeholderGroup.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("A group's submission is published once one of its coordinators endorses it."),
    )

    field_order = ["text", "language", "on_behalf_of"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of"].queryset = groups


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Your note to the author"),
        max_length=2000,
        widget=_textarea(3),
        help_text=_("Why the group does not endorse it as it is; only the author reads it."),
    )


class ReportForm(forms.Form):
    """The report's overall text and one answer per published submission."""

    report = forms.CharField(
        label=_("The report"), required=False, max_length=100_000, widget=_textarea(12)
    )

    field_order = ["report"]

    def __init__(self, *args, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.submissions = list(submissions)
        for submission in self.submissions:
            self.fields[self.field_name(submission)] = forms.CharField(
                label=_("What the report says about submission %(number)d")
                % {"number": submission.pk},
                required=False,
                max_length=MAX_TEXT,
                widget=_textarea(3),
            )

    @staticmethod
    def field_name(submission) -> str:
        return f"response_{submission.pk}"

    def responses(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(self.field_name(s), "") for s in self.submissions}

    def rows(self):
        """Each submission with its answer's field, for the template."""
        return [(s, self[self.field_name(s)]) for s in self.submissions]


STATUS_CHOICES = [("", _("Any status"))] + [
    (value, label) for value, label in Proceeding.Status.choices
]


class ProceedingFilter(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any group"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    field_order = ["group", "status"]

    def __init__(self, *args, with_drafts: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_drafts:
            self.fields["status"].choices = [
                choice for choice in STATUS_CHOICES if choice[0] != Proceeding.Status.DRAFT
            ]
