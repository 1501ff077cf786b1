from django import forms
from django.utils.translation import gettext_lazy as _


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
