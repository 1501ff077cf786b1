from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.community.models import Person, StakeholderGroup
from commonweal.meetings.models import Candidate


class TranscriptUploadForm(forms.Form):
    transcript = forms.FileField(
        label=_("Transcript"),
        help_text=_("Text, Markdown, Word, PDF, WebVTT, SRT or JSON."),
    )
    roster = forms.FileField(
        label=_("Roster (optional)"),
        required=False,
        help_text=_(
            "YAML or CSV; without one, speakers are matched against the people already here."
        ),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the transcripts"), max_length=200, required=False)


class MeetingFilterForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.filter(is_erased=False, meeting_participations__isnull=False)
        .distinct()
        .order_by("display_name"),
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range comes before its start."))
        return cleaned


class CandidateReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Candidate.Status.CONFIRMED, _("Confirm")),
            (Candidate.Status.DISMISSED, _("Dismiss")),
            (Candidate.Status.PROPOSED, _("Back to review")),
        ]
    )


class TopicTitleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("What the part of the meeting was about, in a few words."),
        error_messages={"required": _("Write a title.")},
    )

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Write a title."))
        return title
