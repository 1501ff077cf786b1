from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.audio.models import MAX_SPEAKERS
from commonweal.audio.selectors import people_for_review

# The six UN languages Whisper hears, by the codes it takes; blank: let it find out.
LANGUAGES = [
    ("", _("Detect it")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("ru", _("Russian")),
]


class RecordingUploadForm(forms.Form):
    recording = forms.FileField(
        label=_("Recording"),
        help_text=_("WAV, MP3, M4A, OGG, Opus or FLAC, or a video with sound."),
    )
    title = forms.CharField(label=_("Title of the session"), max_length=300)
    session_date = forms.DateField(
        label=_("Date of the session"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(label=_("Language spoken"), choices=LANGUAGES, required=False)
    speakers = forms.IntegerField(
        label=_("Number of speakers (optional)"),
        min_value=1,
        max_value=MAX_SPEAKERS,
        required=False,
        help_text=_("Leave empty to let the voices be counted."),
    )


class VoiceMappingForm(forms.Form):
    """One choice per voice: the person it is, or none (it keeps its label). Two voices
    may be one person: the engine sometimes hears one speaker as two."""

    def __init__(self, *args, voices, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_for_review()
        for voice in voices:
            suggestion = suggestions.get(voice.index)
            self.fields[self.field_name(voice.index)] = forms.ModelChoiceField(
                label=voice.shown_label,
                queryset=people,
                required=False,
                empty_label=_("Keep as “%(label)s”") % {"label": voice.shown_label},
                initial=suggestion.person.pk if suggestion else None,
            )

    @staticmethod
    def field_name(index: int) -> str:
        return f"voice_{index}"

    def names(self) -> dict[int, object]:
        return {
            int(name.removeprefix("voice_")): person for name, person in self.cleaned_data.items()
        }
